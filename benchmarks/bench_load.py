"""kg serve under mixed load: ordinary clients' throughput and p99 with 0, 1 and 2 runaway clients.

Serves a copy of data/gold with kg serve (2 workers, a short time limit so that
runaway queries end), then for each scenario runs, for --seconds:

- --clients ordinary clients, each on its own keep-alive connection and its own
  loopback source address (127.0.0.10, .11, ...: different clients, as different
  machines would be), sending small SELECTs one after another;
- 0, 1 or 2 runaway clients (127.0.0.2, .3), each sending a query that runs until
  the time limit, again and again.

Reported per scenario: ordinary requests per second, their p50 and p99 latency,
and how many of them failed (non-200). The same scenarios run again with every
client on 127.0.0.1 (one address: the server cannot tell clients apart, so the
fair sharing has nothing to work with): the baseline in the same run.

Loopback only; bounded in time (--seconds per scenario) and in count (--max-requests
per ordinary client).

Usage: .venv/bin/python benchmarks/bench_load.py [--seconds 15] [--clients 4]
"""

import argparse
import http.client
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

ORDINARY = [
    "SELECT ?l WHERE { ?w a kg:Series ; rdfs:label ?l } ORDER BY ?l",
    "SELECT ?p ?l WHERE { ?p a kg:Person ; rdfs:label ?l } LIMIT 20",
    "ASK { ?w rdfs:label 'Bosch' }",
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def client(port, source, queries, stop, out, max_requests):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    n = 0
    while not stop.is_set() and n < max_requests:
        q = queries[n % len(queries)]
        start = time.perf_counter()
        try:
            conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            r.read()
            status = r.status
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
        except OSError:
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
        out.append((time.perf_counter() - start, status))
        n += 1
    conn.close()


def scenario(port, runaways, clients, seconds, max_requests, distinct):
    stop = threading.Event()
    ordinary = [[] for _ in range(clients)]
    threads = [
        threading.Thread(target=client, args=(port, f"127.0.0.{10 + i}" if distinct else "127.0.0.1", ORDINARY, stop, ordinary[i], max_requests)) for i in range(clients)
    ]
    threads += [threading.Thread(target=client, args=(port, f"127.0.0.{2 + i}" if distinct else "127.0.0.1", [RUNAWAY], stop, [], 10**9)) for i in range(runaways)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    stop.wait(seconds)
    stop.set()
    for t in threads[:clients]:
        t.join(120)
    elapsed = time.perf_counter() - start
    for t in threads[clients:]:
        t.join(120)
    results = [r for rs in ordinary for r in rs]
    latencies = sorted(t for t, s in results if s == 200)
    errors = sum(1 for _, s in results if s != 200)
    p = (lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000) if latencies else (lambda q: float("nan"))
    return {"rps": len(latencies) / elapsed, "p50": p(0.5), "p99": p(0.99), "errors": errors, "n": len(results)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--timeout", type=float, default=3.0, help="kg serve --timeout: how long each runaway query holds a worker")
    args = parser.parse_args()

    from helpers import build_gold

    from kg.server import ServerConfig, SparqlServer

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-load-"))
    try:
        store = build_gold(str(tmp / "store"))
        server = SparqlServer(ServerConfig(store=store, port=0, workers=2, timeout=args.timeout, max_wait=10.0)).start()
        port = server.server_address[1]
        try:
            scenario(port, 0, args.clients, 2.0, args.max_requests, True)  # warm up: every worker has checked every query
            print(f"kg serve, 2 workers, --timeout {args.timeout:g}; {args.clients} ordinary clients; {args.seconds:g} s per scenario")
            print(f"{'clients':<22} {'runaway':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>9} {'errors':>7} {'requests':>9}")
            for distinct in (True, False):
                label = "distinct addresses" if distinct else "one address (baseline)"
                for runaways in (0, 1, 2):
                    r = scenario(port, runaways, args.clients, args.seconds, args.max_requests, distinct)
                    print(f"{label:<22} {runaways:>7} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>9.1f} {r['errors']:>7} {r['n']:>9}", flush=True)
        finally:
            server.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
