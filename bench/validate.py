"""Benchmark: validate N generated settlements (every file, every rule) in one run.

    .venv/bin/python bench/validate.py            # N = 100
    .venv/bin/python bench/validate.py --n 500

Target (issue 3): 100 settlements in under 10 seconds on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from generator.checks.project import load_project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = generate(args.n, Path(tmp) / "data")
        files = sum(1 for p in data.rglob("*") if p.is_file())
        start = time.perf_counter()
        project, report = load_project(data)
        seconds = time.perf_counter() - start
    assert project is not None, [p.message for p in report.errors[:5]]
    print("| settlements | files | seconds | per settlement |")
    print("|---|---|---|---|")
    print(f"| {args.n} | {files} | {seconds:.2f} | {seconds / args.n * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
