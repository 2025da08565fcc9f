"""What a resident's first visit transfers, measured in Debian's chromium.

    .venv/bin/python bench/page_weight.py            # the sample portals, as a table
    .venv/bin/python bench/page_weight.py --site site --page /xintiandi/

Builds the sample data (or takes a built --site), serves it on 127.0.0.1 with
gzip as any web server does, and opens each page in a fresh browser context (an
empty cache, as on a resident's first visit) at 360×740. It waits until the
network is idle, by which time Material's search worker has fetched the search
index, and adds up what went over the wire for every request the browser made
(headers and compressed bodies, counted by the server as it writes them: the
browser does not report the bodies of a worker's requests). The budget
(issue 9) is 150 KB per first page load.
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
BUDGET = 150 * 1024
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

    def __init__(self, *args: object, sent: list[tuple[str, int]], **kwargs: object) -> None:
        self.sent = sent
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
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and gzip_ok and kind.startswith(COMPRESSED)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
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
def serve_gzip(directory: Path) -> Iterator[Server]:
    """Serve directory on a free port of 127.0.0.1 with gzip, counting what it sends."""
    sent: list[tuple[str, int]] = []
    handler = functools.partial(GzipHandler, directory=str(directory), sent=sent)
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


def first_load(browser: object, server: Server, page: str) -> Load:
    """Open page in a fresh context; the bytes of every response until the network idles."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 360, "height": 740}, locale="zh-CN", service_workers="block"
    )
    try:
        opened = context.new_page()
        server.sent.clear()
        opened.goto(server.base + page, wait_until="networkidle")
        opened.wait_for_timeout(300)  # the search worker starts after the page's scripts
        return Load(page, tuple(server.sent))
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            quiet_mkdocs()
            os.environ["PORTAL_CACHE_DIR"] = str(Path(tmp) / "cache")  # not the user's ~/.cache
            site = build(ROOT / "data", Path(tmp) / "site", today=TODAY, pdf=False).out
        with serve_gzip(site) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), headless=True, args=["--no-sandbox"]
            )
            print("| page | transferred | of which search index | requests |")
            print("|---|---|---|---|")
            for page in args.page or PAGES:
                load = first_load(browser, server, page)
                index = load.bytes_of("search_index.json")
                mark = "" if load.total < BUDGET else " ✗"
                print(
                    f"| {page} | {load.total / 1024:.1f} KB{mark} | {index / 1024:.1f} KB"
                    f" | {len(load.responses)} |"
                )
            browser.close()
    print(f"\nBudget: {BUDGET // 1024} KB per first page load, search index included.")


if __name__ == "__main__":
    main()
