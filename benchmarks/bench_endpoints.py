"""Latency of the canned queries through each path: embedded store, kg serve, Oxigraph server.

Builds data/gold (or --input) into an on-disk store, serves a copy with kg serve
(read-only, worker processes), builds it again into a real `oxigraph serve` over
HTTP (Graph Store PUTs), then times every canned query through

- embedded: ``run_query`` on the pyoxigraph store in this process;
- kg serve: ``run_query`` on a RemoteStore pointed at kg serve (HTTP + worker);
- oxigraph: ``run_query`` on a RemoteStore pointed at the Oxigraph server.

The first run of each query is reported apart (kg serve checks a query with
rdflib's parser once per worker, then remembers it).

Usage: .venv/bin/python benchmarks/bench_endpoints.py [--repeat 5] [--input data/gold]
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def timed(fn, repeat):
    first_start = time.perf_counter()
    fn()
    first = time.perf_counter() - first_start
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--input", default=str(ROOT / "data" / "gold"))
    args = parser.parse_args()

    from helpers import start_oxigraph, stop

    from kg.build import build
    from kg.mapping import Identities, load_identities
    from kg.query import canned_queries, run_query
    from kg.remote import RemoteStore
    from kg.server import ServerConfig, SparqlServer
    from kg.store import open_store

    entities = ROOT / "data" / "entities.yaml"
    identities = load_identities(entities) if entities.exists() else Identities()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        embedded_dir, served_dir = tmp / "embedded", tmp / "served"
        with open_store(embedded_dir) as store:
            build([Path(args.input)], store, identities=identities)
            n = len(store)
        shutil.copytree(embedded_dir, served_dir)
        server = SparqlServer(ServerConfig(store=str(served_dir), port=0, timeout=600, workers=2)).start()
        proc, oxigraph_url = start_oxigraph(tmp / "oxigraph")
        try:
            start = time.perf_counter()
            with open_store(oxigraph_url) as remote:
                build([Path(args.input)], remote, identities=identities)
            build_s = time.perf_counter() - start
            paths = {
                "embedded": open_store(embedded_dir, read_only=True),
                "kg serve": RemoteStore(server.url, timeout=600),
                "oxigraph": RemoteStore(oxigraph_url, timeout=600),
            }
            print(f"{n} quads from {args.input}; kg build into oxigraph serve over HTTP: {build_s:.2f} s")
            print(f"median of {args.repeat} runs after a first run (first run in parentheses), milliseconds\n")
            header = f"{'query':<18}" + "".join(f"{p:>22}" for p in paths)
            print(header)
            print("-" * len(header))
            for name in sorted(canned_queries()):
                params = {"series": "Ballard"} if name == "cast" else {}
                cells = []
                for store in paths.values():
                    first, median = timed(lambda store=store, name=name, params=params: run_query(store, name, params), args.repeat)
                    cells.append(f"{median * 1000:>10.1f} ({first * 1000:>8.1f})")
                print(f"{name:<18}" + "".join(f"{c:>22}" for c in cells))
            ask = {p: timed(lambda s=s: s.query("ASK {}"), args.repeat)[1] for p, s in paths.items()}
            print(f"{'ASK {} (overhead)':<18}" + "".join(f"{v * 1000:>10.1f}{'':>12}" for v in ask.values()))
        finally:
            server.close()
            stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
