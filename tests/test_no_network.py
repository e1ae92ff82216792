"""kg never connects anywhere for a query, whatever its text: attacks against a canary listener.

Each case is SPARQL that a text check could misread (comments ended by a lone CR,
``\\u`` escapes, a tokenizer's IRI that swallows a keyword) and that makes
Oxigraph open a connection to a loopback canary when it is evaluated unconfined.
The canary (helpers.Canary) records every connection made to it.
"""

import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from helpers import copy_store, http, start_server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
import pyoxigraph as ox

from kg.sandbox import filter_program, run_confined
from kg.store import open_store

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def rw_served(gold_dir, tmp_path_factory):
    """kg serve --allow-update over a copy of data/gold."""
    server = start_server(copy_store(gold_dir, tmp_path_factory, "nonet"), allow_update=True, timeout=5)
    yield server
    server.close()


@pytest.fixture(scope="module")
def gold_store(gold_dir, tmp_path_factory):
    with open_store(copy_store(gold_dir, tmp_path_factory, "nonet-embedded"), read_only=True) as store:
        yield store


def query_cases(url):
    """The issue's queries, each aimed at ``url``."""
    return {
        # rdflib's comment runs to the next LF; Oxigraph's ends at the CR and runs SERVICE.
        "comment ended by CR": f"SELECT * WHERE {{ VALUES ?x {{ 1 }} #\rSERVICE <{url}> {{ ?s ?p ?o }}\n}}",
        "comment ended by CRLF": f"SELECT * WHERE {{ VALUES ?x {{ 1 }} #\r\nSERVICE <{url}> {{ ?s ?p ?o }}\n}}",
        # rdflib expands \\u before parsing and reads the SERVICE clause as the inside of a string.
        "unicode escapes": 'SELECT * WHERE { VALUES ?x { "\\u005c" } SERVICE <' + url + '> { ?s ?p ?o } #" }\n}',
        # kg's own tokenizer reads <2)SERVICE#> as an IRI.
        "tokenizer IRI": f"SELECT * WHERE {{ VALUES ?x {{ 1 }} FILTER(1<2)SERVICE#>\n<{url}> {{ ?s ?p ?o }} }}",
    }


@pytest.mark.parametrize("case", list(query_cases("http://x/")))
def test_served_query_makes_no_connection(rw_served, canary, case):
    text = query_cases(canary.url)[case]
    r = http("GET", rw_served.base_url + "?" + urllib.parse.urlencode({"query": text}), timeout=30)
    assert canary.received() == [], f"{case}: the server connected to the canary (HTTP {r.status})"
    assert r.status in (400, 500, 503), (r.status, r.text)


@pytest.mark.parametrize("case", list(query_cases("http://x/")))
def test_embedded_query_makes_no_connection(gold_store, canary, case):
    with pytest.raises(KGError):
        gold_store.query(query_cases(canary.url)[case])
    assert canary.received() == [], f"{case}: the embedded store connected to the canary"


def test_kg_query_cli_makes_no_connection(gold_dir, tmp_path_factory, canary):
    # A real `kg query` process: its tokenizer reads <2)SERVICE#> as an IRI.
    store = copy_store(gold_dir, tmp_path_factory, "nonet-cli")
    text = query_cases(canary.url)["tokenizer IRI"]
    proc = subprocess.run([str(Path(sys.executable).parent / "kg"), "query", text, "--store", store], capture_output=True, text=True, timeout=120)
    assert canary.received() == [], "kg query connected to the canary"
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "kg never does: queries run on a thread with no network access" in proc.stderr


def test_load_after_cr_comment_makes_no_connection(rw_served, canary):
    update = f"#\rLOAD <{canary.url}data.ttl>\n"
    before = http("GET", rw_served.base_url + "?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"), headers={"Accept": "text/csv"})
    r = http("POST", rw_served.base_url, update.encode(), {"Content-Type": "application/sparql-update"}, timeout=30)
    assert canary.received() == [], f"LOAD reached the canary (HTTP {r.status})"
    assert r.status in (400, 500), (r.status, r.text)
    after = http("GET", rw_served.base_url + "?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"), headers={"Accept": "text/csv"})
    assert after.body == before.body


