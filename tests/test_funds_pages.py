"""经费公开 on the sample site: every figure as computed, the ledger, charts, links, the hub."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import FIXTURES, SAMPLE, TODAY, article, soup

from generator.checks.project import load_project
from generator.contract.data import FundPeriod
from generator.pages import disclosure, funds
from generator.pages.sections.funds import SECTION
from generator.sites.site import build

PROJECT, _ = load_project(SAMPLE)
QUARTERS = [
    (s.slug, q.header.period.key) for s in PROJECT.settlements if s.funds for q in s.funds.periods
]
WITH_FUNDS = sorted({slug for slug, _ in QUARTERS})
LEDGER_COLUMNS = ["日期", "凭证号", "摘要", "类别", "资金来源", "收入", "支出",
                  "经办人", "审批人", "审签人", "备注"]  # fmt: skip


def quarter_of(slug: str, key: str) -> tuple[FundPeriod, funds.Figures]:
    data = PROJECT.settlement(slug).funds
    item = next(q for q in data.periods if q.header.period.key == key)
    return item, funds.figures(item, data.account)


def quarter_page(site: Path, slug: str, key: str) -> Tag:
    return article(site / slug / "funds" / key / "index.html")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_section_metadata() -> None:
    assert (SECTION.slug, SECTION.title, SECTION.order) == ("funds", "经费公开", 40)
    assert SECTION.description == "每一期收支、余额和监督委员会意见"
    assert all(SECTION.present(s) == (s.funds is not None) for s in PROJECT.settlements)


@pytest.mark.parametrize(("slug", "key"), QUARTERS)
def test_quarter_page_shows_every_figure(sample_site: Path, slug: str, key: str) -> None:
    item, f = quarter_of(slug, key)
    page = quarter_page(sample_site, slug, key)
    balances = {
        squash(div.dt.get_text()): squash(div.dd.get_text(" "))
        for div in page.select(".pp-balances__item")
    }
    for title, amount in [("期初余额", f.opening), ("本季收入合计", f.income),
                          ("本季支出合计", f.expense), ("期末余额", f.closing)]:  # fmt: skip
        assert funds.money(amount) in balances[title], title
        assert f"大写：{funds.capital(amount)}" in balances[title], title
    publication = squash(page.select_one(".pp-publication").get_text(" "))
    published = item.header.published
    assert f"{published.year}年{published.month}月{published.day}日" in publication
    status = disclosure.status(f.period, published, TODAY, PROJECT.portal.funds.deadline_days)
    assert page.select_one(".pp-publication .pp-status").get_text(strip=True) == status.label


def test_xintiandi_q3_figures_by_hand(sample_site: Path) -> None:
    page = quarter_page(sample_site, "xintiandi", "2026-Q3")
    text = squash(page.get_text(" "))
    for shown in ["69,107.00", "100,880.00", "111,965.60", "58,021.40",
                  "陆万玖仟壹佰零柒元整", "壹拾万零捌佰捌拾元整",
                  "壹拾壹万壹仟玖佰陆拾伍元陆角整", "伍万捌仟零贰拾壹元肆角整",
                  "2026年10月13日", "按时公开"]:  # fmt: skip
        assert shown in text, shown
    row = next(tr for tr in page.select(".pp-ledger tbody tr") if "2026-040" in tr.get_text())
    assert [td.get_text(strip=True) for td in row.select("td")][6] == "1,200.00"  # "0.12万"


@pytest.mark.parametrize(("slug", "key"), QUARTERS)
def test_breakdowns_are_tables_and_charts(sample_site: Path, slug: str, key: str) -> None:
    _, f = quarter_of(slug, key)
    page = quarter_page(sample_site, slug, key)
    charts = page.select("figure.pp-chart")
    assert len(charts) == 2
    for chart, shares, total in [(charts[0], f.by_source, f.income),
                                 (charts[1], f.by_category, f.expense)]:  # fmt: skip
        table = chart.select_one("table")
        assert table.caption is not None
        rows = table.select("tbody tr")
        assert len(rows) == len(shares)
        for tr, share in zip(rows, shares, strict=True):
            cells = [td.get_text(strip=True) for td in tr.select("td")]
            assert tr.th.get_text(strip=True) == share.label
            assert cells == [funds.money(share.amount), f"{share.percent}%"]
            bar = tr.select_one(".pp-bar")
            assert bar["aria-hidden"] == "true"
            assert bar.select_one(".pp-bar__fill")["style"] == f"width: {share.percent}%"
        assert funds.money(total) in table.tfoot.get_text()
        assert chart.find("script") is None


@pytest.mark.parametrize(("slug", "key"), QUARTERS)
def test_full_ledger_table(sample_site: Path, slug: str, key: str) -> None:
    item, f = quarter_of(slug, key)
    names = funds.source_names(PROJECT.settlement(slug).funds.account)
    page = quarter_page(sample_site, slug, key)
    table = page.select_one("table.pp-ledger")
    assert table.caption is not None and key[:4] in table.caption.get_text()
    heads = table.select("thead th")
    assert [th.get_text(strip=True) for th in heads] == LEDGER_COLUMNS
    assert all(th.get("scope") == "col" for th in heads)
    rows = table.select("tbody tr")
    assert len(rows) == len(item.ledger.rows)
    for tr, row in zip(rows, item.ledger.rows, strict=True):
        cells = tr.select("td")
        texts = [td.get_text(strip=True) for td in cells]
        assert texts[:5] == [row.date.isoformat(), row.voucher, row.summary, row.category,
                             names[row.source]]  # fmt: skip
        assert texts[5] == (funds.money(row.income) if row.income is not None else "")
        assert texts[6] == (funds.money(row.expense) if row.expense is not None else "")
        assert texts[7:] == [row.handler, row.approver, row.countersigner, row.note]
        assert "pp-num" in cells[5]["class"] and "pp-num" in cells[6]["class"]
    scroll = table.find_parent("div")
    assert "pp-table-scroll" in scroll["class"]
    assert scroll["tabindex"] == "0" and scroll["role"] == "region" and scroll["aria-label"]
    totals = [td.get_text(strip=True) for td in table.tfoot.select("td.pp-num")]
    assert totals == [funds.money(f.income), funds.money(f.expense)]


@pytest.mark.parametrize(("slug", "key"), QUARTERS)
def test_review_csv_link_and_file(sample_site: Path, slug: str, key: str) -> None:
    item, _ = quarter_of(slug, key)
    page = quarter_page(sample_site, slug, key)
    review = squash(page.select_one(".pp-review").get_text(" "))
    assert item.header.review.opinion in review and item.header.review.by in review
    day = item.header.review.date
    assert f"{day.year}年{day.month}月{day.day}日" in review
    link = page.find("a", href=f"../{key}.csv")
    assert link is not None
    target = sample_site / slug / "funds" / f"{key}.csv"
    assert target.read_bytes() == funds.ledger_csv(item.ledger.rows)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert page.select_one(".pp-correction") is None  # the sample has no corrections


@pytest.mark.parametrize("slug", WITH_FUNDS)
def test_overview_lists_every_quarter(sample_site: Path, slug: str) -> None:
    data = PROJECT.settlement(slug).funds
    page = article(sample_site / slug / "funds" / "index.html")
    rows = page.select(".pp-money-table tbody tr")
    kept = funds.kept(data.periods)
    assert len(rows) == len(kept) >= min(len(kept), PROJECT.portal.funds.retention_quarters)
    for tr, item in zip(rows, kept, strict=True):
        f = funds.figures(item, data.account)
        key = item.header.period.key
        assert tr.th.a["href"] == f"{key}/"
        assert tr.th.get_text(strip=True) == item.header.period.label
        numbers = [td.get_text(strip=True) for td in tr.select("td.pp-num")]
        assert numbers == [funds.money(x) for x in (f.opening, f.income, f.expense, f.closing)]
        assert page.find("a", href=f"{key}.csv") is not None
    assert page.find("a", href="all.csv") is not None
    assert (sample_site / slug / "funds" / "all.csv").read_bytes() == funds.all_quarters_csv(
        data.periods
    )
    trend = page.select(".pp-trend li")
    assert len(trend) == len(kept)
    assert "100.0%" in str(page.select_one(".pp-trend"))  # the largest bar is full length


@pytest.mark.parametrize(
    ("slug", "current", "previous"),
    [
        ("xintiandi", "按时公开", "按时公开"),
        ("anjiayuan", "逾期公开", "按时公开"),
        ("longquan", "逾期未公开", "按时公开"),
    ],
)
def test_overview_status(sample_site: Path, slug: str, current: str, previous: str) -> None:
    page = article(sample_site / slug / "funds" / "index.html")
    items = page.select(".pp-disclosures li")
    assert [squash(li.select_one(".pp-disclosures__quarter").get_text()) for li in items] == [
        "2026年第三季度",
        "2026年第二季度",
    ]
    assert [li.select_one(".pp-status").get_text(strip=True) for li in items] == [
        current,
        previous,
    ]
    if current == "逾期未公开":
        assert "2026年10月15日" in items[0].get_text() and items[0].a is None
    if current == "逾期公开":
        assert "13 天" in items[0].get_text()  # published 2026-10-28, deadline 2026-10-15


@pytest.mark.parametrize("slug", WITH_FUNDS)
def test_every_funds_link_resolves(sample_site: Path, slug: str) -> None:
    base = sample_site / slug / "funds"
    pages = [base / "index.html", *sorted(base.glob("*/index.html"))]
    for page in pages:
        for link in article(page).select("a[href]"):
            href = link["href"]
            if href.startswith(("tel:", "http", "#")):
                continue
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve()
            if not path.endswith((".csv", ".xlsx")):
                target = target / "index.html"
            assert target.is_file(), (page, href)
            if anchor:
                assert soup(target).find(id=anchor) is not None, href


def test_home_page_links_to_funds(sample_site: Path) -> None:
    for slug in WITH_FUNDS:
        home = article(sample_site / slug / "index.html")
        assert home.find("a", href="funds/") is not None


def test_hub_shows_each_status_and_summary(sample_site: Path) -> None:
    hub = article(sample_site / "index.html")
    summary = squash(hub.select_one(".pp-funds-summary").get_text(" "))
    assert "2026年第三季度：按时公开 1 个，逾期公开 1 个，逾期未公开 1 个" in summary
    assert "龙泉新村" in summary
    expected = {"xintiandi": "按时公开", "anjiayuan": "逾期公开", "longquan": "逾期未公开"}
    for slug, label in expected.items():
        item = hub.select_one(f"#hub-{slug}")
        statuses = [s.get_text(strip=True) for s in item.select(".pp-status")]
        assert statuses == [label, "按时公开"], slug
        text = squash(item.get_text(" "))
        assert f"2026年第三季度： {label}" in text or f"2026年第三季度：{label}" in text
        assert f"2026年第三季度{label}" in item["data-search"]
        assert item.find("a", href=f"{slug}/funds/") is not None


def test_hub_shows_no_disclosure_for_a_settlement_without_funds(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(FIXTURES / "minimal", out, today=TODAY, pdf=False)
    hub = article(out / "index.html")
    item = hub.select_one(".pp-settlements li")
    assert [s.get_text(strip=True) for s in item.select(".pp-status")] == ["未公开"]
    assert "未公开" in item["data-search"]
    assert "未公开 1 个" in hub.select_one(".pp-funds-summary").get_text()
    assert not (out / "xiaocun" / "funds").exists()


# ---------------------------------------------------------------- hostile ledger cells


def test_ledger_cells_are_text_on_the_page_and_never_formulas_in_the_csv(
    data_copy: Path, tmp_path: Path
) -> None:
    """A summary with markup shows literally; a formula is defused in every download."""
    ledger = data_copy / "settlements" / "longquan" / "funds" / "2026-Q2.csv"
    lines = ledger.read_text("utf-8-sig").splitlines()
    evil = {  # row -> {column: cell}: 摘要 is column 2, 备注 column 10
        1: {2: '"=HYPERLINK(""http://evil.example/"",""点我"")"', 10: "<img src=x onerror=1>"},
        2: {2: "<b onclick=alert(2)>加粗</b>", 10: "+1-1"},
        3: {2: "@SUM(1+1)", 10: "<i onclick=alert(3)>斜体</i>"},
    }
    for row, cells in evil.items():
        line = lines[row].split(",")
        for column, cell in cells.items():
            line[column] = cell
        lines[row] = ",".join(line)
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    out = build(data_copy, tmp_path / "site", today=TODAY, pdf=False).out
    page = quarter_page(out, "longquan", "2026-Q2")
    for name in ("img", "b", "i"):
        assert not [e for e in page.find_all(name) if e.attrs], "a ledger cell is never markup"
    text = page.get_text(" ")
    for shown in ("<img src=x onerror=1>", "<b onclick=alert(2)>加粗</b>", "@SUM(1+1)",
                  '=HYPERLINK("http://evil.example/"'):  # fmt: skip
        assert shown in text, shown
    for csv_file in ("2026-Q2.csv", "all.csv"):
        data = (out / "longquan" / "funds" / csv_file).read_text("utf-8-sig")
        assert "'=HYPERLINK(" in data and "'@SUM(1+1)" in data and "'+1-1" in data, csv_file
        for line in data.splitlines():
            for cell in line.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "@")), (csv_file, cell)


@pytest.mark.parametrize(
    ("today", "current", "previous"),
    [
        ("2026-10-15", "待公开", "按时公开"),  # Q3's last day to publish: not late yet
        ("2026-10-16", "逾期未公开", "按时公开"),  # deadline passed, Q3 not out as of that day
        ("2026-10-28", "逾期公开", "按时公开"),  # published that day, 13 days late
        ("2026-12-31", "逾期公开", "按时公开"),  # late stays late, never "not published"
        ("2027-01-10", "待公开", "逾期公开"),  # Q4 is due by 2027-01-15
        ("2027-01-16", "逾期未公开", "逾期公开"),
    ],
)
def test_hub_status_of_a_late_quarter_on_chosen_days(
    data_copy: Path, tmp_path: Path, today: str, current: str, previous: str
) -> None:
    """安家园 published 2026-Q3 on 2026-10-28, after its 2026-10-15 deadline."""
    import datetime as dt

    out = build(data_copy, tmp_path / "site", today=dt.date.fromisoformat(today), pdf=False).out
    item = article(out / "index.html").select_one("#hub-anjiayuan")
    assert [s.get_text(strip=True) for s in item.select(".pp-status")] == [current, previous]
