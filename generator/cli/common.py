"""What every `portal` command shares: options, and errors turned into messages.

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

from generator.cli import output
from generator.errors import DataError, PortalError, Report, SetupError

DATA = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("data"),
    show_default=True,
    help="数据文件夹（含 portal.yml 和 settlements/）。",
)


def out_folder(default: str, help: str, checked_later: bool = False) -> Callable:
    """--out FOLDER, with a default shown in --help.

    checked_later: the command checks the folder itself (portal build: a file there is
    refused in Chinese with the other unsafe places, generator/sites/publish.py).
    """
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=checked_later, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help,
    )


def out_file(help: str, short: bool = False) -> Callable:
    """--out FILE (also -o when short); without it the command picks the file or the screen."""
    names = ("-o", "--out") if short else ("--out",)
    return click.option(
        *names,
        "out_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help,
    )


FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted([*output.FORMATS, *output.REPORTS])),
    default="human",
    show_default=True,
    help="错误的输出格式：human 给人看；github 在拉取请求中逐行标注；"
    "codequality 是 GitLab 的代码质量报告（在合并请求中逐行标注）；json 给程序用。",
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
    envvar="PORTAL_TODAY",
    help="把这一天当作“今天”（用于预览某天的公开状态）；默认是真正的今天"
    "（也可用环境变量 PORTAL_TODAY 设定）。",
)


def print_problems(report: Report, fmt: str) -> None:
    if fmt == "codequality":  # a report file: valid JSON even with nothing in it
        base = (report.root or Path("data")).absolute().parent
        click.echo(output.codequality(report.problems, base, output.repository_top(base)))
        return
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
                print_problems(exc.report, fmt)
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


def refuse(message: str) -> None:
    """A request the command will not carry out (exit 1): say why in Chinese."""
    click.secho(message, err=True, fg="red")
    sys.exit(1)
