"""The `portal` command: parse arguments, call one function, turn errors into messages.

Exit codes: 0 success; 1 the data has mistakes (all listed); 2 the machine or a
build failed for a reason that is not the data (the message says what to do).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from generator import __version__, output
from generator.errors import DataError, PortalError, Report, SetupError

DATA = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="数据文件夹（含 portal.yml 和 settlements/）。",
)
FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(output.FORMATS)),
    default="human",
    show_default=True,
    help="错误的输出格式：human 给人看；github 在拉取请求中逐行标注；json 给程序用。",
)


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("请写成 2025-04-08 的形式") from None


TODAY = click.option(
    "--today",
    callback=_parse_today,
    metavar="YYYY-MM-DD",
    help="把这一天当作“今天”（用于预览某天的公开状态）；默认是真正的今天。",
)


def _print_problems(report: Report, fmt: str) -> None:
    if not report.problems:
        return
    text = output.FORMATS[fmt](report.problems)
    click.echo(text, err=fmt == "human")


def handles_errors(fmt_default: str = "human") -> Callable:
    """Turn domain errors into Chinese messages and exit codes; never a traceback."""

    def decorate(command: Callable) -> Callable:
        @wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            fmt = kwargs.get("fmt", fmt_default)
            try:
                return command(*args, **kwargs)
            except DataError as exc:
                _print_problems(exc.report, fmt)
                n = len(exc.report.errors)
                click.secho(
                    f"\n发现 {n} 处错误，网站没有更新。请按提示修改后再试。", err=True, fg="red"
                )
                sys.exit(1)
            except SetupError as exc:
                click.secho(f"无法继续：{exc.message}", err=True, fg="red")
                if exc.hint:
                    click.echo(f"    怎么办：{exc.hint}", err=True)
                sys.exit(2)
            except PortalError as exc:
                click.secho(f"出错了：{exc}", err=True, fg="red")
                click.echo("网站没有更新，已发布的网站保持原样。", err=True)
                sys.exit(2)
            except KeyboardInterrupt:
                click.echo("\n已停止。", err=True)
                sys.exit(130)
            except Exception as exc:  # a bug of ours: say so plainly, keep the details
                if os.environ.get("PORTAL_DEBUG"):
                    traceback.print_exc()
                click.secho(f"程序内部错误（{type(exc).__name__}: {exc}）。", err=True, fg="red")
                click.echo(
                    "这不是您数据的问题，网站没有更新。请把这段提示发给技术支持；"
                    "设置环境变量 PORTAL_DEBUG=1 可看到详细信息。",
                    err=True,
                )
                sys.exit(2)

        return run

    return decorate


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
    from generator.site import quiet_mkdocs

    quiet_mkdocs()


@main.command()
@DATA
@FORMAT
@handles_errors()
def validate(data_dir: Path, fmt: str) -> None:
    """检查全部数据，一次列出所有错误（不生成网站）。

    \b
    例子：
      portal validate
      portal validate --data data --format github   # 在 GitHub 拉取请求中逐行标注
      portal validate --format json > problems.json
    """
    from generator.project import load_project

    project, report = load_project(data_dir)
    report.raise_if_errors()  # errors and warnings are printed by handles_errors
    assert project is not None
    _print_problems(report, fmt)
    if fmt == "human":
        n = len(project.settlements)
        click.secho(f"数据检查通过：{n} 个安置点，没有错误。", fg="green")


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
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="网站输出文件夹；只有全部成功时才会替换。",
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
    from generator.site import build as build_site
    from generator.site import merge as merge_shards

    if merge:
        if not shard_dirs:
            _refuse("--merge 后面要写至少一个分片的输出文件夹，例如 portal build --merge a b")
        result = merge_shards(shard_dirs, data_dir, out_dir, today=today)
        click.secho(
            f"已合并 {len(shard_dirs)} 个分片，共 {len(result.portals)} 个安置点网站，"
            f"并生成全县平台：{result.out / 'index.html'}",
            fg="green",
        )
        return
    if shard_dirs:
        _refuse("只有与 --merge 一起使用时才能写分片文件夹")
    result = build_site(
        data_dir, out_dir, only=only, today=today, pdf=not no_pdf, jobs=jobs, shard=shard
    )
    _print_problems(result.report, fmt)
    what = f"第 {shard[0]}/{shard[1]} 份分片的" if shard else "全县平台和"
    click.secho(
        f"已生成{what} {len(result.portals)} 个安置点网站（重新生成 {len(result.built)} 个，"
        f"沿用 {len(result.reused)} 个未改动的）：{result.out}",
        fg="green",
    )


@main.command()
@DATA
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/render"),
    show_default=True,
    help="输出文件夹：每个安置点一个 MkDocs 项目（<安置点>/mkdocs.yml、docs/），全县平台在 _hub/。",
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
    from generator.render import render as render_sites

    written = render_sites(data_dir, out_dir, only=only, today=today, pdf=not no_pdf)
    click.secho(f"已写出 {len(written)} 个 MkDocs 项目到 {out_dir}", fg="green")


@main.command()
@click.argument("slug", required=False)
@DATA
@click.option("--port", default=8000, show_default=True, help="本地预览端口。")
@handles_errors()
def serve(slug: str | None, data_dir: Path, port: int) -> None:
    """本地预览：生成网站并在浏览器中打开，数据一改自动重新生成。

    \b
    例子：
      portal serve                 预览全部安置点
      portal serve xintiandi       只生成并预览新天地社区
      portal serve --port 8080
    """
    from generator.serve import serve as run_server

    run_server(data_dir, slug, port)


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schema"),
    show_default=True,
    help="JSON Schema 文件的输出文件夹。",
)
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
    from generator.schema import write_schemas

    for path in write_schemas(out_dir):
        click.echo(f"已写入 {path}")


@main.command()
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="写入这个文件（默认输出到屏幕）。",
)
@handles_errors()
def errors(out_file: Path | None) -> None:
    """列出全部错误代码、含义和改法（工作人员指南的错误说明页由此生成）。

    \b
    例子：
      portal errors
      portal errors --out docs/errors.md
    """
    from generator.catalogue import errors_markdown

    text = errors_markdown()
    if out_file is None:
        click.echo(text)
    else:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(text, encoding="utf-8")
        click.echo(f"已写入 {out_file}")


def _parse_quarter(ctx: click.Context, param: click.Parameter, value: str) -> Any:
    from generator.values import ValueProblem, parse_quarter

    try:
        return parse_quarter(value)
    except ValueProblem as problem:
        raise click.BadParameter(f"{problem.message}。{problem.hint}") from None


@main.group()
def funds() -> None:
    """经费公开：生成台账模板，封存已公开季度的台账。"""


@funds.command()
@click.argument("slug")
@click.argument("quarter", callback=_parse_quarter)
@DATA
@handles_errors()
def seal(slug: str, quarter: Any, data_dir: Path) -> None:
    """封存一个已公开的季度：把台账的校验码写入该季度 .yml 的 seal 一行。

    \b
    季度公开后运行一次；数据有错误时不会封存。
    封存后台账若被改动，检查和生成都会报错（funds.seal_broken），
    除非在该季度 .yml 的 corrections 中写明更正日期和原因（网站会公开显示这条更正）。
    更正之后请再运行一次本命令，重新封存：
      corrections:
        - {date: 2026-11-20, reason: 第2026-035号凭证金额录入错误，已按原始凭证更正}

    \b
    例子：
      portal funds seal xintiandi 2026-Q3
      portal funds seal longquan 2026年第三季度 --data data
    """
    from generator.funds_seal import seal_quarter

    sealed = seal_quarter(data_dir, slug, quarter)
    if sealed.changed:
        click.secho(f"已封存 {sealed.settlement}{sealed.quarter.label}：{sealed.path}", fg="green")
    else:
        click.secho(f"{sealed.settlement}{sealed.quarter.label}已封存，台账没有变化。", fg="green")
    click.echo(f"    seal: {sealed.seal}")


def _optional_quarter(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    return None if value is None else _parse_quarter(ctx, param, value)


def _refuse(message: str) -> None:
    """A request the command will not carry out (exit 1): say why in Chinese."""
    click.secho(message, err=True, fg="red")
    sys.exit(1)


@funds.command()
@click.argument("slug")
@click.argument("quarter", required=False, callback=_optional_quarter)
@DATA
@click.option(
    "-o",
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Excel 文件名（默认 <数据>/settlements/<安置点>/funds/<季度>.xlsx）；不会覆盖已有文件。",
)
@handles_errors()
def template(slug: str, quarter: Any, data_dir: Path, out_file: Path | None) -> None:
    """生成一个季度的 Excel 台账模板（.xlsx），用 Excel 或 WPS 填写。

    \b
    表头、类别和资金来源的下拉选项（来自 funds/account.yml）、本季度的日期检查、
    金额检查都已设好；第二个工作表“填写说明”写明了怎么填。
    不写季度时，默认是最后一个已公开季度的下一个季度（还没有公开过就是本季度）。

    \b
    例子：
      portal funds template xintiandi
      portal funds template xintiandi 2026-Q4
      portal funds template longquan 2026年第三季度 -o 龙泉三季度台账.xlsx --data data
    """
    from generator.xlsx_template import TemplateError, write_template

    try:
        made = write_template(data_dir, slug, quarter, out_file)
    except TemplateError as exc:
        _refuse(str(exc))
        return
    click.secho(f"已生成{made.quarter.label}台账模板：{made.path}", fg="green")
    click.echo(
        f"    用 Excel 或 WPS 打开填写，保存后在同一文件夹写 {made.quarter.key}.yml，"
        f"其中 ledger: {made.path.name}；再运行 portal validate 检查。"
    )


@main.command()
@click.argument("slug")
@click.option(
    "--paper",
    type=click.Choice(["a5", "a4"]),
    default="a5",
    show_default=True,
    help="纸张：a5 装订成小册子（正文 12 磅）；a4 大字版（正文 14 磅）。",
)
@click.option(
    "-o",
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="PDF 文件名（默认 <安置点>-handbook-<纸张>.pdf，放在当前文件夹）。",
)
@DATA
@TODAY
@handles_errors()
def handbook(
    slug: str, paper: str, out_file: Path | None, data_dir: Path, today: dt.date | None
) -> None:
    """生成一个安置点的打印版便民服务手册（PDF）：封面、目录、办事指南、窗口、网格和紧急电话。

    需要中文字体 fonts-noto-cjk（sudo apt-get install fonts-noto-cjk）。

    \b
    例子：
      portal handbook xintiandi                     生成 xintiandi-handbook-a5.pdf
      portal handbook xintiandi --paper a4          A4 大字版
      portal handbook longquan -o 龙泉手册.pdf --data data
    """
    from generator.handbook_pdf import file_name, printed
    from generator.project import load_project

    project, report = load_project(data_dir, only=[slug])
    report.raise_if_errors()
    assert project is not None
    settlement = project.settlement(slug)
    if settlement.handbook is None:
        report.add(
            "file.missing",
            f"「{settlement.profile.name}」没有 handbook.yml（便民服务手册），无法生成打印版",
            settlement.folder / "handbook.yml",
        )
        report.raise_if_errors()
    result = printed(project.portal, settlement, paper, today or dt.date.today())
    target = out_file or Path(file_name(slug, paper))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(result.data)
    click.secho(f"已生成 {target}（{result.label}）", fg="green")


@main.command()
@click.argument("slug")
@click.option("--name", required=True, help="社区名称（简称），例如 新天地社区。")
@DATA
@handles_errors()
def new(slug: str, name: str, data_dir: Path) -> None:
    """新建一个安置点：生成全部数据文件，每行都有中文说明，占位内容可直接通过检查。

    SLUG 是安置点文件夹名（也是网址的一部分）：小写英文字母、数字和减号。

    \b
    例子：
      portal new qingshan --name 青山社区
      portal new longquan-2 --name 龙泉新村二期 --data data
    """
    from generator.scaffold import ScaffoldError, scaffold

    try:
        made = scaffold(data_dir, slug, name)
    except ScaffoldError as exc:
        _refuse(str(exc))
        return
    click.secho(f"已建立 {made.folder}，共 {len(made.files)} 个文件：", fg="green")
    for path in made.files:
        click.echo(f"    {path.relative_to(made.folder).as_posix()}")
    click.echo("\n" + made.checklist)


@main.command()
@click.argument("rev", default="HEAD")
@DATA
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "text"]),
    default="text",
    show_default=True,
    help="markdown 可贴到拉取请求的评论里；text 在终端里看。",
)
@handles_errors()
def diff(rev: str, data_dir: Path, fmt: str) -> None:
    """说明这次数据改动会让网站发生哪些变化（与 git 中的某个版本比较，默认 HEAD）。

    比较的是读取后的内容而不是文字，只改注释或缩进不算改动。

    \b
    例子：
      portal diff                          和上一次提交比较（还没提交的改动）
      portal diff origin/main --format markdown
      portal diff HEAD~3 --data data
    """
    from generator.diff import diff as summarise

    summary = summarise(data_dir, rev)
    click.echo(summary.markdown() if fmt == "markdown" else summary.text(), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["SetupError", "main"]
