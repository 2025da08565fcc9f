"""三资公开: the sample's pages and figures, the downloads, contract status at chosen dates,
every refusal with its file and line, the privacy scan, the hub count, the real-world files.

The sample (data/settlements/longquan/sanzi/) is built once at the suite's fixed date; the
date-dependent tests build a minimal tree with the same files at dates of their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, SAMPLE, TODAY, article, soup

from generator.checks.project import load_project
from generator.cli.main import main
from generator.contract.schema import schema_for
from generator.errors import Report
from generator.pages.sections.sanzi import SECTION
from generator.read.values import Area, ValueProblem, parse_area
from generator.sites.site import build

SAMPLE_SANZI = SAMPLE / "settlements" / "longquan" / "sanzi"
REALWORLD = FIXTURES / "realworld"
KINDS = ("assets", "contracts", "resources")


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


def cards(page) -> dict[str, str]:
    """Each card's heading → its whole text."""
    return {
        li.select_one(".pp-sanzi-item__name").get_text(strip=True): words(li)
        for li in page.select(".pp-sanzi-item")
    }


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The minimal data tree with the sample's 三资 files: small enough to build per test."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copytree(SAMPLE_SANZI, data / "settlements" / "xiaocun" / "sanzi")
    return data


def sanzi_file(data: Path, name: str) -> Path:
    return data / "settlements" / "xiaocun" / "sanzi" / name


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lines_of(path: Path, needle: str) -> list[int]:
    return [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line]


def line_of(path: Path, needle: str) -> int:
    return lines_of(path, needle)[0]


def errors(data: Path, today: dt.date = TODAY) -> list[tuple[str, str, int]]:
    """(code, file name, line) of every error."""
    project, report = load_project(data, today=today)
    assert project is None or not report.errors
    return [(p.code, Path(p.file).name, p.line) for p in report.errors]


# ---------------------------------------------------------------- the sample's pages


def test_section_is_on_the_home_page_and_its_pages_are_one_tap_further(sample_site: Path) -> None:
    assert (SECTION.slug, SECTION.title) == ("sanzi", "三资公开")
    home = soup(sample_site / "longquan" / "index.html")
    assert "sanzi/" in [a["href"] for a in home.select("a.pp-button")]
    overview = article(sample_site / "longquan" / "sanzi" / "index.html")
    links = {a["href"] for a in overview.select("a")}
    assert {"./assets/", "./contracts/", "./resources/"} <= links
    for kind in KINDS:
        assert (sample_site / "longquan" / "sanzi" / kind / "index.html").is_file()


def test_every_link_of_the_section_leads_to_a_file(sample_site: Path) -> None:
    """A page named assets must not be taken for the theme's shared assets/ folder."""
    folder = sample_site / "longquan" / "sanzi"
    for page in [folder / "index.html", *(folder / kind / "index.html" for kind in KINDS)]:
        for a in article(page).select("a[href]"):
            href = a["href"].split("#")[0]
            if not href or href.startswith(("http", "tel:")):
                continue
            target = (page.parent / href).resolve()
            target = target / "index.html" if href.endswith("/") else target
            assert target.is_file(), (page, href)
    for slug in ("xintiandi", "anjiayuan"):  # no sanzi/ folder: no section, no button
        assert not (sample_site / slug / "sanzi").exists()
        assert "sanzi/" not in [
            a["href"] for a in soup(sample_site / slug / "index.html").select("a.pp-button")
        ]


