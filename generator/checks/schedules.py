"""The schedules' own rules: promises explained, and holidays known for the coming weeks.

* A commitment (服务承诺) the site has no explanation for needs one in the data
  (``{name, text}``): a warning, and the page lists it without a definition.
* China's official calendar (generator/read/calendar.py) covers the years its
  package knows (2004-2026 in chinesecalendar 1.11.0). When the next 60 days reach
  beyond it and staff have not written that year's holidays as exceptions, the
  pages cannot say "现在开放" or "已下班" on those days: a warning says so, with
  what to do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.contract.data import Loaded
from generator.contract.schedules import HallHours, HoursException
from generator.errors import Report, codes
from generator.read import calendar

AHEAD_DAYS = 60  # the coming weeks a schedule must know

# code -> (title, hint): the schedules' own rules
SCHEDULE_CHECK_CODES: dict[str, tuple[str, str]] = codes(
    {
        "hours.calendar": (
            "接下来的放假安排还不知道",
            "国家的放假调休安排由国务院每年公布，网站程序收录到 "
            f"{calendar.LAST_YEAR} 年。新一年的安排公布后，请升级网站程序（chinesecalendar），"
            "或在办公时间的 exceptions 中写上放假和调休上班的日子（windows.yml 的 hours，"
            "settlement.yml 中设施的 hours）；在此之前，"
            "这些日子的页面只显示平时的时间，不显示“现在开放/已下班”。",
        ),
        "commitment.unexplained": (
            "服务承诺没有说明",
            "网站不认识这个承诺的名称，请写成 {name: 名称, text: 一句话说明对居民承诺什么}，"
            "例如 {name: 老弱病残全程代办制, text: 行动不便的老人、残疾人可由工作人员全程代办}。",
        ),
    }
)


def check_schedules(loaded: Loaded, report: Report, today: dt.date | None) -> None:
    _check_commitments(loaded, report)
    if today is not None:
        _check_coverage(loaded, report, today)


def _check_commitments(loaded: Loaded, report: Report) -> None:
    if loaded.windows is None:
        return
    located = loaded.sources.get("windows")
    for i, (item, text) in enumerate(loaded.windows.commitment_texts()):
        if text is None:
            line, column = located.place(("commitments", i)) if located else (0, 0)
            report.add(
                "commitment.unexplained",
                f"服务承诺「{item}」网站没有现成的说明，页面上只能列出名称",
                loaded.folder / "windows.yml",
                line,
                column,
                severity="warning",
            )


def _check_coverage(loaded: Loaded, report: Report, today: dt.date) -> None:
    """One warning per file whose schedules do not know the coming 60 days."""
    files: dict[Path, dt.date] = {}
    if loaded.windows is not None:
        hall = loaded.windows.hours
        hours = [hall, *(w.hours for w in loaded.windows.windows if w.hours is not None)]
        first = _first_unknown(hours, hall, today)
        if first is not None:
            files[loaded.folder / "windows.yml"] = first
    if loaded.profile is not None:
        facilities = [f.hours for f in loaded.profile.facilities if f.hours is not None]
        facilities = [h for h in facilities if h.follows_calendar]
        first = min(
            (found for h in facilities if (found := _first_unknown_of(h.exceptions, today))),
            default=None,
        )
        if first is not None:
            files[loaded.folder / "settlement.yml"] = first
    for path, first in files.items():
        report.add(
            "hours.calendar",
            f"从 {first.isoformat()} 起的放假安排还不知道（国家放假安排目前收录到 "
            f"{calendar.LAST_YEAR} 年），这些日子不会显示“现在开放/已下班”",
            path,
            severity="warning",
        )


def _first_unknown_of(exceptions: list[HoursException], today: dt.date) -> dt.date | None:
    return calendar.first_unknown(today, AHEAD_DAYS, [e.span for e in exceptions])


def _first_unknown(schedules: list[HallHours], hall: HallHours, today: dt.date) -> dt.date | None:
    found = (
        _first_unknown_of(hours.exceptions or hall.exceptions, today)
        for hours in schedules
        if hours.follows_calendar
    )
    return min((first for first in found if first is not None), default=None)
