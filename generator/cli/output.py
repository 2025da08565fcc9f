"""Problems → text for people (Chinese), for GitHub annotations, a GitLab Code Quality
report, or JSON."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from generator.cli.catalogue import entry
from generator.errors import Problem

LABELS = {"error": "错误", "warning": "提醒"}


def human(problems: Iterable[Problem]) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.place}: {LABELS[p.severity]} [{p.code}] {p.message}")
        if p.hint_text:
            lines.append(f"    怎么改：{p.hint_text}")
    return "\n".join(lines)


def github(problems: Iterable[Problem]) -> str:
    """GitHub Actions workflow commands: each becomes an inline annotation on the PR."""
    lines = []
    for p in problems:
        level = "error" if p.severity == "error" else "warning"
        props = [f"file={_prop(p.file)}"] if p.file else []
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        props.append(f"title={_prop(entry(p.code).title + ' [' + p.code + ']')}")
        text = p.message + (f"\n怎么改：{p.hint_text}" if p.hint_text else "")
        lines.append(f"::{level} {','.join(props)}::{_data(text)}")
    return "\n".join(lines)


def as_json(problems: Iterable[Problem]) -> str:
    items = [
        {
            "code": p.code,
            "severity": p.severity,
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "message": p.message,
            "hint": p.hint_text,
            "title": entry(p.code).title,
        }
        for p in problems
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


# GitLab's scale is info, minor, major, critical, blocker: an error stops the site from
# being published, a warning is shown only
SEVERITY = {"error": "blocker", "warning": "minor"}


def codequality(problems: Iterable[Problem], base: Path, top: Path) -> str:
    """A GitLab Code Quality report: GitLab lists each problem on the merge request and
    marks its line in the changes.

    base is the folder the problems' files are relative to (the data folder's parent);
    top is the repository's top folder, which GitLab's paths are relative to.
    """
    items = []
    seen: dict[tuple[str, str, str], int] = {}
    for p in problems:
        path = Path(os.path.relpath(os.path.abspath(base / (p.file or "data")), top)).as_posix()
        key = (p.code, path, p.message)
        seen[key] = seen.get(key, 0) + 1  # the same mistake twice in a file: two findings
        fingerprint = hashlib.sha256("\0".join([*key, str(seen[key])]).encode()).hexdigest()
        stop = "" if p.message.endswith(("。", "！", "？", "；")) else "。"
        hint = f"{stop}怎么改：{p.hint_text}" if p.hint_text else ""
        items.append(
            {
                "type": "issue",
                "description": f"{p.message}{hint}",
                "check_name": p.code,
                "fingerprint": fingerprint,
                "severity": SEVERITY[p.severity],
                "location": {"path": path, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2)


def repository_top(folder: Path) -> Path:
    """The top folder of the git repository holding folder; the current folder if none."""
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder if folder.is_dir() else None,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git: GitLab's jobs run at the repository's top
        return Path.cwd()
    return Path(found.stdout.strip()) if found.returncode == 0 else Path.cwd()


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS = {"human": human, "github": github, "json": as_json}
REPORTS = ("codequality",)  # written with the paths of the repository (print_problems)
