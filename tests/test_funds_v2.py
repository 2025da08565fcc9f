"""Money as villages really keep it (data-format.md, Version 2 → Money).

吉祥社区's funds/ in tests/fixtures/realworld is transcribed from the forms real books
and boards use: a monthly account whose voucher numbers restart every month (记-1),
whose surplus may not be carried over (the year opens at 0), with three earmarked
sub-funds, signatures that depend on the amount (four above 1,000 元) and approval
levels by amount; ledgers with one 金额 column and a 收支 column, a 借方/贷方/余额 cash
journal in .xlsx, a trailing 合计 row, 大写 amounts and a notice board's posting of
序号, 开支项目, 金额（元）; the year's plan; a 村务监督委员会. Each was refused or
published wrong by version 1. Every test here builds or checks the real tree, or a copy
with one thing changed, and looks for the figure on the page or the exact message.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import FIXTURES, TODAY, article

from generator.checks.project import load_project
from generator.errors import Report
from generator.read.values import FundMonth
from generator.sites.site import build

TREE = FIXTURES / "realworld"
SLUG = "jixiang"
FUNDS = Path("settlements") / SLUG / "funds"
D = Decimal


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("funds-v2") / "site"
    build(TREE, out, today=TODAY, pdf=False)
    return out


def funds_page(site: Path, page: str = ""):
    return article(site / SLUG / "funds" / page / "index.html")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def changed(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the tree with one funds file edited; the edit must apply."""
    data = tmp_path / "data"
    shutil.copytree(TREE, data)
    path = data / FUNDS / name
    before = path.read_text("utf-8-sig")
    assert old in before, (name, old)
    path.write_text(
        before.replace(old, new, 1), encoding="utf-8-sig" if name.endswith(".csv") else "utf-8"
    )
    return data


def problems(data: Path) -> list[tuple[str, str, int, str]]:
    _, report = load_project(data, today=TODAY)
    return [(p.code, Path(p.file).name, p.line, p.message) for p in report.errors]


def only(data: Path, code: str) -> tuple[str, int, str]:
    found = problems(data)
    assert [p[0] for p in found] == [code], found
    return found[0][1:]


# ---------------------------------------------------------------- the tree as written


def test_the_real_books_validate() -> None:
    project, report = load_project(TREE, today=TODAY)
    assert report.errors == [], [str(p) for p in report.errors]
    data = project.settlement(SLUG).funds
    assert [p.header.period.key for p in data.periods] == [
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-09",
        "2026-10",
    ]
    layouts = {p.header.period.key: p.ledger.layout for p in data.periods}
    assert layouts["2026-09"] == "board" and layouts["2026-10"] == "ledger"


def test_published_figures_are_the_ledger_s(site: Path) -> None:
    """Every period: the cards' amounts add up to the page's totals, and closing = opening +
    income − expense, exactly; the figures are the header's own."""
    project, _ = load_project(TREE, today=TODAY)
    for period in project.settlement(SLUG).funds.periods:
        page = funds_page(site, period.header.period.key)
        cards = page.select(".pp-ledger-card")
        assert len(cards) == len(period.ledger.rows)
        sums = {"income": D(0), "expense": D(0)}
        for card in cards:
            side = "income" if "pp-ledger-card--income" in card["class"] else "expense"
            amount = card.select_one(".pp-ledger-card__amount .pp-amount").get_text()
            sums[side] += D(amount.replace(",", ""))
        header = period.header
        assert header.opening_balance + sums["income"] - sums["expense"] == header.closing_balance
        rule = text(page.select_one(".pp-balances__rule"))
        assert f"{sums['income']:,.2f}" in rule and f"{header.closing_balance:,.2f}" in rule


# ---------------------------------------------------------------- periods


