"""One-line failures: bad --out, a full disk, and names holding control characters."""

import csv
import io
import json
import os
import resource
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from helpers import KG, cli
from kg.build import build
from kg.facts import Announcement, Entity, Fact, FactsFile, parse_facts, validate_facts
from kg.network import dumps_graph, to_networkx
from kg.names import unsafe_character
from kg.query import format_result, solutions_json
from kg.store import open_store
from paths import GOLD

OUTPUTS = ("graph.trig", "graph.json", "graph.graphml", "graph.html")


def store_state(path):
    """The files of an on-disk store with their sizes and modification times (None if absent)."""
    if not path.exists():
        return None
    return sorted((str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns) for p in path.rglob("*") if p.is_file())


def one_error_line(result):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


# --- --out that cannot be written: refused before the store is touched -----------------


def unwritable_out(tmp_path):
    """A folder kg cannot write into, whoever runs the tests (root ignores permission bits)."""
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        return locked
    return "/proc/self/kg-out"  # procfs: no file can be created there, not even by root


@pytest.mark.parametrize("kind", ["file", "under-a-file", "not-writable"])
def test_bad_out_is_one_line_and_the_store_is_untouched(tmp_path, kind):
    store = tmp_path / "store"
    assert cli("build", GOLD, "--store", store, "--no-outputs").exit_code == 0
    (tmp_path / "a-file").write_text("not a folder")
    out = {"file": tmp_path / "a-file", "under-a-file": tmp_path / "a-file" / "out", "not-writable": unwritable_out(tmp_path)}[kind]
    before = store_state(store)
    r = cli("build", GOLD, "--store", store, "--out", out, "--force")
    assert r.exit_code == 1
    assert one_error_line(r).startswith(f"Error: cannot write outputs to {out}: ")
    assert store_state(store) == before
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_bad_out_does_not_create_a_store(tmp_path):
    (tmp_path / "a-file").write_text("")
    r = cli("build", GOLD, "--store", tmp_path / "store", "--out", tmp_path / "a-file")
    assert r.exit_code == 1 and one_error_line(r).startswith("Error: cannot write outputs to ")
    assert not (tmp_path / "store").exists()


def test_extract_checks_out_first(tmp_path):
    (tmp_path / "a-file").write_text("")
    r = cli("extract", GOLD.parent / "announcements" / "ballard-s2-renewal.txt", "--out", tmp_path / "a-file" / "facts")
    assert r.exit_code == 1 and one_error_line(r).startswith("Error: cannot write outputs to ")


# --- a full disk: one line, no partial outputs -------------------------------------------


def limited(max_bytes):
    """preexec_fn: files this process writes may not grow past ``max_bytes`` (as on a full disk).

    Python ignores SIGXFSZ, so a write past the limit fails with EFBIG instead of killing kg.
    """
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))


def test_a_full_disk_is_one_line_and_leaves_no_partial_outputs(tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    assert subprocess.run([KG, "build", GOLD, "--store", store, "--out", out], capture_output=True, timeout=300).returncode == 0
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    assert len(before["graph.html"]) > 400_000 > max(len(before[n]) for n in OUTPUTS if n != "graph.html")
    # Nothing to rebuild; the store opens (its own small files fit) and the first three
    # outputs fit, but graph.html does not: the set of four must not be replaced in part.
    r = subprocess.run([KG, "build", GOLD, "--store", store, "--out", out], capture_output=True, text=True, timeout=300,
                       preexec_fn=limited(400_000))
    assert r.returncode == 1, r.stdout + r.stderr
    assert one_error_line(r) == f"Error: cannot write {out / 'graph.html'}: File too large"
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS), "a temporary file was left behind"
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before, "an output was replaced by part of a set"
    with open_store(store, read_only=True) as s:
        assert len(s.graphs()) > 18


