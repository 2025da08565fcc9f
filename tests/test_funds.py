"""generator.pages.funds and the seal: exact figures, 大写, disclosure status, CSV, tampering."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SAMPLE, TODAY, article
from hypothesis import given
from hypothesis import strategies as st

from generator.checks.funds import seal_of, totals
from generator.checks.project import load_project
from generator.cli.main import main
from generator.contract.data import FundPeriod
from generator.contract.fund_periods import QuarterHeader
from generator.contract.funds import Account
from generator.contract.portal import FundsPolicy
from generator.errors import Report
from generator.pages import disclosure, funds
from generator.read.ledger import read_ledger, write_csv
from generator.read.values import Quarter
from generator.staff.seal import write_seal

PROJECT, _ = load_project(SAMPLE)
D = Decimal

# (opening, income, expense, closing): added up by hand from each ledger, as the .yml says
EXPECTED = {
    ("xintiandi", "2025-Q4"): ("23150.00", "139280.00", "96061.90", "66368.10"),  # UTF-8 BOM
    ("xintiandi", "2026-Q1"): ("66368.10", "100880.00", "103542.80", "63705.30"),  # GBK CSV
    ("xintiandi", "2026-Q2"): ("63705.30", "100880.00", "95478.30", "69107.00"),  # .xlsx
    ("xintiandi", "2026-Q3"): ("69107.00", "100880.00", "111965.60", "58021.40"),  # "0.12万"
    ("anjiayuan", "2026-Q1"): ("12680.00", "39800.00", "40005.60", "12474.40"),
    ("anjiayuan", "2026-Q2"): ("12474.40", "39800.00", "36958.40", "15316.00"),
    ("anjiayuan", "2026-Q3"): ("15316.00", "39800.00", "37866.90", "17249.10"),  # .xlsx
    ("longquan", "2026-Q1"): ("5320.00", "15540.00", "6736.50", "14123.50"),
    ("longquan", "2026-Q2"): ("14123.50", "4200.00", "5925.00", "12398.50"),
}


def fund_quarter(slug: str, key: str) -> tuple[FundPeriod, Account]:
    data = PROJECT.settlement(slug).funds
    found = next(q for q in data.periods if q.header.period.key == key)
    return found, data.account


def test_every_sample_quarter_is_expected() -> None:
    found = {(s.slug, q.header.period.key) for s in PROJECT.settlements for q in s.funds.periods}
    assert found == set(EXPECTED)


@pytest.mark.parametrize(("slug", "key"), sorted(EXPECTED))
def test_sample_quarter_totals_are_exact(slug: str, key: str) -> None:
    item, account = fund_quarter(slug, key)
    f = funds.figures(item, account)
    assert (f.opening, f.income, f.expense, f.closing) == tuple(map(D, EXPECTED[slug, key]))
    assert (f.income, f.expense) == totals(item)  # pandas and a plain Python sum agree
    assert f.closing == item.header.closing_balance
    for value in (f.opening, f.income, f.expense, f.closing):
        assert type(value) is Decimal and value.as_tuple().exponent == -2


@pytest.mark.parametrize(("slug", "key"), sorted(EXPECTED))
def test_breakdowns_add_up_to_the_totals(slug: str, key: str) -> None:
    item, account = fund_quarter(slug, key)
    f = funds.figures(item, account)
    assert sum((s.amount for s in f.by_source), D("0")) == f.income
    assert sum((s.amount for s in f.by_category), D("0")) == f.expense
    assert all(type(s.amount) is Decimal and s.amount > 0 for s in f.by_source + f.by_category)
    # account order, and every label is the account's own name
    source_ids = [s.id for s in account.sources]
    assert [s.key for s in f.by_source] == sorted(
        (s.key for s in f.by_source), key=source_ids.index
    )
    assert {s.label for s in f.by_source} <= {s.name for s in account.sources}
    categories = [s.key for s in f.by_category]
    assert categories == sorted(categories, key=account.categories.index)
    assert abs(sum(s.percent for s in f.by_category) - 100) <= D("0.5")


def test_xintiandi_q3_breakdown_by_hand() -> None:
    f = funds.figures(*fund_quarter("xintiandi", "2026-Q3"))
    assert {s.key: s.amount for s in f.by_source} == {
        "budget": D("20000.00"),
        "transfer": D("27930.00") + D("24750.00") + D("21000.00"),
        "rent": D("7200.00"),
    }
    assert {s.key: s.amount for s in f.by_category} == {
        "办公经费": D("1200.00") + D("3705.60"),  # "0.12万" is 1200.00
        "活动经费": D("3260.00"),
        "公益岗位补贴": 3 * D("14400.00"),
        "人员报酬": D("37500.00"),
        "设施维修": D("18600.00"),
        "困难救助": D("4500.00"),
    }
    assert [s.label for s in f.by_source][1] == "迁出地乡镇转移支付（每人每年60元）"
    assert f.by_source[1].percent == D("73.0") and f.by_source[1].width == "73.0%"


ACCOUNT = Account.model_validate(
    {
        "name": "测试经费",
        "sources": [{"id": "budget", "name": "县财政预算拨付"}, {"id": "rent", "name": "租金"}],
        "categories": ["办公经费", "其他"],
        "signers": {"approver": "主任", "countersigner": "书记"},
    }
)
LEDGER_HEADER = "日期,凭证号,摘要,类别,资金来源,收入,支出,经办人,审批人,审签人,备注"


def tmp_quarter(tmp_path: Path, lines: list[str], opening: str = "0.00") -> FundPeriod:
    path = tmp_path / "2026-Q3.csv"
    path.write_text("\n".join([LEDGER_HEADER, *lines]) + "\n", encoding="utf-8")
    report = Report()
    ledger = read_ledger(path, report)
    assert ledger is not None, report.problems
    header = QuarterHeader.model_validate(
        {
            "quarter": "2026-Q3",
            "published": "2026-10-10",
            "opening_balance": opening,
            "closing_balance": opening,
            "ledger": path.name,
        }
    )
    return FundPeriod(header, tmp_path / "2026-Q3.yml", ledger)


def test_full_width_digits_and_wan_are_exact(tmp_path: Path) -> None:
    item = tmp_quarter(
        tmp_path,
        [
            "2026-07-01,V1,拨款,,budget,１２３４.５,,甲,乙,丙,",
            "2026-07-02,V2,租金,,租金,0.12万,,甲,乙,丙,",
            "2026-07-03,V3,纸,办公经费,budget,,＂１,０００.０１＂,甲,乙,丙,".replace("＂", '"'),
            "2026-07-04,V4,杂项,其他,rent,,¥0.10,甲,乙,丙,",
            "2026-07-05,V5,杂项,其他,rent,,0.20,甲,乙,丙,",
        ],
        opening="１００",
    )
    f = funds.figures(item, ACCOUNT)
    assert f.opening == D("100.00")
    assert f.income == D("1234.50") + D("1200.00")
    assert f.expense == D("1000.01") + D("0.30")  # 0.1 + 0.2 is 0.30 here, not 0.30000000000004
    assert f.closing == D("100.00") + D("2434.50") - D("1000.31")
    assert {s.key: s.amount for s in f.by_source} == {"budget": D("1234.50"), "rent": D("1200.00")}
    assert {s.key: s.amount for s in f.by_category} == {"办公经费": D("1000.01"), "其他": D("0.30")}


def test_a_quarter_with_only_income(tmp_path: Path) -> None:
    f = funds.figures(tmp_quarter(tmp_path, ["2026-07-01,V1,拨款,,budget,10,,甲,乙,丙,"]), ACCOUNT)
    assert (f.income, f.expense, f.by_category) == (D("10.00"), D("0.00"), ())


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        funds.money(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        funds.capital(12.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        funds.capital(D("1.005"))


# ---------------------------------------------------------------- 大写 and thousands


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1234.50", "壹仟贰佰叁拾肆元伍角整"),
        ("100000.00", "壹拾万元整"),
        ("0.05", "伍分"),
        ("10010.01", "壹万零壹拾元零壹分"),
        ("0", "零元整"),
        ("0.50", "伍角整"),
        ("0.15", "壹角伍分"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("15.00", "壹拾伍元整"),
        ("101", "壹佰零壹元整"),
        ("110", "壹佰壹拾元整"),
        ("1001", "壹仟零壹元整"),
        ("1010", "壹仟零壹拾元整"),
        ("10000", "壹万元整"),
        ("100001", "壹拾万零壹元整"),
        ("1001000", "壹佰万零壹仟元整"),
        ("20005000.08", "贰仟万零伍仟元零捌分"),
        ("100000000", "壹亿元整"),
        ("100000001", "壹亿零壹元整"),
        ("120000000.10", "壹亿贰仟万元壹角整"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("58021.40", "伍万捌仟零贰拾壹元肆角整"),
        ("111965.60", "壹拾壹万壹仟玖佰陆拾伍元陆角整"),
        ("100880.00", "壹拾万零捌佰捌拾元整"),
        ("-12.30", "负壹拾贰元叁角整"),
    ],
)
def test_capital(amount: str, words: str) -> None:
    assert funds.capital(D(amount)) == words


_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def from_capital(text: str) -> Decimal:
    """An independent reading of 大写 back into a number (the test's own parser)."""

    def group(part: str) -> int:
        number, digit = 0, 0
        for char in part:
            if char in _DIGITS:
                digit = _DIGITS.index(char)
            else:
                number += digit * 10 ** ("拾佰仟".index(char) + 1)
                digit = 0
        return number + digit

    def integer(part: str) -> int:
        if "亿" in part:
            high, low = part.split("亿", 1)
            return integer(high) * 10**8 + integer(low)
        if "万" in part:
            high, low = part.split("万", 1)
            return group(high) * 10**4 + group(low)
        return group(part)

    body = text.removesuffix("整")
    yuan, _, cents = body.rpartition("元")
    jiao = re.search(f"([{_DIGITS}])角", cents)
    fen = re.search(f"([{_DIGITS}])分", cents)
    total = integer(yuan) * 100
    total += 10 * _DIGITS.index(jiao[1]) if jiao else 0
    total += _DIGITS.index(fen[1]) if fen else 0
    return Decimal(total) / 100


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_capital_reads_back_and_is_well_formed(cents: int) -> None:
    amount = Decimal(cents) / 100
    words = funds.capital(amount)
    assert from_capital(words) == amount
    assert words.endswith(("整", "分"))
    if cents:
        assert "零零" not in words and not re.search("零[元万亿角整]", words)
        assert not words.startswith("零") and not words.endswith("零")
    assert set(words) <= set(_DIGITS + "拾佰仟万亿元角分整")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("12345.6", "12,345.60"),
        ("0", "0.00"),
        ("999.99", "999.99"),
        ("1000", "1,000.00"),
        ("1234567.89", "1,234,567.89"),
        ("-2500.5", "-2,500.50"),
    ],
)
def test_money(amount: str, shown: str) -> None:
    assert funds.money(D(amount)) == shown


