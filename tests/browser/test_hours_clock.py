"""The live "open now?" lines on xintiandi's 服务窗口 page, at fixed Beijing times.

The contract of the page: a `<script type="application/json" id="pp-hours">` with the
hours, and `<p class="pp-now" data-hours="KEY" hidden>` elements, KEY being "hall" or
"window-<id>"; a script fills each one with a status line, sets data-state to "open"
or "closed" and removes `hidden`. The hours are in data/settlements/xintiandi/windows.yml:
大厅 周一至周五 08:30-12:00、14:30-18:00，周六 09:00-12:00（错时服务）；2026-09-27（周日）
调休上班；2026-10-01..2026-10-08 国庆放假。法律援助窗口只在周六 09:00-12:00。

The page publishes the days from its build date on (generator/pages/hours.py, to_json), and
the script shows nothing for a clock outside them. The sample site is built with
TODAY = 2026-11-22, so the September and October cases use a second build of the same
data made on EARLY_BUILD; it is built only when such a case runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from conftest import SAMPLE, TODAY  # tests/conftest.py

from generator.checks.project import load_project
from generator.pages.hours import schedule_of
from generator.sites.site import build

from .conftest import PLAYWRIGHT_MISSING, serve

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

expect = pytest.importorskip(
    "playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError
).expect

BEIJING = ZoneInfo("Asia/Shanghai")
WINDOWS_PAGE = "xintiandi/windows/"
EARLY_BUILD = date(2026, 9, 1)  # before every September/October case below


@pytest.fixture(scope="session")
def early_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample data built on EARLY_BUILD, served like `server`."""
    out = tmp_path_factory.mktemp("early") / "site"
    build(SAMPLE, out, today=EARLY_BUILD)
    with serve(out) as base:
        yield base


def site_for(request: pytest.FixtureRequest, now: datetime) -> str:
    """The base URL of a build whose published dates include `now`."""
    return request.getfixturevalue("server" if now.date() >= TODAY else "early_server")


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BEIJING)


def open_windows_page(page: Page, server: str, now: datetime) -> None:
    page.clock.set_fixed_time(now)  # before goto, so the page's first Date() is `now`
    response = page.goto(f"{server}/{WINDOWS_PAGE}")
    assert response is not None
    assert response.status == 200, f"{WINDOWS_PAGE}: HTTP {response.status}"


def status(page: Page, key: str) -> Locator:
    element = page.locator(f'[data-hours="{key}"]')
    # Fail at once, not after expect()'s timeout, when the page lacks the element.
    assert element.count() == 1, f'expected one [data-hours="{key}"] on {WINDOWS_PAGE}'
    return element


# (id, key, Beijing time, expected data-state, texts the line must contain, regex it must match)
CASES = [
    ("wed-morning", "hall", at(2026, 11, 25, 10), "open", ["12:00 下班"], r"^\s*现在开放"),
    ("wed-opening-minute", "hall", at(2026, 11, 25, 8, 30), "open", ["12:00 下班"], None),
    ("wed-before-opening", "hall", at(2026, 11, 25, 7), "closed", ["今天 08:30 开门"], None),
    ("wed-lunch", "hall", at(2026, 11, 25, 13), "closed", ["午休中 · 14:30 开门"], None),
    ("fri-evening", "hall", at(2026, 11, 27, 18, 30), "closed", ["明天 09:00 开门"], None),
    ("sat-staggered", "hall", at(2026, 11, 28, 10), "open", ["错时服务"], r"^\s*现在开放"),
    ("sun-closed", "hall", at(2026, 11, 29, 10), "closed", ["明天 08:30 开门"], None),
    # 7 or more days ahead the next opening is dated, within a week only its weekday is
    # named (generator/pages/hours_words.py, when): from 10月1日 "10月9日（周五）",
    # from 10月3日 "周五".
    ("holiday-1st", "hall", at(2026, 10, 1, 10), "closed", ["今天休息", "10月9日（周五）"], None),
    ("holiday-3rd", "hall", at(2026, 10, 3, 10), "closed", ["今天休息", "周五 08:30 开门"], None),
    ("eve-of-holiday", "hall", at(2026, 9, 30, 19), "closed", ["10月9日"], None),
    ("makeup-sunday", "hall", at(2026, 9, 27, 10), "open", ["调休上班"], r"^\s*现在开放"),
    ("sat-before-makeup", "hall", at(2026, 9, 26, 13), "closed", ["明天 08:30 开门"], None),
    ("legal-wednesday", "window-legal", at(2026, 11, 25, 10), "closed", ["周六"], None),
    ("legal-saturday", "window-legal", at(2026, 11, 28, 10), "open", [], r"^\s*现在开放"),
    ("legal-national-day", "window-legal", at(2026, 10, 3, 10), "closed", ["今天休息"], None),
]