def test_the_filter_refuses_internet_sockets_and_keeps_unix_ones(canary):
    # Plain pyoxigraph, asked to connect on the confined thread: socket() fails there,
    # the canary sees nothing, and AF_UNIX sockets still open.
    raw = ox.Store()
    with pytest.raises(OSError, match="os error 13|Permission denied"):
        run_confined(lambda: list(raw.query(f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}")))
    assert canary.received() == []
    run_confined(lambda: socket.socketpair()[0].close())
    with pytest.raises(PermissionError):
        run_confined(socket.socket, socket.AF_INET, socket.SOCK_STREAM)


def test_the_callers_threads_keep_their_sockets():
    # The filter binds kg's thread only: the caller (a Jupyter kernel, a web app) keeps the network.
    run_confined(lambda: None)
    socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()


def test_filter_program_refuses_unknown_architectures():
    with pytest.raises(KGError, match="cannot confine"):
        filter_program("sparc64")


# --- generated variants ------------------------------------------------------------------

KEYWORD_CASE = st.sampled_from(["SERVICE", "service", "Service", "sErViCe"])
GAP = st.lists(st.sampled_from([" ", "\t", "\r", "\n", "\r\n", "\f", "#x\r", "#x\r\n", "#\n"]), min_size=1, max_size=3).map("".join)
PREFIX = st.sampled_from(["", "#\r", "#\r\n", '"\\u005c" ', "# \\u0022\r", "FILTER(1<2)"])


def _service_query(url, gap, keyword, prefix, silent):
    return f"SELECT * WHERE {{ VALUES ?x {{ 1 }} {prefix}{gap}{keyword}{' SILENT' if silent else ''}{gap}<{url}>{gap}{{ ?s ?p ?o }}\n}}"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gap=GAP, keyword=KEYWORD_CASE, prefix=PREFIX, silent=st.booleans())
def test_generated_service_variants_make_no_connection(rw_served, canary, gap, keyword, prefix, silent):
    text = _service_query(canary.url, gap, keyword, prefix, silent)
    r = http("GET", rw_served.base_url + "?" + urllib.parse.urlencode({"query": text}), timeout=30)
    assert canary.received() == [], f"connected for {text!r} (HTTP {r.status})"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gap=GAP, keyword=st.sampled_from(["LOAD", "load", "Load"]), prefix=st.sampled_from(["", "#\r", "#\r\n", "# \\u0022\r"]), silent=st.booleans())
def test_generated_load_variants_make_no_connection(rw_served, canary, gap, keyword, prefix, silent):
    text = f"{prefix}{gap}{keyword}{' SILENT' if silent else ''}{gap}<{canary.url}x.ttl>{gap}"
    r = http("POST", rw_served.base_url, text.encode(), {"Content-Type": "application/sparql-update"}, timeout=30)
    assert canary.received() == [], f"connected for {text!r} (HTTP {r.status})"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gap=GAP, keyword=st.sampled_from(["FROM", "from", "FROM NAMED", "From Named"]), prefix=PREFIX)
def test_generated_from_variants_make_no_connection(gold_store, canary, gap, keyword, prefix):
    text = f"SELECT *{gap}{prefix}{gap}{keyword}{gap}<{canary.url}>{gap}WHERE {{ ?s ?p ?o }} LIMIT 1"
    try:
        gold_store.query(text)
    except KGError:
        pass
    assert canary.received() == [], f"connected for {text!r}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gap=GAP, keyword=KEYWORD_CASE, prefix=PREFIX, silent=st.booleans())
def test_generated_service_variants_embedded(gold_store, canary, gap, keyword, prefix, silent):
    try:
        gold_store.query(_service_query(canary.url, gap, keyword, prefix, silent))
    except KGError:
        pass
    assert canary.received() == []


# --- updates on the embedded store ------------------------------------------------------


