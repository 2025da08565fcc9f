"""A settlement written the way real staff write (tests/fixtures/realworld) validates,
builds and reads right.

The fixture's 吉祥社区 is modelled on published material: county 政务服务 办事指南
(法定/承诺时限, 即办件, 跑动次数, 收费依据, a place to apply that is not the hall),
a service hall's 作息时间和值班表 with 夏季/冬季 hours, a grid board with 楼长, 单元长,
微网格长 and a lawyer as 网格指导员, and a 红白理事会章程 with its 操办标准
(data-format.md, Version 2). Names and phone numbers are made up. It is built at a
fixed date with the printed handbook, and each form is looked for on the web page and
in the PDF's text; the hall's open-now status is asked at chosen instants.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, ROOT, TODAY, article, missing

from generator.checks.project import load_project
from generator.contract.schema import schema_for
from generator.errors import Report
from generator.pages.hours import SHANGHAI, facility_schedule, schedule_of
from generator.sites.site import build

TREE = FIXTURES / "realworld"
SLUG = "jixiang"
FOLDER = TREE / "settlements" / SLUG


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    out = tmp_path_factory.mktemp("realworld") / "site"
    result = build(TREE, out, today=TODAY)
    return out / SLUG, result.report


def page(built: tuple[Path, Report], section: str):
    return article(built[0] / section / "index.html")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def flat(node) -> str:
    """The text without any spaces: inline links and spans leave none to argue about."""
    return re.sub(r"\s+", "", node.get_text())


# ---------------------------------------------------------------- the files themselves


def _editor_view(path: Path) -> object:
    """The file as an editor's YAML reader sees it: dates and timestamps stay text."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))


@pytest.mark.parametrize("name", sorted(p.name for p in FOLDER.glob("*.yml")))
def test_every_file_passes_the_editor_schema(name: str) -> None:
    path = FOLDER / name
    found = re.fullmatch(
        r"# yaml-language-server: \$schema=(\S+)", path.read_text("utf-8").splitlines()[0]
    )
    assert found, path
    target = (path.parent / found.group(1)).resolve()
    assert target == (ROOT / "schema" / f"{schema_for(path)}.schema.json").resolve()
    jsonschema.validate(_editor_view(path), json.loads(target.read_text("utf-8")))


def test_it_validates_and_warns_only_of_next_year_s_holidays(built) -> None:
    report = built[1]
    assert report.errors == []
    # at TODAY (2026-11-22) the next 60 days reach 2027, which the calendar does not know;
    # the 24-hour and every-day schedules are not asked about
    assert {(p.code, Path(p.file).name) for p in report.warnings} == {
        ("hours.calendar", "windows.yml"),
        ("hours.calendar", "settlement.yml"),
    }


def test_in_the_middle_of_a_known_year_nothing_is_warned() -> None:
    project, report = load_project(TREE, today=dt.date(2026, 6, 1))
    assert project is not None and report.problems == []


# ---------------------------------------------------------------- the web pages


def test_the_hall_s_seasons_duty_and_roster(built) -> None:
    windows = page(built, "windows")
    hall = windows.find(id="hall").find_next_sibling("div")
    text = text_of(hall)
    assert "夏季（5月1日至9月30日）： 法定工作日 08:00-12:00、15:00-18:00 周六 08:30-11:30" in text
    assert "冬季（10月1日至次年4月30日）： 法定工作日 08:30-12:00、14:00-17:30" in text
    assert "放假的日子休息，调休上班的周末按周一的时间办公" in text
    duty = flat(hall.select_one(".pp-duty"))
    assert "节假日09:00-17:00值班电话0737-0000106、0737-0000107（有急事请拨打）" in duty
    assert "周日值班电话0737-0000106" in duty
    assert "2026年12月27日曾某某（值班干部）0737-0000103（办公室）" in duty
    assert "邓某某" not in duty, "a roster day already past is not listed"
    hrefs = {a["href"] for a in hall.select(".pp-duty a.pp-tel")}
    assert hrefs == {"tel:07370000106", "tel:07370000107", "tel:07370000103"}
    assert "2026年12月31日 08:30-12:00 办公（年终盘点，下午不对外办公）" in text
    assert "2027年的国家放假安排本网站还没有收录" in text


def test_an_overnight_window_keeps_no_calendar_note(built) -> None:
    windows = page(built, "windows")
    card = windows.find(id="window-night").find_next_sibling("div")
    text = text_of(card)
    assert "每天 18:00-次日08:00" in text
    assert "国家法定节假日" not in text, "an every-day schedule is not changed by holidays"