def test_monthly_periods_with_their_own_status(site: Path) -> None:
    overview = funds_page(site)
    status = text(overview.select_one(".pp-disclosures"))
    assert "2026年10月 按时公开" in status and "2026年9月 逾期公开" in status
    assert "超过公开期限（2026年10月10日）2 天" in status
    assert "按月公开：每月结束后 10 天内" in text(overview.select_one(".pp-lead"))
    assert "各月收支" in text(overview)
    page = funds_page(site, "2026-10")
    assert page.h1.get_text(strip=True) == "2026年10月经费收支公开"
    assert "本月收入合计" in text(page)


def test_the_hub_judges_a_monthly_settlement_by_its_month(site: Path) -> None:
    hub = article(site / "index.html")
    assert "2026年10月：按时公开 1 个" in text(hub.select_one(".pp-funds-summary"))


def test_a_month_inside_a_disclosed_quarter_is_refused(tmp_path: Path) -> None:
    data = changed(tmp_path, "2026-10.yml", "month: 2026-10", "month: 2026-10")
    (data / FUNDS / "2026-Q4.yml").write_text(
        (data / FUNDS / "2026-10.yml")
        .read_text("utf-8")
        .replace("month: 2026-10", "quarter: 2026-Q4")
        .replace("published: 2026-11-06", "published: 2027-01-06"),
        encoding="utf-8",
    )
    codes = [p[0] for p in problems(data)]
    assert "funds.overlap" in codes


def test_a_period_file_names_its_period(tmp_path: Path) -> None:
    data = changed(tmp_path, "2026-10.yml", "month: 2026-10\n", "")
    name, line, message = only(data, "funds.period_missing")
    assert (name, line) == ("2026-10.yml", 2) and "month: 2025-07" in message


# ---------------------------------------------------------------- balances


def test_the_year_opens_at_zero_when_the_surplus_may_not_be_carried_over(tmp_path: Path) -> None:
    # 2025-12 closes at 7,643.50; 2026-01 opens at 0 and that is right (结余不得转存)
    data = changed(tmp_path, "2026-01.yml", "opening_balance: 0.00", "opening_balance: 7643.50")
    data.joinpath(FUNDS / "2026-01.yml").write_text(
        data.joinpath(FUNDS / "2026-01.yml")
        .read_text("utf-8")
        .replace("closing_balance: 2225.00", "closing_balance: 9868.50"),
        encoding="utf-8",
    )
    found = [p for p in problems(data) if p[0] == "funds.opening"]
    assert found and "carry_over: false" in found[0][3] and found[0][1] == "2026-01.yml"


def test_carried_over_the_year_must_follow_on(tmp_path: Path) -> None:
    data = changed(tmp_path, "account.yml", "carry_over: false", "carry_over: true")
    found = [p for p in problems(data) if p[0] == "funds.opening"]
    assert [(p[1], p[3]) for p in found][:1] == [
        ("2026-01.yml", "期初余额 0.00 与上一期（2025年12月）的期末余额 7643.50 不一致")
    ]


def test_sub_funds_keep_their_own_balances(site: Path, tmp_path: Path) -> None:
    office = funds_page(site, "fund-office")
    cards = [text(li) for li in office.select(".pp-subfund-periods > li")]
    assert cards[0].startswith("2026年10月") and "期末余额 582.00 元" in cards[0]
    assert "期初余额 0.00 元" in cards[2]  # 2026年1月: the year opens at 0
    overview = text(funds_page(site).select_one(".pp-subfunds"))
    assert "服务群众专项经费 期末余额 6,250.00 元" in overview
    data = changed(tmp_path, "2026-10.yml", "closing_balance: 582.00", "closing_balance: 580.00")
    codes = [p for p in problems(data) if p[0] == "funds.subfund_balance"]
    assert any("办公经费" in p[3] and "582.00" in p[3] for p in codes)


def test_a_running_balance_column_is_checked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(TREE, data)
    path = data / FUNDS / "2026-01.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book["明细账"]
    assert sheet["I6"].value == 2320
    sheet["I6"] = 2230
    book.save(path)
    name, line, message = only(data, "funds.running_balance")
    assert (name, line) == ("2026-01.xlsx", 6) and "2320.00" in message


# ---------------------------------------------------------------- vouchers and signatures


