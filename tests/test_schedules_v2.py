"""Schedules as real service centres write them (data-format.md, Version 2 → Schedules).

A county service centre's 错时/节假日值班 schedule transcribed as written: one-line
rules, 上午/下午 times, seasons, a duty phone and roster, a promise with its own
explanation; then the page, the validation messages and the browser data.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import TODAY, article, soup

from generator.checks.project import load_project
from generator.sites.site import build

S = "settlements/xintiandi"
CENTRE = """\
hall: 县政务服务中心便民服务大厅
address: 县政务服务中心一楼
hours:
  weekly:
    - 周一至周五（法定节假日除外） 上午8:30——12:00、下午2:30-6:00
    - 节假日 8:30~11:30, 14:00~17:00
  seasons:
    - name: 夏季（5月1日—9月30日）
      weekly: ["法定工作日 上午8:00-12:00、下午3:00-6:00"]
  duty:
    - {days: 节假日, phone: 0743-6222412 0743-6231658, note: 有急事请拨打}
  roster:
    - {date: 2026-12-25, name: 田某某, position: 值班干部, phone: 0743-6222413}
commitments:
  - 首问负责制
  - {name: 老弱病残全程代办制, text: 行动不便的老人、残疾人，工作人员全程代办。}
windows:
  - id: general
    number: 1
    name: 综合受理窗口
    hours: null
"""


@pytest.fixture(scope="module")
def centre_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("centre")
    data = root / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    handbook = data / S / "handbook.yml"
    text = re.sub(r"window: [a-z-]+", "window: general", handbook.read_text("utf-8"))
    handbook.write_text(text, "utf-8")
    (data / S / "windows.yml").write_text(CENTRE, "utf-8")
    return build(data, root / "site", today=TODAY, pdf=False).out


def test_the_centre_schedule_validates_and_builds(centre_site: Path) -> None:
    page = article(centre_site / "xintiandi" / "windows" / "index.html")
    hall = " ".join(page.find(id="hall").find_next_sibling("div").get_text(" ").split())
    assert "周一至周五 08:30-12:00、14:30-18:00" in hall
    assert "节假日 08:30-11:30、14:00-17:00" in hall
    assert "夏季（5月1日至9月30日）" in hall and "法定工作日 08:00-12:00、15:00-18:00" in hall
    assert "国家法定节假日和调休按国家放假安排：放假的日子按“节假日”的时间办公" in hall
    duty = page.select_one(".pp-duty")
    assert duty is not None and "0743-6222412" in duty.get_text() and "田某某" in duty.get_text()
    assert {a["href"] for a in duty.select("a.pp-tel")} >= {"tel:07436222412", "tel:07436231658"}


def test_a_promise_brings_its_own_explanation(centre_site: Path) -> None:
    page = article(centre_site / "xintiandi" / "windows" / "index.html")
    promises = page.select_one(".pp-commitments")
    assert len(promises.select("dt")) == len(promises.select("dd")) == 2
    assert "工作人员全程代办" in promises.get_text()


def test_the_browser_data_knows_the_calendar_and_the_season(centre_site: Path) -> None:
    raw = soup(centre_site / "xintiandi" / "windows" / "index.html").find("script", id="pp-hours")
    hall = json.loads(raw.get_text())["hall"]
    assert hall["v"] == 2 and hall["to"] == "2026-12-31", "2027 is beyond the calendar"
    assert hall["dates"]["2026-12-25"]["d"] == "值班：田某某 0743-6222413"
    assert hall["duty_weekly"][5].startswith("值班电话 0743-6222412")  # a weekend day off
    assert hall["seasons"] == [], "no summer day between 2026-11-22 and the end of the data"


def write_windows(data: Path, text: str) -> None:
    (data / S / "windows.yml").write_text(CENTRE.replace("上午8:30——12:00、下午2:30-6:00", text))


@pytest.mark.parametrize(
    ("times", "code"),
    [
        ("1:30-5:30", "times.ambiguous"),  # 下午 deleted: never published as 01:30
        ("8:30-5:30", "times.ambiguous"),
        ("上午8:30-下午15:00", "times.invalid"),
        ("20:00-06:00", "times.order"),  # across midnight: write 次日
    ],
)
def test_unclear_times_are_refused_with_the_fix(data_copy: Path, times: str, code: str) -> None:
    write_windows(data_copy, times)
    _, report = load_project(data_copy)
    found = [p for p in report.errors if p.code == code]
    assert found and found[0].file.endswith(f"{S}/windows.yml") and found[0].line == 5
    if code == "times.ambiguous":
        assert "下午1:30-5:30 或 13:30-17:30" in found[0].hint_text


def test_the_1_30_misreading_is_gone(data_copy: Path, tmp_path: Path) -> None:
    """下午1:30-5:30 is 13:30-17:30 on the page, never 01:30-05:30."""
    write_windows(data_copy, "上午8:30-12:00、下午1:30-5:30")
    (data_copy / S / "handbook.yml").unlink()
    out = build(data_copy, tmp_path / "site", today=TODAY, pdf=False).out
    hall = article(out / "xintiandi" / "windows" / "index.html").find(id="hall")
    text = hall.find_next_sibling("div").get_text(" ")
    assert "13:30-17:30" in text and "01:30" not in text


def test_a_promise_without_an_explanation_is_a_warning(data_copy: Path) -> None:
    windows = data_copy / S / "windows.yml"
    windows.write_text(CENTRE.replace("  - 首问负责制\n", "  - 首问负责制\n  - 社区干部包联制\n"))
    _, report = load_project(data_copy)
    [warning] = [p for p in report.warnings if p.code == "commitment.unexplained"]
    assert "社区干部包联制" in warning.message and warning.line == 16
    assert "{name:" in warning.hint_text
