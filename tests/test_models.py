"""Tests for the data models: the sample data validates, and each mistake is reported well."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.contract.councils import COUNCIL_KINDS, Council, Councils
from generator.contract.fund_periods import QuarterHeader
from generator.contract.funds import Account
from generator.contract.grids import Grid, Grids
from generator.contract.handbook import Handbook
from generator.contract.notices import NoticeMeta
from generator.contract.schedules import HoursException
from generator.contract.validate import validate
from generator.contract.windows import Windows
from generator.errors import Problem, Report
from generator.read.yamlfile import load_front_matter, load_yaml

SETTLEMENTS = Path(__file__).resolve().parent.parent / "data" / "settlements"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
MODELS: dict[str, type[BaseModel]] = {
    "handbook.yml": Handbook,
    "windows.yml": Windows,
    "grids.yml": Grids,
    "councils.yml": Councils,
    "funds/account.yml": Account,
}
ALL_MODELS = [Handbook, Windows, Grids, Councils, Account, QuarterHeader, NoticeMeta]


def sample_files() -> list[tuple[Path, type[BaseModel]]]:
    """Every YAML file of every sample settlement with the model it follows."""
    found = []
    for folder in sorted(p for p in SETTLEMENTS.iterdir() if p.is_dir()):
        for name, model in MODELS.items():
            if (folder / name).is_file():
                found.append((folder / name, model))
        for path in sorted((folder / "funds").glob("*.yml")):
            if path.name != "account.yml":
                found.append((path, QuarterHeader))
    return found


def _id(path: Path) -> str:
    return path.relative_to(SETTLEMENTS).as_posix()


@pytest.mark.parametrize(
    ("path", "model"), [pytest.param(path, model, id=_id(path)) for path, model in sample_files()]
)
def test_sample_file_validates(path: Path, model: type[BaseModel]) -> None:
    report = Report()
    located = load_yaml(path, report)
    assert located is not None, report.problems
    assert validate(model, located, report) is not None
    assert report.problems == []


def test_every_model_has_sample_data() -> None:
    # only settlement.yml is required, so each model needs a sample somewhere, not everywhere
    models = {model for _, model in sample_files()}
    assert models == {*MODELS.values(), QuarterHeader}


NOTICES = sorted(SETTLEMENTS.glob("*/notices/*.md"))


@pytest.mark.parametrize("path", NOTICES, ids=_id)
def test_sample_notice_front_matter_validates(path: Path) -> None:
    report = Report()
    front = load_front_matter(path, report)
    assert front is not None, report.problems
    meta = validate(NoticeMeta, front.meta, report)
    assert meta is not None and report.problems == []
    assert path.name.startswith(meta.date.isoformat())


def test_sample_values_are_parsed() -> None:
    report = Report()
    located = load_yaml(SETTLEMENTS / "xintiandi" / "windows.yml", report)
    assert located is not None
    windows = validate(Windows, located, report)
    assert windows is not None
    closed = [e for e in windows.hours.exceptions if e.closed]
    assert closed[0].span == (dt.date(2026, 10, 1), dt.date(2026, 10, 8))
    assert closed[0].covers(dt.date(2026, 10, 3)) and not closed[0].covers(dt.date(2026, 10, 9))
    legal = next(w for w in windows.windows if w.id == "legal")
    assert windows.hours_of(legal) is legal.hours and legal.number == 8
    general = next(w for w in windows.windows if w.id == "general")
    assert windows.hours_of(general) is windows.hours


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_chinese_title(model: type[BaseModel]) -> None:
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            assert info.title and CHINESE.search(info.title), f"{cls.__name__}.{name}"
        for sub in _nested_models(cls):
            visit(sub)

    visit(model)
    assert model.model_json_schema()  # the editors' schema can be generated


def _nested_models(cls: type[BaseModel]) -> list[type[BaseModel]]:
    found = []
    for info in cls.model_fields.values():
        stack: list[Any] = [info.annotation]
        while stack:
            current = stack.pop()
            if isinstance(current, type) and issubclass(current, BaseModel):
                found.append(current)
            stack.extend(getattr(current, "__args__", ()))
    return found


# ---------------------------------------------------------------- one mistake each

# Each case: file name, model, YAML with the offending line marked `# <-`, expected code,
# and a piece of text the message or hint must contain.
CASES: dict[str, tuple[str, type[BaseModel], str, str, str]] = {
    "service without name": (
        "handbook.yml",
        Handbook,
        """
        title: 便民服务手册
        categories:
          - id: education
            name: 义务教育
            services:
              - id: school-transfer   # <-
                summary: 就近入学
        """,
        "schema.missing",
        "事项名称",
    ),
    "handbook without title": (
        "handbook.yml",
        Handbook,
        """
        edition: 2025年10月版   # <-
        categories: []
        """,
        "schema.missing",
        "手册名称",
    ),
    "misspelt window key": (
        "windows.yml",
        Windows,
        """
        hall: 便民服务大厅
        hours:
          weekly: [{days: 周一至周五, times: "08:30-12:00"}]
        windows:
          - id: employment
            nmae: 就业社保窗口   # <-
        """,
        "schema.unknown",
        "是不是想写「name」",
    ),
    "misspelt service key": (
        "handbook.yml",
        Handbook,
        """
        title: 便民服务手册
        categories:
          - id: education
            name: 义务教育
            services:
              - id: school-transfer
                name: 搬迁子女转学入学
                keyword: [上学, 转学]   # <-
        """,
        "schema.unknown",
        "是不是想写「keywords」",
    ),
    "exception with date and dates": (
        "windows.yml",
        Windows,
        """
        hall: 便民服务大厅
        hours:
          weekly:
            - {days: 周一至周五, times: "08:30-12:00"}
          exceptions:
            - {date: 2025-09-28, times: "08:30-12:00"}
            - {date: 2025-10-01, dates: 2025-10-01..2025-10-08, closed: true}   # <-
        """,
        "schema.invalid",
        "其中一个",
    ),
    "exception without any date": (
        "windows.yml",
        Windows,
        """
        hall: 便民服务大厅
        hours:
          weekly:
            - {days: 周一至周五, times: "08:30-12:00"}
          exceptions:
            - closed: true   # <-
              note: 国庆节放假
        """,
        "schema.invalid",
        "缺少日期",
    ),
    "open exception without times": (
        "windows.yml",
        Windows,
        """
        hall: 便民服务大厅
        hours:
          weekly:
            - {days: 周一至周五, times: "08:30-12:00"}
          exceptions:
            - {date: 2025-09-28, note: 调休上班}   # <-
        """,
        "schema.invalid",
        "times",
    ),
    "closed exception with times": (
        "windows.yml",
        Windows,
        """
        hall: 便民服务大厅
        hours:
          weekly:
            - {days: 周一至周五, times: "08:30-12:00"}
        windows:
          - id: legal
            name: 法律援助窗口
            hours:
              weekly: [{days: 周六, times: "09:00-12:00"}]
              exceptions:
                - {dates: 2025-10-01..2025-10-08, closed: true, times: "09:00-12:00"}   # <-
        """,
        "schema.invalid",
        "closed",
    ),
    "window id with a space": (
        "windows.yml",
        Windows,
        """
        hall: 便民服务大厅
        hours:
          weekly: [{days: 每天, times: "08:30-12:00"}]
        windows:
          - id: edu cation   # <-
            name: 教育服务窗口
        """,
        "schema.invalid",
        "edu cation",
    ),
    "window number not a number": (
        "windows.yml",
        Windows,
        """
        hall: 便民服务大厅
        hours:
          weekly: [{days: 每天, times: "08:30-12:00"}]
        windows:
          - id: education
            number: 五号   # <-
            name: 教育服务窗口
        """,
        "schema.integer",
        "五号",
    ),
    "other council without name": (
        "councils.yml",
        Councils,
        """
        charter: {title: 居民公约, adopted: 2020-05-12}
        councils:
          - kind: deliberation
          - kind: other   # <-
            purpose: 组织广场舞活动
        """,
        "schema.invalid",
        "name",
    ),
    "unknown council kind": (
        "councils.yml",
        Councils,
        """
        charter: {title: 居民公约, adopted: 2020-05-12}
        councils:
          - kind: deliberation
          - kind: dance_team   # <-
        """,
        "schema.choice",
        "dance_team",
    ),
    "member since not a month": (
        "councils.yml",
        Councils,
        """
        charter: {title: 居民公约, adopted: 2020-05-12}
        councils:
          - kind: mediation
            members:
              - {name: 龙某某, since: 去年}   # <-
        """,
        "month.invalid",
        "去年",
    ),
    "charter text outside the folder": (
        "councils.yml",
        Councils,
        """
        charter:
          title: 居民公约
          adopted: 2020-05-12
          text: ../../portal.yml   # <-
        """,
        "schema.invalid",
        "只写文件名",
    ),
    "grid without name": (
        "grids.yml",
        Grids,
        """
        grids:
          - id: g01
            name: 第一网格
            buildings: ["1"]
          - id: g02   # <-
            buildings: ["2"]
        """,
        "schema.missing",
        "网格名称",
    ),
    "account without signers": (
        "account.yml",
        Account,
        """
        name: 社区工作经费   # <-
        sources: [{id: budget, name: 县财政预算拨付}]
        categories: [办公经费]
        """,
        "schema.missing",
        "双签字",
    ),
    "negative balance": (
        "2025-Q1.yml",
        QuarterHeader,
        """
        quarter: 2025-Q1
        published: 2025-04-08
        opening_balance: -100   # <-
        closing_balance: 0
        ledger: 2025-Q1.csv
        """,
        "amount.negative",
        "-100",
    ),
    "ledger not csv or xlsx": (
        "2025-Q1.yml",
        QuarterHeader,
        """
        quarter: 2025-Q1
        published: 2025-04-08
        opening_balance: 0
        closing_balance: 0
        ledger: 2025-Q1.doc   # <-
        """,
        "schema.invalid",
        "台账文件",
    ),
    "notice expires before its date": (
        "notice.yml",
        NoticeMeta,
        """
        title: 停水通知
        date: 2025-10-08
        expires: 2025-10-01   # <-
        """,
        "schema.invalid",
        "早于发布日期",
    ),
}


def check(tmp_path: Path, name: str, model: type[BaseModel], text: str) -> tuple[Any, Report]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    report = Report()
    located = load_yaml(path, report)
    assert located is not None, report.problems
    return validate(model, located, report), report


def marked_line(text: str) -> int:
    lines = textwrap.dedent(text).lstrip("\n").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.rstrip().endswith("# <-"))


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_mistake_is_reported_on_its_line(tmp_path: Path, case: str) -> None:
    name, model, text, code, shown = CASES[case]
    result, report = check(tmp_path, name, model, text)
    assert result is None
    matching = [p for p in report.problems if p.code == code]
    assert len(matching) == 1, report.problems
    problem: Problem = matching[0]
    assert problem.line == marked_line(text), problem
    assert problem.file.endswith(name)
    assert CHINESE.search(problem.message), problem.message
    assert shown in problem.message + problem.hint, problem


# ---------------------------------------------------------------- what is accepted


def test_service_for_key_is_eligibility(tmp_path: Path) -> None:
    text = """
    title: 便民服务手册
    categories:
      - id: education
        name: 义务教育
        services:
          - id: school-transfer
            name: 搬迁子女转学入学
            for: 6至15周岁儿童
            window: education
            time_limit: 5
          - id: preschool
            name: 学前儿童入园登记
            eligibility: 3至6周岁儿童
    """
    handbook, report = check(tmp_path, "handbook.yml", Handbook, text)
    assert report.problems == []
    first, second = handbook.all_services
    assert first.eligibility == "6至15周岁儿童" and first.time_limit == "5"
    assert second.eligibility == "3至6周岁儿童"
    assert first.documents == [] and first.keywords == [] and second.window is None
    schema = Handbook.model_json_schema()["$defs"]["Service"]["properties"]
    assert "for" in schema and "eligibility" not in schema


def test_yaml_scalars_become_numbers_and_booleans(tmp_path: Path) -> None:
    text = """
    hall: 便民服务大厅
    hours:
      weekly: [{days: 工作日, times: ["08:30-12:00", "14:30-18:00"]}]
      exceptions:
        - {dates: 2025-10-01至2025-10-08, closed: yes}
        - {date: 2025年9月28日, times: "08:30-12:00", closed: false}
    windows:
      - {id: employment, number: 1, name: 就业社保窗口, phone: 0359-0000006, hours: null}
    """
    windows, report = check(tmp_path, "windows.yml", Windows, text)
    assert report.problems == []
    holiday, workday = windows.hours.exceptions
    assert holiday.closed is True and holiday.times is None
    assert workday.span == (dt.date(2025, 9, 28), dt.date(2025, 9, 28))
    assert windows.windows[0].number == 1 and windows.windows[0].hours is None


def test_exception_span_in_python() -> None:
    one = HoursException.model_validate({"date": "2025-09-28", "times": "08:30-12:00"})
    many = HoursException.model_validate({"dates": "2025-10-01..2025-10-03", "closed": True})
    assert one.span == (dt.date(2025, 9, 28),) * 2
    assert many.span == (dt.date(2025, 10, 1), dt.date(2025, 10, 3))


def test_grid_buildings_accept_numbers() -> None:
    grid = Grid.model_validate({"id": "g01", "name": "第一网格", "buildings": [1, "2", 3]})
    assert grid.buildings == ["1", "2", "3"]


def test_council_display_name() -> None:
    assert list(COUNCIL_KINDS) == [
        "deliberation",
        "moral_review",
        "elders",
        "weddings_funerals",
        "anti_drug_gambling",
        "mediation",
        "volunteers",
    ]
    assert Council(kind="elders").display_name == "乡贤理事会"
    assert Council(kind="deliberation", name="村民议事会").display_name == "村民议事会"
    assert Council(kind="other", name="广场舞队").display_name == "广场舞队"


def test_quarter_header_values(tmp_path: Path) -> None:
    text = """
    quarter: 2025年第一季度
    published: 2025/4/8
    opening_balance: "¥23,150.00"
    closing_balance: 1.2万
    ledger: 2025-Q1.xlsx
    review: {date: 2025-04-06, opinion: 经审核，收支真实，无异议。}
    seal: null
    corrections: []
    """
    header, report = check(tmp_path, "2025-Q1.yml", QuarterHeader, text)
    assert report.problems == []
    assert header.period.key == "2025-Q1" and str(header.closing_balance) == "12000.00"
    assert header.review is not None and header.review.by == "居务监督委员会"
