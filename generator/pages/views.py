"""Derived views the handbook and window pages need: finder, reverse index, schedules.

Templates receive these ready-made, so no template computes a lookup itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator.contract.handbook import Handbook, Service
from generator.contract.settlement import Facility
from generator.contract.windows import HallHours, Window, Windows
from generator.pages import hours
from generator.pages.markup import json_script

# What each standard commitment of the hall promises the resident, in one line.
COMMITMENTS: dict[str, str] = {
    "首问负责制": "您第一个问到的工作人员负责到底：能办的当场办，不能办的带您找到能办的人。",
    "限时办结制": "每件事都写明办结时限，到期办完；办不完的要当面说明原因。",
    "一次性告知制": "材料不齐时，一次把缺的材料全部告诉您，不让您来回跑。",
    "办理流程公开制": "办事条件、材料、流程、时限和收费全部公开，照着准备就能办。",
    "服务承诺制": "公开承诺服务内容和标准，欢迎居民监督。",
    "全程代办制": "行动不便或不会办的，可请代办员帮您跑腿办理。",
    "预约服务制": "上班时间来不了的，可以打电话预约其他时间办理。",
    "延时错时服务制": "午间和周末安排错时服务，方便上班的居民。",
    "AB岗工作制": "窗口负责人不在时，由B岗人员接着办，不让窗口空岗。",
    "责任追究制": "工作人员推诿、拖延的，可拨打监督电话投诉，一经查实严肃处理。",
}


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
    """One button per service, named by its first keyword (the words residents use).

    Every keyword stays on the service itself, so the search finds all of them;
    the buttons stay few enough to scan on a phone.
    """
    return tuple(
        FinderEntry(service.keywords[0] if service.keywords else service.name, service)
        for service in handbook.all_services
    )


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


def window_names(windows: Windows | None) -> dict[str, Window]:
    return {w.id: w for w in windows.windows} if windows else {}


def schedules_json(
    windows: Windows | None, facilities: list[Facility], today: dt.date
) -> Markup | None:
    """The page's schedules for the browser, keyed like the status elements."""
    data: dict[str, dict] = {}
    if windows is not None:
        data["hall"] = hours.schedule_of(windows).to_json(today)
        for window in windows.windows:
            data[f"window-{window.id}"] = hours.schedule_of(windows, window).to_json(today)
    for index, facility in enumerate(facilities, 1):
        if facility.hours:
            data[f"facility-{index}"] = hours.facility_schedule(facility.hours).to_json(today)
    if not data:
        return None
    return json_script(data)