def test_voucher_numbers_restart_every_month(tmp_path: Path) -> None:
    data = changed(tmp_path, "account.yml", "voucher_scope: 每月\n", "")
    found = [p for p in problems(data) if p[0] == "funds.duplicate_voucher"]
    assert found and all("记-" in p[3] for p in found)
    data = changed(tmp_path / "2", "2026-10.csv", "记-3", "记-2")
    name, line, message = only(data, "funds.duplicate_voucher")
    assert (name, line) == ("2026-10.csv", 4) and "2026-10.csv 第 3 行" in message


def test_over_1000_yuan_four_sign(site: Path, tmp_path: Path) -> None:
    page = funds_page(site, "2026-10")
    card = next(c for c in page.select(".pp-ledger-card") if "空调维修" in text(c))
    shown = text(card)
    for who in (
        "审签人（村党支部书记） 陈志强",
        "第三签字人（村委会副主任） 刘海",
        "证明人（知情群众） 杨光",
    ):
        assert who in shown
    assert "四人签字，主管领导审批" in shown
    small = next(c for c in page.select(".pp-ledger-card") if "购买办公用品" in text(c))
    assert "双签字，村委会主任审批" in text(small)
    lead = text(funds_page(site).select_one(".pp-lead"))
    extra = "还须村党支部书记（审签人）、村委会副主任（第三签字人）签字（共四人签字）"
    assert f"超过 1,000 元的支出，{extra}" in lead
    assert "（双签字）" not in lead  # two sign only the small expenses
    data = changed(tmp_path, "2026-10.csv", "陈志强,刘海,", "陈志强,,")
    name, line, message = only(data, "funds.signers")
    assert (name, line) == ("2026-10.csv", 3)
    assert message == "支出 1260.00 元超过 1000 元，还须第三签字人（村委会副主任）签字"


def test_a_mobile_in_a_new_signature_column_is_refused(tmp_path: Path) -> None:
    data = changed(tmp_path, "2026-10.csv", "周丽,杨光,王建国", "周丽,杨光13812345678,王建国")
    found = [p for p in problems(data) if p[0].startswith("privacy.")]
    assert [(p[1], p[2]) for p in found] == [("2026-10.csv", 4)], found
    assert "13812345678" not in found[0][3]  # the message masks it


def test_no_one_signs_twice(tmp_path: Path) -> None:
    data = changed(tmp_path, "2026-10.csv", "周丽,杨光,王建国", "周丽,周丽,王建国")
    name, line, message = only(data, "funds.signers")
    assert (name, line) == ("2026-10.csv", 4) and "经办人、证明人是同一个人（周丽）" in message


def test_the_amount_picks_who_approves(tmp_path: Path) -> None:
    # 210 元 is above the 主任's 200: 街道办事处 (李明) or higher must approve
    data = changed(tmp_path, "2026-02.csv", "210.00,周丽,杨光,李明", "210.00,周丽,杨光,王建国")
    name, line, message = only(data, "funds.approval")
    assert (name, line) == ("2026-02.csv", 5)
    assert "应由街道办事处（李明）或更高一级审批" in message and "王建国" in message


# ---------------------------------------------------------------- ledger layouts


def test_amount_and_direction_columns_with_a_capital_amount(site: Path) -> None:
    project, _ = load_project(TREE, today=TODAY)
    december = project.settlement(SLUG).funds.periods[0]
    row = next(r for r in december.ledger.rows if r.voucher == "记-4")
    assert row.expense == D("2400.00") and row.income is None  # 贰仟肆佰元整
    assert len(december.ledger.rows) == 6  # the two 合计 rows are checked, not counted
    card = next(
        c for c in funds_page(site, "2025-12").select(".pp-ledger-card") if "慰问" in text(c)
    )
    assert "支出 2,400.00 元" in text(card)


def test_a_total_row_that_disagrees_is_refused(tmp_path: Path) -> None:
    data = changed(tmp_path, "2025-12.csv", ",,合计,,,,3356.50,支", ",,合计,,,,3365.50,支")
    name, line, message = only(data, "ledger.total")
    assert (name, line) == ("2025-12.csv", 9)
    assert message == "“合计”行写的支出是 3365.50 元，但上面各行的支出相加是 3356.50 元"


