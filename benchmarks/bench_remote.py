"""Remote builds at scale: kg build into Oxigraph server and Virtuoso against the embedded store.

Run from the repository root:

    .venv/bin/python benchmarks/bench_remote.py --size 10000 [--json out.json]

It generates ``--size`` synthetic announcements (benchmarks/generate.py, facts files),
then builds them three times in this process, each into a fresh store: the embedded
store on disk (the baseline), a real Oxigraph server and a real Virtuoso (Debian's
package, Digest authentication as a SPARQL_UPDATE user), both on loopback with fresh
databases in a temporary folder. It prints announcements/s for each, the ratio to the
embedded build in the same run, the requests the remote builds sent, and checks that
every store ends up with the same number of quads. A second, unchanged build into
each remote store is timed too (it must build nothing).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "stores")]

from servers import start_oxigraph, start_virtuoso  # noqa: E402

from kg.build import build  # noqa: E402
from kg.store import open_store  # noqa: E402


def timed_build(folder, store):
    start = time.perf_counter()
    report = build([folder], store)
    seconds = time.perf_counter() - start
    if report.failed:
        raise SystemExit(f"{report.failed} announcements failed to build into {store}")
    return seconds, report


class Counting:
    """Counts the HTTP requests a remote store sends."""

    def __init__(self, store):
        self.n = 0
        send = store.http._send

        def counted(*args, **kw):
            self.n += 1
            return send(*args, **kw)

        store.http._send = counted


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000, help="announcements to build")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="where the corpus and the databases go [default: a temporary folder]")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    from generate import generate

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-bench-remote-"))
    corpus = work / f"corpus-{args.size}"
    if not (corpus / ".complete").exists():
        print(f"generating {args.size} announcements in {corpus} ...", file=sys.stderr)
        for path in generate(args.size, args.seed, corpus):
            path.with_name(path.name.replace(".facts.yaml", ".txt")).unlink()  # facts files only: no extraction
        (corpus / ".complete").write_text("ok")

    figures = {"size": args.size}
    with open_store(str(work / "embedded")) as store:
        seconds, report = timed_build(corpus, store)
        figures["embedded_s"] = seconds
        figures["embedded_quads"] = len(store)
    print(f"embedded        {seconds:8.1f} s  {args.size / seconds:8.0f} ann/s  {figures['embedded_quads']:,} quads")

    for name, start in (("oxigraph", start_oxigraph), ("virtuoso", start_virtuoso)):
        server = start(work / name)
        try:
            with open_store(server.url, layout=server.layout, user=server.user, password=server.password, timeout=600) as store:
                counter = Counting(store)
                seconds, report = timed_build(corpus, store)
                requests = counter.n
                again, report2 = timed_build(corpus, store)
                quads = len(store)
        finally:
            server.stop()
        figures[f"{name}_s"] = seconds
        figures[f"{name}_requests"] = requests
        figures[f"{name}_rebuild_s"] = again
        figures[f"{name}_quads"] = quads
        ratio = figures["embedded_s"] / seconds
        print(
            f"{name:15} {seconds:8.1f} s  {args.size / seconds:8.0f} ann/s  {quads:,} quads  "
            f"{ratio:.2f}x the embedded rate  {requests} requests  unchanged rebuild {again:.1f} s ({report2.built} built)"
        )
        if quads != figures["embedded_quads"]:
            print(f"  MISMATCH: {name} holds {quads} quads, the embedded store {figures['embedded_quads']}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
