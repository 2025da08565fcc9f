"""社区概况: profile, organisations, facilities with today's status, buildings."""

from __future__ import annotations

import jinja2

from generator.pages import views
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    hours = views.schedules_json(None, context.profile.facilities, context.today)
    text = render_template(env, "portal/profile.md.j2", context, hours_json=hours)
    return [Page("profile.md", SECTION.title, text)]


SECTION = Section(
    slug="profile",
    title="社区概况",
    description="社区简介、组织机构、服务设施",
    order=80,
    present=lambda s: True,
    render=render,
)