def test_a_full_disk_while_building_is_one_line_and_the_next_build_recovers(tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    r = subprocess.run([KG, "build", GOLD, "--store", store, "--out", out], capture_output=True, text=True, timeout=300,
                       preexec_fn=limited(150_000))
    assert r.returncode == 1
    line = one_error_line(r)
    assert line.startswith(f"Error: {store}: cannot write ") and line.endswith("File too large"), line
    assert list(out.iterdir()) == []
    r = subprocess.run([KG, "build", GOLD, "--store", store, "--out", out], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "18 built" in r.stdout


def test_a_full_disk_while_extracting_is_one_line_per_file(tmp_path):
    out = tmp_path / "facts"
    out.mkdir()
    r = subprocess.run([KG, "extract", GOLD.parent / "announcements" / "ballard-s2-renewal.txt", "--out", out], capture_output=True,
                       text=True, timeout=120, preexec_fn=limited(512))
    assert r.returncode == 1
    assert one_error_line(r) == f"error: cannot write {out / 'ballard-s2-renewal.facts.yaml'}: File too large"
    assert list(out.iterdir()) == []


# --- names with control characters --------------------------------------------------------

HOSTILE = {
    "NUL": "Maggie\\0Q",
    "BEL": "Maggie\\aQ",
    "ESC": "Maggie\\e[31mQ",
    "line feed": "Maggie\\nQ",
    "carriage return": "Maggie\\rQ",
    "line separator": "Maggie\\u2028Q",
    "right-to-left override": "Maggie\\u202eQ",
    "isolate": "Maggie\\u2067Q",
}
CODES = {"NUL": "U+0000", "BEL": "U+0007", "ESC": "U+001B", "line feed": "U+000A", "carriage return": "U+000D",
         "line separator": "U+2028", "right-to-left override": "U+202E", "isolate": "U+2067"}


def facts_text(name="Maggie Q", alias="Maggie", title="Ballard", job="Head of Drama"):
    return (
        "announcement: {id: one, published: 2025-10-06, title: \"" + title + "\"}\n"
        "entities:\n"
        "  b: {type: Series, name: Ballard}\n"
        "  m: {type: Person, name: \"" + name + "\", aliases: [\"" + alias + "\"]}\n"
        "facts:\n"
        "  - [b, castMember, m]\n"
        "  - [m, jobTitle, \"" + job + "\"]\n"
    )


@pytest.mark.parametrize("field, line", [("name", 4), ("alias", 4), ("title", 1), ("job", 7)])
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_validation_refuses_control_and_bidi_characters(tmp_path, kind, field, line):
    path = tmp_path / "one.facts.yaml"
    path.write_text(facts_text(**{field: HOSTILE[kind]}), encoding="utf-8")
    problems = validate_facts(path)
    assert len(problems) == 1, problems
    assert problems[0].line == line
    assert CODES[kind] in problems[0].message
    r = cli("validate", path)
    assert r.exit_code == 1
    assert r.stdout.startswith(f"{path}:{line}: ") and r.stdout.count("\n") == 1, r.stdout


def test_ordinary_names_pass():
    assert parse_facts(facts_text(name="Renée O'Brien-Smith", alias="Ренэ 李")).entities["m"].name == "Renée O'Brien-Smith"


@pytest.fixture
def hostile_store():
    """A store built from facts made in Python (no validation), names full of control characters."""
    ff = FactsFile(
        Announcement("hostile", None, None, None),
        {"b": Entity("b", "Series", "Bad\x00Show\x07"), "m": Entity("m", "Person", "Maggie\x1b[31mQ\u202e\n\x85")},
        [Fact("b", "castMember", "m")],
    )
    with open_store(":memory:") as store:
        build([ff], store)
        yield store


def test_graphml_stays_well_formed_xml(hostile_store):
    for fmt in ("graphml", "gexf"):
        root = ET.fromstring(dumps_graph(to_networkx(hostile_store), fmt))
        text = " ".join(" ".join([e.text or "", *e.attrib.values()]) for e in root.iter())
        assert "Maggie\\x1b[31mQ\\u202e\\n\\x85" in text and "\x1b" not in text


def test_terminal_table_escapes_control_characters(hostile_store):
    table = format_result(hostile_store.query("SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"), "table")
    assert "\x1b" not in table and "\x00" not in table and "\u202e" not in table
    assert "Maggie\\x1b[31mQ" in table and len(table.splitlines()) == 5  # header, rule, 2 rows, count


HOSTILE_LABELS = {"Bad\x00Show\x07", "Maggie\x1b[31mQ\u202e\n\x85"}
LABELS = "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"


def raw_controls(text):
    """The control and bidi control characters in ``text`` other than line breaks between lines."""
    return [c for c in text if unsafe_character(c) and c not in "\r\n"]


def test_json_and_ntriples_answers_escape_control_characters_and_read_back(hostile_store):
    text = format_result(hostile_store.query(LABELS), "json")
    assert raw_controls(text) == [] and "\\u202e" in text and "\\u0085" in text
    assert {b["l"]["value"] for b in json.loads(text)["results"]["bindings"]} == HOSTILE_LABELS
    triples = format_result(hostile_store.query("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"))
    assert raw_controls(triples) == []
    assert {t.object.value for t in ox.parse(triples.encode(), format=ox.RdfFormat.N_TRIPLES)} == HOSTILE_LABELS


def test_csv_escapes_control_characters_for_a_terminal_only(hostile_store):
    result = hostile_store.query(LABELS)
    shown = format_result(result, "csv", terminal=True)
    assert raw_controls(shown) == [] and "Maggie\\x1b[31mQ\\u202e\\n\\x85" in shown and len(shown.splitlines()) == 3
    kept = format_result(result, "csv")  # to a file or a pipe: the values as they are
    assert {row[0] for row in list(csv.reader(io.StringIO(kept)))[1:]} == HOSTILE_LABELS


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_kg_query_writes_no_raw_control_character_to_a_terminal(tmp_path, fmt):
    # A real kg process whose stdout is a terminal (a pseudo-terminal read here).
    import pty

    ff = FactsFile(
        Announcement("hostile", None, None, None),
        {"b": Entity("b", "Series", "Bad\x00Show\x07"), "m": Entity("m", "Person", "Maggie\x1b[31mQ\u202e\n\x85")},
        [Fact("b", "castMember", "m")],
    )
    with open_store(str(tmp_path / "store")) as store:
        build([ff], store)
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([KG, "query", LABELS, "--store", str(tmp_path / "store"), "--format", fmt], stdout=follower, stderr=subprocess.PIPE)
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            out += chunk
        assert proc.wait(120) == 0, proc.stderr.read()
        proc.stderr.close()
    finally:
        os.close(leader)
    text = out.decode("utf-8")
    assert raw_controls(text) == [] and "Maggie" in text, text


# --- one SPARQL-JSON encoder, the same as pyoxigraph's serialiser ------------------------


EVERY_KIND = """SELECT ?iri ?blank ?plain ?lang ?dir ?typed ?triple ?unbound WHERE {
    BIND(<http://example.org/a> AS ?iri) BIND(BNODE("b") AS ?blank) BIND("plain" AS ?plain)
    BIND("hallo"@de AS ?lang) BIND("مرحبا"@ar--rtl AS ?dir) BIND(42 AS ?typed)
    BIND(<<( <http://example.org/a> <http://example.org/p> "x"@en--ltr )>> AS ?triple) }"""

#: One subject with an object of every kind (kg serve's rdflib check reads SPARQL 1.1
#: only, so the SPARQL 1.2 terms come from the store, not from the query text).
EVERY_KIND_DATA = """<http://example.org/a> <http://example.org/p1> <http://example.org/b> .
<http://example.org/a> <http://example.org/p2> _:blank .
<http://example.org/a> <http://example.org/p3> "plain" .
<http://example.org/a> <http://example.org/p4> "hallo"@de .
<http://example.org/a> <http://example.org/p5> "مرحبا"@ar--rtl .
<http://example.org/a> <http://example.org/p6> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
<http://example.org/a> <http://example.org/p7> <<( <http://example.org/a> <http://example.org/p> "x"@en--ltr )>> .
"""
EVERY_OBJECT = "SELECT ?p ?o WHERE { <http://example.org/a> ?p ?o } ORDER BY ?p"


def every_kind_store(tmp_path):
    """An on-disk store holding EVERY_KIND_DATA in its default graph, and pyoxigraph's own JSON for EVERY_OBJECT on it."""
    data = tmp_path / "every-kind.nq"
    data.write_text(EVERY_KIND_DATA, encoding="utf-8")
    with open_store(str(tmp_path / "store")) as store:
        store.load(data)
    reference = ox.Store()
    reference.load(path=str(data), format=ox.RdfFormat.N_QUADS)
    return tmp_path / "store", reference


def without_blank_labels(answer):
    """Blank node labels are the engine's own, so they are compared by kind only."""
    for b in answer["results"]["bindings"]:
        for term in b.values():
            if term["type"] == "bnode":
                term["value"] = "_"
    return answer


def test_solutions_json_is_what_pyoxigraph_writes():
    store = ox.Store()
    expected = json.loads(store.query(EVERY_KIND).serialize(format=ox.QueryResultsFormat.JSON))
    answer = store.query(EVERY_KIND)
    columns = [v.value for v in answer.variables]
    rows = [tuple(sol[c] for c in columns) for sol in answer]
    assert without_blank_labels(solutions_json(columns, rows)) == without_blank_labels(expected)


def test_kg_query_and_kg_serve_write_the_same_json_terms(tmp_path):
    # Language-tagged and directional strings, a typed literal, a blank node, a triple term.
    store, reference = every_kind_store(tmp_path)
    expected = without_blank_labels(json.loads(reference.query(EVERY_OBJECT).serialize(format=ox.QueryResultsFormat.JSON)))
    from_query = cli("query", EVERY_OBJECT, "--store", store, "--format", "json")
    assert from_query.exit_code == 0, from_query.output
    target = "/sparql?" + urllib.parse.urlencode({"query": EVERY_OBJECT})
    from_serve = cli("serve", "--store", store, "--workers", "1", "--get", target, "--header", "Accept: application/sparql-results+json")
    assert from_serve.exit_code == 0, from_serve.output
    assert without_blank_labels(json.loads(from_query.stdout)) == expected
    assert without_blank_labels(json.loads(from_serve.stdout)) == expected
    kinds = {b["p"]["value"][-2:]: b["o"] for b in expected["results"]["bindings"]}
    assert kinds["p5"].get("its:dir") == "rtl" and kinds["p7"]["type"] == "triple" and kinds["p2"]["type"] == "bnode"


def test_kg_serve_xml_terms_read_back_as_pyoxigraph_writes_them(tmp_path):
    store, reference = every_kind_store(tmp_path)
    target = "/sparql?" + urllib.parse.urlencode({"query": EVERY_OBJECT})
    served = cli("serve", "--store", store, "--workers", "1", "--get", target, "--header", "Accept: application/sparql-results+xml")
    assert served.exit_code == 0, served.output

    def terms(data):
        return [[None if isinstance(t, ox.BlankNode) else t for t in solution] for solution in ox.parse_query_results(data, format=ox.QueryResultsFormat.XML)]

    assert terms(served.stdout_bytes) == terms(reference.query(EVERY_OBJECT).serialize(format=ox.QueryResultsFormat.XML))
