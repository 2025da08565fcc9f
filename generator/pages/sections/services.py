"""办事指南 and 服务窗口: what to bring, where to go, when it is open."""

from __future__ import annotations

import jinja2

from generator.pages import views
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section
from generator.read import calendar

HOLIDAYS_AHEAD = 90  # the windows page lists the national holidays of the next three months


def render_handbook(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    s = context.settlement
    assert s.handbook is not None
    text = render_template(
        env,
        "portal/handbook.md.j2",
        context,
        handbook=s.handbook,
        finder=views.finder(s.handbook),
        facts=views.handbook_facts(s.handbook),
        window_by_id=views.window_names(s.windows),
    )
    return [Page("handbook.md", HANDBOOK.title, text)]


def render_windows(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    s = context.settlement
    assert s.windows is not None
    text = render_template(
        env,
        "portal/windows.md.j2",
        context,
        hall=s.windows,
        windows=views.window_views(s.windows, s.handbook),
        hours_json=views.schedules_json(s.windows, [], context.today),
        holidays=calendar.arrangements(context.today, HOLIDAYS_AHEAD),
        holidays_unknown=calendar.first_unknown(context.today, HOLIDAYS_AHEAD),
    )
    return [Page("windows.md", WINDOWS.title, text)]


HANDBOOK = Section(
    slug="handbook",
    title="办事指南",
    description="我要办事：带什么材料、去哪个窗口、多久办好",
    order=10,
    present=lambda s: s.handbook is not None,
    render=render_handbook,
)
WINDOWS = Section(
    slug="windows",
    title="服务窗口",
    description="大厅和各窗口的办公时间、现在是否开放",
    order=20,
    present=lambda s: s.windows is not None,
    render=render_windows,
)
SECTIONS = (HANDBOOK, WINDOWS)