def test_promises_each_have_their_explanation(built) -> None:
    promises = page(built, "windows").select_one(".pp-commitments")
    assert len(promises.select("dt")) == len(promises.select("dd")) == 5
    assert "打电话后工作人员上门代办" in text_of(promises)
    assert "中午安排工作人员轮流值守" in text_of(promises)


def test_facilities_24_hours_overnight_and_afternoon_times(built) -> None:
    profile = page(built, "profile")
    cards = {
        text_of(h).split(" ")[0]: h.find_next_sibling("div")
        for h in profile.select("h3")
        if h.find_next_sibling("div") is not None
    }
    clinic = text_of(cards["社区卫生室"])
    assert "周一至周五 08:00-12:00、14:30-17:30" in clinic, "下午2:30-5:30 is 14:30-17:30"
    assert "节假日 09:00-11:30" in clinic
    police = text_of(cards["社区警务室"])
    assert "每天 24小时" in police and "其他时间" not in police
    assert "每天 18:00-次日08:00" in text_of(cards["夜间便民服务点（代收快递、应急借用）"])
    assert "法定工作日 08:00-12:00、13:30-17:30" in text_of(cards["扶贫车间"])
    square = text_of(cards["文体活动广场"])
    assert "夏季（5月1日至9月30日）： 每天 06:00-22:00" in square
    assert "冬季（10月1日至次年4月30日）： 每天 07:00-21:00" in square
    assert "2026年12月30日至2026年12月31日 休息（场地维修）" in square


def test_profile_values_as_staff_wrote_them(built) -> None:
    profile = page(built, "profile")
    text = text_of(profile)
    assert "入住时间 2017年" in text
    assert "12345转3、0737-0000109（镇纪委）" in flat(profile)
    hrefs = {a["href"] for a in profile.select("a.pp-tel")}
    assert {"tel:07370000101", "tel:07370000102", "tel:12345,3"} <= hrefs
    rows = [text_of(tr) for tr in profile.select(".pp-buildings-table tbody tr")]
    assert rows == [
        "吉祥小区1栋 2 48",
        "吉祥小区2栋 3 72",
        "A区3单元 — 户数未填",
        "4号楼 2 户数未填",
    ]


def test_each_building_leads_to_one_person(built) -> None:
    finder = page(built, "grids").select(".pp-finder-row")
    rows = {
        text_of(row.select_one(".pp-building__name")): [
            text_of(dd.select_one(".pp-finder-contact__who")) for dd in row.select("dd")
        ]
        for row in finder
    }
    assert rows == {
        "吉祥小区1栋": ["楼长 蒋某某"],
        "吉祥小区2栋": ["1单元、2单元： 单元长 罗某某", "3单元： 网格长 邓某某"],
        "A区3单元": ["兼职网格员 彭某某"],
        "4号楼": ["微网格长 夏某某"],
    }


def test_grid_cards_show_roles_and_unknown_households(built) -> None:
    grids = page(built, "grids")
    first = text_of(grids.find(id="grid-g01").find_next_sibling("div"))
    assert "住户：共 120 户；网格员 1 名" in first, "楼长, 单元长 and 指导员 are not 网格员"
    assert "网格指导员 贺某某 律师" in first
    second = text_of(grids.find(id="grid-g02").find_next_sibling("div"))
    assert "住户：户数未填" in second and "0 户" not in second


def test_services_as_county_guides_write_them(built) -> None:
    index = page(built, "handbook")
    services = [page(built, f"handbook/{a['href'].strip('/')}") for a in
                index.select(".pp-service-list a")]  # fmt: skip
    assert services, "each service on its own page"
    handbook = " ".join(text_of(service) for service in services)
    assert "当场办结（承诺 即时办结，法定 20个工作日）" in handbook
    assert "全程网办，不用跑" in handbook
    assert "承诺 10个工作日（法定 20个工作日）" in handbook
    assert "办理地点 户籍所在地（迁出地）乡镇农业综合服务中心" in handbook
    flat_text = "".join(flat(service) for service in services)
    assert "0737-0000111（咨询）、12345转3（投诉）" in flat_text
    assert "材料齐全：社区窗口受理并代为递交" in flat_text
    assert "材料不齐全：窗口一次性告知所缺材料" in flat_text


def test_the_council_s_term_standards_and_former_members(built) -> None:
    councils = page(built, "councils")
    text = text_of(councils)
    assert "任期：理事每届任期三年，可连任" in text
    assert "每桌（含烟酒） 城区每桌不超480元" in text
    assert "往届成员（1 人，已离任）： 甘某某 理事 （2017年—2020年）" in text
    assert "2021年12月24日" in text
    assert councils.select("pre") == [], "indented charter and rules text is prose"


