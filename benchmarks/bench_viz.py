"""Benchmark kg.viz: HTML generation time and size, and layout time in headless Chromium.

Run from the repository root:

    .venv/bin/python benchmarks/bench_viz.py [--no-browser]

Graphs are synthetic (3 edges per node, preferential attachment so there are
hubs as in real casts and franchises) and seeded, so runs are comparable.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # kg itself and the shared browser helper

from kg.viz import TYPE_STYLES, to_html, write_html  # noqa: E402

TYPES = list(TYPE_STYLES)
RELATIONS = ["castMember", "portrays", "basedOn", "partOfSeries", "producedBy", "creator"]


def synthetic_graph(n, edges_per_node=3, seed=1):
    """A MultiDiGraph of n nodes and about ``edges_per_node * n`` edges, shaped like kg's."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(n, edges_per_node, seed=seed)
    G = nx.MultiDiGraph()
    for i in skeleton:
        iri = f"https://example.org/kg/e{i}"
        G.add_node(iri, iri=iri, label=f"Entity {i}", type=rng.choice(TYPES), seasonNumber=i % 9)
    for u, v in skeleton.edges():
        rel = rng.choice(RELATIONS)
        G.add_edge(f"https://example.org/kg/e{u}", f"https://example.org/kg/e{v}", key=rel,
                   relation=rel, sources=[f"ann-{rng.randrange(1000)}"])
    return G


def time_generation(G, repeat=5, **kw):
    """Median seconds for to_html(G, **kw) and the page size in bytes."""
    to_html(G, **kw)  # warm the asset cache, as a long-running process would be
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        page = to_html(G, **kw)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(page.encode())


def time_settle(browser, path):
    """Milliseconds from navigation start until kgView.settled, and wall-clock from goto."""
    from browser import open_page, wait_settled

    start = time.perf_counter()
    with open_page(browser, path) as record:
        settle_ms = wait_settled(record.page, timeout_ms=60_000)
        wall_ms = (time.perf_counter() - start) * 1000
        problems = record.external_requests + record.console_errors + record.page_errors
    return settle_ms, wall_ms, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium layout timings")
    args = parser.parse_args()

    graphs = {n: synthetic_graph(n) for n in (500, 2_000, 10_000)}
    print("generation (median of 5)")
    print(f"{'nodes':>7} {'edges':>7} {'drawn':>6} {'ms':>8} {'size KB':>9}")
    for n, G in graphs.items():
        for max_nodes in sorted({min(n, 2_000), n}):
            seconds, size = time_generation(G, max_nodes=max_nodes)
            drawn = min(n, max_nodes)
            print(f"{n:>7} {G.number_of_edges():>7} {drawn:>6} {seconds * 1000:>8.1f} {size / 1024:>9.0f}")

    if args.no_browser:
        return
    from playwright.sync_api import sync_playwright

    from browser import launch

    print("\nlayout in headless Chromium (settled = physics stopped and drawn)")
    print(f"{'nodes':>7} {'settle ms':>10} {'wall ms':>9}  problems")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = launch(p)
        for n in (500, 2_000):
            path = Path(tmp) / f"g{n}.html"
            write_html(graphs[n], path)
            settle_ms, wall_ms, problems = time_settle(browser, path)
            print(f"{n:>7} {settle_ms:>10} {wall_ms:>9.0f}  {problems or 'none'}")
        browser.close()


if __name__ == "__main__":
    main()
