"""通知公告: newest first, pinned on top, expiring into 往期通知 on the right day, own pages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY, article

from generator.checks.project import load_project
from generator.pages.sections.notices import current_and_archive
from generator.sites.site import build

PROJECT, _ = load_project(SAMPLE)
WITH_NOTICES = [s.slug for s in PROJECT.settlements if s.notices]
HOLIDAY = "关于2026年国庆节、中秋节期间便民服务大厅办公安排的通知"  # expires 2026-10-09


def titles(page, selector: str) -> list[str]:
    return [a.get_text() for a in page.select(f"{selector} a.pp-notice__link")]


@pytest.mark.parametrize("slug", WITH_NOTICES)
def test_notices_newest_first_each_on_its_own_page(sample_site: Path, slug: str) -> None:
    notices = PROJECT.settlement(slug).notices
    folder = sample_site / slug / "notices"
    page = article(folder / "index.html")
    current = [n for n in notices if not (n.meta.expires and n.meta.expires < TODAY)]
    expired = [n for n in notices if n.meta.expires and n.meta.expires < TODAY]
    newest = sorted(current, key=lambda n: (not n.meta.pinned, -n.meta.date.toordinal()))
    assert titles(page, ".pp-notices:not(.pp-notices--archive)") == [n.meta.title for n in newest]
    assert titles(page, ".pp-notices--archive") == [
        n.meta.title for n in sorted(expired, key=lambda n: n.meta.date, reverse=True)
    ]
    for link in page.select("a.pp-notice__link"):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-\d+/", link["href"]), "ASCII and stable"
        notice = next(n for n in notices if n.meta.title == link.get_text())
        assert link["href"].startswith(notice.meta.date.isoformat())
        own = article(folder / link["href"] / "index.html")
        assert own.h1.get_text() == notice.meta.title
        meta = own.select_one(".pp-notice__meta").get_text()
        published = notice.meta.date
        assert f"{published.year}年{published.month}月{published.day}日" in meta
        if notice.meta.category:
            assert notice.meta.category in meta
        if notice.meta.expires:
            assert "有效期至" in meta
        body = own.select_one(".pp-notice__body")
        assert body.get_text(strip=True) and not body.find("h1")
        back = own.find("a", string="返回通知公告")
        assert back["href"] == "../" and (folder / back["href"] / "index.html").is_file()
    assert len(list(folder.glob("*/index.html"))) == len(notices)


@pytest.fixture(scope="module")
def around_expiry(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """xintiandi built the day before, on, and the day after its holiday notice expires."""
    sites = {}
    for day in ["2026-10-08", "2026-10-09", "2026-10-10"]:
        out = tmp_path_factory.mktemp(day) / "site"
        build(SAMPLE, out, only=["xintiandi"], today=dt.date.fromisoformat(day), pdf=False)
        sites[day] = out / "xintiandi"
    return sites


@pytest.mark.parametrize(("day", "archived"), [("2026-10-08", False), ("2026-10-09", False),
                                               ("2026-10-10", True)])  # fmt: skip
def test_notice_moves_to_the_archive_after_it_expires(
    around_expiry: dict[str, Path], day: str, archived: bool
) -> None:
    page = article(around_expiry[day] / "notices" / "index.html")
    assert (HOLIDAY in titles(page, ".pp-notices--archive")) is archived
    assert (HOLIDAY in titles(page, ".pp-notices:not(.pp-notices--archive)")) is not archived
    home = article(around_expiry[day] / "index.html")
    assert (HOLIDAY in titles(home, ".pp-notices--home")) is not archived
    own = article(around_expiry[day] / "notices" / "2026-09-22-1" / "index.html")
    assert bool(own.select('[role="note"]')) is archived, "an expired notice says so"


@pytest.mark.parametrize("slug", [s.slug for s in PROJECT.settlements])
def test_home_shows_the_latest_current_notices(sample_site: Path, slug: str) -> None:
    current, _ = current_and_archive(PROJECT.settlement(slug).notices, TODAY)
    home = article(sample_site / slug / "index.html")
    shown = home.select(".pp-notices--home a.pp-notice__link")
    assert [a.get_text() for a in shown] == [v.meta.title for v in current[:3]]
    for link in shown:
        assert link["href"].startswith("notices/")
        assert (sample_site / slug / link["href"] / "index.html").is_file()
    assert (home.find(id="notices") is not None) is bool(current)


NOTICE = "---\ntitle: {title}\ndate: {date}\n{extra}---\n\n正文：{title}\n"


def test_many_notices_pinned_first_three_on_home(data_copy: Path, tmp_path: Path) -> None:
    folder = data_copy / "settlements" / "longquan" / "notices"
    folder.mkdir()
    extra = {"置顶通知": "pinned: true\n", "过期通知": "expires: 2026-11-01\n"}
    dates = {"置顶通知": "2026-01-05", "第一条": "2026-11-01", "第二条": "2026-11-01",
             "第三条": "2026-11-03", "第四条": "2026-10-01", "过期通知": "2026-10-20"}  # fmt: skip
    for name, date in dates.items():
        text = NOTICE.format(title=name, date=date, extra=extra.get(name, ""))
        (folder / f"{date}-{name}.md").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build(data_copy, out, only=["longquan"], today=TODAY, pdf=False)
    page = article(out / "longquan" / "notices" / "index.html")
    current = titles(page, ".pp-notices:not(.pp-notices--archive)")
    assert current == ["置顶通知", "第三条", "第一条", "第二条", "第四条"]
    assert titles(page, ".pp-notices--archive") == ["过期通知"]
    home = article(out / "longquan" / "index.html")
    assert titles(home, ".pp-notices--home") == current[:3]
    # the two notices of 2026-11-01 are told apart by their place among that day's files
    hrefs = {a.get_text(): a["href"] for a in page.select("a.pp-notice__link")}
    assert {hrefs["第一条"], hrefs["第二条"]} == {"2026-11-01-1/", "2026-11-01-2/"}
    assert "置顶" in page.select_one(".pp-notice").get_text()
    shutil.rmtree(out)


def test_phone_numbers_in_a_notice_can_be_tapped(sample_site: Path) -> None:
    """The 国庆 notice names two phones in its text: both become tel: links."""
    folder = sample_site / "xintiandi" / "notices"
    page = next(article(p) for p in folder.glob("*/index.html") if HOLIDAY in p.read_text("utf-8"))
    links = {a.get_text(): a["href"] for a in page.select('a[href^="tel:"]')}
    assert links == {"0359-0000012": "tel:03590000012", "0359-0000019": "tel:03590000019"}


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("请拨打监督电话 0359-0000041。", ["tel:03590000041"]),
        ("热线 400-123-4567，手机13800000201", ["tel:4001234567", "tel:13800000201"]),
        ("全角 ０３５９－００００１２３", ["tel:03590000123"]),
        ("面积110平方米，拨打12345或110", []),  # short numbers stay text
        ("2026-10-01 至 2026-10-08 放假", []),
        ("`0359-0000041`", []),  # code stays as written
        ("[监督电话](tel:03590000041) 0359-0000041", ["tel:03590000041", "tel:03590000041"]),
        ("编号 1035900000412", []),  # part of a longer number
    ],
)
def test_markdown_links_phones_only_in_running_text(text: str, linked: list[str]) -> None:
    from bs4 import BeautifulSoup

    from generator.pages.markup import render_markdown

    html = BeautifulSoup(str(render_markdown(text)), "html.parser")
    assert [a["href"] for a in html.select("a")] == linked
    if not set(text) & set("`["):  # no Markdown syntax: the text reads exactly as written
        assert html.get_text().strip() == text


def test_a_staff_table_labels_every_cell_with_its_column_escaped() -> None:
    from generator.pages.markup import render_markdown

    table = '| 岗位 | 要"求&lt; | 待遇 |\n|---|---|---|\n| 保洁 | 健康 | 2000元 |\n'
    html = str(render_markdown(table))
    assert 'data-label="岗位">保洁</td>' in html
    assert 'data-label="要&#34;求&lt;">健康</td>' in html
    assert html.startswith('<div class="pp-table-scroll pp-md-table" tabindex="0" role="region"')
    two = str(render_markdown("| 项目 | 金额 |\n|---|---|\n| 水费 | 3元 |\n"))
    assert "<div" not in two and 'data-label="金额">3元</td>' in two
