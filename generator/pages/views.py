"""Derived views the handbook and window pages need: finder, service facts, reverse index,
schedules.

Templates receive these ready-made, so no template computes a lookup itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.contract.handbook import Handbook, Service
from generator.contract.schedules import HallHours
from generator.contract.settlement import Facility
from generator.contract.windows import Window, Windows
from generator.pages import hours
from generator.pages.markup import json_script
from generator.read.values import period_of


@dataclass(frozen=True)
class FinderEntry:
    """A "我要……" button: a keyword and the service it leads to."""

    keyword: str
    service: Service


@dataclass(frozen=True)
class WindowView:
    window: Window
    key: str  # the schedule's key in the page's JSON and the status element
    hours: HallHours | None  # own hours; None = the hall's
    services: tuple[Service, ...]  # what the handbook sends here (reverse index)


def finder(handbook: Handbook) -> tuple[FinderEntry, ...]:
    """One "我要……" tile per service, each tile's word different from every other's.

    A service is named by its first keyword (the words residents use) that no earlier
    service took: 职业介绍 shows 打工 when 就业登记 already showed 找工作. A service
    whose every keyword is taken shows its name; one whose name is taken too gets no tile
    (it stays in the list by category). Every keyword stays on the service's own page, so
    the search finds all of them.
    """
    taken: set[str] = set()
    entries = []
    for service in handbook.all_services:
        word = next(
            (w for w in (*service.keywords, service.name) if w.strip() not in taken), None
        )
        if word is None:
            continue
        taken.add(word.strip())
        entries.append(FinderEntry(word, service))
    return tuple(entries)


def service_path(service_id: str) -> str:
    """A service's own page, relative to the portal's home: handbook/<id>/.

    Ids are letters, digits, - and _ (contract.common.Id), unique in the handbook
    regardless of case, and never a name MkDocs takes for a folder's index
    (checks/references), so the path is a safe, stable URL.
    """
    return f"handbook/{service_id}/"


@dataclass(frozen=True)
class ServiceFacts:
    """A service's fields as residents read them, the same on the web page and in print."""

    eligibility: tuple[str, ...]  # 办理对象, one entry per line staff wrote
    basis: tuple[str, ...]  # 办理依据, one entry per line
    time_limit: str | None  # 当场办结 / 承诺 5个工作日（法定 20个工作日）; v1's time_limit apart
    visits: str | None  # 全程网办，不用跑 / 最多跑一次 / 最多跑 2 次
    online_host: str | None  # the host of the online address, what the link says
    search_words: tuple[str, ...]  # the keywords, and the 办件类型 so that search finds it


def lines(text: str | None) -> tuple[str, ...]:
    """The non-empty lines of a text staff wrote (a YAML block scalar keeps its lines)."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def visits_text(visits: int | None) -> str | None:
    """跑动次数 in words: 0 → 全程网办，不用跑; 1 → 最多跑一次; n → 最多跑 n 次."""
    if visits is None:
        return None
    if visits == 0:
        return "全程网办，不用跑"
    if visits == 1:
        return "最多跑一次"
    return f"最多跑 {visits} 次"


def time_limit_text(service: Service) -> str | None:
    """承诺 X（法定 Y）; a 即办件 is 当场办结 first. v1's time_limit is shown on its own."""
    promised = f"承诺 {service.promised_time_limit}" if service.promised_time_limit else None
    legal = f"法定 {service.legal_time_limit}" if service.legal_time_limit else None
    if service.kind == "即办件":
        rest = "，".join(t for t in (promised, legal) if t)
        return f"当场办结（{rest}）" if rest else "当场办结"
    if promised:
        return f"{promised}（{legal}）" if legal else promised
    if legal:
        return legal
    return "不能当场办结，受理后按时限办结" if service.kind == "承诺件" else None


def service_facts(service: Service) -> ServiceFacts:
    return ServiceFacts(
        eligibility=lines(service.eligibility),
        basis=lines(service.basis),
        time_limit=time_limit_text(service),
        visits=visits_text(service.visits),
        online_host=urlsplit(service.online).hostname if service.online else None,
        search_words=tuple(
            dict.fromkeys([*service.keywords, *([service.kind] if service.kind else [])])
        ),
    )


def handbook_facts(handbook: Handbook) -> dict[str, ServiceFacts]:
    """Every service's facts by its id (ids are unique: checks/references enforces it)."""
    return {service.id: service_facts(service) for service in handbook.all_services}


def window_views(windows: Windows, handbook: Handbook | None) -> tuple[WindowView, ...]:
    services = handbook.all_services if handbook else []
    return tuple(
        WindowView(
            window,
            f"window-{window.id}",
            window.hours,
            tuple(s for s in services if s.window == window.id),
        )
        for window in windows.windows
    )


# The browser's schedules start on the first day of the quarter and reach a year past
# its end: the same data on every day of the quarter (generator/pages/turns.py).
HOURS_DAYS = 366 + 92


# to_json's answers by what they are made from: a hall's schedule is asked for by its
# pages and the pages of its services, and settlements share schedules
_HOURS_JSON: dict[tuple, dict] = {}
_HOURS_JSON_SIZE = 1024


def _hours_json(schedule: hours.Schedule, today: dt.date) -> dict:
    start = period_of("quarter", today).start
    key = (*schedule.inputs, start, HOURS_DAYS)
    try:
        found = _HOURS_JSON.get(key)
    except TypeError:  # a value that cannot be hashed: made afresh
        return schedule.to_json(start, HOURS_DAYS)
    if found is None:
        if len(_HOURS_JSON) >= _HOURS_JSON_SIZE:
            _HOURS_JSON.clear()
        found = _HOURS_JSON[key] = schedule.to_json(start, HOURS_DAYS)
    return _fresh(found)  # the caller's own: nobody changes the remembered one


def _fresh(data: Any) -> Any:
    """A copy of JSON-like data (dicts, lists; the rest is immutable): deepcopy, quicker."""
    if isinstance(data, dict):
        return {k: _fresh(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_fresh(v) for v in data]
    return data


def service_hours_json(windows: Windows, window: Window | None, today: dt.date) -> Markup:
    """The one schedule a service page shows "现在开放" for: its window's, or the hall's."""
    key = f"window-{window.id}" if window else "hall"
    return json_script({key: _hours_json(hours.schedule_of(windows, window), today)})


def window_names(windows: Windows | None) -> dict[str, Window]:
    return {w.id: w for w in windows.windows} if windows else {}


def schedules_json(
    windows: Windows | None, facilities: list[Facility], today: dt.date
) -> Markup | None:
    """The page's schedules for the browser, keyed like the status elements."""
    data: dict[str, dict] = {}
    if windows is not None:
        data["hall"] = _hours_json(hours.schedule_of(windows), today)
        for window in windows.windows:
            data[f"window-{window.id}"] = _hours_json(hours.schedule_of(windows, window), today)
    for index, facility in enumerate(facilities, 1):
        if facility.hours:
            data[f"facility-{index}"] = _hours_json(hours.facility_schedule(facility.hours), today)
    if not data:
        return None
    return json_script(data)
