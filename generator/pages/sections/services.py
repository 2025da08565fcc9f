"""办事指南 and 服务窗口: what to bring, where to go, when it is open."""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from generator.pages import views
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section
from generator.read import calendar

HOLIDAYS_AHEAD = 90  # the windows page lists the national holidays of the next three months
HOLIDAYS_PRINTED = 366  # the printed handbook lists those of the coming year


def render_handbook(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    """The 办事指南 index (handbook/) and one page per service (handbook/<id>/)."""
    s = context.settlement
    assert s.handbook is not None
    facts = views.handbook_facts(s.handbook)
    window_by_id = views.window_names(s.windows)
    index = render_template(
        env,
        "portal/handbook.md.j2",
        context,
        handbook=s.handbook,
        finder=views.finder(s.handbook),
    )
    pages: list[Page | File] = [Page("handbook.md", HANDBOOK.title, index)]
    hours_json: dict[str, Markup] = {}  # one per window, not one per service
    for category in s.handbook.categories:
        for service in category.services:
            window = window_by_id.get(service.window) if service.window else None
            json = None
            if s.windows and window:
                if window.id not in hours_json:
                    made = views.service_hours_json(s.windows, window, context.today)
                    hours_json[window.id] = made
                json = hours_json[window.id]
            text = render_template(
                env,
                "portal/service.md.j2",
                context,
                sv=service,
                f=facts[service.id],
                category=category,
                window=window,
                # its window's hours (the hall's unless the window has its own)
                hours=s.windows.hours_of(window) if s.windows and window else None,
                hours_json=json,
            )
            pages.append(Page(f"handbook/{service.id}.md", service.name, text, nav=False))
    return pages


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
        holidays_unknown=calendar.unpublished_within(context.today, HOLIDAYS_AHEAD),
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
