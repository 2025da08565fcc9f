"""The `portal` command: parse arguments, call one function, turn errors into messages.

Exit codes: 0 success; 1 the data has mistakes (all listed); 2 the machine or a
build failed for a reason that is not the data (the message says what to do).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from generator import __version__
from generator.cli.common import (
    DATA,
    FORMAT,
    TODAY,
    handles_errors,
    out_file,
    out_folder,
    print_problems,
    refuse,
)
from generator.cli.staff import comment, diff, funds, handbook, new
from generator.errors import SetupError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="portal")
def main() -> None:
    """安置社区信息公开平台：检查数据、生成网站。

    \b
    常用：
      portal validate            检查 data/ 中的所有数据
      portal build               生成全部网站到 site/
      portal serve xintiandi     本地预览一个安置点，改数据自动刷新
    """
    from generator.sites.site import quiet_mkdocs

    quiet_mkdocs()


@main.command()
@DATA
@FORMAT
@TODAY
@handles_errors()
def validate(data_dir: Path, fmt: str, today: dt.date | None) -> None:
    """检查全部数据，一次列出所有错误（不生成网站）。

    \b
    例子：
      portal validate
      portal validate --data data --format github   # 在 GitHub 拉取请求中逐行标注
      portal validate --format json > problems.json
    """
    from generator.sites.checked import check_data
    from generator.sites.pool import Workers

    # errors and warnings are printed by handles_errors; unchanged settlements come
    # from the build's cache (generator/sites/checked.py)
    with Workers(os.cpu_count() or 1, None) as workers:
        _, checked, report = check_data(
            data_dir, today or dt.date.today(), workers, publishing=False
        )
    print_problems(report, fmt)
    if fmt == "human":
        click.secho(f"数据检查通过：{len(checked)} 个安置点，没有错误。", fg="green")
        if report.drafts:
            click.secho(
                f"但还有 {len(report.drafts)} 处占位内容（上面的 [placeholder.…] 提醒），"
                "全部改成真实内容后 portal build 才会发布。",
                fg="yellow",
            )


def _parse_shard(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise click.BadParameter("请写成 1/4 的形式（第 1 份，共 4 份）") from None
    if not 1 <= index <= count:
        raise click.BadParameter("I 要在 1 到 N 之间，例如 2/4")
    return index, count


@main.command()
@DATA
@out_folder(
    "site",
    "网站输出文件夹；只有全部成功时才会整个替换。必须是空文件夹或以前生成的网站，"
    "不能是数据文件夹或包含它。",
    checked_later=True,
)
@click.option(
    "--only", multiple=True, metavar="SLUG", help="只重新生成这个安置点（可写多次）；其余保持原样。"
)
@click.option("--no-pdf", is_flag=True, help="不生成打印版手册 PDF（更快；用于预览）。")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="同时生成几个网站（进程数）；默认等于本机 CPU 核数。",
)
@click.option(
    "--shard",
    callback=_parse_shard,
    metavar="I/N",
    help="只生成 N 份中的第 I 份安置点（不含全县平台），供多台机器分担后用 --merge 合并。",
)
@click.option(
    "--merge",
    is_flag=True,
    help="把各分片的输出文件夹（写在后面）合并到 --out，并重新生成全县平台。",
)
@click.argument(
    "shard_dirs", nargs=-1, type=click.Path(file_okay=False, exists=True, path_type=Path)
)
@TODAY
@FORMAT
@handles_errors()
def build(
    data_dir: Path,
    out_dir: Path,
    only: tuple[str, ...],
    no_pdf: bool,
    jobs: int | None,
    shard: tuple[int, int] | None,
    merge: bool,
    shard_dirs: tuple[Path, ...],
    today: dt.date | None,
    fmt: str,
) -> None:
    """检查数据并生成全县平台和每个安置点的网站。

    数据有错时什么也不改：已发布的网站保持原样。
    数据、模板和程序都没变的安置点直接沿用已发布的网站，不再重新生成。

    \b
    例子：
      portal build
      portal build --data data --out site
      portal build --only xintiandi --only longquan
      portal build --no-pdf --jobs 4
      portal build --shard 1/2 --out shard1       （另一台机器：--shard 2/2 --out shard2）
      portal build --merge shard1 shard2 --out site
    """
    from generator.sites.site import build as build_site
    from generator.sites.site import merge as merge_shards

    if merge:
        if not shard_dirs:
            refuse("--merge 后面要写至少一个分片的输出文件夹，例如 portal build --merge a b")
        result = merge_shards(shard_dirs, data_dir, out_dir, today=today)
        click.secho(
            f"已合并 {len(shard_dirs)} 个分片，共 {len(result.portals)} 个安置点网站，"
            f"并生成全县平台：{result.out / 'index.html'}",
            fg="green",
        )
        return
    if shard_dirs:
        refuse("只有与 --merge 一起使用时才能写分片文件夹")
    result = build_site(
        data_dir, out_dir, only=only, today=today, pdf=not no_pdf, jobs=jobs, shard=shard
    )
    print_problems(result.report, fmt)
    what = f"第 {shard[0]}/{shard[1]} 份分片的" if shard else "全县平台和"
    click.secho(
        f"已生成{what} {len(result.portals)} 个安置点网站（重新生成 {len(result.built)} 个，"
        f"沿用 {len(result.reused)} 个未改动的）：{result.out}",
        fg="green",
    )


@main.command()
@DATA
@out_folder(
    "build/render",
    "输出文件夹：每个安置点一个 MkDocs 项目（<安置点>/mkdocs.yml、docs/），全县平台在 _hub/。",
)
@click.option("--only", multiple=True, metavar="SLUG", help="只输出这个安置点（可写多次）。")
@click.option("--no-pdf", is_flag=True, help="不生成打印版手册 PDF。")
@TODAY
@FORMAT
@handles_errors()
def render(
    data_dir: Path,
    out_dir: Path,
    only: tuple[str, ...],
    no_pdf: bool,
    today: dt.date | None,
    fmt: str,
) -> None:
    """只写出每个网站的 MkDocs 项目（Markdown 和完整配置），不生成网页。

    每个项目都能单独用 mkdocs build -f <文件夹>/<安置点>/mkdocs.yml 生成。

    \b
    例子：
      portal render --out build/render
      portal render --only xintiandi --out /tmp/render
      mkdocs build -f build/render/xintiandi/mkdocs.yml
    """
    from generator.sites.render import render as render_sites

    written = render_sites(data_dir, out_dir, only=only, today=today, pdf=not no_pdf)
    click.secho(f"已写出 {len(written)} 个 MkDocs 项目到 {out_dir}", fg="green")


@main.command()
@click.argument("slug", required=False)
@DATA
@click.option("--port", default=8000, show_default=True, help="本地预览端口。")
@TODAY
@handles_errors()
def serve(slug: str | None, data_dir: Path, port: int, today: dt.date | None) -> None:
    """本地预览：生成网站并在浏览器中打开，文件内容一改就自动重新生成，页面自动刷新。

    只看、打开或原样保存文件，不会重新生成。

    数据有错时，终端和每个预览页面顶部都会列出错误（哪个文件第几行、怎么改）。

    \b
    例子：
      portal serve                 预览全部安置点
      portal serve xintiandi       只生成并预览新天地社区
      portal serve --port 8080
    """
    from generator.cli.serve import serve as run_server

    run_server(data_dir, slug, port, today)


@main.command()
@click.argument("source", required=False, default=Path("site"), type=click.Path(path_type=Path))
@click.option(
    "--port", default=8000, show_default=True, help="本地预览端口；被占用时自动换一个空闲的。"
)
@click.option("--no-browser", is_flag=True, help="只启动预览，不自动打开浏览器。")
@handles_errors()
def preview(source: Path, port: int, no_browser: bool) -> None:
    """在浏览器中查看已生成的网站：portal build 的文件夹，或自动流程的预览压缩包。

    网站的链接是文件夹形式（例如 handbook/），直接双击 index.html 打开时，
    点链接只会看到文件列表，搜索也不能用；本命令在本机（127.0.0.1）上像正式网站一样提供它。
    压缩包不用先解压。按 Ctrl+C 停止。

    \b
    例子：
      portal preview                         查看 site 文件夹（make site 生成的）
      portal preview site-preview.zip        查看拉取请求的预览（在运行页面的 Artifacts 下载）
      portal preview public --port 8080
    """
    import signal
    import sys
    import time
    import webbrowser

    from generator.sites import preview as previews

    # stopped by its parent (a test, a terminal closing): remove the unpacked zip too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with previews.opened(source) as root:
        server = previews.start(root, port)
        address = previews.address(server)
        try:
            click.secho(f"预览地址：{address}（按 Ctrl+C 停止）", fg="green")
            if not no_browser and not webbrowser.open(address):
                click.echo("没能自动打开浏览器，请手动用浏览器打开上面的地址。")
            while True:
                time.sleep(3600)
        finally:
            server.shutdown()
            server.server_close()


@main.command()
@out_folder("schema", "JSON Schema 文件的输出文件夹。")
@handles_errors()
def schema(out_dir: Path) -> None:
    """生成每种数据文件的 JSON Schema，编辑器据此显示中文提示并即时发现错误。

    数据文件第一行写上 `# yaml-language-server: $schema=<相对路径>/settlement.schema.json`，
    VS Code（YAML 插件）等编辑器就会按它提示。

    \b
    例子：
      portal schema
      portal schema --out schema
    """
    from generator.contract.schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"已写入 {path}")


@main.command()
@out_file("写入这个文件（默认输出到屏幕）。")
@handles_errors()
def errors(out_file: Path | None) -> None:
    """列出全部错误代码、含义和改法（工作人员指南的错误说明页由此生成）。

    \b
    例子：
      portal errors
      portal errors --out docs/errors.md
    """
    from generator.cli.catalogue import errors_markdown

    _write_or_show(errors_markdown(), out_file)


@main.command()
@out_file("写入这个文件（默认输出到屏幕）。")
@handles_errors()
def reference(out_file: Path | None) -> None:
    """列出每个数据文件能写的全部字段、是否必填和写法（由数据模型生成）。

    \b
    例子：
      portal reference
      portal reference --out docs/data-reference.md
    """
    from generator.contract.reference import reference_markdown

    _write_or_show(reference_markdown(), out_file)


def _write_or_show(text: str, out_file: Path | None) -> None:
    if out_file is None:
        click.echo(text)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(text, encoding="utf-8")
    click.echo(f"已写入 {out_file}")


for command in (funds, handbook, new, diff, comment):
    main.add_command(command)


__all__ = ["SetupError", "main"]
