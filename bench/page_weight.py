"""What a resident's first visit transfers, measured in Debian's chromium.

    .venv/bin/python bench/page_weight.py            # the sample portals, as a table
    .venv/bin/python bench/page_weight.py --site site --page /xintiandi/
    .venv/bin/python bench/page_weight.py --precompressed   # serve the site's .br/.gz copies

Builds the sample data (or takes a built --site), serves it on 127.0.0.1 with
gzip as any web server does, and opens each page in a fresh browser context (an
empty cache, as on a resident's first visit) at 360×740. It waits until the
network is idle, by which time Material's search worker has fetched the search
index, and adds up what went over the wire for every request the browser made
(headers and compressed bodies, counted by the server as it writes them: the
browser does not report the bodies of a worker's requests). Per page it reports:

* the first view: every byte until the network idles, search not used (issue 19: the
  search index and worker must not be among them; budget 60 KB);
* the first search: what the page then fetches when the resident taps the magnifier
  and types 低保 until the results show (the index, the worker, lunr's Chinese);
* time to main content on slow 3G (DevTools' emulation: 400 kbit/s down, 400 ms
  latency): the largest contentful paint, and the first contentful paint, from the
  navigation's start (target: 1.5 s).

``--precompressed`` serves each file's ``.br`` (or ``.gz``) copy written by the build, as
a host with brotli_static/gzip_static does, instead of gzip made per request.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import gzip
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 60 * 1024  # the first view, search not used (issue 19; issue 9's was 150 KB)
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
           "uploadThroughput": 400_000 / 8}  # fmt: skip
SEARCH_WORD = "低保"
# the hub, every page type of the largest sample portal, and the smallest portal
PAGES = ("/", "/xintiandi/", "/xintiandi/handbook/", "/xintiandi/windows/",
         "/xintiandi/grids/", "/xintiandi/funds/", "/xintiandi/funds/2026-Q3/",
         "/xintiandi/councils/", "/xintiandi/notices/", "/xintiandi/profile/",
         "/xintiandi/downloads/", "/longquan/")  # fmt: skip
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml")  # fmt: skip
TODAY = dt.date(2026, 11, 22)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (like nginx or Pages).

    Every GET appends (path, bytes of headers and body written) to ``sent``.
    """

    def __init__(self, *args: object, sent: list[tuple[str, int]], precompressed: bool = False,
                 **kwargs: object) -> None:
        self.sent = sent
        self.precompressed = precompressed
        self.written = 0
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.written = 0
        super().do_GET()
        self.sent.append((self.path, self.written))

    def flush_headers(self) -> None:
        self.written += sum(len(line) for line in getattr(self, "_headers_buffer", []))
        super().flush_headers()

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self.written += len(data)
        outputfile.write(data)

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        accepted = self.headers.get("Accept-Encoding", "")
        gzip_ok = "gzip" in accepted
        if not (path.is_file() and gzip_ok and kind.startswith(COMPRESSED)):
            return super().send_head()
        encoding, body = "gzip", b""
        if self.precompressed:
            for name, suffix in (("br", ".br"), ("gzip", ".gz")):
                copy = path.with_name(path.name + suffix)
                if name in accepted and copy.is_file():
                    encoding, body = name, copy.read_bytes()
                    break
        if not body:
            body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object send_head returns; copyfile reads it."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@dataclass
class Server:
    base: str  # http://127.0.0.1:PORT
    sent: list[tuple[str, int]]  # (path, bytes) of every response, in order


