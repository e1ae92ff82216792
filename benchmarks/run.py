"""kg's benchmark: extraction, build, queries, NetworkX export and the HTML view, with baselines.

Run from the repository root:

    .venv/bin/python benchmarks/run.py --size 1000 [--json results.json] [--repeat 3]

It generates a synthetic corpus (benchmarks/generate.py) of ``--size`` announcements
under ``--workdir``, then measures, each figure the median of ``--repeat`` runs and each
baseline in the same run on the same data:

- extraction: announcements/s with kg.extract on one core and with 2 worker processes;
- build: ``kg build --jobs N`` of the facts files into a fresh on-disk store (triples/s,
  peak RSS of the process tree), and a no-op rebuild;
- the canned queries and a co-star self-join: kg (run_query on the EmbeddedStore) vs the
  same SPARQL on raw pyoxigraph (same store directory, its default graph) vs rdflib's
  memory store (in a subprocess, each query stopped after --rdflib-timeout seconds);
- NetworkX: kg.network.to_networkx (which reads the build's snapshot) and from_quads over
  the store's quads vs rdflib_to_networkx_multidigraph;
- the HTML view (benchmarks/bench_viz.py): generation time and size, settle time in Chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

import psutil  # noqa: E402
import pyoxigraph as ox  # noqa: E402

from kg.mapping import PREFIXES  # noqa: E402
from browser import CHROMIUM  # noqa: E402

COSTAR = """SELECT (COUNT(*) AS ?pairs) WHERE {
  ?w kg:castMember ?a . ?w kg:castMember ?b . FILTER(?a != ?b)
}"""
FRANCHISE_COUNT = """SELECT ?f (COUNT(DISTINCT ?w) AS ?works) WHERE { ?w kg:partOfFranchise ?f } GROUP BY ?f"""


def median(f, repeat):
    times, value = [], None
    for _ in range(repeat):
        value = None  # the previous result is freed before the clock starts, as the baselines' are
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), value


class PeakRSS:
    """Peak resident memory of this process's children (and theirs), summed, sampled every 50 ms."""

    def __init__(self, pid):
        self.proc = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            self._stop.wait(0.05)

    def stop(self):
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


# --- corpus ----------------------------------------------------------------------


def corpus(size, seed, workdir):
    from generate import generate

    d = Path(workdir) / f"corpus-{size}-s{seed}"
    marker = d / ".complete"
    if not marker.exists():
        print(f"generating {size} announcements in {d} ...", file=sys.stderr)
        generate(size, seed, d)
        marker.write_text("ok")
    return d


# --- extraction --------------------------------------------------------------------


def _extract_all(paths):
    from kg.extract import extract_file

    for p in paths:
        extract_file(p)
    return len(paths)


def bench_extract(folder, repeat, sample):
    try:
        from kg.extract import extract_file  # noqa: F401
    except ImportError as e:
        return {"error": f"kg.extract not available: {e}"}
    texts = sorted(folder.glob("*.txt"))[:sample]
    _extract_all(texts[:20])  # imports and caches warm
    one, _ = median(lambda: _extract_all(texts), repeat)
    from concurrent.futures import ProcessPoolExecutor

    halves = [texts[i::2] for i in range(2)]
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_extract_all, [texts[:10], texts[10:20]]))  # start and warm the workers
        two, _ = median(lambda: sum(pool.map(_extract_all, halves)), repeat)
    return {"n": len(texts), "per_s_1": len(texts) / one, "per_s_2": len(texts) / two}


# --- build -------------------------------------------------------------------------


def run_build(folder, store, jobs):
    """One ``kg build`` in a subprocess: (seconds, peak RSS MB, summary line)."""
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "build", str(folder), "--store", str(store), "--no-outputs", "--jobs", str(jobs), "--entities", os.devnull]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = PeakRSS(proc.pid)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    mb = peak.stop()
    if proc.returncode:
        raise SystemExit(f"build failed: {err}")
    return seconds, mb, out.splitlines()[0]