def test_overview_shows_each_kind_with_its_date_count_and_exact_totals(sample_site: Path) -> None:
    page = article(sample_site / "longquan" / "sanzi" / "index.html")
    kinds = {li["id"]: words(li) for li in page.select(".pp-sanzi-kind")}
    assert list(kinds) == list(KINDS)
    # 860000 + 48万 + 壹佰贰拾万元整 + "12,800" + 23600
    assert "共 5 项" in kinds["assets"]
    assert "资产原值合计 2,576,400.00 元" in kinds["assets"]
    assert "大写：贰佰伍拾柒万陆仟肆佰元整" in kinds["assets"]
    # 108000 + 28800 + 肆仟贰佰玖拾伍元整
    assert "共 3 份" in kinds["contracts"]
    assert "合同金额合计 141,095.00 元" in kinds["contracts"]
    assert "其中已到期： 1 份" in kinds["contracts"]
    # 1,200平方米 + 180㎡; 32.5亩 + 120亩: each unit on its own
    assert "共 4 处" in kinds["resources"]
    assert "面积合计： 1,380平方米、152.5亩" in kinds["resources"]
    for text in kinds.values():
        assert "截至 2026年9月30日" in text and "公开日期： 2026年10月12日" in text


def test_items_are_cards_not_a_wide_table(sample_site: Path) -> None:
    for kind in KINDS:
        page = article(sample_site / "longquan" / "sanzi" / kind / "index.html")
        assert page.select("table") == [], kind
        assert page.select(".pp-sanzi-item h3.pp-sanzi-item__name"), kind
        assert all(li.select_one("dl.pp-fields") for li in page.select(".pp-sanzi-item")), kind
    assets = cards(article(sample_site / "longquan" / "sanzi" / "assets" / "index.html"))
    assert "原值 1,200,000.00 元" in assets["扶贫车间厂房"]  # 壹佰贰拾万元整
    assert "购建时间 2021年5月" in assets["光伏电站（60千瓦）"]
    assert "购建时间 2020年" in assets["龙泉新村便民服务站"]
    assert "购建时间 2020年6月15日" in assets["健身器材（一套）"]
    resources = cards(article(sample_site / "longquan" / "sanzi" / "resources" / "index.html"))
    assert "租金 36,000.00 元（每年）" in resources["扶贫车间厂房"]
    assert "面积 180平方米" in resources["临街门面（3间）"]


def test_contract_status_at_the_suite_date(sample_site: Path) -> None:
    page = article(sample_site / "longquan" / "sanzi" / "contracts" / "index.html")
    shown = {name: text for name, text in cards(page).items()}
    assert "已到期" in shown["临街门面租赁（3间）"]  # ended 2025-06-30
    assert "履行中" in shown["扶贫车间厂房租赁"]  # to 2026-12-31
    assert "合同期限 2025年3月1日至2028年2月29日" in shown["光伏电站运维服务"]
    review = words(page.select_one(".pp-review"))
    assert "村务监督委员会审核意见" in review and "2026年10月10日" in review


