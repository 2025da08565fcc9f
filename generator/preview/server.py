"""The preview's HTTP server on 127.0.0.1: the last good build, with the preview added.

Each HTML page gets the banner and the live-reload script as it is sent (page.inject);
the files of the build stay as built. ``/__portal__/wait?since=ID`` answers with the
id of the newest build as soon as it differs from ID (or after a while, with the same
id): the page's script reloads when it changes.
"""

from __future__ import annotations

import functools
import io
import os
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qs, urlsplit

from generator.preview.page import (
    PREFIX,
    SCRIPT_URL,
    STYLE,
    STYLE_URL,
    WAIT_URL,
    Outcome,
    inject,
    placeholder,
    script,
)

LONG_POLL = 25.0  # seconds a /__portal__/wait request is held open at most


class Builds:
    """The outcome of the latest build, and a way to wait for the next one."""

    def __init__(self, outcome: Outcome) -> None:
        self._outcome = outcome
        self._changed = threading.Condition()

    @property
    def outcome(self) -> Outcome:
        with self._changed:
            return self._outcome

    def publish(self, outcome: Outcome) -> None:
        with self._changed:
            self._outcome = outcome
            self._changed.notify_all()

    def wait_past(self, seen: str, timeout: float) -> Outcome:
        with self._changed:
            self._changed.wait_for(lambda: self._outcome.build != seen, timeout)
            return self._outcome


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args: object, builds: Builds, **kwargs: object) -> None:
        self.builds = builds
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the new build
        super().end_headers()

    def send_head(self) -> BinaryIO | None:
        url = urlsplit(self.path)
        if url.path.startswith(PREFIX):
            return self._own(url.path, url.query)
        outcome = self.builds.outcome
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(inject(path.read_bytes(), outcome), "text/html; charset=utf-8")
        if not (Path(self.directory) / "index.html").is_file() and not path.suffix:
            return self._send(placeholder(outcome), "text/html; charset=utf-8")  # none built
        return super().send_head()

    def _own(self, path: str, query: str) -> io.BytesIO | None:
        if path == SCRIPT_URL:
            return self._send(script().encode(), "text/javascript; charset=utf-8")
        if path == STYLE_URL:
            return self._send(STYLE.encode(), "text/css; charset=utf-8")
        if path == WAIT_URL:
            seen = parse_qs(query).get("since", [""])[0]
            outcome = self.builds.wait_past(seen, LONG_POLL)
            return self._send(outcome.build.encode(), "text/plain; charset=utf-8")
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def _send(self, body: bytes, kind: str) -> io.BytesIO:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def start(folder: Path, port: int, builds: Builds) -> ThreadingHTTPServer:
    """Serve folder on 127.0.0.1:port in a background thread; stop with .shutdown()."""
    handler = functools.partial(_Handler, directory=os.fspath(folder), builds=builds)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
