"""The Chinese of the "open now" line: 午休中, 今天 14:30 开门, 值班电话 ….

hours.js writes the same words from the same data (tests/test_hours.py runs it against
these); generator/pages/hours.py decides what is true, this module how it is said.
"""

from __future__ import annotations

from datetime import date, datetime, time

from generator.contract.schedules import Duty
from generator.read.values import END_OF_DAY, TimeRange

UNKNOWN = "今天是否放假尚未公布 · 请参考下面的平时时间"
LATER_UNKNOWN = "之后的放假安排尚未公布"
_WEEKDAYS = "一二三四五六日"
_MIDNIGHT = time(0, 0)


def clock(moment: time) -> str:
    """08:30, or 24:00 for END_OF_DAY."""
    return "24:00" if moment == END_OF_DAY else f"{moment.hour:02d}:{moment.minute:02d}"


def noted(note: str | None, head: str) -> str:
    """现在开放（国庆节放假）: the head with the day's note."""
    return f"{head}（{note}）" if note else head


def closed_head(ranges: tuple[TimeRange, ...], now: time, later: list[TimeRange]) -> str:
    """今天休息, 未开门, 午休中 (a midday break), 暂停服务 (another break) or 已下班."""
    if not ranges:
        return "今天休息"
    if now < ranges[0].start:
        return "未开门"
    if not later:
        return "已下班"
    done = [s for s in ranges if s.end <= now]
    if all(s.start == _MIDNIGHT for s in done):
        return "未开门"  # only last night's hours have ended: today's have not begun
    ended = max(s.end for s in done)
    return "午休中" if time(11, 0) <= ended < time(15, 0) else "暂停服务"


def when(today: date, moment: datetime) -> str:
    """今天 / 明天 / 周五 (within a week) / 10月9日（周五）, then the time."""
    ahead = (moment.date() - today).days
    weekday = "周" + _WEEKDAYS[moment.weekday()]
    if ahead == 0:
        label = "今天"
    elif ahead == 1:
        label = "明天"
    elif ahead < 7:
        label = weekday
    else:
        label = f"{moment.month}月{moment.day}日（{weekday}）"
    return f"{label} {clock(moment.time())}"


def duty_text(rule: Duty) -> str:
    """值班电话 0743-…（09:00-17:00）."""
    times = f"（{'、'.join(map(str, rule.times))}）" if rule.times else ""
    return f"值班电话 {rule.phone}{times}"
