"""通知公告: current notices newest first (pinned on top), expired ones in 往期通知.

Each notice gets its own page under an ASCII name that stays stable when staff add
notices on other days: the date in its file name and its place among that day's
files, e.g. notices/2026-11-12-1/. Whether a notice has expired depends only on the
build's ``today``, never on the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

import jinja2

from generator.contract.data import Notice
from generator.pages.templates import render_template
from generator.pages.types import File, NoticeView, Page, PortalContext, Section

_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
HOME_COUNT = 3  # notices shown on the home page


def _date_prefix(notice: Notice) -> str:
    match = _DATE_PREFIX.match(notice.path.name)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            pass
    return notice.meta.date.isoformat()


def notice_views(notices: Iterable[Notice]) -> tuple[NoticeView, ...]:
    """Every notice with its stable page name, in file-name order."""
    seen: Counter[str] = Counter()
    views = []
    for notice in sorted(notices, key=lambda n: n.path.name):
        prefix = _date_prefix(notice)
        seen[prefix] += 1
        views.append(NoticeView(notice, f"{prefix}-{seen[prefix]}"))
    return tuple(views)


def _newest_first(views: Iterable[NoticeView]) -> list[NoticeView]:
    return sorted(views, key=lambda v: v.meta.date, reverse=True)  # stable: same day, file order


def current_and_archive(
    notices: Iterable[Notice], today: dt.date
) -> tuple[list[NoticeView], list[NoticeView]]:
    """Current notices (pinned first, then newest first) and expired ones, newest first."""
    views = notice_views(notices)
    current = _newest_first(v for v in views if not v.expired(today))
    current.sort(key=lambda v: not v.meta.pinned)
    archive = _newest_first(v for v in views if v.expired(today))
    return current, archive


def latest(notices: Iterable[Notice], today: dt.date) -> tuple[NoticeView, ...]:
    """The notices the home page shows: the first few current ones."""
    return tuple(current_and_archive(notices, today)[0][:HOME_COUNT])


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    current, archive = current_and_archive(context.settlement.notices, context.today)
    pages: list[Page | File] = [
        Page(
            "notices.md",
            SECTION.title,
            render_template(env, "portal/notices.md.j2", context, current=current, archive=archive),
        )
    ]
    for view in [*current, *archive]:
        text = render_template(
            env, "portal/notice.md.j2", context, n=view, expired=view.expired(context.today)
        )
        pages.append(Page(f"notices/{view.stem}.md", view.meta.title, text, nav=False))
    return pages


SECTION = Section(
    slug="notices",
    title="通知公告",
    description="最新通知，过期的移入往期",
    order=60,
    present=lambda s: bool(s.notices),
    render=render,
)