# ---------------------------------------------------------------- disclosure status

Q3 = Quarter(2026, 3)  # ends 2026-09-30; with 15 days the deadline is 2026-10-15


@pytest.mark.parametrize(
    ("published", "today", "expected"),
    [
        ("2026-10-15", "2026-11-22", "on_time"),  # on the deadline day
        ("2026-10-01", "2026-10-01", "on_time"),  # the day after the quarter, as of that day
        ("2026-10-16", "2026-11-22", "late"),  # one day after the deadline
        (None, "2026-10-01", "pending"),  # the quarter has ended, still within the deadline
        (None, "2026-10-15", "pending"),  # the last day
        (None, "2026-10-16", "overdue"),  # the day after
        ("2026-10-20", "2026-10-18", "overdue"),  # published after "today": not yet published
        (None, "2026-09-30", "not_due"),  # the quarter's last day: not ended
        (None, "2026-08-01", "not_due"),
    ],
)
def test_status_around_the_deadline(published: str | None, today: str, expected: str) -> None:
    day = dt.date.fromisoformat
    got = disclosure.status(Q3, day(published) if published else None, day(today), 15)
    assert got.status == expected
    assert got.deadline == dt.date(2026, 10, 15)
    assert got.label == disclosure.STATUS_LABELS[expected]


