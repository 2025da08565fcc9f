"""`portal serve`: build into a preview folder, serve it on localhost, rebuild on change.

Only a change of content rebuilds (generator/preview/watch.py): opening, reading or
touching a file does not. A broken edit prints its problems once and shows them in a
banner on every preview page, over the last good build, exactly as the published
site would stay. Each page reloads itself when a rebuild has finished.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from generator.cli import output
from generator.errors import DataError, PortalError, SetupError
from generator.paths import ROOT
from generator.preview.page import Outcome, sorted_problems
from generator.preview.server import Builds, start
from generator.preview.watch import Watcher
from generator.sites.site import build

WATCHED = ("templates", "site_overrides")
WATCHED_FILES = ("mkdocs.yml",)


def preview(data_dir: Path, out: Path, slug: str | None, today: dt.date | None) -> None:
    """Build for the preview: no PDFs, and placeholders still being filled in are
    warnings here, errors in `portal build`."""
    only = [slug] if slug else None
    build(data_dir, out, only=only, today=today, pdf=False, publishing=False)


def _build(data_dir: Path, out: Path, slug: str | None, today: dt.date | None, build_id: str
           ) -> Outcome:  # fmt: skip
    """Build once; say in the terminal how it went, once."""
    try:
        preview(data_dir, out, slug, today)
    except DataError as exc:
        problems = sorted_problems(exc.report.problems)
        click.echo(output.human(problems), err=True)
        click.secho(
            f"{_now()} 数据有 {len(exc.report.errors)} 处错误，预览没有更新"
            "（浏览器里的预览页顶部也列出了这些错误）。",
            err=True,
            fg="red",
        )
        return Outcome(build_id, problems=problems)
    except SetupError:
        raise
    except PortalError as exc:
        click.secho(f"{_now()} 生成失败：{exc}", err=True, fg="red")
        return Outcome(build_id, failure=f"生成失败：{exc}")
    return Outcome(build_id)


def _now() -> str:
    return time.strftime("%H:%M:%S")


def serve(data_dir: Path, slug: str | None, port: int, today: dt.date | None = None) -> None:
    if not data_dir.is_dir():
        raise SetupError(f"找不到数据文件夹 {data_dir}", "用 --data 指定数据文件夹。")
    out = Path(tempfile.mkdtemp(prefix="portal-preview-")) / "site"
    session = f"{time.time_ns():x}"  # a restarted serve's pages reload too
    ids = (f"{session}-{n}" for n in itertools.count(1))
    watcher = Watcher(
        [data_dir, *(ROOT / name for name in WATCHED)], [ROOT / name for name in WATCHED_FILES]
    )
    builds = Builds(Outcome(next(ids)))  # until the first build: "正在生成预览"
    try:
        server = start(out, port, builds)  # before building: a busy port is said at once
    except OSError as exc:
        reason = exc.strerror or str(exc)
        hint = "用 --port 换一个端口，例如 --port 8080。"
        raise SetupError(f"无法使用端口 {port}（{reason}）", hint) from exc
    try:
        with watcher:  # from before the first build: an edit during it is not missed
            _watch(
                watcher,
                builds,
                lambda n: _build(data_dir, out, slug, today, n),
                ids,
                f"http://127.0.0.1:{port}/" + (f"{slug}/" if slug else ""),
            )
    finally:
        server.shutdown()


def _watch(watcher: Watcher, builds: Builds, build_one: Callable[[str], Outcome],
           ids: Iterator[str], address: str) -> None:  # fmt: skip
    """Build, then rebuild whenever the watched content has changed, until Ctrl+C."""
    built = watcher.content()
    builds.publish(build_one(next(ids)))
    click.secho(f"预览地址：{address}（按 Ctrl+C 停止）", fg="green")
    while True:
        if not watcher.wait(timeout=0.5):
            continue
        content = watcher.content()
        if content == built:
            continue  # read, touched or saved unchanged: nothing to do
        built = content
        click.echo(f"{_now()} 文件有改动，正在重新生成……")
        outcome = build_one(next(ids))
        if outcome.ok:
            click.secho(f"{_now()} 已重新生成", fg="green")
        builds.publish(outcome)
