"""Which pages a portal's search box answers each query of bench/search_queries.yml with.

    .venv/bin/python bench/search_recall.py                       # build data/, print a table
    .venv/bin/python bench/search_recall.py --site /tmp/site --json after.json
    .venv/bin/python bench/search_recall.py --compare bench/search_recall_before.json after.json
    .venv/bin/python bench/search_recall.py --site /tmp/pf --engine pagefind   # a Pagefind index

The search is the resident's: Debian's chromium at 360 px opens the portal's home, taps
the magnifier and types each query into the box (Playwright's fill: an `input` event,
as an input method sends); the answer is the pages of the results the box shows (their
links without #section and ?h=). With ``--engine pagefind`` the same queries go to a
Pagefind index built into ``<portal>/pagefind/`` (its own JavaScript API), for the
comparison of issue 19. ``--compare`` fails (exit 1) when a query one file answers has
no answer in the other.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "search_queries.yml"
PORTALS = ("xintiandi", "anjiayuan", "longquan")
BOX = "[data-md-component=search-query]"
Recall = dict[str, dict[str, list[str]]]  # portal → query → pages answering it


def queries(path: Path = QUERIES) -> list[str]:
    groups = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(q) for group in groups.values() for q in group]


def _shown(page: Page) -> tuple[str, tuple[str, ...]]:
    return page.evaluate(
        """() => [
          (document.querySelector('.md-search-result__meta') || {}).textContent || '',
          [...document.querySelectorAll('.md-search-result__link')]
            .map(a => a.getAttribute('href'))]"""
    )


def _pages(hrefs: Iterator[str] | list[str] | tuple[str, ...], prefix: str) -> list[str]:
    found: list[str] = []
    for href in hrefs:
        path = href.split("#")[0].split("?")[0]
        path = path[len(prefix):] if path.startswith(prefix) else path
        path = path.lstrip("./") or "/"
        if path not in found:
            found.append(path)
    return found


def material_answers(page: Page, base: str, slug: str, words: list[str]) -> dict[str, list[str]]:
    """Type each query into the portal's search box; the pages of the results shown."""
    page.goto(f"{base}/{slug}/", wait_until="load")
    page.locator("label[for=__search]").first.click()
    answers: dict[str, list[str]] = {}
    for word in words:
        page.fill(BOX, "")
        page.fill(BOX, word)
        seen, same, deadline = None, 0, time.monotonic() + 10
        while time.monotonic() < deadline:
            now = _shown(page)
            settled = now[0].strip() and "初始化" not in now[0] and "键入" not in now[0]
            same = same + 1 if (now == seen and settled) else 0
            seen = now
            if same >= 3:
                break
            page.wait_for_timeout(80)
        assert seen is not None
        answers[word] = _pages(seen[1], f"{base}/{slug}/")
    return answers


def pagefind_answers(page: Page, base: str, slug: str, words: list[str]) -> dict[str, list[str]]:
    """The same queries through Pagefind's JavaScript API, on <slug>/pagefind/."""
    page.goto(f"{base}/{slug}/", wait_until="load")
    urls: dict[str, list[str]] = page.evaluate(
        """async ([words, bundle]) => {
          const pf = await import(bundle);
          await pf.options({ bundlePath: bundle.replace(/pagefind\\.js$/, '') });
          const out = {};
          for (const w of words) {
            const r = await pf.search(w);
            const data = await Promise.all(r.results.slice(0, 20).map(x => x.data()));
            out[w] = data.map(d => d.url);
          }
          return out;
        }""",
        [words, f"{base}/{slug}/pagefind/pagefind.js"],
    )
    return {w: _pages(u, f"/{slug}/") for w, u in urls.items()}


def measure(browser: Browser, base: str, engine: str = "material",
            portals: tuple[str, ...] = PORTALS, words: list[str] | None = None) -> Recall:
    """Every portal's answers to every query."""
    words = queries() if words is None else words
    answer = pagefind_answers if engine == "pagefind" else material_answers
    recall: Recall = {}
    for slug in portals:
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, locale="zh-CN", service_workers="block"
        )
        try:
            recall[slug] = answer(context.new_page(), base, slug, words)
        finally:
            context.close()
    return recall


def lost(before: Recall, after: Recall) -> list[str]:
    """Every portal/query answered in before and not in after."""
    return [
        f"{slug}: {word}"
        for slug, answers in before.items()
        for word, pages in answers.items()
        if pages and not after.get(slug, {}).get(word)
    ]


def table(recall: Recall) -> str:
    slugs = list(recall)
    words = list(next(iter(recall.values()))) if recall else []
    lines = ["| query | " + " | ".join(slugs) + " |", "|---" * (len(slugs) + 1) + "|"]
    for word in words:
        cells = [
            f"{len(recall[s][word])}: {', '.join(recall[s][word][:3])}" if recall[s][word] else "—"
            for s in slugs
        ]
        lines.append(f"| {word} | " + " | ".join(cells) + " |")
    answered = {s: sum(1 for p in recall[s].values() if p) for s in slugs}
    lines.append("| answered | " + " | ".join(f"{answered[s]}/{len(words)}" for s in slugs) + " |")
    return "\n".join(lines)


def main() -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "bench"))
    from page_weight import TODAY, chromium, serve_gzip

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="a built site (default: build data/ now)")
    parser.add_argument("--engine", choices=("material", "pagefind"), default="material")
    parser.add_argument("--json", type=Path, help="write the answers to this file")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text("utf-8")) for p in args.compare)
        print(table(before), "\n\n" + table(after))
        missing = lost(before, after)
        print("\nlost:", ", ".join(missing) if missing else "none")
        raise SystemExit(1 if missing else 0)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            from generator.sites.site import build, quiet_mkdocs

            quiet_mkdocs()
            os.environ["PORTAL_CACHE_DIR"] = str(Path(tmp) / "cache")
            site = build(ROOT / "data", Path(tmp) / "site", today=TODAY, pdf=False).out
        with serve_gzip(site) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), headless=True, args=["--no-sandbox"]
            )
            recall = measure(browser, server.base, args.engine)
            browser.close()
    if args.json:
        args.json.write_text(json.dumps(recall, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(table(recall))


if __name__ == "__main__":
    main()