def test_status_labels() -> None:
    assert disclosure.STATUS_LABELS == {
        "on_time": "按时公开",
        "late": "逾期公开",
        "overdue": "逾期未公开",
        "pending": "待公开",
        "not_due": "未到期",
        "absent": "未公开",
    }
    late = disclosure.status(Q3, dt.date(2026, 10, 28), TODAY, 15)
    assert late.days_late == 13


@pytest.mark.parametrize(
    ("today", "current"),
    [
        ("2026-11-22", "2026-Q3"),
        ("2026-10-01", "2026-Q3"),
        ("2026-09-30", "2026-Q2"),
        ("2026-01-01", "2025-Q4"),
    ],
)
def test_current_quarter_is_the_latest_ended(today: str, current: str) -> None:
    assert disclosure.current_quarter(dt.date.fromisoformat(today)).key == current


@pytest.mark.parametrize(
    ("slug", "current", "previous"),
    [
        ("xintiandi", "on_time", "on_time"),
        ("anjiayuan", "late", "on_time"),
        ("longquan", "overdue", "on_time"),
    ],
)
def test_sample_statuses_on_the_fixed_day(slug: str, current: str, previous: str) -> None:
    got = disclosure.recent(PROJECT.settlement(slug).funds, TODAY, PROJECT.portal.funds)
    assert [d.period.key for d in got] == ["2026-Q3", "2026-Q2"]
    assert [d.status for d in got] == [current, previous]


