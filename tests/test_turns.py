"""Issue 19: a portal is the same on every day between two of its turns.

Each settlement is rendered (every page's Markdown, its files, the printed
handbook's HTML and its line on the hub) on many days, each compared with the
rendering for that day's latest turn: a difference is a date use that
generator/pages/turns.py does not know, and the build would publish a stale page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, sample_slugs

from generator.checks.project import load_portal, load_settlement
from generator.contract.data import Project, SettlementData
from generator.contract.portal import Portal
from generator.errors import Report
from generator.pages.compose import hub_entry
from generator.pages.templates import environment
from generator.pages.turns import Turns, turns
from generator.pages.types import File
from generator.print.handbook import _source
from generator.sites.render import portal_spec

DATA = ROOT / "data"
LISTED = "longquan"  # the sample with a posted list
FIRST, LAST = dt.date(2026, 9, 20), dt.date(2027, 1, 25)
DAY = dt.timedelta(days=1)


@cache
def portal() -> Portal:
    found = load_portal(DATA, Report(root=DATA))
    assert found is not None
    return found


@cache
def settlement(slug: str) -> SettlementData:
    found = load_settlement(DATA / "settlements" / slug, Report(root=DATA))
    assert found is not None
    return found


def rendered(data: SettlementData, day: dt.date) -> dict[str, object]:
    """Everything of a settlement that depends on the day, by name."""
    spec = portal_spec(Project(DATA, portal(), (data,)), data, day, environment(), pdf=False)
    out: dict[str, object] = {
        p.path: (p.data if isinstance(p, File) else p.markdown) for p in spec.pages
    }
    if data.handbook is not None:
        out["print/a5.html"] = _source(portal(), data, "a5", day)[0]
    out["hub entry"] = hub_entry(data, day, portal())
    return out


def days_to_try(dated: Turns) -> list[dt.date]:
    """Each turn, the day before it, and every fourth day of the stretch."""
    days = {FIRST + DAY * n for n in range(0, (LAST - FIRST).days + 1, 4)}
    for turn in (*dated.dates, *(dated.since(d) for d in days)):
        days.update((turn - DAY, turn, turn + DAY))
    return sorted(d for d in days if FIRST <= d <= LAST)


def assert_same_between_turns(data: SettlementData) -> int:
    dated = turns(data, portal())
    at_turn: dict[dt.date, dict[str, object]] = {}
    tried = days_to_try(dated)
    for day in tried:
        since = dated.since(day)
        assert since <= day
        if since not in at_turn:
            at_turn[since] = rendered(data, since)
        if day == since:
            continue
        now = rendered(data, day)
        differ = sorted(k for k in now.keys() | at_turn[since].keys()
                        if now.get(k) != at_turn[since].get(k))  # fmt: skip
        assert not differ, f"{data.slug} on {day} differs from its turn {since}: {differ}"
    return len(tried)


@pytest.mark.parametrize("slug", sample_slugs())
def test_every_day_between_two_turns_renders_the_same(slug: str) -> None:
    assert assert_same_between_turns(settlement(slug)) > 40


def test_the_turns_of_dated_things(tmp_path: Path) -> None:
    """A notice's expiry, a list's posting, a council term, a contract, a fund period."""
    data = settlement("xintiandi")
    dated = turns(data, portal())
    for notice in data.notices:
        if notice.meta.expires:
            assert notice.meta.expires + DAY in dated.dates
    # the quarter's end and the day after its deadline (2026-Q4: due 2027-01-15)
    assert dated.since(dt.date(2027, 1, 15)) == dt.date(2027, 1, 2)
    assert dated.since(dt.date(2027, 1, 16)) == dt.date(2027, 1, 16)
    assert dated.since(dt.date(2026, 12, 31)) < dt.date(2027, 1, 1) == dated.since(
        dt.date(2027, 1, 1)
    )


def test_a_list_counts_down_every_day_it_is_posted() -> None:
    """A list posted for a week: it appears, says how many days are left, and goes."""
    data = settlement(LISTED)
    item = data.lists[0]
    published = dt.date(2026, 11, 20)
    meta = item.meta.model_copy(update={"published": published, "until": dt.date(2026, 11, 27)})
    week = dataclasses.replace(item, meta=meta)
    dated = turns(dataclasses.replace(data, lists=(week,)), portal())
    for n in range(9):  # 11-20 … 11-28, the day after its last
        assert published + DAY * n in dated.dates
    assert assert_same_between_turns(dataclasses.replace(data, lists=(week,))) > 40
