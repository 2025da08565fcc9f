"""Measure 长者模式 and normal mode in Debian's chromium, as the README reports them.

    .venv/bin/python bench/elder_metrics.py                 # the table
    .venv/bin/python bench/elder_metrics.py --screenshots   # also docs/screenshots/*.png

Builds the sample data, serves it on 127.0.0.1 and measures every page type of
the large sample portal at 360×740: the smallest body text, the smallest line
height, the lowest text contrast and the smallest tap target, in both modes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import http.server
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.sites.site import build, quiet_mkdocs

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/xintiandi/", "/xintiandi/handbook/", "/xintiandi/handbook/dibao/",
         "/xintiandi/windows/",
         "/xintiandi/grids/", "/xintiandi/funds/", "/xintiandi/funds/2026-Q3/",
         "/xintiandi/councils/", "/xintiandi/notices/", "/xintiandi/profile/",
         "/xintiandi/downloads/"]  # fmt: skip
SHOTS = {"/xintiandi/": "home", "/xintiandi/handbook/": "handbook",
         "/xintiandi/handbook/dibao/": "service"}  # fmt: skip
TARGETS = (
    "button:not([hidden]), a.pp-tel, .pp-button, .pp-chip, .pp-settlement, .pp-toc a, "
    ".md-header__button, .md-nav__link, a.pp-building"
)
MEASURE = """(selector) => {
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
      && s.opacity !== '0'; };
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.99)) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const texts = [...document.querySelectorAll('article p, article li, article dd, article td')]
    .filter(el => visible(el) && el.textContent.trim().length > 3);
  const contrast = texts.map(el => { const a = lum(rgb(getComputedStyle(el).color).slice(0, 3));
    const b = lum(background(el)); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); });
  const targets = [...document.querySelectorAll(selector)].filter(visible)
    .map(el => { const r = el.getBoundingClientRect(); return Math.min(r.width, r.height); });
  return {
    text: Math.min(...texts.map(el => parseFloat(getComputedStyle(el).fontSize))),
    line: Math.min(...texts.map(el => { const s = getComputedStyle(el);
      return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })),
    contrast: Math.min(...contrast),
    tap: Math.min(...targets),
    overflow: document.documentElement.scrollWidth > window.innerWidth,
  };
}"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--screenshots", action="store_true")
    args = parser.parse_args()
    quiet_mkdocs()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(ROOT / "data", site, today=dt.date(2026, 11, 22), pdf=False)
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=CHROMIUM_ARGS)  # fmt: skip
            results = {}
            for mode in ("normal", "elder"):
                context = browser.new_context(viewport={"width": 360, "height": 740},
                                              locale="zh-CN")  # fmt: skip
                if mode == "elder":
                    context.add_init_script("localStorage.setItem('pp-elder','1')")
                page = context.new_page()
                rows = []
                for path in PAGES:
                    page.goto(base + path)
                    rows.append(page.evaluate(MEASURE, TARGETS))
                    if args.screenshots and path in SHOTS:
                        name = SHOTS[path]
                        out = ROOT / "docs" / "screenshots" / f"{name}-{mode}.png"
                        out.parent.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(out))
                results[mode] = rows
                context.close()
            browser.close()
    print(f"{len(PAGES)} page types at 360×740, worst value over all of them:\n")
    print("| what | normal mode | elder mode |")
    print("|---|---|---|")
    for key, label, fmt, worst in [
        ("text", "smallest body text", "{:.1f} px", min),
        ("line", "smallest line height", "{:.2f}", min),
        ("contrast", "lowest text contrast", "{:.1f}:1", min),
        ("tap", "smallest tap target", "{:.0f} px", min),
    ]:
        cells = [fmt.format(worst(r[key] for r in results[m])) for m in ("normal", "elder")]
        print(f"| {label} | {cells[0]} | {cells[1]} |")
    sideways = [m for m in results for r in results[m] if r["overflow"]]
    print(f"| sideways scrolling at 360 px | {sideways or 'none'} | |")


if __name__ == "__main__":
    main()
