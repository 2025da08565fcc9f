"""名单公示: posted during its period only, names never searchable, only four fields allowed.

The real-world fixture's 吉祥社区 has a 低保 审核公示 posted 2026-11-20 for 7天 (its
last day 2026-11-27, people in the YAML) and a long-term 特困 list whose people are a
CSV beside it. It is built on chosen days with real MkDocs; the refusals are checked
by validating broken copies.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SAMPLE, TODAY, article, soup

from generator.checks.project import load_project
from generator.cli.main import main
from generator.contract.data import PostedList
from generator.contract.lists import ListMeta, ListPerson
from generator.errors import Problem
from generator.pages.sections.lists import ListView, posted
from generator.sites.site import build

TREE = FIXTURES / "realworld"
SLUG = "jixiang"
FIXED = "2026年11月城乡低保新增对象审核公示"  # 2026-11-20, 7天: on the site 11-20 … 11-27
LONG = "吉祥社区特困人员救助供养对象长期公示"
PROJECT, _ = load_project(TREE)
LISTS = PROJECT.settlement(SLUG).lists
NAMES = sorted({p.name for item in LISTS for p in item.people})
DAYS = ("2026-11-19", "2026-11-20", "2026-11-22", "2026-11-27", "2026-11-28")
ON = {"2026-11-20", "2026-11-22", "2026-11-27"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """吉祥社区 built the day before the 低保 list, on its days, and the day after."""
    built = {}
    for day in DAYS:
        out = tmp_path_factory.mktemp(day) / "site"
        result = build(TREE, out, today=dt.date.fromisoformat(day), pdf=False)
        assert not result.report.errors
        built[day] = out / SLUG
    return built


def _pages(site: Path) -> dict[Path, str]:
    kinds = (".html", ".xml", ".json")
    return {p: p.read_text("utf-8") for p in site.rglob("*") if p.suffix in kinds}


def _overview_titles(site: Path) -> list[str]:
    return [a.get_text() for a in article(site / "lists" / "index.html").select("a.pp-lists__link")]


def test_the_fixture_has_both_kinds_of_list() -> None:
    assert {item.meta.title for item in LISTS} == {FIXED, LONG}
    fixed = next(i for i in LISTS if i.meta.title == FIXED)
    assert fixed.meta.ends == dt.date(2026, 11, 27)
    assert next(i for i in LISTS if i.meta.title == LONG).meta.ends is None


@pytest.mark.parametrize("day", DAYS)
def test_a_fixed_list_is_on_the_site_during_its_period_only(
    sites: dict[str, Path], day: str
) -> None:
    site = sites[day]
    shown = day in ON
    assert (FIXED in _overview_titles(site)) is shown
    assert LONG in _overview_titles(site), "a long-term list stays"
    assert (site / "lists" / "2026-11-20-1" / "index.html").is_file() is shown
    everything = _pages(site)
    for path, text in everything.items():
        if path.name == "search_index.json":
            assert FIXED not in text  # list pages are never indexed
        elif not shown:
            assert FIXED not in text and "2026-11-20-1" not in text, path
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "/lists/" in sitemap and "/lists/2026-" not in sitemap  # noindex pages left out


def test_two_taps_from_home_and_the_period_in_words(sites: dict[str, Path]) -> None:
    site = sites["2026-11-22"]
    home = article(site / "index.html")
    assert home.find("a", href="lists/"), "the home page's 公示名单 button"
    overview = article(site / "lists" / "index.html")
    item = overview.find("a", string=FIXED).find_parent("li").get_text(" ")
    assert "公示期：2026年11月20日至11月27日" in item and "还剩 5 天" in item
    assert "共 3 户、6 人，金额合计 2,730.00 元" in item
    long_item = overview.find("a", string=LONG).find_parent("li").get_text(" ")
    assert "长期公示" in long_item
    for name in NAMES:
        assert name not in overview.get_text(), "the overview names no one"
    last = article(sites["2026-11-27"] / "lists" / "2026-11-20-1" / "index.html").get_text()
    assert "今天是公示期最后一天" in last


def test_a_list_page_shows_the_table_totals_and_supervision(sites: dict[str, Path]) -> None:
    page_path = sites["2026-11-22"] / "lists" / "2026-11-20-1" / "index.html"
    page = article(page_path)
    heads = [th.get_text() for th in page.select("table.pp-list-table thead th")]
    assert heads == ["序号", "姓名", "家庭人口", "金额（元）", "类别"]
    rows = [[td.get_text() for td in tr.select("td")] for tr in page.select("tbody tr")]
    assert rows == [
        ["1", "张某某", "3", "1,260.00", "A类"],
        ["2", "李某", "1", "420.00", "B类"],
        ["3", "王五", "2", "1,050.00", "A类"],  # 王  五, 壹仟零伍拾元整 as staff wrote them
    ]
    assert page.select_one("tfoot").get_text(" ").split() == ["合计", "3", "户", "6", "2,730.00"]
    text = page.get_text()
    assert "公示期：2026年11月20日至11月27日" in text
    assert "监督电话：0737-0000109" in text
    whole = soup(page_path)
    assert whole.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert not page.select('a[href$=".csv"], a[href$=".xlsx"], a[download]'), "no download"
    long_page = article(sites["2026-11-22"] / "lists" / "2026-03-01-1" / "index.html")
    assert "长期公示" in long_page.get_text()
    assert [td.get_text() for td in long_page.select("tbody tr td:nth-child(2)")] == [
        "赵某某", "钱某", "阿依古丽·买买提"  # from 特困人员名单.csv; its 合计 row is no person
    ]  # fmt: skip


@pytest.mark.parametrize("day", DAYS)
def test_no_name_is_ever_in_the_search_index(sites: dict[str, Path], day: str) -> None:
    index = json.loads((sites[day] / "search" / "search_index.json").read_text("utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert NAMES and all(name not in text for name in NAMES)
    assert not any("/lists/2026-" in doc["location"] or doc["location"].startswith("lists/2026")
                   for doc in index["docs"])  # fmt: skip


def test_no_list_is_published_as_a_file(sites: dict[str, Path]) -> None:
    """Tables are published (funds, 三资), but none holds a name from a list; no YAML at all."""
    import csv

    import openpyxl

    for site in sites.values():
        assert not list(site.rglob("*.yml"))
        for path in site.rglob("*.csv"):
            rows = csv.reader(path.read_text("utf-8-sig").splitlines())
            assert not {c.strip() for row in rows for c in row} & set(NAMES), path
        for path in site.rglob("*.xlsx"):
            rows = openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True)
            assert not {str(c).strip() for row in rows for c in row} & set(NAMES), path


def test_the_section_is_gone_when_no_list_is_posted(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    (tree / "settlements" / SLUG / "lists" / "特困人员长期公示.yml").unlink()
    out = tmp_path / "site"
    build(tree, out, only=[SLUG], today=dt.date(2026, 11, 28), pdf=False)
    site = out / SLUG
    assert not (site / "lists").exists()
    for path, text in _pages(site).items():
        assert "公示名单" not in text and "lists/" not in text, path


def test_totals_are_exact_decimals() -> None:
    people = tuple(
        ListPerson(name=n, household=1, amount=a)
        for n, a in [("甲某", "0.10"), ("乙某", "0.20"), ("丙某", "1,234.57"), ("丁某", "壹分")]
    )
    meta = ListMeta(title="测试", kind="临时救助", published="2026-11-20", period="长期",
                    people=list(people))  # fmt: skip
    view = posted([PostedList(Path("x.yml"), meta, people)], TODAY)[0]
    assert isinstance(view.total, Decimal) and view.total == Decimal("1234.88")
    assert view.total_text == "1,234.88" and view.households == 4 and view.persons == 4
    assert sum(float(p.amount) for p in people) != 1234.88  # what floats would have shown
    assert isinstance(view, ListView)


# ---------------------------------------------------------------- refusals


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "data"
    shutil.copytree(TREE, tree)
    return tree


def _write(tree: Path, name: str, text: str) -> Path:
    path = tree / "settlements" / SLUG / "lists" / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = """title: 临时救助对象公示
