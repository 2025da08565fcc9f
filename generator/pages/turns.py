"""The days on which a settlement's pages change by themselves: its turns.

Nothing on a portal depends on the clock, only on the build's day, and almost
nothing changes from one day to the next: a notice expires, a list's posting
period counts down, a council member's term ends, a contract starts or ends, a
fund period ends or falls due, a national holiday comes within a page's window
or is over. Each of those days is a turn. Between two turns every page, every
printed handbook and the hub's line of the settlement are the same.

``since(today)`` is the latest turn on or before today. A portal is rendered
for that day (generator/sites/workers.py) and its key in the published site's
manifest is its content hash with that day (generator/sites/hashes.py): a new
day rebuilds exactly the portals that reached a turn, and a build on any day
between two turns makes the same bytes.

The rules here mirror, one by one, every use of the build's day in the pages
and the print context; tests/test_turns.py renders settlements on every day of
a stretch of months and fails when two days with the same ``since`` render
differently (a missing turn).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.contract.councils import month_end
from generator.contract.data import SettlementData
from generator.contract.portal import Portal
from generator.pages import disclosure
from generator.pages.sections.services import HOLIDAYS_AHEAD, HOLIDAYS_PRINTED
from generator.read import calendar
from generator.read.values import period_of

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Turns:
    """A settlement's turns: dates from its data, and the period rhythms it is judged on."""

    dates: tuple[dt.date, ...]  # sorted
    rhythms: tuple[tuple[str, int], ...]  # (month|quarter, deadline days)

    def since(self, today: dt.date) -> dt.date:
        """The latest turn on or before today: the day the portal is rendered for."""
        found = [d for d in self.dates if d <= today]
        found += [d for kind, days in self.rhythms for d in _rhythm(kind, days, today)]
        found += [d for d in national() if d <= today]
        return max(found)


def hub_day(today: dt.date) -> dt.date:
    """The day the hub is rendered for: it names the latest quarter that has ended."""
    return period_of("quarter", today).start


def _rhythm(kind: str, days: int, today: dt.date) -> Iterator[dt.date]:
    """A period's start (the one before becomes the latest ended) and the day after
    each recent period's deadline (pending becomes overdue)."""
    current = period_of(kind, today)
    yield current.start
    period = current
    for _ in range(4):
        period = period.previous()
        after = disclosure.deadline(period, days) + DAY
        if after <= today:
            yield after


def turns(settlement: SettlementData, portal: Portal) -> Turns:
    dates: set[dt.date] = set()
    for notice in settlement.notices:
        if notice.meta.expires is not None:
            dates.add(notice.meta.expires + DAY)
    for item in settlement.lists:
        dates.update(_posting(item.meta.published, item.meta.ends))
    if settlement.councils is not None:
        for council in settlement.councils.councils:
            dates.update(month_end(m.until) + DAY for m in council.members if m.until)
    contracts = settlement.sanzi.contracts if settlement.sanzi is not None else None
    if contracts is not None:
        for contract in contracts.items:
            dates.add(contract.last_day + DAY)
            if contract.first_day is not None:
                dates.add(contract.first_day)
    dates.update(span[1] + DAY for span in _spans(settlement))
    funds = settlement.funds
    policy = portal.funds
    kind = funds.account.period if funds else "quarter"
    rhythms = {("quarter", policy.deadline_days), (kind, disclosure.deadline_days(policy, kind))}
    for period in funds.periods if funds else ():
        header = period.header
        if header.published is not None:
            dates.add(header.published)
        days = disclosure.deadline_days(policy, header.period.kind)
        dates.update((header.period.end + DAY, disclosure.deadline(header.period, days) + DAY))
    return Turns(tuple(sorted(dates)), tuple(sorted(rhythms)))


def _posting(published: dt.date, ends: dt.date | None) -> Iterable[dt.date]:
    """A list appears on its first day, counts down every day and goes after its last."""
    if ends is None:
        return (published,)
    return (published + DAY * n for n in range((ends - published).days + 2))


def _spans(settlement: SettlementData) -> Iterator[tuple[dt.date, dt.date]]:
    """Every dated span of the schedules: exceptions and rosters, shown until they end."""
    windows = settlement.windows
    schedules = []
    if windows is not None:
        schedules.append(windows.hours)
        schedules += [w.hours for w in windows.windows if w.hours is not None]
    schedules += [f.hours for f in settlement.profile.facilities if f.hours is not None]
    for hours in schedules:
        yield from (exception.span for exception in hours.exceptions)
        yield from (entry.span for entry in hours.roster)


@lru_cache(maxsize=1)
def national() -> tuple[dt.date, ...]:
    """The days the official holiday calendar changes a page: a holiday comes within a
    page's window or is over, or the calendar's end comes within a window."""
    days: set[dt.date] = set()
    start = dt.date(max(calendar.FIRST_YEAR, calendar.LAST_YEAR - 3), 1, 1)
    end = dt.date(calendar.LAST_YEAR, 12, 31)
    windows = (HOLIDAYS_AHEAD, HOLIDAYS_PRINTED)
    for _, first, last in calendar.holidays_between(start, end):
        days.add(last + DAY)
        days.update(first - DAY * (n - 1) for n in windows)
    unknown = end + DAY  # calendar.unpublished_within: comes within a window, then stays
    days.update(unknown - DAY * (n - 1) for n in windows)
    return tuple(sorted(days))
