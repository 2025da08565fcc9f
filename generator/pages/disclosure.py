"""Whether each month or quarter was disclosed on time: 按时公开, 逾期公开, 逾期未公开 …

A period must be published within the county's deadline after it ends: portal.yml's
funds.deadline_days for a quarter, funds.month_deadline_days for a month. Each
settlement is judged on its own rhythm (account.yml's period).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.contract.data import Funds
from generator.contract.portal import FundsPolicy
from generator.read.values import Period, Quarter, period_of

STATUS_LABELS = {
    "on_time": "按时公开",
    "late": "逾期公开",
    "overdue": "逾期未公开",
    "pending": "待公开",
    "not_due": "未到期",
    "absent": "未公开",  # the settlement has no fund disclosure at all
}


@dataclass(frozen=True)
class Disclosure:
    """Whether a period was disclosed on time, as of a given day."""

    period: Period
    status: str  # a key of STATUS_LABELS
    deadline: dt.date
    published: dt.date | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def days_late(self) -> int:
        """Days past the deadline a late period was published; 0 otherwise."""
        if self.status == "late" and self.published:
            return (self.published - self.deadline).days
        return 0


def deadline(period: Period, deadline_days: int) -> dt.date:
    """The last day on which a period's disclosure is on time."""
    return period.end + dt.timedelta(days=deadline_days)


def deadline_days(policy: FundsPolicy, kind: str) -> int:
    return policy.month_deadline_days if kind == "month" else policy.deadline_days


def status(
    period: Period, published: dt.date | None, today: dt.date, deadline_days: int
) -> Disclosure:
    """on_time, late, overdue, pending or not_due for one period as of today.

    A publication date after today counts as not yet published (a preview of a past day).
    """
    due = deadline(period, deadline_days)
    if today <= period.end:
        return Disclosure(period, "not_due", due)
    if published is not None and published <= today:
        return Disclosure(period, "on_time" if published <= due else "late", due, published)
    return Disclosure(period, "pending" if today <= due else "overdue", due)


def current_period(kind: str, today: dt.date) -> Period:
    """The most recent month or quarter that has ended as of today."""
    return period_of(kind, today).previous()


def current_quarter(today: dt.date) -> Quarter:
    """The most recent quarter that has ended as of today (on 2026-11-22: 2026-Q3)."""
    return Quarter.of_date(today).previous()


def disclosure(
    funds: Funds | None, period: Period, today: dt.date, policy: FundsPolicy
) -> Disclosure:
    """A settlement's status for one period; "absent" when it has no funds/ at all."""
    days = deadline_days(policy, period.kind)
    if funds is None:
        return Disclosure(period, "absent", deadline(period, days))
    found = next((p for p in funds.periods if p.header.period == period), None)
    published = found.header.published if found else None
    return status(period, published, today, days)


def recent(
    funds: Funds | None, today: dt.date, policy: FundsPolicy
) -> tuple[Disclosure, Disclosure]:
    """The status of the latest ended period (month or quarter, as the account is kept)
    and of the one before."""
    current = current_period(funds.account.period if funds else "quarter", today)
    return (
        disclosure(funds, current, today, policy),
        disclosure(funds, current.previous(), today, policy),
    )


SUMMARY_ORDER = ("on_time", "late", "pending", "overdue", "absent")


def summary_line(period: Period, statuses: Iterable[str]) -> str:
    """2026年第三季度：按时公开 1 个，逾期公开 1 个，逾期未公开 1 个."""
    listed = list(statuses)
    counts = [f"{STATUS_LABELS[s]} {listed.count(s)} 个" for s in SUMMARY_ORDER if s in listed]
    return f"{period.label}：{'，'.join(counts) or '没有安置点'}"


def hub_summary(current: Iterable[Disclosure]) -> str:
    """One summary per period the settlements are judged on, quarters first:
    2026年第三季度：按时公开 2 个；2026年10月：逾期未公开 1 个."""
    by_period: dict[Period, list[str]] = {}
    for d in current:
        by_period.setdefault(d.period, []).append(d.status)
    ordered = sorted(by_period, key=lambda p: (p.kind != "quarter", p.start))
    return "；".join(summary_line(p, by_period[p]) for p in ordered)