def update_cases(url):
    """Updates that make Oxigraph connect to ``url`` when evaluated unconfined."""
    return {
        "LOAD": f"LOAD <{url}data.ttl>",
        "LOAD SILENT into a graph": f"LOAD SILENT <{url}data.ttl> INTO GRAPH <http://example.org/g>",
        "SERVICE in WHERE": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    }


@pytest.fixture
def no_precheck(monkeypatch):
    """The embedded store without its text check: what remains is the confined thread."""
    import kg.store.embedded

    monkeypatch.setattr(kg.store.embedded, "refuse_remote_access", lambda text: None)


@pytest.mark.parametrize("case", list(update_cases("http://x/")))
def test_the_canary_sees_an_unconfined_update(canary, case):
    # The control: pyoxigraph on an ordinary thread does connect, so the next test can fail.
    import pyoxigraph as ox

    try:
        ox.Store().update(update_cases(canary.url)[case])
    except OSError:
        pass  # the canary closes the connection without answering
    assert canary.received() != []


@pytest.mark.parametrize("case", list(update_cases("http://x/")))
def test_embedded_update_makes_no_connection(tmp_path, canary, no_precheck, case):
    with open_store(str(tmp_path / "store")) as store:
        store.update('INSERT DATA { <http://example.org/s> <http://example.org/p> "kept" }')
        text = update_cases(canary.url)[case]
        if "SILENT" in text:
            store.update(text)  # SILENT: the refused connection is no error, and nothing is loaded
        else:
            with pytest.raises(KGError, match="no network access"):
                store.update(text)
        assert canary.received() == [], f"{case}: the embedded store's update connected to the canary"
        assert len(store) == 1
        store.update('INSERT DATA { <http://example.org/s> <http://example.org/p> "and another" }')  # still writable
        assert len(store) == 2


def test_embedded_update_reads_no_file(tmp_path, no_precheck):
    # Oxigraph's LOAD has no file: scheme; a file beside the store stays unread.
    outside = tmp_path / "outside.nt"
    outside.write_text("<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n", encoding="utf-8")
    with open_store(str(tmp_path / "store")) as store:
        with pytest.raises(KGError):
            store.update(f"LOAD <{outside.as_uri()}> INTO GRAPH <http://example.org/g>")
        assert len(store) == 0


def test_the_confined_thread_leaves_the_callers_sockets(tmp_path, canary, no_precheck):
    # The filter binds the update thread alone: this thread still connects.
    with open_store(str(tmp_path / "store")) as store, pytest.raises(KGError):
        store.update(update_cases(canary.url)["LOAD"])
    import socket

    with socket.create_connection(("127.0.0.1", canary.port), timeout=10) as s:
        s.sendall(b"from the caller")
    assert canary.received() == [b"from the caller"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gap=GAP, keyword=st.sampled_from(["LOAD", "load", "Load"]), prefix=st.sampled_from(["", "#\r", "#\r\n", "# \\u0022\r"]), silent=st.booleans())
def test_generated_load_variants_embedded(tmp_path_factory, canary, no_precheck, gap, keyword, prefix, silent):
    text = f"{prefix}{gap}{keyword}{' SILENT' if silent else ''}{gap}<{canary.url}x.ttl>{gap}"
    with open_store(str(tmp_path_factory.mktemp("load") / "store")) as store:
        try:
            store.update(text)
        except KGError:
            pass
        assert len(store) == 0
    assert canary.received() == [], f"connected for {text!r}"


def test_an_update_refuses_to_run_where_the_filter_cannot_be_installed(monkeypatch, tmp_path):
    # Where the filter cannot be installed (another system), the update is refused, not run unconfined, and nothing waits forever.
    import kg.sandbox

    def unavailable(all_threads=True):
        raise AttributeError("no prctl here")

    monkeypatch.setattr(kg.sandbox, "install_network_filter", unavailable)
    monkeypatch.setattr(kg.sandbox, "_confined", None)
    with open_store(str(tmp_path / "store")) as store:
        with pytest.raises(KGError, match="cannot confine SPARQL evaluation: no prctl here"):
            store.update('INSERT DATA { <http://example.org/s> <http://example.org/p> "o" }')
        assert len(store) == 0
