"""Benchmark: full, no-change and one-settlement builds of N generated settlements.

    .venv/bin/python bench/build.py                       # N = 200
    .venv/bin/python bench/build.py --n 50 200 --baseline-sample 10

Every build runs as `portal build --no-pdf --jobs <cores>` in a subprocess, as
staff run it. The one-settlement rebuild comes right after the full build (and a
no-change one), then "again" changes that settlement once more: the first rebuild
links every unchanged portal into its staging folder, "again" starts from the site
the first one replaced (generator/sites/staging.py), as every later rebuild does.
The next day's first build is the day after, with the site and the cache of the day
before; "next 7 days" is the median and the slowest of the builds on each of the
following days (generated settlements each have a notice expiring on one of the
30 days after TODAY: on a day, about one in thirty reaches a turn). With --pdf the
full and next-day builds are measured again with the printed handbooks (the
default of `portal build`). The baseline is the naive way: `portal render`, then each
rendered portal built by its own `python -m mkdocs build` subprocess, one after
another (with --baseline-sample K only K portals are timed and the total is
extrapolated linearly; the output says so).

Targets (issue 19, 2 cores, N = 200): full build ≥ 15× faster than the baseline;
one-settlement rebuild < 2 s; no-change rebuild < 1 s; the next day ≤ 10% of a full
build (issue 9's: ≥ 6×, < 3 s, < 2 s); < 1 MB per portal;
peak memory flat as N grows (N = 1,000 under 1.5 GB). Peak memory is the
largest process of the full build (wait4's ru_maxrss: the build or any of its
workers). The first page load is measured apart, by bench/page_weight.py.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

TODAY = "2026-11-22"
DAYS_AFTER = [f"2026-11-{d}" for d in range(23, 30)]
# Python as staff run it: it keeps the bytecode of the modules it compiles (a machine or
# a CI job may set PYTHONDONTWRITEBYTECODE; then every build compiles the generator's
# modules again, about 0.15 s in the main process and as much in each worker)
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "NO_MKDOCS_2_WARNING": "1",
}


PEAKS: list[float] = []  # peak MB of each timed subprocess tree (wait4: child + workers)


def run(*args: str) -> float:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], env=ENV, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(args)}")
    PEAKS.append(usage.ru_maxrss / 1024)
    return time.perf_counter() - start


def portal(*args: str) -> float:
    return run("-m", "generator.cli", *args)


def peak_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of the largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def bytes_per_portal(site: Path) -> float:
    portals = [p for p in site.iterdir() if p.is_dir() and p.name not in ("assets", "search")]
    total = sum(
        f.stat().st_size
        for p in portals
        for f in p.rglob("*")
        if f.is_file() and f.suffix != ".pdf"
    )
    return total / len(portals)


def days(data: Path, out: Path, jobs: int, pdf: bool) -> tuple[float, float, float, float]:
    """The full build on TODAY, the next day's first build, the median and the slowest of
    the 7 next days (this machine's disk makes single runs vary by a factor of two)."""
    common = ["--data", str(data), "--out", str(out), "--jobs", str(jobs)]
    if not pdf:
        common.append("--no-pdf")
    full = portal("build", *common, "--today", TODAY)
    times = [portal("build", *common, "--today", day) for day in DAYS_AFTER]
    return full, times[0], statistics.median(times), max(times)


def measure(n: int, jobs: int, sample: int | None, tmp: Path, pdf: bool) -> dict[str, str]:
    data = generate(n, tmp / f"data-{n}")
    out = tmp / f"site-{n}"
    common = ("--data", str(data), "--out", str(out), "--no-pdf", "--today", TODAY)
    full = portal("build", *common, "--jobs", str(jobs))
    peak = PEAKS[-1]
    same = portal("build", *common, "--jobs", str(jobs))
    one = min((data / "settlements").iterdir()) / "settlement.yml"  # the same one every run
    one.write_text(one.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    changed = portal("build", *common, "--jobs", str(jobs))
    # again, now that the site replaced by the last build is kept (generator/sites/staging.py)
    one.write_text(one.read_text(encoding="utf-8") + "# 再改\n", encoding="utf-8")
    again = portal("build", *common, "--jobs", str(jobs))
    size = bytes_per_portal(out)
    _, next_day, median, week = days(data, out, jobs, pdf=False)
    with_pdf: dict[str, str] = {}
    if pdf:
        pdf_full, pdf_next, pdf_median, pdf_week = days(generate(n, tmp / f"data-pdf-{n}"),
                                            tmp / f"site-pdf-{n}", jobs, pdf=True)  # fmt: skip
        with_pdf = {
            "full build, PDFs": f"{pdf_full:.1f} s",
            "next day, PDFs": f"{pdf_next:.2f} s ({pdf_next / pdf_full:.0%})",
            "next 7 days, PDFs (median / slowest)": f"{pdf_median:.2f} s"
            f" ({pdf_median / pdf_full:.0%}) / {pdf_week:.2f} s",
        }

    render = tmp / f"render-{n}"
    start = time.perf_counter()
    portal("render", "--data", str(data), "--out", str(render), "--no-pdf", "--today", TODAY)
    rendered = time.perf_counter() - start
    projects = sorted(p for p in render.iterdir() if (p / "mkdocs.yml").is_file())
    timed = projects[:sample] if sample else projects
    each = sum(run("-m", "mkdocs", "build", "-q", "-f", str(p / "mkdocs.yml")) for p in timed)
    baseline = rendered + each * len(projects) / len(timed)
    note = (
        f" (extrapolated from {len(timed)} of {len(projects)})"
        if len(timed) < len(projects)
        else ""
    )
    return {
        "N": str(n),
        "full build": f"{full:.1f} s",
        "baseline": f"{baseline:.1f} s{note}",
        "speed-up": f"{baseline / full:.1f}×",
        "no-change rebuild": f"{same:.2f} s",
        "one-settlement rebuild": f"{changed:.2f} s",
        "again": f"{again:.2f} s",
        "next day": f"{next_day:.2f} s ({next_day / full:.0%})",
        "next 7 days (median / slowest)": f"{median:.2f} s ({median / full:.0%}) / {week:.2f} s",
        **with_pdf,
        "bytes per portal": f"{size / 1024:.0f} KiB",
        "peak memory of the full build": f"{peak:.0f} MB",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, nargs="+", default=[200])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=None,
        metavar="K",
        help="time only K baseline portals and extrapolate linearly",
    )
    parser.add_argument("--pdf", action="store_true", help="also time builds with the PDFs")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ENV["PORTAL_CACHE_DIR"] = str(Path(tmp) / "cache")  # not the user's ~/.cache
        for n in args.n:
            rows.append(measure(n, args.jobs, args.baseline_sample, Path(tmp), args.pdf))
            print(f"N = {n} done", file=sys.stderr)
    own, children = peak_mb()
    print(
        f"{args.jobs} jobs on {os.cpu_count()} cores. Peak memory: this process {own:.0f} MB,"
        f" largest child (RUSAGE_CHILDREN, any run) {children:.0f} MB.\n"
    )
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(row.values()) + " |")


if __name__ == "__main__":
    main()
