"""kg serve against hostile pages and clients: cross-site writes, Host names, framing, memory, fairness."""

import http.client as httpclient
import socket
import threading
import time
import urllib.parse

import pytest
from helpers import copy_store, http, start_server

from kg.server import Request, handle

pytestmark = pytest.mark.server

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UPDATE = {"Content-Type": "application/sparql-update"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def gold_rw(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "guard"), allow_update=True, cors_origins=("https://app.example",), allowed_hosts=("kg.example",))
    yield server
    server.close()


def count(server):
    r = http("GET", server.base_url + "?" + urllib.parse.urlencode({"query": COUNT}), headers={"Accept": "text/csv"})
    return int(r.text.split()[1])


def own(server):
    return server.url.rstrip("/")


# --- cross-site writes ----------------------------------------------------------------


def test_form_update_from_another_site_is_refused(gold_rw):
    before = count(gold_rw)
    assert before > 1000
    # What a hostile page's <form method=post> or no-cors fetch sends.
    r = http("POST", gold_rw.base_url, b"update=DROP+ALL", {**FORM, "Origin": "https://evil.example"})
    assert r.status == 403 and "https://evil.example" in r.text
    assert count(gold_rw) == before


def test_form_update_with_only_sec_fetch_site_is_refused(gold_rw):
    before = count(gold_rw)
    r = http("POST", gold_rw.base_url, b"update=DROP+ALL", {**FORM, "Sec-Fetch-Site": "cross-site"})
    assert r.status == 403
    assert count(gold_rw) == before


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_write_from_another_site_is_refused(gold_rw, method):
    before = count(gold_rw)
    body = b"" if method == "DELETE" else b"<http://e/s> <http://e/p> <http://e/o> ."
    r = http(method, gold_rw.url + "store?default", body, {"Content-Type": "text/turtle", "Origin": "null"})
    assert r.status == 403, r.text
    assert count(gold_rw) == before


def test_own_page_form_write_needs_the_token(gold_rw):
    page = http("GET", gold_rw.url)
    token = page.text.split('"token": "')[1].split('"')[0] if '"token": "' in page.text else page.text.split('"token":"')[1].split('"')[0]
    headers = {**FORM, "Origin": own(gold_rw)}
    update = "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> 'x' } }"
    r = http("POST", gold_rw.base_url, urllib.parse.urlencode({"update": update}).encode(), headers)
    assert r.status == 403 and "token" in r.text
    r = http("POST", gold_rw.base_url, urllib.parse.urlencode({"update": update, "token": token}).encode(), headers)
    assert r.status == 204, r.text
    r = http("POST", gold_rw.base_url, b"CLEAR GRAPH <http://e/g>", {**UPDATE, "Origin": own(gold_rw)})
    assert r.status == 204, r.text


def test_cors_origin_and_non_browser_clients_may_write(gold_rw):
    r = http("POST", gold_rw.base_url, b"CLEAR GRAPH <http://e/none>", {**UPDATE, "Origin": "https://app.example"})
    assert r.status == 204, r.text
    assert r.headers["access-control-allow-origin"] == "https://app.example"
    # No Origin: curl, SPARQLWrapper, kg build. The protocol's form-encoded update is theirs.
    r = http("POST", gold_rw.base_url, b"update=CLEAR+GRAPH+%3Chttp%3A%2F%2Fe%2Fnone%3E", FORM)
    assert r.status == 204, r.text


# --- Host names -----------------------------------------------------------------------


@pytest.mark.parametrize("host,status", [("evil.example", 403), ("evil.example:7878", 403), ("localhost:1", 200), ("[::1]:9", 200), ("KG.example", 200)])
def test_host_allow_list(gold_rw, host, status):
    r = http("GET", gold_rw.base_url + "?query=ASK%7B%7D", headers={"Host": host})
    assert r.status == status, r.text
    if status == 403:
        assert "is not a name of this server" in r.text


def test_handler_without_a_socket_checks_host_too(gold_rw):
    r = handle(gold_rw.app, Request("GET", "/sparql?query=ASK%7B%7D", {"host": "rebound.example"}))
    assert r.status == 403
    assert handle(gold_rw.app, Request("GET", "/sparql?query=ASK%7B%7D", {})).status == 200


# --- framing: one request, one answer ---------------------------------------------------

