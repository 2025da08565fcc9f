"""Benchmark: bytes a phone fetches per query of the hub's search by need, at N settlements.

    .venv/bin/python bench/hub_search.py              # N = 1,000
    .venv/bin/python bench/hub_search.py --n 100

Generates N settlements (bench/generate.py), builds them as staff do
(`portal build --no-pdf --jobs <cores>`, timed), then times the hub alone (its index and
its MkDocs build, in this process, from the validation cache) and asks the built index
every query of QUERIES as hubsearch.js does (generator/sites/hub_index.answer). For each
query: the files the query fetches (meta, its term shards, its service groups and, when at
most SHOW_ALL settlements match, their blocks), raw and gzip-compressed one by one as a
server sends them; and what a tap on the largest town costs when the list goes town by
town. Target (issue 19): ≤ 100 KB per query at N = 1,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generate import generate

from generator.pages.templates import environment
from generator.sites.checked import cache_for, check_data
from generator.sites.hub_index import FOLDER, answer, build_index
from generator.sites.pool import Workers
from generator.sites.render import hub_spec
from generator.sites.site import quiet_mkdocs
from generator.sites.workers import build_site

TODAY = "2026-11-22"
QUERIES = [
    "低保", "转学", "医保", "残疾", "就业", "养老", "户口",
    "身份证", "临时救助", "看病报销", "dibao", "底保", "孩子转学怎么办", "最低生活保障",
]  # fmt: skip
TARGET = 100 * 1024


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def time_hub(data: Path, out: Path) -> tuple[float, float, int]:
    """Seconds for the hub's index alone and for the whole hub (index + MkDocs), files."""
    today = dt.date.fromisoformat(TODAY)
    quiet_mkdocs()
    with Workers(1, None) as workers:
        portal, checked, _ = check_data(data, today, workers, cache=cache_for(data, None))
    entries = tuple(c.entry for c in checked.values() if c.entry is not None)
    start = time.perf_counter()
    index = build_index(entries, portal.synonyms)
    indexed = time.perf_counter() - start
    start = time.perf_counter()
    spec = hub_spec(portal, entries, today, environment())
    build_site(spec, out / "render", out / "site")
    return indexed, time.perf_counter() - start, len(index.files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hub-search-") as tmp_name:
        tmp = Path(tmp_name)
        data = generate(args.n, tmp / "data")
        site = tmp / "site"
        command = [
            sys.executable, "-m", "generator.cli", "build", "--data", str(data),
            "--out", str(site), "--no-pdf", "--jobs", str(args.jobs), "--today", TODAY,
        ]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        full = time.perf_counter() - start
        indexed, hub, files = time_hub(data, tmp / "hub")
        (folder,) = [p for p in (site / FOLDER).iterdir() if p.is_dir()]
        total = sum(f.stat().st_size for f in folder.rglob("*.json"))
        print(f"N = {args.n}: full build {full:.1f} s (--no-pdf --jobs {args.jobs})")
        print(
            f"hub alone: index {indexed:.1f} s, index + MkDocs {hub:.1f} s; "
            f"index {files} files, {kb(total)} in all"
        )
        print()
        head = f"{'query':<10} {'found':>6} {'files':>5} {'raw':>9} {'gzip':>9}   a tap on a town"
        print(head)
        worst = 0
        for query in QUERIES:
            found = answer(lambda name: (folder / name).read_bytes(), query)
            raw = sum(found.fetched.values())
            packed = sum(gz((folder / name).read_bytes()) for name in found.fetched)
            worst = max(worst, raw)
            town = ""
            if not found.listed and found.towns:
                largest = max(found.towns, key=lambda t: found.towns[t])
                town = f"{largest}: +{kb(found.towns[largest])} raw"
            print(
                f"{query:<10} {found.settlements:>6} {len(found.fetched):>5} "
                f"{kb(raw):>9} {kb(packed):>9}   {town}"
            )
        print()
        verdict = "within" if worst <= TARGET else "OVER"
        print(f"largest query: {kb(worst)} raw, {verdict} the {kb(TARGET)} target")


if __name__ == "__main__":
    main()