# ---------------------------------------------------------------- the printed handbook


def pdf_text(built: tuple[Path, Report], paper: str) -> str:
    if shutil.which("pdftotext") is None:
        missing("pdftotext is not installed (Debian: poppler-utils)")
    path = built[0] / "downloads" / f"{SLUG}-handbook-{paper}.pdf"
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return re.sub(r"\s+", "", done.stdout)


@pytest.mark.parametrize("paper", ["a5", "a4"])
def test_the_printed_handbook_carries_the_v2_forms(built, paper: str) -> None:
    text = pdf_text(built, paper)
    for expected in (
        "夏季（5月1日至9月30日）",
        "法定工作日08:00-12:00、15:00-18:00",
        "值班电话0737-0000106、0737-0000107",
        "2026年12月27日曾某某（值班干部）",
        "2027年的国家放假安排印制时还没有公布",
        "老弱病残全程代办制",
        "打电话后工作人员上门代办",
        "楼长蒋某某",
        "单元长罗某某",
        "微网格长：夏某某",
        "承诺10个工作日",
        "县残疾人联合会服务大厅",
        "材料齐全",
    ):
        assert expected in text, expected
    assert "邓某某（值班干部）" not in text, "a roster day already past is not printed"


# ---------------------------------------------------------------- open now, at chosen instants


def status(when: str, window: str | None = None) -> tuple[bool | None, str]:
    project, report = load_project(TREE)
    assert project is not None, report.problems
    windows = project.settlement(SLUG).windows
    target = next(w for w in windows.windows if w.id == window) if window else None
    moment = dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
    found = schedule_of(windows, target).status_at(moment)
    return found.open, found.text


@pytest.mark.parametrize(
    ("when", "window", "is_open", "says"),
    [
        # 国庆节 is in no staff exception: the national calendar closes the hall; duty shown
        ("2026-10-02 10:00", None, False, "国庆节放假"),
        ("2026-10-02 10:00", None, False, "值班：邓某某"),
        # 2026-09-20 (a Sunday) is a make-up working day: summer's working-day hours
        ("2026-09-20 09:00", None, True, "现在开放"),
        # lunch break in winter
        ("2026-11-23 12:30", None, False, "午休中（冬季） · 14:00 开门"),
        # the season changes on 10-01: 09-30 afternoon opens at 15:00, 10-09 at 14:00
        ("2026-09-30 14:30", None, False, "午休中（夏季） · 15:00 开门"),
        ("2026-10-09 14:30", None, True, "现在开放"),
        # overnight: the night window opened at 18:00 yesterday
        ("2026-11-24 02:00", "night", True, "现在开放"),
        # beyond the calendar, and staff wrote nothing for 2027-01-04: neither is claimed
        ("2027-01-04 10:00", None, None, "尚未公布"),
        # the night window is every day: a day beyond the calendar is still known
        ("2027-01-04 19:00", "night", True, "现在开放"),
    ],
)
def test_open_now(when: str, window: str | None, is_open: bool | None, says: str) -> None:
    found, text = status(when, window)
    assert found is is_open, text
    assert says in text, text


def test_a_24_hour_facility_is_open_on_a_holiday_and_beyond_the_calendar() -> None:
    project, _ = load_project(TREE)
    assert project is not None
    police = next(f for f in project.settlement(SLUG).profile.facilities if "警务室" in f.name)
    assert police.hours is not None
    schedule = facility_schedule(police.hours)
    for when in ("2026-10-01 03:00", "2027-02-10 23:00"):
        moment = dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
        assert schedule.status_at(moment).open is True, when


@pytest.mark.parametrize(
    ("when", "is_open", "says"),
    [
        ("2026-09-30 21:30", True, "夏季"),  # summer: until 22:00
        ("2026-10-01 21:30", False, "已下班"),  # winter from 10-01: until 21:00
        ("2026-12-30 10:00", False, "场地维修"),  # the facility's own exception wins
        ("2027-03-01 06:30", False, "07:00 开门"),  # every day: known beyond the calendar
    ],
)
def test_a_facility_with_seasons_and_its_own_closing(when: str, is_open: bool, says: str) -> None:
    project, _ = load_project(TREE)
    assert project is not None
    square = next(f for f in project.settlement(SLUG).profile.facilities if "广场" in f.name)
    assert square.hours is not None
    found = facility_schedule(square.hours).status_at(
        dt.datetime.fromisoformat(when).replace(tzinfo=SHANGHAI)
    )
    assert found.open is is_open and says in found.text, found.text