def bench_build(folder, workdir, repeat, jobs):
    runs = []
    for i in range(repeat):
        store = Path(workdir) / f"store-{folder.name}-{i}"
        subprocess.run(["rm", "-rf", str(store)], check=True)
        runs.append((store, *run_build(folder, store, jobs)))
    store = runs[-1][0]
    for old, *_ in runs[:-1]:
        subprocess.run(["rm", "-rf", str(old)], check=True)
    s = ox.Store.read_only(str(store))
    quads = len(s)
    triples = int(next(iter(s.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")))[0].value)
    del s
    seconds = statistics.median(r[1] for r in runs)
    noop, _, noop_line = run_build(folder, store, jobs)
    return {
        "store": store, "quads": quads, "triples": triples, "seconds": seconds,
        "peak_mb": max(r[2] for r in runs), "quads_per_s": quads / seconds,
        "announcements_per_s": len(list(folder.glob("*.facts.yaml"))) / seconds,
        "summary": runs[-1][3], "noop_seconds": noop, "noop_summary": noop_line,
    }


# --- queries -----------------------------------------------------------------------

_RDFLIB_WORKER = r"""
import json, signal, sys, time
import rdflib
from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph
path, timeout = sys.argv[1], int(sys.argv[2])
queries = json.loads(sys.stdin.read())
class Timeout(Exception): pass
def alarm(*_): raise Timeout()
signal.signal(signal.SIGALRM, alarm)
t = time.perf_counter()
ds = rdflib.Dataset(default_union=True)
ds.parse(path, format="nquads")
print(json.dumps({"name": "_load", "seconds": time.perf_counter() - t}), flush=True)
for name, text, repeat in queries:
    times = []
    try:
        for _ in range(repeat):
            signal.alarm(timeout)
            t = time.perf_counter()
            rows = len(list(ds.query(text)))
            times.append(time.perf_counter() - t)
            signal.alarm(0)
        times.sort()
        print(json.dumps({"name": name, "seconds": times[len(times) // 2], "rows": rows}), flush=True)
    except Timeout:
        print(json.dumps({"name": name, "seconds": None}), flush=True)
# rdflib's NetworkX conversion of the same triples (a plain Graph: the union of all graphs)
g = rdflib.Graph()
for s, p, o, _ in ds.quads((None, None, None, None)):
    g.add((s, p, o))
del ds
times = []
for _ in range(NX_REPEAT):
    signal.alarm(timeout * 4)
    try:
        t = time.perf_counter()
        G = rdflib_to_networkx_multidigraph(g)
        times.append(time.perf_counter() - t)
    except Timeout:
        break
    finally:
        signal.alarm(0)
    del G
times.sort()
print(json.dumps({"name": "_networkx", "seconds": times[len(times) // 2] if times else None, "triples": len(g)}), flush=True)
"""


def _prefixed(text):
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + text


# One query per subprocess, under a timeout and a memory cap.
_OX_WORKER = r"""
import json, resource, statistics, sys, time
import pyoxigraph as ox
resource.setrlimit(resource.RLIMIT_AS, (MEM_CAP, MEM_CAP))
from kg.mapping import PREFIXES
from kg.query import run_query
from kg.store import open_store
store_dir, name, text, canned, repeat, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1", int(sys.argv[5]), sys.argv[6]
def median(f):
    ts = []
    for _ in range(repeat):
        v = None  # the previous answer is freed before the clock starts
        t = time.perf_counter(); v = f(); ts.append(time.perf_counter() - t)
        if ts[-1] > 5:
            break  # a slow query is timed once
    return statistics.median(ts), v
if mode == "kg":
    store = open_store(store_dir, read_only=True, create=False)
    t, res = median(lambda: run_query(store, name if canned else text))
else:
    # Raw pyoxigraph on the same store and the same text: the default graph, as kg reads it.
    raw = ox.Store.read_only(store_dir)
    t, res = median(lambda: [tuple(s) for s in raw.query(text, prefixes=PREFIXES)])
print(json.dumps({"seconds": t, "rows": len(res)}))
"""


def _ox_run(store_dir, name, text, canned, repeat, mode, timeout, mem_cap_gb):
    code = _OX_WORKER.replace("MEM_CAP", str(int(mem_cap_gb * 2**30)))
    try:
        proc = subprocess.run([sys.executable, "-c", code, str(store_dir), name, text, "1" if canned else "0", str(repeat), mode],
                              cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "why": f"> {timeout} s"}
    if proc.returncode:
        return {"seconds": None, "why": "out of memory" if "memory" in proc.stderr.lower() or proc.returncode < 0 else proc.stderr.strip().splitlines()[-1][:80]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_queries(store_dir, workdir, repeat, rdflib_timeout, skip_rdflib, timeout, mem_cap_gb):
    from kg.query import canned_queries
    from kg.store import open_store

    # The text kg itself runs without parameters, so that every engine runs the same SPARQL.
    queries = {name: (q.text_for(), True) for name, q in canned_queries().items()}
    queries["co-star self-join"] = (COSTAR, False)
    queries["franchise count"] = (FRANCHISE_COUNT, False)
    nq = Path(workdir) / "graph.nq"
    raw = ox.Store.read_only(str(store_dir))
    nq.write_bytes(raw.dump(format=ox.RdfFormat.N_QUADS))
    del raw
    results = {}
    for name, (text, canned) in queries.items():
        print(f"  {name}", file=sys.stderr)
        r = {mode: _ox_run(store_dir, name, text, canned, repeat, mode, timeout, mem_cap_gb) for mode in ("kg", "raw")}
        results[name] = {"kg": r["kg"]["seconds"], "pyoxigraph": r["raw"]["seconds"],
                         "rows": r["kg"].get("rows", r["raw"].get("rows")), "why": r["kg"].get("why") or r["raw"].get("why")}
    from kg.network import to_networkx

    from kg.network import from_quads

    store = open_store(store_dir, read_only=True, create=False)
    nx_t, G = median(lambda: to_networkx(store), repeat)
    # The same graph built from the store's quads, without the snapshot the build leaves.
    nx_q, _ = median(lambda: from_quads(store.quads()), repeat)
    nx = {"kg": nx_t, "kg_from_quads": nx_q, "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    del G
    rdflib = {}
    if not skip_rdflib:
        print("  rdflib", file=sys.stderr)
        worker = _RDFLIB_WORKER.replace("NX_REPEAT", str(max(1, min(repeat, 3))))
        payload = json.dumps([[n, _prefixed(t), max(1, min(repeat, 3))] for n, (t, _) in queries.items()])
        proc = subprocess.run([sys.executable, "-c", worker, str(nq), str(rdflib_timeout)], input=payload, capture_output=True, text=True)
        for line in proc.stdout.splitlines():
            d = json.loads(line)
            rdflib[d["name"]] = d
        if proc.returncode:
            print(proc.stderr[-2000:], file=sys.stderr)
    for name in results:
        results[name]["rdflib"] = rdflib.get(name, {}).get("seconds")
    nx["rdflib"] = rdflib.get("_networkx", {}).get("seconds")
    return results, nx, rdflib.get("_load", {}).get("seconds")


# --- HTML ---------------------------------------------------------------------------


def bench_html(repeat, browser):
    from bench_viz import synthetic_graph, time_generation, time_settle

    out = {}
    graphs = {n: synthetic_graph(n) for n in (500, 2_000, 10_000)}
    for n, G in graphs.items():
        seconds, size = time_generation(G, repeat=repeat, max_nodes=n)
        out[n] = {"generate_s": seconds, "bytes": size}
    if browser:
        from playwright.sync_api import sync_playwright

        from browser import launch
        from kg.viz import write_html

        with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
            b = launch(p)
            for n in (500, 2_000, 10_000):
                path = Path(tmp) / f"g{n}.html"
                write_html(graphs[n], path, max_nodes=n)
                settles = []
                for _ in range(max(1, min(repeat, 3))):
                    settle_ms, _, problems = time_settle(b, path)
                    settles.append(settle_ms / 1000)
                out[n]["settle_s"] = statistics.median(settles)
                out[n]["problems"] = problems
            b.close()
    return out


# --- report -------------------------------------------------------------------------


def fmt(x, unit="s"):
    if x is None:
        return "—"
    if unit == "s":
        return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"
    return f"{x:,.0f}"


def machine():
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "pyoxigraph": ox.__version__,
        "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="announcements in the corpus (1000, 10000, 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is reported)")
    parser.add_argument("--build-repeat", type=int, default=None, help="runs of the full build [default: --repeat up to 10,000 announcements, else 1]")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the build")
    parser.add_argument("--extract-sample", type=int, default=1000, help="texts timed for extraction")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--rdflib-timeout", type=int, default=60, help="seconds before an rdflib query is given up")
    parser.add_argument("--no-rdflib", action="store_true")
    parser.add_argument("--query-timeout", type=int, default=60, help="seconds before a kg / pyoxigraph query run is given up")
    parser.add_argument("--mem-cap", type=float, default=6.0, help="GiB of address space per query subprocess")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the headline figures here")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    info = machine()

    if not args.no_browser and not os.access(CHROMIUM, os.X_OK):
        # checked first: the browser is the last phase, after minutes of figures that would be lost
        sys.exit(f"run.py: {CHROMIUM} not found (apt-get install chromium), or pass --no-browser")
    folder = corpus(args.size, args.seed, args.workdir)
    print("extraction ...", file=sys.stderr)
    ext = bench_extract(folder, args.repeat, args.extract_sample)
    print("build ...", file=sys.stderr)
    build_repeat = args.build_repeat or (args.repeat if args.size <= 10_000 else 1)
    b = bench_build(folder, args.workdir, build_repeat, args.jobs)
    print("queries ...", file=sys.stderr)
    q, nx, rdflib_load = bench_queries(b["store"], args.workdir, args.repeat, args.rdflib_timeout, args.no_rdflib, args.query_timeout, args.mem_cap)
    print("html ...", file=sys.stderr)
    h = bench_html(args.repeat, not args.no_browser)

    lines = [f"## --size {args.size}", "", f"Command: `{command}`  ", f"Machine: {info}  ",
             f"Corpus: {args.size} announcements (seed {args.seed}), {b['quads']:,} quads, {b['triples']:,} distinct triples. "
             f"Medians of {args.repeat} runs (build: {build_repeat}).", "",
             "| measure | kg | baseline | ratio |", "|---|---|---|---|"]
    if "error" in ext:
        lines.append(f"| extraction | {ext['error']} | | |")
    else:
        lines.append(f"| extraction, announcements/s ({ext['n']} texts) | {ext['per_s_1']:.0f} (1 core) / {ext['per_s_2']:.0f} (2 jobs) | | {ext['per_s_2'] / ext['per_s_1']:.2f}x with 2 jobs |")
    lines.append(f"| build, `--jobs {args.jobs}`, fresh disk store | {b['seconds']:.1f} s, {b['quads_per_s']:,.0f} quads/s, {b['announcements_per_s']:.0f} ann/s | | |")
    lines.append(f"| build peak RSS (process tree) | {b['peak_mb']:.0f} MB | | |")
    lines.append(f"| no-op rebuild (all unchanged) | {b['noop_seconds']:.2f} s | | |")
    if rdflib_load:
        lines.append(f"| load into rdflib memory store (baseline only) | | {rdflib_load:.1f} s | |")
    ratios_ox, ratios_rdf = {}, {}
    lines += ["", "| query | rows | kg | raw pyoxigraph | kg / pyoxigraph | rdflib memory store | rdflib / kg |",
              "|---|---|---|---|---|---|---|"]
    for name, r in q.items():
        ratio_ox = r["kg"] / r["pyoxigraph"] if r["kg"] and r["pyoxigraph"] else None
        if ratio_ox:
            ratios_ox[name] = ratio_ox
        sp = r["rdflib"] / r["kg"] if r["rdflib"] and r["kg"] else None
        if sp:
            ratios_rdf[name] = sp
        rdf = fmt(r["rdflib"]) if r["rdflib"] else ("—" if args.no_rdflib else f"> {args.rdflib_timeout} s")
        lines.append(f"| `{name}` | {r['rows'] if r['rows'] is not None else '—'} | {fmt(r['kg']) if r['kg'] else r['why']} | {fmt(r['pyoxigraph']) if r['pyoxigraph'] else r['why']} | "
                     f"{'%.2fx' % ratio_ox if ratio_ox else '—'} | {rdf} | {'%.1fx' % sp if sp else '—'} |")
    lines += ["", "| measure | kg | baseline | ratio |", "|---|---|---|---|"]
    nx_sp = nx["rdflib"] / nx["kg"] if nx["rdflib"] else None
    lines.append(f"| NetworkX export ({nx['nodes']:,} nodes, {nx['edges']:,} edges), `to_networkx` | {fmt(nx['kg'])} | rdflib_to_networkx_multidigraph {fmt(nx['rdflib'])} | {('%.1fx faster' % nx_sp) if nx_sp else '—'} |")
    if nx["rdflib"]:
        lines.append(f"| NetworkX from the store's quads (no snapshot) | {fmt(nx['kg_from_quads'])} | rdflib_to_networkx_multidigraph {fmt(nx['rdflib'])} | {nx['rdflib'] / nx['kg_from_quads']:.1f}x faster |")
    for n, r in h.items():
        settle = f", settled in Chromium {r['settle_s']:.2f} s" if "settle_s" in r else ""
        lines.append(f"| HTML view, {n:,} nodes | generated {fmt(r['generate_s'])}, {r['bytes'] / 1024:,.0f} KB{settle} | | |")
    table = "\n".join(lines)
    print(table)

    if args.json:
        canned = [n for n in q if n not in ("co-star self-join", "franchise count")]
        headline = {
            "size": args.size, "machine": info, "command": command,
            "extract_announcements_per_s": None if "error" in ext else round(ext["per_s_1"], 1),
            "extract_announcements_per_s_jobs2": None if "error" in ext else round(ext["per_s_2"], 1),
            "build_triples_per_s": round(b["quads_per_s"]),
            "build_peak_rss_mb": round(b["peak_mb"]),
            "query_ratio_vs_pyoxigraph": round(max(ratios_ox[n] for n in canned if n in ratios_ox), 3) if any(n in ratios_ox for n in canned) else None,
            "query_speedup_vs_rdflib": round(min(ratios_rdf[n] for n in canned if n in ratios_rdf), 1) if any(n in ratios_rdf for n in canned) else None,
            "costar_speedup_vs_rdflib": round(ratios_rdf["co-star self-join"], 1) if "co-star self-join" in ratios_rdf else None,
            "networkx_speedup_vs_rdflib": round(nx_sp, 2) if nx_sp else None,
            "networkx_from_quads_speedup_vs_rdflib": round(nx["rdflib"] / nx["kg_from_quads"], 2) if nx["rdflib"] else None,
            "noop_rebuild_s": round(b["noop_seconds"], 2),
            "full_build_s": round(b["seconds"], 1),
            "html_generate_s_10000": round(h[10_000]["generate_s"], 3),
            "html_settle_s_2000": round(h[2_000]["settle_s"], 2) if "settle_s" in h[2_000] else None,
            "html_settle_s_10000": round(h[10_000]["settle_s"], 2) if "settle_s" in h[10_000] else None,
            "detail": {"queries": q, "build": {k: v for k, v in b.items() if k != "store"}, "networkx": nx, "html": h, "extract": ext},
        }
        args.json.write_text(json.dumps(headline, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
