"""The commands staff run beside a build: funds, handbook, new, diff, and comment (CI)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from generator.cli.common import DATA, TODAY, handles_errors, out_file, refuse


def _parse_period(ctx: click.Context, param: click.Parameter, value: str) -> Any:
    from generator.read.values import ValueProblem, parse_period

    try:
        return parse_period(value)
    except ValueProblem as problem:
        raise click.BadParameter(f"{problem.message}。{problem.hint}") from None


@click.group()
def funds() -> None:
    """经费公开：生成台账模板，封存已公开的季度或月份的台账。"""


@funds.command()
@click.argument("slug")
@click.argument("period", callback=_parse_period)
@DATA
@handles_errors()
def seal(slug: str, period: Any, data_dir: Path) -> None:
    """封存已公开的一期（季度或月份）：把台账的校验码写入这一期 .yml 的 seal 一行。

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
      portal funds seal jixiang 2026-07
    """
    from generator.staff.seal import seal_quarter

    sealed = seal_quarter(data_dir, slug, period)
    if sealed.changed:
        click.secho(f"已封存 {sealed.settlement}{sealed.quarter.label}：{sealed.path}", fg="green")
    else:
        click.secho(f"{sealed.settlement}{sealed.quarter.label}已封存，台账没有变化。", fg="green")
    click.echo(f"    seal: {sealed.seal}")


def _optional_quarter(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    return None if value is None else _parse_period(ctx, param, value)


@funds.command()
@click.argument("slug")
@click.argument("quarter", required=False, callback=_optional_quarter)
@DATA
@out_file(
    "Excel 文件名（默认 <数据>/settlements/<安置点>/funds/<季度>.xlsx）；不会覆盖已有文件。",
    short=True,
)
@handles_errors()
def template(slug: str, quarter: Any, data_dir: Path, out_file: Path | None) -> None:
    """生成一期（季度或月份）的 Excel 台账模板（.xlsx），用 Excel 或 WPS 填写。

    \b
    表头（按 account.yml 的签字规则和专项）、类别、资金来源和专项的下拉选项、本期的日期检查、
    金额检查都已设好；第二个工作表“填写说明”写明了怎么填。
    不写哪一期时，默认是最后一个已公开的下一期（按 account.yml 的 period 按月或按季度）。

    \b
    例子：
      portal funds template xintiandi
      portal funds template xintiandi 2026-Q4
      portal funds template longquan 2026年第三季度 -o 龙泉三季度台账.xlsx --data data
    """
    from generator.staff.xlsx_template import TemplateError, write_template

    try:
        made = write_template(data_dir, slug, quarter, out_file)
    except TemplateError as exc:
        refuse(str(exc))
        return
    click.secho(f"已生成{made.quarter.label}台账模板：{made.path}", fg="green")
    click.echo(
        f"    用 Excel 或 WPS 打开填写，保存后在同一文件夹写 {made.quarter.key}.yml，"
        f"其中 ledger: {made.path.name}；再运行 portal validate 检查。"
    )


@click.command()
@click.argument("slug")
@click.option(
    "--paper",
    type=click.Choice(["a5", "a4"]),
    default="a5",
    show_default=True,
    help="纸张：a5 装订成小册子（正文 12 磅）；a4 大字版（正文 14 磅）。",
)
@out_file("PDF 文件名（默认 <安置点>-handbook-<纸张>.pdf，放在当前文件夹）。", short=True)
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
    from generator.checks.project import load_project
    from generator.print.handbook import file_name, printed

    project, report = load_project(data_dir, only=[slug])
    report.publishing()  # a printed handbook goes to residents: no placeholders in it
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


@click.command()
@click.argument("slug")
@click.option("--name", required=True, help="社区名称（简称），例如 新天地社区。")
@DATA
@handles_errors()
def new(slug: str, name: str, data_dir: Path) -> None:
    """新建一个安置点：生成全部数据文件，每行都有中文说明。

    占位内容（某某、0000 电话、0 户）可以通过 portal validate（逐条提醒）和预览，
    全部改成真实内容后 portal build 才会发布。

    SLUG 是安置点文件夹名（也是网址的一部分）：小写英文字母、数字和减号。

    \b
    例子：
      portal new qingshan --name 青山社区
      portal new longquan-2 --name 龙泉新村二期 --data data
    """
    from generator.staff.scaffold import ScaffoldError, scaffold

    try:
        made = scaffold(data_dir, slug, name)
    except ScaffoldError as exc:
        refuse(str(exc))
        return
    click.secho(f"已建立 {made.folder}，共 {len(made.files)} 个文件：", fg="green")
    for path in made.files:
        click.echo(f"    {path.relative_to(made.folder).as_posix()}")
    click.echo("\n" + made.checklist)


@click.command()
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
    from generator.staff.diff import diff as summarise

    summary = summarise(data_dir, rev)
    click.echo(summary.markdown() if fmt == "markdown" else summary.text(), nl=False)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@handles_errors()
def comment(file: Path) -> None:
    """把 portal diff 写好的说明（Markdown 文件）发到 GitLab 合并请求的评论里。

    \b
    在 GitLab 合并请求的流水线中运行（.gitlab-ci.yml 已写好）。需要 CI 变量
    PORTAL_GITLAB_TOKEN：本项目的访问令牌，权限范围勾选 api。每个合并请求只有
    一条这样的评论，每次推送后更新；没有设置这个变量时什么也不发，也不算失败。

    \b
    例子：
      portal diff origin/main --format markdown > diff.md
      portal comment diff.md
    """
    import os

    from generator.staff.gitlab import post, target

    where = target(os.environ)
    if isinstance(where, str):
        click.echo(where)
        return
    try:
        markdown = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        refuse(f"无法读取 {file}：{type(error).__name__}。请先运行 portal diff … > {file}")
        return
    click.secho(post(where, markdown), fg="green")