def test_no_funds_is_absent_and_deadline_days_come_from_the_policy() -> None:
    got = disclosure.recent(None, TODAY, FundsPolicy())
    assert [d.label for d in got] == ["未公开", "未公开"]
    strict = disclosure.disclosure(
        PROJECT.settlement("xintiandi").funds, Q3, TODAY, FundsPolicy(deadline_days=10)
    )
    assert strict.status == "late"  # published 2026-10-13, after 2026-10-10


def test_summary_line() -> None:
    line = disclosure.summary_line(Q3, ["overdue", "on_time", "late"])
    assert line == "2026年第三季度：按时公开 1 个，逾期公开 1 个，逾期未公开 1 个"
    assert disclosure.summary_line(Q3, ["absent", "on_time", "on_time"]) == (
        "2026年第三季度：按时公开 2 个，未公开 1 个"
    )


def test_every_quarter_is_kept_newest_first() -> None:
    data = PROJECT.settlement("xintiandi").funds
    kept = funds.kept(data.periods)
    assert [q.header.period.key for q in kept] == ["2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"]
    assert len(kept) >= min(len(data.periods), PROJECT.portal.funds.retention_quarters)


# ---------------------------------------------------------------- downloads


@pytest.mark.parametrize(("slug", "key"), sorted(EXPECTED))
def test_quarter_csv_is_write_csv_and_reads_back(tmp_path: Path, slug: str, key: str) -> None:
    item, _ = fund_quarter(slug, key)
    data = funds.ledger_csv(item.ledger.rows)
    assert data.startswith(b"\xef\xbb\xbf" + "日期,凭证号,摘要".encode())
    write_csv(item.ledger.rows, tmp_path / "write_csv.csv")
    assert data == (tmp_path / "write_csv.csv").read_bytes()
    path = tmp_path / f"{key}.csv"
    path.write_bytes(data)
    report = Report()
    again = read_ledger(path, report)
    assert again is not None, report.problems

    def content(rows: tuple) -> list:
        return [dataclasses.replace(r, line=0) for r in rows]

    assert content(again.rows) == content(item.ledger.rows)
    assert again.digest() == item.ledger.digest()


def test_all_quarters_csv() -> None:
    data = PROJECT.settlement("xintiandi").funds
    raw = funds.all_quarters_csv(data.periods)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["季度", "日期", "凭证号", "摘要", "类别", "资金来源", "收入", "支出",
                       "经办人", "审批人", "审签人", "备注"]  # fmt: skip
    body = rows[1:]
    assert len(body) == sum(len(q.ledger.rows) for q in data.periods)
    assert [r[0] for r in body] == sorted(r[0] for r in body)  # oldest first
    income = sum((D(r[6]) for r in body if r[6]), D("0"))
    assert income == sum((funds.figures(q, data.account).income for q in data.periods), D("0"))
    assert body[-3][:3] == ["2026-Q3", "2026-09-28", "2026-040"]
    assert body[-3][7] == "1200.00"  # "0.12万", normalised


# ---------------------------------------------------------------- the seal


def test_write_seal_keeps_comments_and_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q3.yml"
    text = (
        "# yaml-language-server: $schema=../../../../schema/quarter.schema.json\r\n"
        "quarter: 2026-Q3\r\n"
        "seal: null    # 由 portal funds seal 写入\r\n"
        "corrections: []\r\n"
    )
    path.write_bytes(text.encode())
    seal = "sha256:" + "ab" * 32
    write_seal(path, seal)
    assert path.read_bytes().decode() == text.replace("null    #", f"{seal}    #")
    write_seal(path, seal)  # idempotent
    assert path.read_bytes().decode() == text.replace("null    #", f"{seal}    #")


