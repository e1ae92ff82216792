"""How long the robustness tests' big inputs take: a big facts file, and many files in one build.

The tests (tests/robustness) only check that these inputs are handled whole; the time
they take is measured here:

- ``load_facts`` on a valid facts file of ``--entities`` people cast in one series (the
  shape of test_a_big_valid_file_loads_whole), median of ``--repeat`` runs;
- ``kg build --jobs 2 --no-outputs`` of ``--files`` one-sentence announcements, one in a
  thousand of them not text (the shape of test_ten_thousand_files_in_one_build), once.

Usage: .venv/bin/python benchmarks/bench_big_inputs.py [--entities 40000] [--files 10000] [--repeat 3]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=40_000)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from helpers import big_facts_text, write_announcements

    from kg.facts import load_facts

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-big-"))
    try:
        path = tmp / "big.facts.yaml"
        path.write_text(big_facts_text(args.entities), encoding="utf-8")
        size = path.stat().st_size
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            load_facts(path)
            times.append(time.perf_counter() - start)
        t = statistics.median(times)
        print(f"load_facts, {args.entities} entities ({size / 1e6:.1f} MB): {t:.2f} s median of {args.repeat} ({args.entities / t:,.0f} entities/s)")

        bad = write_announcements(tmp / "in", args.files)
        kg = str(Path(sys.executable).parent / "kg")
        start = time.perf_counter()
        proc = subprocess.run([kg, "build", str(tmp / "in"), "--store", str(tmp / "store"), "--no-outputs", "--jobs", "2"], capture_output=True, text=True)
        t = time.perf_counter() - start
        print(f"kg build --jobs 2, {args.files} announcements ({bad} not text, exit {proc.returncode}): {t:.1f} s ({args.files / t:,.0f} files/s)")
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