@pytest.mark.parametrize("kind", KINDS)
def test_downloads_csv_with_bom_and_xlsx_with_the_same_rows(sample_site: Path, kind: str) -> None:
    folder = sample_site / "longquan" / "sanzi"
    raw = (folder / f"{kind}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(folder / f"{kind}.xlsx").active
    cells = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert cells[0] == rows[0]
    assert len(cells) == len(rows) == {"assets": 6, "contracts": 4, "resources": 5}[kind]
    for line, sheet_row in zip(rows[1:], cells[1:], strict=True):
        assert len(line) == len(sheet_row)
        for text, cell in zip(line, sheet_row, strict=True):
            if isinstance(cell, int | float):  # 序号, and amounts and areas as numbers
                assert Decimal(text) == Decimal(str(cell)), (text, cell)
            else:
                assert text == cell
    # each page links both, with the format and size in Chinese
    page = article(folder / kind / "index.html")
    labels = [words(a) for a in page.select(".pp-downloads a")]
    hrefs = [a["href"] for a in page.select(".pp-downloads a")]
    assert hrefs == [f"../{kind}.csv", f"../{kind}.xlsx"]
    assert re.search(r"（CSV 表格，\d+ KB）", labels[0]) and "Excel 表格 .xlsx" in labels[1]


def test_download_figures_are_exact(sample_site: Path) -> None:
    raw = (sample_site / "longquan" / "sanzi" / "assets.csv").read_bytes().decode("utf-8-sig")
    values = [Decimal(row["原值（元）"]) for row in csv.DictReader(io.StringIO(raw))]
    assert sum(values) == Decimal("2576400.00")
    contracts = (sample_site / "longquan" / "sanzi" / "contracts.csv").read_text("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(contracts)) if r["合同编号"] == "LQ-2023-02")
    assert (row["开始日期"], row["结束日期"], row["合同状态"]) == (
        "2023-07-01",
        "2025-06-30",
        "已到期",
    )


def test_hub_counts_each_settlement_s_sanzi(sample_site: Path) -> None:
    hub = soup(sample_site / "index.html")
    line = hub.select_one("#hub-longquan .pp-settlement__sanzi")
    assert "资产 5 项、合同 3 份、资源 4 处" in words(line)
    assert line.select_one("a")["href"] == "longquan/sanzi/"
    assert hub.select_one("#hub-xintiandi .pp-settlement__sanzi") is None


# ---------------------------------------------------------------- dates chosen by the test


@pytest.mark.parametrize(
    ("today", "expired"),
    [
        (dt.date(2025, 6, 30), set()),  # the last day of LQ-2023-02 is still in force
        (dt.date(2025, 7, 1), {"临街门面租赁（3间）"}),
        (dt.date(2027, 1, 1), {"临街门面租赁（3间）", "扶贫车间厂房租赁"}),
        (dt.date(2028, 3, 1), {"临街门面租赁（3间）", "扶贫车间厂房租赁", "光伏电站运维服务"}),
    ],
)
def test_expired_at_chosen_dates(tree: Path, tmp_path: Path, today: dt.date, expired: set) -> None:
    out = tmp_path / "site"
    result = build(tree, out, today=today, pdf=False)
    assert result.report.errors == []
    page = article(out / "xiaocun" / "sanzi" / "contracts" / "index.html")
    shown = {name for name, text in cards(page).items() if "已到期" in text}
    assert shown == expired
    overview = words(article(out / "xiaocun" / "sanzi" / "index.html"))
    assert f"其中已到期： {len(expired)} 份" in overview


def test_a_contract_not_yet_begun(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(tree, out, today=dt.date(2025, 2, 1), pdf=False)
    page = article(out / "xiaocun" / "sanzi" / "contracts" / "index.html")
    assert "未开始" in cards(page)["光伏电站运维服务"]


# ---------------------------------------------------------------- refusals


def test_every_mistake_at_once_with_file_and_line(tree: Path) -> None:
    contracts = sanzi_file(tree, "contracts.yml")
    edit(contracts, "number: LQ-2023-02", "number: LQ-2024-01")
    edit(contracts, "end: 2025-06-30", "end: 2023-06-30")
    edit(contracts, "amount: 108000", "amount: -108000")
    edit(contracts, "    payment: 每年3月支付", "    payment: 每年3月支付\n    partner: 某某")
    assets = sanzi_file(tree, "assets.yml")
    edit(assets, "published: 2026-10-12", "published: 2026年9月1日")
    resources = sanzi_file(tree, "resources.yml")
    edit(resources, "area: 32.5亩", "area: 32.5")
    edit(resources, "contract: LQ-2024-01", "contract: LQ-2099-09")
    found = errors(tree)
    assert sorted(found) == sorted([
        ("sanzi.duplicate_number", "contracts.yml", lines_of(contracts, "number: LQ-2024-01")[1]),
        ("date_range.order", "contracts.yml", line_of(contracts, "end: 2023-06-30")),
        ("amount.negative", "contracts.yml", line_of(contracts, "amount: -108000")),
        ("schema.unknown", "contracts.yml", line_of(contracts, "partner:")),
        ("sanzi.published_early", "assets.yml", line_of(assets, "published:")),
        ("area.unit", "resources.yml", line_of(resources, "area: 32.5")),
        ("sanzi.unknown_contract", "resources.yml", line_of(resources, "LQ-2099-09")),
    ])  # fmt: skip


def test_duplicate_number_names_the_first(tree: Path) -> None:
    contracts = sanzi_file(tree, "contracts.yml")
    edit(contracts, "number: LQ-2025-01", "number: LQ-2024-01")
    _, report = load_project(tree, today=TODAY)
    [problem] = report.errors
    assert problem.code == "sanzi.duplicate_number"
    assert f"第一次在第 {line_of(contracts, 'LQ-2024-01')} 行" in problem.message
    assert problem.line == lines_of(contracts, "number: LQ-2024-01")[1]


@pytest.mark.parametrize(
    ("file", "old", "new", "code"),
    [
        ("contracts.yml", "    term: 2024年1月1日至2026年12月31日",
         "    term: 2024年1月1日至2026年12月31日\n    end: 2026-12-31", "sanzi.term"),
        ("contracts.yml", "    term: 2024年1月1日至2026年12月31日\n", "", "sanzi.term"),
        ("contracts.yml", "term: 2024年1月1日至2026年12月31日",
         "term: 2026年12月31日至2024年1月1日",
         "date_range.order"),
        ("resources.yml", "    rent_period: 每年\n    term: 2024", "    term: 2024",
         "sanzi.rent_period"),
        ("resources.yml", "area: 120亩", "area: 一百二十亩", "area.invalid"),
        ("assets.yml", "acquired: 2020年\n", "acquired: 前几年\n", "month.invalid"),
        ("assets.yml", "value: 23600", "value: 二万多", "amount.invalid"),
        ("assets.yml", "    kind: 房屋\n    value: 860000\n", "    kind: 房屋\n", "schema.missing"),
        ("assets.yml", "  by: 村务监督委员会\n", "", "schema.missing"),
    ],
)  # fmt: skip
def test_each_refusal(tree: Path, file: str, old: str, new: str, code: str) -> None:
    edit(sanzi_file(tree, file), old, new)
    found = errors(tree)
    assert [(c, f) for c, f, _ in found] == [(code, file)]
    assert found[0][2] > 0


def test_refusals_in_chinese_without_a_traceback(tree: Path) -> None:
    edit(sanzi_file(tree, "contracts.yml"), "end: 2025-06-30", "end: 2023-06-30")
    result = CliRunner().invoke(main, ["validate", "--data", str(tree)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "contracts.yml:" in result.output and "[date_range.order]" in result.output
    assert "结束日期 2023-06-30 早于开始日期 2023-07-01" in result.output
    assert "怎么改：" in result.output


def test_a_misnamed_file_in_the_folder_is_named(tree: Path) -> None:
    shutil.copy(sanzi_file(tree, "assets.yml"), sanzi_file(tree, "资产.yml"))
    assert ("file.name", "资产.yml", 0) in errors(tree)


def test_a_symlinked_sanzi_folder_is_refused(tree: Path, tmp_path: Path) -> None:
    folder = tree / "settlements" / "xiaocun" / "sanzi"
    shutil.move(folder, tmp_path / "elsewhere")
    folder.symlink_to(tmp_path / "elsewhere")
    assert [c for c, _, _ in errors(tree)] == ["file.symlink"]


# ---------------------------------------------------------------- personal information


def _id_number(base: str = "14272719800101123") -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return base + "10X98765432"[sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 11]


@pytest.mark.parametrize(
    ("file", "old", "new", "code"),
    [
        ("contracts.yml", "party: 王某某", "party: 王某某（13912345678）", "privacy.mobile"),
        ("contracts.yml", "party: 王某某", f"party: 王某某 身份证{_id_number()}",
         "privacy.id_number"),
        ("resources.yml", "tenant: 龙泉村某某种植专业合作社", "tenant: 张某 139 1234 5678",
         "privacy.mobile"),
        ("assets.yml", "user: 龙泉村保洁队", "user: 保洁员李某 13812345678", "privacy.mobile"),
    ],
)  # fmt: skip
def test_personal_numbers_fail_the_build(
    tree: Path, tmp_path: Path, file: str, old: str, new: str, code: str
) -> None:
    path = sanzi_file(tree, file)
    edit(path, old, new)
    assert errors(tree) == [(code, file, line_of(path, new.split(": ", 1)[1]))]
    with pytest.raises(Exception) as caught:
        build(tree, tmp_path / "site", today=TODAY, pdf=False)
    assert type(caught.value).__name__ == "DataError"
    assert not (tmp_path / "site").exists()


# ---------------------------------------------------------------- values and files


@pytest.mark.parametrize(
    ("written", "value", "unit"),
    [("12.5亩", "12.5", "亩"), ("1,200平方米", "1200", "平方米"), ("180㎡", "180", "平方米"),
     ("300 m²", "300", "平方米"), ("90平米", "90", "平方米"), ("2公顷", "2", "公顷"),
     ("１２亩", "12", "亩")],
)  # fmt: skip
def test_areas_as_staff_write_them(written: str, value: str, unit: str) -> None:
    assert parse_area(written) == Area(Decimal(value), unit)


@pytest.mark.parametrize(
    ("written", "code"),
    [("300", "area.unit"), (300, "area.unit"), ("三百平方米", "area.invalid"),
     ("0亩", "area.invalid"), ("12英亩", "area.invalid")],
)  # fmt: skip
def test_areas_refused(written: object, code: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        parse_area(written)
    assert caught.value.code == code


JIXIANG_SANZI = REALWORLD / "settlements" / "jixiang" / "sanzi"
SANZI_FILES = sorted([*SAMPLE_SANZI.glob("*.yml"), *JIXIANG_SANZI.glob("*.yml")])


@pytest.mark.parametrize(
    "path", SANZI_FILES, ids=[f"{p.parent.parent.name}/{p.name}" for p in SANZI_FILES]
)
def test_files_point_at_their_schema_and_pass_it(path: Path) -> None:
    assert schema_for(path) == f"sanzi_{path.stem}"
    first = path.read_text("utf-8").splitlines()[0]
    found = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert found, path
    target = (path.parent / found.group(1)).resolve()
    assert target == (ROOT / "schema" / f"sanzi_{path.stem}.schema.json").resolve()
    data = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
    jsonschema.validate(data, json.loads(target.read_text("utf-8")))


# ---------------------------------------------------------------- written the way real staff write


@pytest.fixture(scope="module")
def realworld(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    out = tmp_path_factory.mktemp("sanzi-realworld") / "site"
    result = build(REALWORLD, out, today=TODAY, pdf=False)
    return out / "jixiang" / "sanzi", result.report


def test_realworld_values_read_exactly(realworld: tuple[Path, Report]) -> None:
    folder, report = realworld
    assert report.errors == []
    overview = words(article(folder / "index.html"))
    # ¥1,280,000.00 + 陆拾伍万元整 + "96万" + 肆仟贰佰玖拾伍元整（¥4295.00）
    assert "资产原值合计 2,894,295.00 元" in overview
    # 叁拾陆万元整 + "21,600" + ¥18,000.00
    assert "合同金额合计 399,600.00 元" in overview
    assert "面积合计： 2,485平方米、6.8亩" in overview
    assets = cards(article(folder / "assets" / "index.html"))
    assert "原值 1,280,000.00 元" in assets["社区服务中心综合楼"]
    assert "购建时间 2017年" in assets["社区服务中心综合楼"]
    assert "使用状况 报废" in assets["社区巡逻电动车"]
    page = article(folder / "contracts" / "index.html")
    contracts = cards(page)
    assert "已到期" in contracts["临街门面出租（1号门面）"]
    assert "合同编号 JX（2024）001号" in contracts["扶贫车间厂房出租"]
    assert "吉祥社区居务监督委员会审核意见" in words(page)  # as the data says it
    assert "资源 3 处" in words(
        soup(folder.parent.parent / "index.html").select_one("#hub-jixiang")
    )