@pytest.mark.parametrize(
    ("key", "now", "state", "texts", "pattern"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_status_line(
    page: Page,
    request: pytest.FixtureRequest,
    key: str,
    now: datetime,
    state: str,
    texts: list[str],
    pattern: str | None,
) -> None:
    open_windows_page(page, site_for(request, now), now)
    line = status(page, key)
    expect(line).to_be_visible()
    expect(line).to_have_attribute("data-state", state)
    for text in texts:
        expect(line).to_contain_text(text)
    if pattern:
        expect(line).to_have_text(re.compile(pattern))
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert page.external_requests == []  # type: ignore[attr-defined]


STATES = {True: "open", False: "closed", None: "unknown"}  # Status.open → data-state

# Instants around every kind of day in windows.yml: opening and closing minutes, lunch,
# 错时服务, 调休上班 and the days around it, the holiday from its eve to its end, 元旦.
PARITY_INSTANTS = [
    at(2026, 9, 26, 8, 59), at(2026, 9, 26, 12), at(2026, 9, 27, 8, 30), at(2026, 9, 27, 18),
    at(2026, 9, 30, 17, 59), at(2026, 10, 1, 0), at(2026, 10, 8, 23, 59), at(2026, 10, 9, 8, 29),
    at(2026, 11, 25, 12), at(2026, 11, 25, 14, 30), at(2026, 11, 28, 11, 59),
    at(2026, 12, 31, 18), at(2027, 1, 1, 10), at(2027, 1, 2, 9),
]  # fmt: skip


def test_every_status_line_says_what_the_generator_says(
    page: Page, request: pytest.FixtureRequest
) -> None:
    """hours.js writes the same text as Schedule.status_at, for the hall and every window."""
    project, _ = load_project(SAMPLE)
    assert project is not None
    windows = next(s for s in project.settlements if s.slug == "xintiandi").windows
    assert windows is not None
    schedules = {"hall": schedule_of(windows)} | {
        f"window-{w.id}": schedule_of(windows, w) for w in windows.windows
    }
    expected = {
        now: {
            key: (STATES[(st := schedule.status_at(now)).open], st.text)
            for key, schedule in schedules.items()
        }
        for now in PARITY_INSTANTS
    }
    for now in PARITY_INSTANTS:
        open_windows_page(page, site_for(request, now), now)
        expect(status(page, "hall")).to_be_visible()  # the script has run
        shown = page.eval_on_selector_all(
            "[data-hours]",
            "els => Object.fromEntries(els.map(e => [e.dataset.hours,"
            " e.hidden ? null : [e.dataset.state, e.innerText.trim()]]))",
        )
        assert {key: tuple(v) if v else v for key, v in shown.items()} == expected[now], (
            f"at {now:%Y-%m-%d %H:%M}"
        )


def test_every_status_line_is_filled(page: Page, server: str) -> None:
    open_windows_page(page, server, at(2026, 11, 25, 10))
    hours = page.locator("script#pp-hours")
    assert hours.count() == 1, f"{WINDOWS_PAGE} has no <script id=pp-hours>"
    assert hours.get_attribute("type") == "application/json"
    json.loads(hours.text_content() or "")
    lines = page.locator("[data-hours]")
    keys = [lines.nth(i).get_attribute("data-hours") for i in range(lines.count())]
    assert "hall" in keys and "window-legal" in keys, keys
    for index in range(lines.count()):
        line = lines.nth(index)
        expect(line).to_be_visible()
        expect(line).to_have_attribute("data-state", re.compile(r"^(open|closed)$"))
        assert (line.inner_text() or "").strip(), keys[index]
    assert page.console_errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "now",
    [
        # the page's schedules start on the first day of the quarter of its latest turn
        # (2026-10-01, generator/pages/views.py) and reach 366 + 92 days on
        pytest.param(at(2026, 9, 28, 10), id="before-the-data"),
        pytest.param(at(2028, 3, 1, 10), id="after-the-data"),
    ],
)
def test_no_status_outside_the_published_dates(page: Page, server: str, now: datetime) -> None:
    """A clock the page has no data for must not make it guess (hours.js, dayOf)."""
    open_windows_page(page, server, now)
    expect(status(page, "hall")).to_be_hidden()
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_status_lines_stay_hidden_without_javascript(page_without_js: Page, server: str) -> None:
    """Without the script there is no "now", so no line may claim to know it."""
    response = page_without_js.goto(f"{server}/{WINDOWS_PAGE}")
    assert response is not None and response.status == 200
    lines = page_without_js.locator("[data-hours]")
    assert lines.count() >= 2
    for index in range(lines.count()):
        expect(lines.nth(index)).to_be_hidden()
