"""Reporting a cross-file rule at the place of the value at fault, shared by the checks."""

from __future__ import annotations

from collections.abc import Iterable

from generator.contract.data import Loaded
from generator.errors import Report
from generator.read.located import Loc


def needs(s: Loaded, part: str, what: str, report: Report) -> bool:
    """Whether part loaded; if it failed, say which rule waits for it."""
    if part in s.failed:
        report.skipped(s.folder / f"{part}.yml", what)
        return False
    return True


def add(
    s: Loaded,
    source: str,
    loc: Loc,
    report: Report,
    code: str,
    msg: str,
    severity: str = "error",
) -> None:
    located = s.sources.get(source)
    line, column = located.place(loc) if located else (0, 0)
    report.add(code, msg, s.folder / f"{source}.yml", line, column, severity=severity)


def duplicates(
    s: Loaded,
    source: str,
    ids: Iterable[tuple[str, Loc]],
    what: str,
    report: Report,
    fold_case: bool = False,
) -> None:
    """Report every id already used earlier in the file (``fold_case``: School = school)."""
    seen: dict[str, Loc] = {}
    for value, loc in ids:
        key = value.casefold() if fold_case else value
        if key in seen:
            first = s.sources[source].place(seen[key])[0] if source in s.sources else 0
            add(
                s,
                source,
                loc,
                report,
                "ref.duplicate_id",
                f"{what}「{value}」重复了（第一次在第 {first} 行）",
            )
        else:
            seen[key] = loc