kind: 临时救助
published: 2026-11-20
period: 7天
"""


def _problems(tree: Path) -> list[Problem]:
    project, report = load_project(tree)
    assert project is None, "the data must fail"
    return report.errors


def _one(problems: list[Problem], code: str, file: str) -> Problem:
    found = [p for p in problems if p.code == code and p.file.endswith(file)]
    assert found, f"no {code} in {file}: {[(p.code, p.file, p.message) for p in problems]}"
    return found[0]


def test_an_id_number_anywhere_fails(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    _write(tree, "a.yml", HEAD + "supervision: 举报人身份证 11010519491231002X\n"
           "people:\n  - {name: 张某, household: 1, amount: 500}\n")  # fmt: skip
    problem = _one(_problems(tree), "privacy.id_number", "lists/a.yml")
    assert problem.line == 5 and "11010519491231002X" not in problem.message


def test_an_id_field_is_refused_by_name(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    person = "{name: 张某, household: 1, amount: 500, 身份证号: 11010519491231002X}"
    _write(tree, "a.yml", HEAD + f"people:\n  - {person}\n")
    problems = _problems(tree)
    field = _one(problems, "list.field", "lists/a.yml")
    assert field.line == 6 and "身份证号" in field.message and "四项" in field.message
    _one(problems, "privacy.id_number", "lists/a.yml")


def test_a_phone_column_is_refused(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    _write(tree, "a.yml", HEAD + "people: a.csv\n")
    (tree / "settlements" / SLUG / "lists" / "a.csv").write_text(
        "序号,姓名,家庭人口,联系电话,金额\n1,张某,2,0737-1234567,800\n", encoding="utf-8"
    )
    problem = _one(_problems(tree), "list.field", "lists/a.csv")
    assert (problem.line, problem.column) == (1, 4)
    assert "联系电话" in problem.message and "电话" in problem.message
    assert "姓名、家庭人口、金额、类别" in problem.message
    assert "姓名、家庭人口、金额、类别" in problem.hint_text


def test_an_address_column_is_refused(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    _write(tree, "a.yml", HEAD + "people:\n  - 姓名: 张某\n    家庭人口: 2\n"
           "    金额: 800\n    家庭住址: 吉祥社区3栋2单元401\n")  # fmt: skip
    problem = _one(_problems(tree), "list.field", "lists/a.yml")
    assert problem.line == 9 and "家庭住址" in problem.message and "住址" in problem.message


def test_a_bank_card_and_a_mobile_in_a_table_fail(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    _write(tree, "a.yml", HEAD + "people: a.xlsx\n")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "家庭人口", "金额", "银行卡号"])
    sheet.append(["张某", 2, 800, "6222021234567890128"])
    sheet.append(["李某", 1, 400, None])
    book.save(tree / "settlements" / SLUG / "lists" / "a.xlsx")
    problems = _problems(tree)
    assert _one(problems, "list.field", "lists/a.xlsx").column == 4
    card = _one(problems, "privacy.bank_card", "lists/a.xlsx")
    assert (card.line, card.column) == (2, 4)


def test_a_mobile_in_the_supervision_text_fails_a_landline_passes(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    body = "people:\n  - {name: 张某, household: 1, amount: 500}\n"
    supervision = "supervision: 监督电话 0851-12345678、12345，或找王书记 13812345678\n"
    _write(tree, "a.yml", HEAD + supervision + body)
    problems = _problems(tree)
    assert [p.code for p in problems if p.file.endswith("a.yml")] == ["privacy.mobile"]


@pytest.mark.parametrize(
    "name", ["张三 3栋2单元401", "张三3栋", "李四（幸福小区）", "王五13812345678", "赵六 吉祥社区"]
)
def test_a_name_with_an_address_or_digits_is_refused(tmp_path: Path, name: str) -> None:
    tree = _copy(tmp_path)
    _write(tree, "a.yml", HEAD + f"people:\n  - {{name: {name}, household: 1, amount: 500}}\n")
    problem = _one(_problems(tree), "list.name", "lists/a.yml")
    assert problem.line == 6 and not re.search(r"\d{7}", problem.message)


@pytest.mark.parametrize(
    ("period", "why"),
    [
        ("period: 一周", "看不出是几天"),
        ("period: 7个工作日", "工作日"),
        ("period: 7-10天", "看不出是几天"),
        ("", "没有写公示期"),
        ("until: 2026-11-10", "早于公示日期"),
        ("period: 7天\nuntil: 2026-11-30", "不一样"),
        ("period: 长期\nuntil: 2026-11-30", "不一样"),
    ],
)
def test_an_unclear_period_is_refused_not_guessed(tmp_path: Path, period: str, why: str) -> None:
    tree = _copy(tmp_path)
    head = HEAD.replace("period: 7天\n", period + "\n" if period else "")
    _write(tree, "a.yml", head + "people:\n  - {name: 张某, household: 1, amount: 500}\n")
    problem = _one(_problems(tree), "list.period", "lists/a.yml")
    assert why in problem.message and "until: 2026-11-27" in problem.hint_text


def test_consistent_period_and_until_pass(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    head = HEAD.replace("period: 7天\n", "period: 7天\nuntil: 2026-11-27\n")
    _write(tree, "a.yml", head + "people:\n  - {name: 张某, household: 1, amount: 500}\n")
    project, report = load_project(tree)
    assert project is not None, report.errors


def test_an_xlsx_people_file_is_read(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    _write(tree, "a.yml", HEAD + "people: 名单.xlsx\n")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["吉祥社区2026年11月临时救助对象公示名单"])  # a title row above the header
    sheet.append(["序号", "姓名", "家庭人口（人）", "救助金额（元）", "救助类别"])
    sheet.append([1, "孙某某", 4, 2000, "急难型"])
    sheet.append([2, "吴某", 1.0, 333.33, "支出型"])
    sheet.append([None, "合计", 5, 2333.33, None])
    book.save(tree / "settlements" / SLUG / "lists" / "名单.xlsx")
    project, report = load_project(tree)
    assert project is not None, report.errors
    item = next(i for i in project.settlement(SLUG).lists if i.meta.title == "临时救助对象公示")
    assert [(p.name, p.household, p.amount, p.category) for p in item.people] == [
        ("孙某某", 4, Decimal("2000.00"), "急难型"),
        ("吴某", 1, Decimal("333.33"), "支出型"),
    ]


def test_all_mistakes_at_once_and_no_traceback(tmp_path: Path) -> None:
    tree = _copy(tmp_path)
    person = "{name: 张三 3栋, household: 很多, amount: 五百块, 电话: 0737-1234567}"
    _write(tree, "a.yml", HEAD.replace("7天", "一周") + f"people:\n  - {person}\n")
    _write(tree, "b.yml", HEAD + "people: 没有这个文件.csv\n")
    result = CliRunner().invoke(main, ["validate", "--data", str(tree)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    found = re.findall(r"lists/(\w+\.yml):[\d:]+ 错误 \[([\w.]+)\]", result.output)
    codes = {(code, file) for file, code in found}
    assert {("list.period", "a.yml"), ("list.name", "a.yml"), ("list.household", "a.yml"),
            ("amount.invalid", "a.yml"), ("list.field", "a.yml"),
            ("ref.missing_file", "b.yml")} <= codes  # fmt: skip


def test_the_sample_has_a_long_term_list_that_builds_on_any_day(sample_site: Path) -> None:
    project, _ = load_project(SAMPLE)
    lists = [(s.slug, item) for s in project.settlements for item in s.lists]
    assert lists and all(item.meta.ends is None for _, item in lists)
    slug, item = lists[0]
    overview = article(sample_site / slug / "lists" / "index.html")
    assert overview.find("a", string=item.meta.title)
