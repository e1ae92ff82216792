"""The query page's costs: /queries/NAME against /sparql, and the editor's highlighting.

Builds data/gold into an on-disk store and serves it with kg serve, then

- times each canned query (no parameters) as ``GET /queries/NAME.json`` and as the same
  text POSTed to ``/sparql``, median of --repeat runs after a first run per worker
  (both paths check a query with rdflib once per worker, then remember it);
- in Debian's headless Chromium, times one highlighting pass of the page's editor (what a
  keystroke costs) on the ``cast`` text repeated to 15 and 1,500 lines.

Usage: .venv/bin/python benchmarks/bench_query_page.py [--repeat 9]
"""

import argparse
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from run import median  # noqa: E402  (the benchmarks' one timer)


def median_s(fn, repeat):
    """Median seconds of ``repeat`` runs, after a first run on each of the two workers."""
    for _ in range(2):
        fn()
    return median(fn, repeat)[0]


def highlight_ms(server, lines_wanted):
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(server.url)
        page.wait_for_function("() => window.kgPage && window.kgPage.ready")
        cast = page.evaluate("JSON.parse(document.getElementById('kg-canned').textContent).find((q) => q.name === 'cast').text")
        out = {}
        for n in lines_wanted:
            lines = cast.splitlines()
            text = "\n".join((lines * (n // len(lines) + 1))[:n])
            out[n] = page.evaluate(
                """(text) => { const q = document.getElementById('query'); q.value = text;
                   const t0 = performance.now(); for (let i = 0; i < 20; i++) q.dispatchEvent(new Event('input'));
                   return (performance.now() - t0) / 20; }""",
                text,
            )
        browser.close()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    from helpers import build_gold, gold_identities, http, start_server

    from kg.query import canned_queries

    location = str(Path(tempfile.mkdtemp(prefix="kg-bench-page-")) / "store")
    build_gold(location, gold_identities())
    server = start_server(location, timeout=60)
    try:
        base = server.url.rstrip("/")
        print(f"{'query':<18} {'/queries ms':>12} {'/sparql ms':>11} {'ratio':>6}")
        for name, q in canned_queries().items():
            body = urllib.parse.urlencode({"query": q.text_for()}).encode()
            canned = median_s(lambda name=name: http("GET", f"{base}/queries/{name}.json"), args.repeat)
            sparql = median_s(lambda body=body: http("POST", f"{base}/sparql", body, {"Content-Type": "application/x-www-form-urlencoded"}), args.repeat)
            print(f"{name:<18} {canned * 1000:>12.1f} {sparql * 1000:>11.1f} {canned / sparql:>6.2f}")
        for n, ms in highlight_ms(server, (15, 1500)).items():
            print(f"highlight, {n} lines: {ms:.1f} ms per keystroke")
    finally:
        server.close()


if __name__ == "__main__":
    main()
