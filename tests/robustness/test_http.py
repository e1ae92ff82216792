"""Case 4: the HTTP endpoint under abuse, against a real ``kg serve`` subprocess on loopback.

Documented limits (README, "Serving SPARQL"): bodies over the limit get 413, more
than ``--max-connections`` connections get 503 (Retry-After), a query that waits
for a busy worker longer than the time limit gets 503 (Retry-After). Anything else
that is not a 2xx/4xx answer (a reset, a hang, a 500) is a failure.
"""

import socket
import threading
import urllib.parse
from collections import Counter

import pytest

from helpers import http

pytestmark = pytest.mark.server

QUERY = "SELECT ?s WHERE { ?s a kg:Person } LIMIT 5"


def raw(server, data, timeout=10, read_all=True):
    """Send bytes as they are and return what comes back (the status line first)."""
    with socket.create_connection((server.host, server.port), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
                if not read_all and b"\r\n\r\n" in out:
                    break
        except (ConnectionResetError, TimeoutError):
            pass
        return out


def status(response):
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.") else None


def test_oversized_bodies_are_413(served):
    big = b"query=" + b"x" * 1_100_000
    r = http("POST", served.sparql, body=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 413 and "at most 1000000" in r.text
    # A huge Content-Length with no body behind it: answered at once, not read.
    r = raw(served, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 10000000000\r\n\r\nSELECT", read_all=False)
    assert status(r) == 413
    chunked = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    chunked += (b"10000\r\n" + b"#" * 0x10000 + b"\r\n") * 20 + b"0\r\n\r\n"
    assert status(raw(served, chunked)) == 413
    r = raw(served, b"GET /sparql?query=" + b"A" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", read_all=False)
    assert status(r) == 414
    r = raw(served, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n", read_all=False)
    assert status(r) == 431


@pytest.mark.parametrize(
    "ctype, body, expected",
    [
        ("text/plain", b"SELECT * {}", 415),
        ("application/json", b'{"query": "SELECT * {}"}', 415),
        ("application/sparql-query; charset=latin-1", b"SELECT * {}", 415),
        (None, b"SELECT * {}", 415),
        ("application/sparql-query", "SELECT * { ?s ?p 'caf\u00e9' }".encode("latin-1"), 400),
        ("application/x-www-form-urlencoded", b"query=%ff%fe", 400),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data; name=query\r\n\r\nASK {}\r\n--x--", 415),
    ],
)
def test_wrong_content_types_are_refused(served, ctype, body, expected):
    headers = {"Content-Type": ctype} if ctype else {}
    r = http("POST", served.sparql, body=body, headers=headers)
    assert r.status == expected, r.text
    assert r.text.count("\n") == 1


@pytest.mark.parametrize(
    "target",
    [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/sparql/../../../etc/passwd",
        "//etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/templates/graph.js",
        "/kg/server.py",
        "/.git/config",
        "/store/../../../etc/passwd",
        "http://example.org/etc/passwd",
        "*",
    ],
)
def test_paths_outside_the_app_are_not_served(served, target):
    r = raw(served, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    assert status(r) in (400, 404), r[:200]
    assert b"root:" not in r and b"[core]" not in r and b"import " not in r


def test_slow_clients_do_not_stop_the_others(served):
    slow = []
    try:
        for _ in range(20):  # slowloris: a request line, then nothing
            s = socket.create_connection((served.host, served.port), timeout=5)
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nSEL")
            slow.append(s)
        for _ in range(5):
            r = http("GET", served.sparql + "?" + urllib.parse.urlencode({"query": QUERY}), headers={"Accept": "text/csv"}, timeout=30)
            assert r.status == 200
        # A slow reader: ask for an answer and do not read it.
        reader = socket.create_connection((served.host, served.port), timeout=5)
        reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        reader.sendall(b"GET /sparql?query=" + urllib.parse.quote("SELECT * { ?s ?p ?o } LIMIT 400").encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        slow.append(reader)
        r = http("GET", served.sparql + "?" + urllib.parse.urlencode({"query": QUERY}), timeout=10)
        assert r.status == 200
    finally:
        for s in slow:
            s.close()


@pytest.mark.slow
def test_hundreds_of_concurrent_clients(served):
    # A fixed amount of work (not a time window), so the outcome does not depend on the machine's speed.
    clients, requests_each = 200, 4
    outcomes = Counter()
    failures = []
    lock = threading.Lock()
    rss_before = served.rss_kb()
    queries = [QUERY, "ASK { ?s ?p ?o }", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p }"]

    def client(i):
        for n in range(requests_each):
            q = queries[(i + n) % len(queries)]
            try:
                r = http("GET", served.sparql + "?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "application/sparql-results+json"}, timeout=60)
            except OSError as e:
                with lock:
                    failures.append(f"{type(e).__name__}: {e}")
                continue
            with lock:
                outcomes[r.status] += 1
                if r.status == 503:
                    if "Retry-After" not in {k.title() for k in r.headers} and "retry-after" not in r.headers:
                        failures.append("503 without Retry-After: " + r.text)
                    if "too many connections" not in r.text and "server busy" not in r.text:
                        failures.append("503: " + r.text)
                elif r.status not in (200, 400):
                    failures.append(f"{r.status}: {r.text}")

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    peak = rss_before
    while any(t.is_alive() for t in threads):  # each request is bounded by its own timeout
        peak = max(peak, served.rss_kb())
        next((t for t in threads if t.is_alive()), threads[0]).join(0.25)  # wait on a client, then read memory again
    assert not failures, (failures[:5], len(failures), outcomes)
    assert sum(outcomes.values()) == clients * requests_each
    assert outcomes[200] > 0 and outcomes[400] > 0, outcomes
    assert peak - rss_before < 300_000, (rss_before, peak)  # kB
    assert served.alive()
    assert http("GET", served.sparql + "?" + urllib.parse.urlencode({"query": "ASK {}"}), timeout=20).status == 200
