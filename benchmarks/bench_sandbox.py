"""What the network sandbox costs: queries on kg's confined thread vs on the caller's.

Builds data/gold into an on-disk store and times, for every canned query (median of
--repeat runs after one warm-up):

- in-process: pyoxigraph ``Store.query`` in this process, answers materialised as
  Python terms (what kg did before the sandbox);
- confined: ``EmbeddedStore.query``, i.e. the same query evaluated on kg's confined
  thread in this process and read to its end there.

Also: starting a confined worker process as ``kg serve`` does (spawn + imports +
seccomp filter), against starting the same worker without the filter, and the time to install the filter;
and a small SPARQL update (one INSERT DATA and its DELETE DATA) on an on-disk store,
run by pyoxigraph on this thread vs ``EmbeddedStore.update`` on kg's confined thread.

Usage: .venv/bin/python benchmarks/bench_sandbox.py [--repeat 20]
"""

import argparse
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from run import median  # noqa: E402  (the benchmarks' one timer)


def _plain_child(conn):
    import pyoxigraph  # noqa: F401

    conn.send("ready")


def _filter_child(conn):
    import pyoxigraph  # noqa: F401

    from kg.sandbox import install_network_filter

    start = time.perf_counter()
    install_network_filter()
    conn.send(time.perf_counter() - start)


def start_time(target, repeat):
    ctx = multiprocessing.get_context("spawn")
    times, installs = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        parent, child = ctx.Pipe()
        p = ctx.Process(target=target, args=(child,))
        p.start()
        message = parent.recv()
        times.append(time.perf_counter() - start)
        if not isinstance(message, str):
            installs.append(message)
        p.join()
    return statistics.median(times), (statistics.median(installs) if installs else None)


def median_time(fn, repeat):
    """Median seconds of ``repeat`` runs, after one warm-up run."""
    fn()
    return median(fn, repeat)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    import pyoxigraph as ox
    from helpers import build_gold

    from kg.query import canned_queries, filter_optional_lines
    from kg.store import open_store
    from kg.store.base import prefixes_for

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-sandbox-"))
    try:
        location = build_gold(str(tmp / "store"))
        store = open_store(location, read_only=True)
        raw = store._store
        prefixes = prefixes_for("turtle")

        def in_process(text):
            answer = raw.query(text, prefixes=prefixes)
            if isinstance(answer, ox.QuerySolutions):
                columns = [v.value for v in answer.variables]
                return [tuple(s[c] for c in columns) for s in answer]
            return bool(answer) if isinstance(answer, ox.QueryBoolean) else list(answer)

        print(f"{'query':<28} {'this thread ms':>14} {'confined ms':>13} {'ratio':>6}")
        ratios = []
        for name, q in canned_queries().items():
            text = filter_optional_lines(q.text_for(), {})
            a = median_time(lambda text=text: in_process(text), args.repeat)
            b = median_time(lambda text=text: store.query(text), args.repeat)
            ratios.append(b / a)
            print(f"{name:<28} {a * 1000:>14.2f} {b * 1000:>13.2f} {b / a:>6.2f}")
        print(f"{'median ratio':<28} {'':>14} {'':>13} {statistics.median(ratios):>6.2f}")
        plain, _ = start_time(_plain_child, 5)
        confined, install = start_time(_filter_child, 5)
        print(f"worker start: {plain * 1000:.0f} ms without the filter, {confined * 1000:.0f} ms with it; installing the filter: {install * 1e6:.0f} µs")
        store.close()
        update_figures(tmp / "updates", args.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def update_figures(location, repeat):
    """A small update on this thread vs on kg's confined thread (EmbeddedStore.update)."""
    from kg.store import open_store

    with open_store(str(location)) as store:
        insert = 'INSERT DATA { <http://example.org/s> <http://example.org/p> "o" }'
        delete = 'DELETE DATA { <http://example.org/s> <http://example.org/p> "o" }'

        def here():
            store._store.update(insert)
            store._store.update(delete)

        def confined():
            store.update(insert)
            store.update(delete)

        a, b = median_time(here, repeat * 10), median_time(confined, repeat * 10)
        print(f"update (insert + delete): {a * 1000:.3f} ms on this thread, {b * 1000:.3f} ms on the confined thread ({b / a:.2f}x)")


if __name__ == "__main__":
    main()
