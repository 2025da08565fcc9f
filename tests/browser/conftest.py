"""Real-browser fixtures: the sample site served on 127.0.0.1, opened in Debian's chromium.

One browser for the whole session; a fresh context per test, at 360×740 (a small
Android phone), zh-CN, Asia/Shanghai. Every request to a host other than 127.0.0.1
is aborted and recorded, so a test can assert that a page loads nothing from the
internet; console errors and uncaught exceptions are recorded too.

Fixtures:
    chromium_path       path of the system chromium (skip, or fail when CI=true)
    cjk_font            the system has a Chinese font (skip, or fail when CI=true)
    server              base URL of the sample site, e.g. "http://127.0.0.1:41234"
                        (serve(directory) is the context manager behind it)
    browser             the session's chromium
    page                a fresh page; page.external_requests, page.console_errors
    external_requests   the same list as page.external_requests
    console_errors      the same list as page.console_errors
    page_without_js     a fresh page with JavaScript disabled, same recording

Playwright's own browser download never works here: chromium comes from apt.
This directory is a package (it has __init__.py) so that this module is imported
as browser.conftest and does not replace tests/conftest.py, which the other test
files import as `conftest`.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from conftest import IN_CI, missing  # tests/conftest.py

PLAYWRIGHT_MISSING = (
    "the Python package playwright is not installed: pip install playwright==1.65.2"
)
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    if IN_CI:
        raise
    sync_playwright = None  # the test modules skip themselves with pytest.importorskip

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route

LOCAL_HOST = "127.0.0.1"
VIEWPORT = {"width": 360, "height": 740}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    missing("chromium is not installed: apt-get install chromium")


@pytest.fixture(scope="session")
def cjk_font() -> str:
    """The first Chinese font fontconfig knows, so that screenshots and layout are real."""
    fonts = ""
    if shutil.which("fc-list"):
        result = subprocess.run(
            ["fc-list", ":lang=zh"], capture_output=True, text=True, check=False, timeout=30
        )
        fonts = result.stdout.strip()
    if not fonts:
        missing("no Chinese (CJK) font is installed: apt-get install fonts-noto-cjk")
    return fonts.splitlines()[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(
    directory: Path, handler_class: type[http.server.BaseHTTPRequestHandler] | None = None
) -> Iterator[str]:
    """Serve a built site over HTTP on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def server(sample_site: Path) -> Iterator[str]:
    """The sample site (built with TODAY) over HTTP, e.g. "http://127.0.0.1:41234"."""
    with serve(sample_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium_path: str, cjk_font: str) -> Iterator[Browser]:
    if sync_playwright is None:
        missing(PLAYWRIGHT_MISSING)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return False  # data:, blob:, about: never leave the machine
    return parts.hostname != LOCAL_HOST


def _new_page(browser: Browser, **options: object) -> tuple[BrowserContext, Page]:
    """A page in a new phone-sized Chinese context that blocks and records other hosts."""
    context = browser.new_context(
        viewport=VIEWPORT,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        service_workers="block",  # so every request goes through the route below
        **options,
    )
    external: list[str] = []
    errors: list[str] = []

    def route(route: Route) -> None:
        if _is_external(route.request.url):
            external.append(route.request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            errors.append(f"console.{message.type}: {message.text} ({message.location})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.external_requests = external  # type: ignore[attr-defined]
    page.console_errors = errors  # type: ignore[attr-defined]
    return context, page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context, opened = _new_page(browser)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    context, opened = _new_page(browser, java_script_enabled=False)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def external_requests(page: Page) -> list[str]:
    return page.external_requests  # type: ignore[attr-defined]


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    return page.console_errors  # type: ignore[attr-defined]