@contextlib.contextmanager
def serve_gzip(directory: Path, precompressed: bool = False) -> Iterator[Server]:
    """Serve directory on a free port of 127.0.0.1 with gzip, counting what it sends.

    precompressed: send a file's .br (or .gz) copy when there is one and the browser takes it.
    """
    sent: list[tuple[str, int]] = []
    handler = functools.partial(
        GzipHandler, directory=str(directory), sent=sent, precompressed=precompressed
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", sent)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class Load:
    """One first page load: every response's URL and bytes on the wire."""

    page: str
    responses: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(size for _, size in self.responses)

    def bytes_of(self, fragment: str) -> int:
        return sum(size for url, size in self.responses if fragment in url)


@contextlib.contextmanager
def first_view(browser: object, server: Server, page: str) -> Iterator[tuple[object, Load]]:
    """Open page in a fresh context (an empty cache) at 360×740; yields the open page and
    the bytes of every response until the network idles."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 360, "height": 740}, locale="zh-CN", service_workers="block"
    )
    try:
        opened = context.new_page()
        server.sent.clear()
        opened.goto(server.base + page, wait_until="networkidle")
        opened.wait_for_timeout(300)  # anything the page's scripts start late
        yield opened, Load(page, tuple(server.sent))
    finally:
        context.close()


def first_load(browser: object, server: Server, page: str) -> Load:
    """The bytes of a first view of page, until the network idles."""
    with first_view(browser, server, page) as (_, load):
        return load


@dataclass(frozen=True)
class Visit:
    """A first view, then the first search on the same page."""

    view: Load
    search: Load
    results: int  # results the search box showed


def first_view_and_search(browser: object, server: Server, page: str) -> Visit:
    """A first view until the network idles; then tap the magnifier, type, await results."""
    with first_view(browser, server, page) as (opened, view):
        server.sent.clear()
        opened.locator("label[for=__search]").first.click()  # type: ignore[attr-defined]
        # typed whole, as an input method does
        opened.fill("[data-md-component=search-query]", SEARCH_WORD)  # type: ignore[attr-defined]
        opened.wait_for_function(  # type: ignore[attr-defined]
            # 找到 n 个…结果, or 没有找到…结果 (the hub has no 低保)
            "(document.querySelector('.md-search-result__meta') || {}).textContent"
            "?.includes('结果')", timeout=15_000)  # fmt: skip
        opened.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        results = opened.locator(".md-search-result__item").count()  # type: ignore[attr-defined]
        return Visit(view, Load(page, tuple(server.sent)), results)


def slow_3g_paint(browser: object, server: Server, page: str) -> tuple[float, float]:
    """(first contentful paint, largest contentful paint) in ms on emulated slow 3G."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 360, "height": 740}, locale="zh-CN", service_workers="block"
    )
    try:
        opened = context.new_page()
        cdp = context.new_cdp_session(opened)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        opened.goto(server.base + page, wait_until="load", timeout=60_000)
        opened.wait_for_timeout(500)
        fcp, lcp = opened.evaluate(
            """() => new Promise(done => {
              const fcp = performance.getEntriesByName('first-contentful-paint')[0];
              new PerformanceObserver(list => {
                const all = list.getEntries();
                done([fcp ? fcp.startTime : -1, all[all.length - 1].startTime]);
              }).observe({type: 'largest-contentful-paint', buffered: true});
            })"""
        )
        return float(fcp), float(lcp)
    finally:
        context.close()


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium is not installed: apt-get install chromium")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from generator.sites.site import build, quiet_mkdocs

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="a built site (default: build data/ now)")
    parser.add_argument("--page", action="append", help="a page path (repeatable)")
    parser.add_argument("--precompressed", action="store_true",
                        help="serve the .br/.gz copies of the build, not gzip per request")
    parser.add_argument("--no-3g", action="store_true", help="skip the slow-3G timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            quiet_mkdocs()
            os.environ["PORTAL_CACHE_DIR"] = str(Path(tmp) / "cache")  # not the user's ~/.cache
            site = build(ROOT / "data", Path(tmp) / "site", today=TODAY, pdf=False).out
        with serve_gzip(site, args.precompressed) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), headless=True, args=["--no-sandbox"]
            )
            print("| page | first view | requests | of which search | first search (低保) "
                  "| slow 3G: main content (LCP) | FCP |")
            print("|---|---|---|---|---|---|---|")
            for page in args.page or PAGES:
                visit = first_view_and_search(browser, server, page)
                view = visit.view
                searching = sum(view.bytes_of(f) for f in ("search_index", "/workers/", "/lunr/"))
                mark = "" if view.total <= BUDGET else " ✗"
                timing = "–", "–"
                if not args.no_3g:
                    fcp, lcp = slow_3g_paint(browser, server, page)
                    timing = f"{lcp / 1000:.2f} s", f"{fcp / 1000:.2f} s"
                print(
                    f"| {page} | {view.total / 1024:.1f} KB{mark} | {len(view.responses)}"
                    f" | {searching / 1024:.1f} KB | {visit.search.total / 1024:.1f} KB"
                    f" ({visit.results} results) | {timing[0]} | {timing[1]} |"
                )
            browser.close()
    encoding = ".br/.gz copies" if args.precompressed else "gzip per request (level 6)"
    print(f"\nServed with {encoding}. Budget: {BUDGET // 1024} KB per first view, search unused;"
          " main content within 1.5 s on slow 3G (400 kbit/s, 400 ms).")


if __name__ == "__main__":
    main()
