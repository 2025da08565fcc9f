"""`portal serve`: build into a preview folder, serve it on localhost, rebuild on change.

A broken edit prints its problems and the preview keeps showing the last good
build, exactly as the published site would.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.cli import output
from generator.errors import DataError, PortalError
from generator.paths import ROOT
from generator.sites.site import build

WATCHED = ("templates", "site_overrides")


class _Changes(FileSystemEventHandler):
    def __init__(self) -> None:
        self.pending = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and ".build-" not in str(event.src_path):
            self.pending.set()


def preview(data_dir: Path, out: Path, slug: str | None, today: dt.date | None) -> None:
    """Build for the preview: no PDFs, and placeholders left in are warnings, not errors."""
    only = [slug] if slug else None
    build(data_dir, out, only=only, today=today, pdf=False, publishing=False)


def _rebuild(data_dir: Path, out: Path, slug: str | None, today: dt.date | None) -> bool:
    try:
        preview(data_dir, out, slug, today)
    except DataError as exc:
        click.echo(output.human(exc.report.problems), err=True)
        click.secho("数据有错，预览仍显示上一次成功的结果。", err=True, fg="red")
        return False
    except PortalError as exc:
        click.secho(f"生成失败：{exc}", err=True, fg="red")
        return False
    click.secho(time.strftime("%H:%M:%S 已重新生成"), fg="green")
    return True


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(data_dir: Path, slug: str | None, port: int, today: dt.date | None = None) -> None:
    out = Path(tempfile.mkdtemp(prefix="portal-preview-")) / "site"
    preview(data_dir, out, slug, today)  # first failure
    changes = _Changes()
    observer = Observer()
    observer.schedule(changes, str(data_dir), recursive=True)
    for name in WATCHED:
        path = ROOT / name
        if path.is_dir():
            observer.schedule(changes, str(path), recursive=True)
    observer.schedule(changes, str(ROOT), recursive=False)  # mkdocs.yml
    observer.start()
    handler = functools.partial(_Handler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{port}/" + (f"{slug}/" if slug else "")
    click.secho(f"预览地址：{address}（按 Ctrl+C 停止）", fg="green")
    try:
        while True:
            if changes.pending.wait(timeout=0.5):
                time.sleep(0.3)  # let the editor finish writing
                changes.pending.clear()
                _rebuild(data_dir, out, slug, today)
    finally:
        observer.stop()
        server.shutdown()