def test_write_seal_adds_a_missing_line(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q3.yml"
    path.write_text("quarter: 2026-Q3\n# 结尾的注释", encoding="utf-8")
    write_seal(path, "sha256:" + "0" * 64)
    assert path.read_text("utf-8") == f"quarter: 2026-Q3\n# 结尾的注释\nseal: sha256:{'0' * 64}\n"


BASE = FIXTURES / "base"
Q3_YML = "settlements/base/funds/2026-Q3.yml"
Q3_CSV = "settlements/base/funds/2026-Q3.csv"
SCHEMA_LINE = "# yaml-language-server: $schema=../../../../schema/quarter.schema.json\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_seal_and_correction_cycle_through_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    header = data / Q3_YML
    header.write_text(SCHEMA_LINE + header.read_text("utf-8"), encoding="utf-8")
    edit(header, "seal: null", "seal: null  # 公开后运行 portal funds seal")

    # 1. seal: the seal line changes, nothing else
    before = header.read_text("utf-8")
    code, out, err = run("funds", "seal", "base", "2026-Q3", "--data", str(data))
    assert code == 0, err
    after = header.read_text("utf-8")
    seal = re.search(r"^seal: (sha256:[0-9a-f]{64})  # 公开后运行 portal funds seal$", after, re.M)
    assert seal, after
    assert after.splitlines()[0] == SCHEMA_LINE.strip()
    assert [a for a in after.splitlines() if "seal" not in a] == [
        b for b in before.splitlines() if "seal" not in b
    ]
    assert seal[1] in out
    project, _ = load_project(data)
    assert seal[1] == seal_of(project.settlement("base").funds.periods[-1])

    # 2. a sealed, unchanged quarter validates
    assert run("validate", "--data", str(data))[0] == 0

    # 3. the ledger changes after publication (and the balance with it): the seal breaks
    edit(data / Q3_CSV, ",,100.00,", ",,110.00,")
    edit(header, "closing_balance: 1400.00", "closing_balance: 1390.00")
    code, _, err = run("validate", "--data", str(data))
    seal_line = next(i for i, s in enumerate(header.read_text().splitlines(), 1) if "seal:" in s)
    assert code == 1
    assert f"data/{Q3_YML}:{seal_line}:7: 错误 [funds.seal_broken]" in err, err
    assert "corrections" in err
    # re-sealing a quarter whose data does not validate is refused, the file untouched
    unchanged = header.read_text("utf-8")
    assert run("funds", "seal", "base", "2026-Q3", "--data", str(data))[0] == 1
    assert header.read_text("utf-8") == unchanged

    # 4. a correction explains the change: it validates, and the page shows it
    reason = "第2026-004号凭证金额录入错误，已按原始凭证更正为110元"
    edit(header, "corrections: []", f"corrections:\n  - {{date: 2026-11-20, reason: {reason}}}")
    assert run("validate", "--data", str(data))[0] == 0
    out_dir = tmp_path / "site"
    args = ["build", "--data", str(data), "--out", str(out_dir), "--today", "2026-11-22"]
    code, _, err = run(*args, "--no-pdf")
    assert code == 0, err
    page = article(out_dir / "base" / "funds" / "2026-Q3" / "index.html")
    notice = page.select_one(".pp-correction")
    assert notice is not None
    text = notice.get_text(" ", strip=True)
    assert "本季度台账在公开后有更正" in text
    assert "2026年11月20日" in text and reason in text
    assert "110.00" in page.select_one(".pp-ledger").get_text()
    assert "1,390.00" in page.select_one(".pp-balances").get_text()
    overview = article(out_dir / "base" / "funds" / "index.html")
    assert "有更正" in overview.select_one(".pp-money-table").get_text()

    # 5. staff re-seal after the correction; it still validates
    code, _, err = run("funds", "seal", "base", "2026-Q3", "--data", str(data))
    assert code == 0, err
    assert seal[1] not in header.read_text("utf-8")
    assert run("validate", "--data", str(data))[0] == 0


def test_seal_refuses_an_unknown_quarter_or_settlement(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    code, _, err = run("funds", "seal", "base", "2026-Q1", "--data", str(data))
    assert code == 1 and "[funds.no_quarter]" in err
    code, _, err = run("funds", "seal", "nowhere", "2026-Q3", "--data", str(data))
    assert code == 1 and "[file.missing]" in err
    code, _, err = run("funds", "seal", "base", "2026-Q5", "--data", str(data))
    assert code == 2 and "季度" in err


def test_a_seal_written_by_hand_is_reported(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    edit(data / Q3_YML, "seal: null", "seal: 已封存")
    code, _, err = run("validate", "--data", str(data))
    assert code == 1 and "[funds.seal_broken]" in err and "不是 seal 命令写入的" in err


def test_masked_values_stay_masked_on_pages_and_downloads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    masked = "退押金至138****0000，身份证1427**********1234"
    edit(data / Q3_CSV, "张某某,", f"张某某,{masked}")
    out_dir = tmp_path / "site"
    code, _, err = run("build", "--data", str(data), "--out", str(out_dir), "--no-pdf")
    assert code == 0, err
    page = article(out_dir / "base" / "funds" / "2026-Q3" / "index.html")
    assert masked in page.select_one(".pp-ledger").get_text()
    assert masked in (out_dir / "base" / "funds" / "2026-Q3.csv").read_text("utf-8-sig")
