"""Attacks through the files of data/: links out of it, special files, resource bombs, settings.

Each case is built on a private copy of the sample data and checked the way a
pull request is: `portal validate` and a build must refuse it with the file
named, quickly, and nothing of what lies outside data/ reaches any output.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TODAY

from generator.checks.project import load_project
from generator.errors import DataError, Report
from generator.sites.site import build

SECRET = "TOP-SECRET-出自数据文件夹之外"
S = "settlements/longquan"


def problems(data: Path) -> list[tuple[str, str, int]]:
    """(code, file relative to data/, line) of every error load_project reports."""
    _, report = load_project(data)
    return [(p.code, p.file.split("/", 1)[1], p.line) for p in report.errors]


def secret_file(tmp_path: Path, name: str = "secret.md") -> Path:
    path = tmp_path / "outside" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"# {SECRET}\n\nroot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return path


def _replace_with_link(path: Path, target: Path) -> None:
    path.unlink() if path.is_file() else None
    path.symlink_to(target)


# ---------------------------------------------------------------- symlinks


def link_charter(data: Path, tmp: Path) -> str:
    _replace_with_link(data / S / "charter.md", secret_file(tmp))
    return f"{S}/charter.md"


def link_settlement_yml(data: Path, tmp: Path) -> str:
    target = secret_file(tmp, "settlement.yml")
    target.write_text((data / S / "settlement.yml").read_text("utf-8"), encoding="utf-8")
    _replace_with_link(data / S / "settlement.yml", target)
    return f"{S}/settlement.yml"


def link_ledger(data: Path, tmp: Path) -> str:
    ledger = data / S / "funds" / "2026-Q2.csv"
    target = secret_file(tmp, "ledger.csv")
    target.write_bytes(ledger.read_bytes())
    _replace_with_link(ledger, target)
    return f"{S}/funds/2026-Q2.csv"


def link_notice(data: Path, tmp: Path) -> str:
    notice = next((data / "settlements" / "xintiandi" / "notices").glob("*.md"))
    _replace_with_link(notice, secret_file(tmp))
    return f"settlements/xintiandi/notices/{notice.name}"


def link_portal_yml(data: Path, tmp: Path) -> str:
    target = secret_file(tmp, "portal.yml")
    target.write_text((data / "portal.yml").read_text("utf-8"), encoding="utf-8")
    _replace_with_link(data / "portal.yml", target)
    return "portal.yml"


def link_settlement_folder(data: Path, tmp: Path) -> str:
    """A whole settlement that lives elsewhere, linked in: it must not become a portal."""
    elsewhere = tmp / "outside" / "copy"
    elsewhere.parent.mkdir(exist_ok=True)
    os.rename(data / S, elsewhere)
    (data / S).symlink_to(elsewhere, target_is_directory=True)
    return S


def link_funds_folder(data: Path, tmp: Path) -> str:
    elsewhere = tmp / "outside" / "funds"
    elsewhere.parent.mkdir(exist_ok=True)
    os.rename(data / S / "funds", elsewhere)
    (data / S / "funds").symlink_to(elsewhere, target_is_directory=True)
    return f"{S}/funds"


LINKS: dict[str, Callable[[Path, Path], str]] = {
    "charter.md": link_charter,
    "settlement.yml": link_settlement_yml,
    "ledger": link_ledger,
    "notice": link_notice,
    "portal.yml": link_portal_yml,
    "settlement folder": link_settlement_folder,
    "funds folder": link_funds_folder,
}


@pytest.mark.parametrize("case", list(LINKS))
def test_symlinks_are_refused_by_name(data_copy: Path, tmp_path: Path, case: str) -> None:
    where = LINKS[case](data_copy, tmp_path)
    found = problems(data_copy)
    assert ("file.symlink", where, 0) in found, found
    _, report = load_project(data_copy)
    assert all(SECRET not in p.message for p in report.problems)
    with pytest.raises(DataError):
        build(data_copy, tmp_path / "site", today=TODAY, pdf=False)
    assert not (tmp_path / "site").exists(), "nothing is published"


def test_linked_settlement_folder_is_not_a_portal(data_copy: Path, tmp_path: Path) -> None:
    link_settlement_folder(data_copy, tmp_path)
    report = Report(root=data_copy)
    from generator.contract.load import named_folders

    folders = named_folders(data_copy, [], report)
    assert "longquan" not in [f.name for f in folders]
    assert [(p.code, p.file) for p in report.errors] == [
        ("file.symlink", f"data/{S}")
    ]


def test_a_fifo_never_blocks_the_build(data_copy: Path, tmp_path: Path) -> None:
    """A named pipe (charter.md) would block any read; one nobody names must not be opened."""
    (data_copy / S / "charter.md").unlink()
    os.mkfifo(data_copy / S / "charter.md")
    os.mkfifo(data_copy / S / "unrelated.pipe")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--data", str(data_copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.monotonic() - started < 120
    assert result.returncode == 1, result.stderr
    assert f"{S}/charter.md" in result.stderr and "[file.special]" in result.stderr
    assert "unrelated.pipe" not in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- resource bombs


def _laughs() -> str:
    lines = ["name: 笑话社区", "a: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]"]
    for i, name in enumerate("bcdefghijk"):
        previous = "abcdefghijk"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BOMBS: dict[str, tuple[str, Callable[[Path], None], str, int]] = {
    # case: (file, how to make it, code, line)
    "billion laughs": (
        "settlement.yml",
        lambda p: p.write_text(_laughs(), encoding="utf-8"),
        "yaml.too_large",
        7,  # where the expansion passes 200,000 values
    ),
    "nested 100,000 deep (flow)": (
        "settlement.yml",
        lambda p: p.write_text("name: x\nintro: " + "[" * 100_000 + "]" * 100_000, "utf-8"),
        "yaml.too_deep",
        2,
    ),
    "nested 100,000 deep (block)": (
        "handbook.yml",
        lambda p: p.write_text("title: x\nnotes:\n  " + "- " * 100_000 + "深\n", "utf-8"),
        "yaml.too_deep",
        3,
    ),
    "a 100,000-character intro": (
        "settlement.yml",
        lambda p: p.write_text(
            p.read_text("utf-8").replace("intro: |", "intro: |\n  " + "很长的介绍" * 20_000, 1),
            "utf-8",
        ),
        "yaml.too_large",
        0,  # the line of the intro: checked below by code only
    ),
    "a 50 MB settlement.yml": (
        "settlement.yml",
        lambda p: p.write_text("intro: " + "长" * (17 * 1024 * 1024) + "\n", "utf-8"),
        "file.too_large",
        0,
    ),
    "an 11 MB ledger": (
        "funds/2026-Q2.csv",
        lambda p: p.write_bytes(p.read_bytes() + b"\n" + b"," * (11 * 1024 * 1024)),
        "file.too_large",
        0,
    ),
}


@pytest.mark.parametrize("case", list(BOMBS))
def test_resource_bombs_are_refused_quickly(data_copy: Path, case: str) -> None:
    file, make, code, line = BOMBS[case]
    make(data_copy / S / file)
    started = time.monotonic()
    found = problems(data_copy)
    assert time.monotonic() - started < 20, "refused in seconds, not minutes"
    where = f"{S}/{file}"
    assert (code, where) in [(c, f) for c, f, _ in found], found
    if line:
        assert (code, where, line) in found, found


def test_xlsx_zip_bomb_is_refused_before_it_unpacks(data_copy: Path) -> None:
    funds = data_copy / S / "funds"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024, "a small file"
    (funds / "2026-Q2.xlsx").write_bytes(buffer.getvalue())
    (funds / "2026-Q2.csv").unlink()
    header = funds / "2026-Q2.yml"
    header.write_text(header.read_text("utf-8").replace("2026-Q2.csv", "2026-Q2.xlsx"), "utf-8")
    started = time.monotonic()
    found = problems(data_copy)
    assert time.monotonic() - started < 20
    assert ("ledger.unreadable", f"{S}/funds/2026-Q2.xlsx", 0) in found, found


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize(
    "base_url",
    [
        'https://example.org/a"><script>alert(1)</script>/',
        "https://example.org/a'onmouseover='alert(1)'/",
        "javascript:alert(1)//",
        "https://example.org/a b/",
        "https://example.org/<b>/",
        "https://user:pass@example.org/",
        "https://example.org/?q=<x>/",
        "https://example.org/a&amp;b/",
    ],
)
def test_base_url_must_be_a_plain_web_address(data_copy: Path, base_url: str) -> None:
    portal = data_copy / "portal.yml"
    text = portal.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("base_url:"))
    quoted = json.dumps(base_url)  # a JSON string is a YAML double-quoted scalar
    portal.write_text(text.replace(old, f"base_url: {quoted}"), encoding="utf-8")
    line = text.splitlines().index(old) + 1
    _, report = load_project(data_copy)
    assert [(p.code, p.file, p.line) for p in report.errors] == [
        ("schema.url", "data/portal.yml", line)
    ]
    assert "网址" in report.errors[0].message and report.errors[0].hint_text


def test_config_values_are_escaped_in_the_theme(data_copy: Path, tmp_path: Path) -> None:
    """The footer is Material's template, which does not escape: every value is escaped."""
    profile = data_copy / S / "settlement.yml"
    text = profile.read_text("utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    evil = "name: '龙泉<script>alert(\"f\")</script>新村'"
    profile.write_text(text.replace(name + "\n", evil + "\n", 1), "utf-8")
    portal = data_copy / "portal.yml"
    text = portal.read_text("utf-8")
    publisher = next(line for line in text.splitlines() if line.startswith("publisher:"))
    evil = "publisher: '民政局<img src=x onerror=alert(1)>'"
    portal.write_text(text.replace(publisher + "\n", evil + "\n", 1), "utf-8")
    out = build(data_copy, tmp_path / "site", today=TODAY, pdf=False).out
    for page in [out / "index.html", out / "longquan" / "index.html", out / "404.html"]:
        html = page.read_text("utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "民政局&lt;img src=x onerror=alert(1)&gt;" in html, page