SMUGGLED = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def exchange(server, data):
    """Send bytes, then one well-formed closing request; return the status codes answered."""
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(data + b"GET /queries HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    return [int(line.split(b" ")[1]) for line in out.split(b"\r\n") if line.startswith(b"HTTP/1.1 ")]


@pytest.mark.parametrize(
    "head,status",
    [
        (b"POST /nowhere HTTP/1.1\r\nContent-Type: text/plain", 404),
        (b"PATCH /sparql HTTP/1.1\r\nContent-Type: text/plain", 405),
        (b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query; charset=latin-1", 415),
        (b"POST /store?default HTTP/1.1\r\nContent-Type: text/turtle\r\nOrigin: https://evil.example", 403),
    ],
)
def test_an_unread_body_is_never_a_second_request(gold_rw, head, status):
    data = head + b"\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(SMUGGLED) + SMUGGLED
    statuses = exchange(gold_rw, data)
    assert statuses[0] == status
    assert statuses[1:] in ([200], []), statuses  # the next real request, or a closed connection


def test_read_only_write_body_is_not_a_second_request(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "guard-ro"))
    try:
        data = b"PUT /store?default HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/turtle\r\nContent-Length: %d\r\n\r\n" % len(SMUGGLED) + SMUGGLED
        statuses = exchange(server, data)
        assert statuses[0] == 403 and statuses[1:] in ([200], []), statuses
    finally:
        server.close()


@pytest.mark.parametrize("length", [b"-5", b"+5", b"5, 6", b"0x10", b"99999999999999999999999"])
def test_bad_content_length_is_400(gold_rw, length):
    data = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: " + length + b"\r\n\r\nASK {}"
    host, port = gold_rw.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(data)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    assert out.startswith(b"HTTP/1.1 400") and b"Content-Length" in out, out[:200]
    assert b"Connection: close" in out


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "POST"])
def test_wrong_methods_on_queries_are_405_with_allow(gold_rw, method):
    r = http(method, gold_rw.url + "queries", b"x" if method != "DELETE" else None, {"Content-Type": "text/plain"})
    assert r.status == 405 and r.headers["allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path,allow", [("/sparql", "GET, HEAD, POST, OPTIONS"), ("/store", "GET, HEAD, PUT, POST, DELETE, OPTIONS"), ("/", "GET, HEAD, OPTIONS"), ("/graph", "GET, HEAD, POST, OPTIONS")])
def test_wrong_methods_everywhere_are_405_with_allow(gold_rw, path, allow):
    r = http("PATCH", gold_rw.url.rstrip("/") + path, b"x", {"Content-Type": "text/plain"})
    assert r.status == 405 and r.headers["allow"] == allow
    assert http("OPTIONS", gold_rw.url.rstrip("/") + path).headers["allow"] == allow


def test_options_on_an_unknown_path_is_404(gold_rw):
    assert http("OPTIONS", gold_rw.url + "nowhere").status == 404


# --- memory ------------------------------------------------------------------------------


def test_a_query_past_the_memory_limit_gets_503_and_the_server_keeps_serving(tmp_path):
    (tmp_path / "store").mkdir()
    server = start_server(str(tmp_path / "store"), max_memory=800_000_000, timeout=60)
    try:
        # 10 characters, four times over fourteen times: 2.7 GB of string.
        bomb = 'SELECT (STRLEN(?a14) AS ?n) WHERE { BIND("0123456789" AS ?a0) ' + " ".join(f"BIND(CONCAT(?a{i},?a{i},?a{i},?a{i}) AS ?a{i + 1})" for i in range(14)) + " }"
        r = http("GET", server.base_url + "?" + urllib.parse.urlencode({"query": bomb}), timeout=120)
        assert r.status == 503 and "memory limit of 800 MB" in r.text, r.text
        assert http("GET", server.base_url + "?query=ASK%7B%7D", timeout=120).status == 200
    finally:
        server.close()


def test_an_order_by_over_a_cartesian_product_is_stopped_and_the_server_keeps_serving(gold_dir, tmp_path_factory):
    # Sorting needs every row at once: the cube of the store's triples, far past 800 MB.
    server = start_server(copy_store(gold_dir, tmp_path_factory, "sortbomb"), max_memory=800_000_000, timeout=300, workers=1)
    try:
        bomb = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a"
        r = http("GET", server.base_url + "?" + urllib.parse.urlencode({"query": bomb}), timeout=600)
        assert r.status == 503 and "memory limit of 800 MB" in r.text, r.text
        after = http("GET", server.base_url + "?" + urllib.parse.urlencode({"query": COUNT}), headers={"Accept": "text/csv"}, timeout=120)
        assert after.status == 200 and int(after.text.split()[1]) > 1000
    finally:
        server.close()


# --- fairness ------------------------------------------------------------------------------


def from_address(server, source, query, timeout=60):
    """GET a query from a given loopback source address (a different client)."""
    conn = httpclient.HTTPConnection("127.0.0.1", server.server_address[1], timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def wait_for(condition, deadline=30):
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("the condition did not hold in time")
        time.sleep(0.02)


def test_one_client_cannot_hold_every_worker(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "fair"), workers=2, timeout=20, max_wait=20)
    try:
        done = threading.Event()
        results = []

        def runaway():
            results.append(from_address(server, "127.0.0.2", RUNAWAY))
            done.set()

        threads = [threading.Thread(target=runaway) for _ in range(2)]
        for t in threads:
            t.start()
        pool = server.backend.readers
        # Both runaways have arrived: one holds a worker, the other waits for one.
        wait_for(lambda: pool.holding.get("127.0.0.2", 0) + sum(1 for e in list(pool.waiting) if e[1] == "127.0.0.2") == 2)
        status, body = from_address(server, "127.0.0.3", "ASK { ?s ?p ?o }")
        assert status == 200 and b"true" in body
        assert not done.is_set(), "the other client was served only after a runaway query ended"
        for t in threads:
            t.join(60)
    finally:
        server.close()


def test_a_queued_request_waits_at_most_max_wait(gold_dir, tmp_path_factory):
    server = start_server(copy_store(gold_dir, tmp_path_factory, "wait"), workers=1, timeout=20, max_wait=0.5)
    try:
        t = threading.Thread(target=from_address, args=(server, "127.0.0.2", RUNAWAY))
        t.start()
        wait_for(lambda: server.backend.readers.holding.get("127.0.0.2", 0) == 1)
        status, body = from_address(server, "127.0.0.3", "ASK {}")
        assert status == 503 and b"within 0.5 s" in body
        t.join(60)
    finally:
        server.close()
