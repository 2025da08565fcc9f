"""Problems → text for people (Chinese), for GitHub annotations, or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

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


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


FORMATS = {"human": human, "github": github, "json": as_json}
