"""Domain errors: a Problem found in the data, a Report that collects them all.

The library never prints: it collects Problems in a Report and raises DataError
once everything has been checked. Only the CLI turns them into text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

# Every problem code the generator can report: code -> (short Chinese title, hint).
# Each module keeps its codes beside the code that raises them and registers them
# here when it is imported (``FOO_CODES = codes({...})``); the catalogue the staff
# guide is made from (generator/cli/catalogue.py) imports them all and lists this.
CODES: dict[str, tuple[str, str]] = {}


def codes(table: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Register a module's codes (code -> (title, hint)) and return them."""
    CODES.update(table)
    return table


# code -> (title, hint): a rule that waits for another file
CHECK_CODES: dict[str, tuple[str, str]] = codes(
    {
        "check.skipped": (
            "有些检查要等这个文件改正后才能做",
            '先改正这个文件的错误，再运行 portal validate：依赖它的检查（例如服务的窗口是否存在、'
            '余额是否对得上）那时才会进行，可能还会发现别的问题。',
        ),
    }
)


@dataclass(frozen=True)
class Problem:
    """One mistake in the data, with its place and a Chinese message and hint."""

    code: str
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    hint: str = ""
    severity: str = "error"  # "error" fails the build; "warning" is shown only
    # a draft's problem (a placeholder left in): a warning while checking, an error when
    # publishing (Report.publishing), so one rule serves `portal validate` and `portal build`
    draft: bool = False

    @property
    def place(self) -> str:
        where = self.file or "data"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    @property
    def hint_text(self) -> str:
        """The problem's own hint, else the one registered for its code."""
        return self.hint or CODES.get(self.code, ("", ""))[1]


@dataclass
class Report:
    """Every problem found in one run, in the order found."""

    problems: list[Problem] = field(default_factory=list)
    root: Path | None = None  # file paths are shown relative to this

    def add(
        self,
        code: str,
        message: str,
        file: Path | str = "",
        line: int = 0,
        column: int = 0,
        hint: str = "",
        severity: str = "error",
        draft: bool = False,
    ) -> None:
        """One problem; a draft's (draft=True) is a warning until Report.publishing()."""
        if draft:
            severity = "warning"
        self.problems.append(
            Problem(code, message, self.relative(file), line, column, hint, severity, draft)
        )

    def skipped(self, file: Path, what: str) -> None:
        """A rule not checked because its input has mistakes of its own: said, as a warning."""
        self.add(
            "check.skipped",
            f"{Path(file).name} 有错误，改正后才能检查：{what}",
            file,
            severity="warning",
        )

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def publishing(self) -> None:
        """About to publish: a draft's problems (placeholders left in) become errors.

        `portal validate` shows them as warnings, so staff can check a half-filled
        settlement; `portal build` calls this before deciding, so nothing with a
        placeholder left in is published.
        """
        self.problems = [replace(p, severity="error") if p.draft else p for p in self.problems]

    @property
    def drafts(self) -> list[Problem]:
        """The problems that are warnings now and errors when publishing."""
        return [p for p in self.problems if p.draft]

    def relative(self, file: Path | str) -> str:
        if not file:
            return ""
        path = Path(file)
        if self.root is not None:
            # as written, not resolved: a symlink is named by its own name, not its target's
            for mine, root in (
                (Path(os.path.abspath(path)), Path(os.path.abspath(self.root))),
                (path.resolve(), self.root.resolve()),
            ):
                try:
                    return mine.relative_to(root.parent).as_posix()
                except ValueError:
                    pass
        return path.as_posix()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise DataError(self)


class PortalError(Exception):
    """Base class of every error the generator raises on purpose."""


class DataError(PortalError):
    """The data has mistakes; the report lists all of them."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(f"{len(report.errors)} 处数据错误")


class SetupError(PortalError):
    """The machine lacks something the build needs (a font, a library, a folder)."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(message)

    def __reduce__(self) -> tuple:
        return (type(self), (self.message, self.hint))  # keeps the hint across processes