def test_a_direction_that_is_neither_in_nor_out_is_refused(tmp_path: Path) -> None:
    data = changed(tmp_path, "2025-12.csv", "186.50,支", "186.50,借")
    codes = problems(data)
    assert ("ledger.direction", "2025-12.csv", 4) in [p[:3] for p in codes]


def test_debit_credit_balance_journal_in_xlsx(site: Path) -> None:
    page = funds_page(site, "2026-01")
    assert "期初余额 0.00 元" in text(page.select_one(".pp-balances"))
    amounts = [
        text(c.select_one(".pp-ledger-card__amount")) for c in page.select(".pp-ledger-card")
    ]
    assert amounts == ["收入 2,500.00 元", "收入 1,200.00 元", "支出 1,380.00 元", "支出 95.00 元"]


def test_a_notice_board_posting_says_what_it_leaves_out(site: Path) -> None:
    page = funds_page(site, "2026-09")
    note = text(page.select_one(".pp-note"))
    assert "公示栏式的支出清单" in note and "没有写日期、凭证号" in note
    cards = page.select(".pp-ledger-card")
    assert [text(c.select_one(".pp-ledger-card__summary")) for c in cards] == [
        "办公用品",
        "社区卫生清洁",
        "重阳节敬老活动",
    ]
    assert not page.select(".pp-ledger-card dt")  # no signatures or rules claimed for it
    headers = [th.get_text(strip=True) for th in page.select(".pp-ledger thead th")]
    assert headers == ["摘要", "支出"]


def test_a_board_header_under_a_title_row_is_found(tmp_path: Path) -> None:
    """Version 1 said 找不到表头 for 序号, 开支项目, 金额（元） under a title."""
    data = changed(tmp_path, "2026-09.csv", '"1,150.00"', '"1,105.00"')
    name, line, message = only(data, "ledger.total")
    assert (name, line) == ("2026-09.csv", 6) and "3505.00" in message


# ---------------------------------------------------------------- plan, committee, downloads


def test_the_year_s_plan_against_the_actual(site: Path) -> None:
    page = funds_page(site, "budget-2026")
    cards = {
        text(li.select_one(".pp-card__title")): text(li) for li in page.select(".pp-budget > li")
    }
    assert "实际 1,260.00 元" in cards["设施维修"] and "执行率 15.8%" in cards["设施维修"]
    assert "实际 3,550.00 元" in cards["未分类 计划外"]  # the board's posting names no category
    assert "计划 56,000.00 元 实际 12,200.00 元" in text(page)
    assert "年度结束、全部公开后在这里公布决算" in text(page)


def test_a_final_account_needs_the_whole_year(tmp_path: Path) -> None:
    data = changed(
        tmp_path, "budget-2026.yml", "year: 2026\n", "year: 2026\nfinal: {date: 2026-12-20}\n"
    )
    name, line, message = only(data, "funds.budget")
    assert (name, line) == ("budget-2026.yml", 4) and "早于这一年结束" in message


def test_the_committee_is_named_as_the_data_names_it(site: Path) -> None:
    page = funds_page(site, "2026-10")
    assert page.find(id="review").get_text(strip=True) == "村务监督委员会审核意见"
    assert "居务监督委员会" not in text(page)


