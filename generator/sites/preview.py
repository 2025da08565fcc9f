"""A built site, as the published one will be: served on 127.0.0.1 from a folder or a zip.

The portals link folder-style (``handbook/``, ``xintiandi/``), as GitHub Pages and any
web server serve them; a browser opening the files directly (file://) shows a folder
listing for each link instead, and Material's search cannot load its index. So a
review preview (the CI artifact, downloaded as a zip) or a fresh ``make site`` is
served over HTTP on this machine, exactly the bytes that would be published.

The server behaves like GitHub Pages: a folder answers with its index.html, never with
a listing; a missing page answers 404 with the nearest 404.html of the site. A zip is
unpacked into a private temporary folder; a member that would land outside it (an
absolute path, ``..``, a link) is refused before anything is written.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import stat
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from generator.errors import SetupError

HOST = "127.0.0.1"
MAX_UNPACKED = 4 * 1024**3  # a zip that would unpack to more is not a site preview
_DEPTH = 3  # how far below the zip's or folder's top the site's index.html may sit


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files like GitHub Pages: index.html for a folder, no listings, the 404 page."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def list_directory(self, path: str | Path) -> None:  # type: ignore[override]
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        """The 404.html of the deepest site folder the request is in (a portal's, the hub's)."""
        root = Path(self.directory).resolve()
        parts = [p for p in unquote(urlsplit(self.path).path).split("/") if p not in ("", ".")]
        if ".." in parts:
            parts = []
        for depth in range(len(parts), -1, -1):
            page = root.joinpath(*parts[:depth], "404.html")
            if page.is_file():
                return page
        return None


def site_root(folder: Path) -> Path:
    """The folder holding the site's index.html: `folder`, or the one folder below it that
    does (GitLab's artifact zip holds public/ beside diff.md; a re-zipped folder wraps it)."""
    for _ in range(_DEPTH):
        if (folder / "index.html").is_file():
            return folder
        below = [p for p in folder.iterdir() if p.is_dir() and _has_site(p)]
        if len(below) != 1:
            break
        folder = below[0]
    if (folder / "index.html").is_file():
        return folder
    raise SetupError(
        f"{folder} 里没有网站（找不到 index.html）",
        "请写 portal build 生成的文件夹（例如 site），或自动流程的预览压缩包 site-preview.zip。",
    )


def _has_site(folder: Path, depth: int = _DEPTH) -> bool:
    if (folder / "index.html").is_file():
        return True
    return depth > 1 and any(_has_site(p, depth - 1) for p in folder.iterdir() if p.is_dir())


def unpack(archive: Path, into: Path) -> Path:
    """Unpack a site preview zip into `into` (which must exist); the site's root folder."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            _refuse_unsafe(archive, members)
            zipped.extractall(into)
    except zipfile.BadZipFile:
        raise SetupError(
            f"{archive} 不是完整的 zip 压缩包",
            "请重新下载预览压缩包（下载中断时文件会不完整）。",
        ) from None
    return site_root(into)


def _refuse_unsafe(archive: Path, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        mode = member.external_attr >> 16
        if path.is_absolute() or ".." in path.parts or ":" in member.filename:
            why = "路径指向压缩包外"
        elif stat.S_ISLNK(mode):
            why = "是一个链接"
        else:
            total += member.file_size
            continue
        raise SetupError(
            f"{archive} 里的 {member.filename} {why}，为安全起见不解压",
            "请只用自动流程生成的预览压缩包（site-preview）或 portal build 生成的文件夹。",
        )
    if total > MAX_UNPACKED:
        raise SetupError(
            f"{archive} 解压后超过 {MAX_UNPACKED // 1024**3} GB，不像是网站预览",
            "请只用自动流程生成的预览压缩包（site-preview）。",
        )


@contextlib.contextmanager
def opened(source: Path) -> Iterator[Path]:
    """The site in `source` (a folder or a zip) as a folder; a zip's lives while in use."""
    if not source.exists():
        raise SetupError(
            f"找不到 {source}",
            "请先运行 portal build 生成网站（默认在 site 文件夹），或写下载的预览压缩包的位置。",
        )
    if source.is_dir():
        yield site_root(source)
        return
    folder = Path(tempfile.mkdtemp(prefix="portal-preview-zip-"))
    try:
        yield unpack(source, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def start(root: Path, port: int = 0) -> ThreadingHTTPServer:
    """Serve `root` on 127.0.0.1 in a background thread; the port in use may differ when
    `port` is taken (then the system picks a free one). Stop with ``.shutdown()``."""
    handler = functools.partial(SiteHandler, directory=str(root))
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError:
        if port == 0:
            raise
        server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"preview {root}", daemon=True).start()
    return server


def address(server: ThreadingHTTPServer) -> str:
    return f"http://{HOST}:{server.server_address[1]}/"