def test_every_table_downloads_as_csv_and_xlsx(site: Path) -> None:
    folder = site / SLUG / "funds"
    for stem in ("2026-10", "all", "fund-office", "budget-2026"):
        raw = (folder / f"{stem}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        sheet = openpyxl.load_workbook(folder / f"{stem}.xlsx").active
        values = [
            ["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)
        ]
        assert values[0] == rows[0] and len(values) == len(rows), stem
    october = list(csv.reader(io.StringIO((folder / "2026-10.csv").read_text("utf-8-sig"))))
    assert october[0][-3:] == ["证明人", "第三签字人", "专项"]
    sheet = openpyxl.load_workbook(folder / "2026-10.xlsx").active
    expense = [r[6] for r in sheet.iter_rows(min_row=2, values_only=True) if r[6] is not None]
    assert sum(D(str(v)) for v in expense) == D("2018.00")
    links = {a["href"] for a in funds_page(site, "2026-10").select(".pp-downloads a")}
    assert {"../2026-10.xlsx", "../2026-10.csv", "../all.xlsx", "../all.csv"} <= links


def test_the_staff_template_follows_the_account(tmp_path: Path) -> None:
    from generator.staff.xlsx_template import write_template

    data = tmp_path / "data"
    shutil.copytree(TREE, data)
    made = write_template(data, SLUG, today=dt.date(2026, 11, 22))
    assert made.path.name == "2026-11.xlsx"  # the month after the last disclosed one
    book = openpyxl.load_workbook(made.path)
    header = [c.value for c in book["台账"][1]]
    assert header == [
        "日期",
        "凭证号",
        "摘要",
        "类别",
        "资金来源",
        "专项",
        "收入",
        "支出",
        "经办人",
        "审批人",
        "审签人",
        "证明人",
        "第三签字人",
        "备注",
    ]
    guide = "\n".join(str(c.value) for c in book["填写说明"]["A"] if c.value)
    assert "同一个月里凭证号不能重复" in guide and "month: 2026-11" in guide
    assert "村务监督委员会" in guide and "借方/贷方/余额" in guide
    assert re.search(r"0（结余不得转存", guide)


def test_version_1_samples_are_unchanged(sample_site: Path) -> None:
    lead = text(article(sample_site / "xintiandi" / "funds" / "index.html").select_one(".pp-lead"))
    assert "审签（双签字）" in lead and "经居务监督委员会审核" in lead


def test_english_headers_name_the_same_layouts(tmp_path: Path) -> None:
    from generator.read.ledger import read_ledger

    path = tmp_path / "2026-10.csv"
    path.write_text(
        "Date,Voucher,Summary,Category,Source,Amount,Direction,Handler,Approver,Countersigner\n"
        "2026-10-08,V-1,Grant,,county,3000.00,in,Zhou,,\n"
        "2026-10-15,V-2,Repair,设施维修,county,1260.00,out,Zhou,Zhao,Chen\n"
        "total,,,,,1260.00,out,,,\n",
        encoding="utf-8",
    )
    report = Report(root=tmp_path)
    ledger = read_ledger(path, report)
    assert report.problems == [] and ledger is not None
    assert [(r.income, r.expense) for r in ledger.rows] == [
        (D("3000.00"), None),
        (None, D("1260.00")),
    ]
    debit = tmp_path / "journal.csv"
    debit.write_text(
        "日期,凭证号,摘要,资金来源,借方,贷方,余额,经办人,审批人,审签人\n"
        "2026-10-08,记-1,拨款,county,500,,500,周丽,,\n",
        encoding="utf-8",
    )
    journal = read_ledger(debit, Report(root=tmp_path))
    assert journal is not None and journal.rows[0].income == D("500.00")
    assert journal.rows[0].balance == D("500.00")


def test_a_month_is_sealed_like_a_quarter(tmp_path: Path) -> None:
    from generator.checks.funds import seal_of
    from generator.staff.seal import seal_quarter

    data = tmp_path / "data"
    shutil.copytree(TREE, data)
    sealed = seal_quarter(data, SLUG, FundMonth(2026, 10))
    assert sealed.changed and sealed.path.name == "2026-10.yml"
    project, report = load_project(data, today=TODAY)
    assert report.errors == []
    period = project.settlement(SLUG).funds.periods[-1]
    assert period.header.seal == seal_of(period) == sealed.seal
    ledger = data / FUNDS / "2026-10.csv"
    ledger.write_text(ledger.read_text("utf-8-sig").replace("158.00", "185.00"), "utf-8-sig")
    codes = [p[0] for p in problems(data)]
    assert "funds.seal_broken" in codes
