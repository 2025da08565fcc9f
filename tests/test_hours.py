"""Opening hours: the day rules, the status line, the browser data, and the browser script.

The sample data's calendar (xintiandi): 2026-09-27 is a Sunday 调休上班; 2026-10-01
(Thursday) .. 2026-10-08 is closed; 2026-10-09 is a Friday; 2027-01-01 (Friday) is
closed. 2026-11-23 is a Monday.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import missing

from generator.contract.schedules import Hours, HoursException
from generator.contract.settlement import Settlement
from generator.contract.validate import validate
from generator.contract.windows import Windows
from generator.errors import Report
from generator.pages.hours import SHANGHAI, Schedule, facility_schedule, schedule_of
from generator.read.values import END_OF_DAY
from generator.read.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parent.parent
SETTLEMENTS = ROOT / "data" / "settlements"
SCRIPT = ROOT / "site_overrides" / "assets" / "javascripts" / "hours.js"
HOLIDAY = "国庆节、中秋节放假，值班电话 0359-0000012"
SATURDAY = "错时服务，方便上班族办事"
LAWYER = "驻点律师坐班"
NEW_YEAR = "元旦放假，值班电话 0359-0000012"
DUTY = "值班电话 0743-6222412、0743-6231658"
ROSTER = "值班：李某某 0743-6222413"


def _load(model: Any, path: Path) -> Any:
    report = Report()
    located = load_yaml(path, report)
    parsed = validate(model, located, report) if located is not None else None
    assert parsed is not None, report.problems
    return parsed


WINDOWS: Windows = _load(Windows, SETTLEMENTS / "xintiandi" / "windows.yml")
SETTLEMENT: Settlement = _load(Settlement, SETTLEMENTS / "xintiandi" / "settlement.yml")


def window(windows: Windows, window_id: str) -> Any:
    return next(w for w in windows.windows if w.id == window_id)


def facility(name: str) -> Schedule:
    return facility_schedule(next(f for f in SETTLEMENT.facilities if f.name == name).hours)


def hours(*rules: dict[str, Any]) -> list[Hours]:
    return [Hours.model_validate(rule) for rule in rules]


# A county service centre written the v2 way: seasons with their own hours for the
# official working days, a duty phone on days off, a duty roster; and two all-night
# facilities. No holiday is written: the national calendar supplies them.
CENTER = Windows.model_validate(
    {
        "hall": "县政务服务中心",
        "hours": {
            "seasons": [
                {
                    "name": "夏季（5月1日—9月30日）",
                    "weekly": ["法定工作日 上午8:00-12:00、下午3:00-6:00"],
                },
                {
                    "name": "冬季",
                    "period": "10月1日—次年4月30日",
                    "weekly": ["法定工作日 上午8:30-12:00、下午2:00-5:30"],
                },
            ],
            "duty": [{"days": "节假日", "phone": "0743-6222412 0743-6231658"}],
            "roster": [{"date": "2026-10-02", "name": "李某某", "phone": "0743-6222413"}],
        },
    }
)

SCHEDULES: dict[str, Schedule] = {
    "hall": schedule_of(WINDOWS),
    "general": schedule_of(WINDOWS, window(WINDOWS, "general")),
    "legal": schedule_of(WINDOWS, window(WINDOWS, "legal")),
    "care": facility("老年人日间照料中心"),  # 每天 08:00-18:00
    "late": Schedule(hours({"days": "每天", "times": "18:00-24:00"})),
    "never": Schedule([]),
    "center": schedule_of(CENTER),
    "night": Schedule(hours({"days": "每天", "times": "18:00-次日8:00"})),
    "always": Schedule(hours({"days": "每天", "times": "24小时"})),
}


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


STATUS_CASES = [
    # a weekday with a split shift: before, during, between, after
    ("hall", "2026-11-23 07:59", "未开门 · 今天 08:30 开门"),
    ("hall", "2026-11-23 08:30", "现在开放 · 12:00 下班"),
    ("hall", "2026-11-23 11:59:59", "现在开放 · 12:00 下班"),
    ("hall", "2026-11-23 12:00", "午休中 · 14:30 开门"),  # the lunch break is not 已下班
    ("hall", "2026-11-23 14:29", "午休中 · 14:30 开门"),
    ("hall", "2026-11-23 14:30", "现在开放 · 18:00 下班"),
    ("hall", "2026-11-23 18:00", "已下班 · 明天 08:30 开门"),
    ("hall", "2026-11-27 19:00", "已下班 · 明天 09:00 开门"),
    # Saturday 错时服务 (a note on an open day), then across the weekend
    ("hall", "2026-11-28 08:00", f"未开门（{SATURDAY}） · 今天 09:00 开门"),
    ("hall", "2026-11-28 10:00", f"现在开放（{SATURDAY}） · 12:00 下班"),
    ("hall", "2026-11-28 12:30", f"已下班（{SATURDAY}） · 周一 08:30 开门"),
    ("hall", "2026-11-29 10:00", "今天休息 · 明天 08:30 开门"),
    # the make-up working day on a Sunday
    ("hall", "2026-09-27 10:00", "现在开放（调休上班） · 12:00 下班"),
    ("hall", "2026-09-27 15:00", "现在开放（调休上班） · 18:00 下班"),
    ("hall", "2026-09-27 19:00", "已下班（调休上班） · 明天 08:30 开门"),
    # the 8-day holiday: 7 days or more ahead shows the date
    ("hall", "2026-09-30 19:00", "已下班 · 10月9日（周五） 08:30 开门"),
    ("hall", "2026-10-01 09:00", f"今天休息（{HOLIDAY}） · 10月9日（周五） 08:30 开门"),
    ("hall", "2026-10-02 09:00", f"今天休息（{HOLIDAY}） · 10月9日（周五） 08:30 开门"),
    ("hall", "2026-10-03 10:00", f"今天休息（{HOLIDAY}） · 周五 08:30 开门"),
    ("hall", "2026-10-08 20:00", f"今天休息（{HOLIDAY}） · 明天 08:30 开门"),
    ("hall", "2026-10-09 09:00", "现在开放 · 12:00 下班"),
    # 2027 is beyond the calendar (chinesecalendar covers to 2026) and staff entered only
    # 2027-01-01: what comes after it is not known, so no opening is promised
    ("hall", "2026-12-31 19:00", "已下班 · 之后的放假安排尚未公布"),
    ("hall", "2027-01-01 10:00", f"今天休息（{NEW_YEAR}） · 之后的放假安排尚未公布"),
    ("hall", "2027-01-02 10:00", "今天是否放假尚未公布 · 请参考下面的平时时间"),
    # a window without its own hours keeps the hall's, exceptions included
    ("general", "2026-10-05 10:00", f"今天休息（{HOLIDAY}） · 周五 08:30 开门"),
    ("general", "2026-09-27 10:00", "现在开放（调休上班） · 12:00 下班"),
    # the Saturday-only lawyer, with its own holiday and without the hall's make-up day
    ("legal", "2026-11-28 10:00", f"现在开放（{LAWYER}） · 12:00 下班"),
    ("legal", "2026-11-28 08:00", f"未开门（{LAWYER}） · 今天 09:00 开门"),
    ("legal", "2026-11-28 12:00", f"已下班（{LAWYER}） · 12月5日（周六） 09:00 开门"),
    ("legal", "2026-11-23 10:00", "今天休息 · 周六 09:00 开门"),
    ("legal", "2026-11-22 10:00", "今天休息 · 周六 09:00 开门"),
    # 2026-09-26 and 27 are the national Mid-autumn holiday (the calendar, not staff data),
    # its own exception closes 10-01..10-08, and Saturday 10-10 is a worked 调休 Saturday
    # (Monday's hours: none for a Saturday-only window): no opening within 14 days
    ("legal", "2026-09-27 10:00", "近期不开放（中秋节放假）"),
    ("legal", "2026-09-26 12:30", "近期不开放（中秋节放假）"),
    ("legal", "2027-01-02 10:00", "今天是否放假尚未公布 · 请参考下面的平时时间"),
    # facilities: 每天 means every day, holidays included (named on the day)
    ("care", "2026-10-01 10:00", "现在开放（国庆节） · 18:00 下班"),
    ("care", "2026-11-29 19:00", "已下班 · 明天 08:00 开门"),
    ("late", "2026-11-23 17:00", "未开门 · 今天 18:00 开门"),
    ("late", "2026-11-23 23:59:59", "现在开放 · 24:00 下班"),
    ("late", "2026-11-24 00:00", "未开门 · 今天 18:00 开门"),
    ("never", "2026-11-23 10:00", "近期不开放"),
    # v2: a national holiday no staff wrote, with its duty roster and duty phone
    ("center", "2026-10-02 10:00", f"今天休息（国庆节放假；冬季） · {ROSTER} · 周四 08:30 开门"),
    ("center", "2026-10-03 10:00", f"今天休息（国庆节放假；冬季） · {DUTY} · 周四 08:30 开门"),
    ("center", "2026-11-28 10:00", f"今天休息（冬季） · {DUTY} · 周一 08:30 开门"),
    # a worked 调休 Saturday, the lunch break, the summer/winter boundary
    ("center", "2026-10-10 10:00", "现在开放（调休上班；冬季） · 12:00 下班"),
    ("center", "2026-11-23 12:30", "午休中（冬季） · 14:00 开门"),
    ("center", "2026-09-30 17:45", "现在开放（夏季） · 18:00 下班"),
    ("center", "2026-10-08 17:45", "已下班（冬季） · 明天 08:30 开门"),
    # a date beyond the calendar (it covers 2004-2026) and the day before it
    ("center", "2026-12-31 18:00", "已下班（冬季） · 之后的放假安排尚未公布"),
    ("center", "2027-02-01 10:00", "今天是否放假尚未公布 · 请参考下面的平时时间"),
    # overnight duty (18:00-次日8:00) and 24 hours
    ("night", "2026-11-23 23:00", "现在开放 · 明天 08:00 下班"),
    ("night", "2026-11-24 07:00", "现在开放 · 08:00 下班"),
    ("night", "2026-11-24 12:00", "未开门 · 今天 18:00 开门"),
    ("night", "2026-10-01 23:00", "现在开放（国庆节） · 明天 08:00 下班"),
    ("always", "2026-11-23 10:00", "现在开放 · 24小时"),
]


@pytest.mark.parametrize(("key", "moment", "text"), STATUS_CASES)
def test_status_text(key: str, moment: str, text: str) -> None:
    status = SCHEDULES[key].status_at(at(moment))
    assert status.text == text
    unknown = text.startswith("今天是否放假尚未公布")
    assert status.open == (None if unknown else text.startswith("现在开放"))
    assert (status.closes_at is not None) == bool(status.open)
    no_next = status.open or unknown or "近期不开放" in text or "尚未公布" in text
    assert (status.next_open is None) == bool(no_next)


@pytest.mark.parametrize("day", [dt.date(2026, 10, 1) + dt.timedelta(days=i) for i in range(8)])
def test_each_holiday_day_is_closed_until_the_day_after(day: dt.date) -> None:
    for key in ("hall", "general", "legal"):
        status = SCHEDULES[key].status_at(dt.datetime.combine(day, dt.time(10)))
        assert not status.open and status.today.exception and status.today.ranges == ()
    hall = SCHEDULES["hall"].status_at(dt.datetime.combine(day, dt.time(10)))
    assert hall.next_open == at("2026-10-09 08:30")
    assert hall.today.note == HOLIDAY
    # the legal window's Saturday 10-10 is a worked 调休 Saturday (Monday's hours: none), so
    # it opens next on 10-17: shown from 14 days ahead on
    legal = SCHEDULES["legal"].status_at(dt.datetime.combine(day, dt.time(10)))
    opens = at("2026-10-17 09:00")
    assert legal.next_open == (opens if (opens.date() - day).days <= 14 else None)


def test_days_around_the_exceptions() -> None:
    hall = SCHEDULES["hall"]
    after = hall.day(dt.date(2026, 10, 9))
    assert not after.exception and after.note is None and len(after.ranges) == 2
    makeup = hall.day(dt.date(2026, 9, 27))
    assert (
        makeup.exception
        and makeup.note == "调休上班"
        and [str(r) for r in makeup.ranges]
        == [
            "08:30-12:00",
            "14:30-18:00",
        ]
    )
    assert hall.day(dt.date(2026, 10, 4)).closed  # a Sunday inside the holiday
    assert not SCHEDULES["legal"].day(dt.date(2026, 9, 27)).ranges  # the hall's make-up day
    care = SCHEDULES["care"].day(dt.date(2026, 10, 1))  # a facility open 每天, on a holiday
    assert care.exception and care.note == "国庆节" and [str(r) for r in care.ranges] == [
        "08:00-18:00"
    ]


def test_windows_without_own_hours_keep_the_halls_schedule() -> None:
    days = [dt.date(2026, 9, 1) + dt.timedelta(days=i) for i in range(500)]
    for w in WINDOWS.windows:
        if w.hours is None:
            schedule = schedule_of(WINDOWS, w)
            assert [schedule.day(d) for d in days] == [SCHEDULES["hall"].day(d) for d in days]


OVERRIDE = Windows.model_validate(
    {
        "hall": "大厅",
        "hours": {
            "weekly": [{"days": "周一至周五", "times": ["08:30-12:00", "14:30-18:00"]}],
            "exceptions": [
                {"dates": "2026-10-01..2026-10-08", "closed": True, "note": "国庆节休息"},
                {"date": "2026-09-27", "times": "08:30-12:00", "note": "调休上班"},
            ],
        },
        "windows": [
            {
                "id": "clinic",
                "name": "门诊",
                "hours": {"weekly": [{"days": "每天", "times": "09:00-17:00"}]},
            },
            {
                "id": "night",
                "name": "夜间窗口",
                "hours": {
                    "weekly": [{"days": "每天", "times": "19:00-21:00"}],
                    "exceptions": [{"date": "2026-10-02", "closed": True, "note": "检修"}],
                },
            },
        ],
    }
)


def test_a_windows_own_hours_replace_the_halls() -> None:
    clinic = schedule_of(OVERRIDE, window(OVERRIDE, "clinic"))
    assert clinic.status_at(at("2026-11-28 10:00")).text == "现在开放 · 17:00 下班"  # a Saturday
    assert clinic.status_at(at("2026-11-23 08:45")).text == "未开门 · 今天 09:00 开门"
    # no exceptions of its own: the hall's apply, the holiday and the make-up day alike
    assert clinic.status_at(at("2026-10-01 10:00")).text == (
        "今天休息（国庆节休息） · 10月9日（周五） 09:00 开门"
    )
    assert clinic.status_at(at("2026-09-27 10:00")).text == "现在开放（调休上班） · 12:00 下班"
    # exceptions of its own: only those
    night = schedule_of(OVERRIDE, window(OVERRIDE, "night"))
    assert night.status_at(at("2026-10-03 20:00")).text == "现在开放（国庆节） · 21:00 下班"
    assert night.status_at(at("2026-10-02 20:00")).text == "今天休息（检修） · 明天 19:00 开门"


def test_exception_precedence_and_weekly_merging() -> None:
    schedule = Windows.model_validate(
        {
            "hall": "大厅",
            "hours": {
                "weekly": [
                    {"days": "周一至周五", "times": "08:00-12:00", "note": "上午"},
                    {"days": "周一", "times": ["11:00-13:00", "13:00-14:00"], "note": "延时"},
                ],
                "exceptions": [
                    {"date": "2026-10-05", "times": "09:00-10:00", "note": "值班"},
                    {"dates": "2026-10-01..2026-10-08", "closed": True, "note": "放假"},
                ],
            },
        }
    )
    hall = schedule_of(schedule)
    monday = hall.day(dt.date(2026, 11, 23))
    assert [str(r) for r in monday.ranges] == ["08:00-14:00"] and monday.note == "上午；延时"
    assert hall.status_at(at("2026-11-23 12:30")).text == "现在开放（上午；延时） · 14:00 下班"
    assert hall.day(dt.date(2026, 10, 5)).note == "值班"  # the narrower exception wins
    assert hall.day(dt.date(2026, 10, 6)).note == "放假"


def test_next_open_beyond_fourteen_days_is_not_shown() -> None:
    closure = {"dates": "2026-11-24..2026-12-07", "closed": True, "note": "装修暂停开放"}
    schedule = Schedule(
        hours({"days": "周一", "times": "09:00-10:00"}), [HoursException.model_validate(closure)]
    )
    # the next opening is Monday 2026-12-14
    assert schedule.status_at(at("2026-11-23 11:00")).text == "近期不开放"  # 21 days ahead
    status = schedule.status_at(at("2026-11-28 10:00"))
    assert status.text == "近期不开放（装修暂停开放）" and status.next_open is None
    assert schedule.status_at(at("2026-11-30 10:00")).text == (  # 14 days ahead: still shown
        "今天休息（装修暂停开放） · 12月14日（周一） 09:00 开门"
    )


def test_24_00_and_aware_moments() -> None:
    late = SCHEDULES["late"]
    assert late.status_at(at("2026-11-23 23:00")).closes_at == END_OF_DAY
    assert late.to_json(dt.date(2026, 11, 23), 1)["weekly"][0] == [["18:00", "24:00"]]
    utc = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # 09:00 in Shanghai
    assert SCHEDULES["hall"].status_at(utc).text == "现在开放 · 12:00 下班"
    assert SCHEDULES["hall"].status_at(utc.astimezone(SHANGHAI)).open


def test_to_json_shape() -> None:
    data = SCHEDULES["hall"].to_json(dt.date(2026, 11, 22))
    assert data == {
        "v": 2,
        "from": "2026-11-22",
        "to": "2027-01-01",  # the calendar covers 2026; staff entered 2027 up to 01-01
        "until": "2027-11-22",
        "weekly": [[["08:30", "12:00"], ["14:30", "18:00"]]] * 5 + [[["09:00", "12:00"]], []],
        "notes_weekly": [None] * 5 + [SATURDAY, None],
        "duty_weekly": [None] * 7,
        "seasons": [],
        "dates": {"2027-01-01": {"r": [], "n": "元旦放假，值班电话 0359-0000012"}},
    }
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def week_of(data: dict[str, Any], day: dt.date) -> tuple[list, Any, Any]:
    """The browser's default for a date: its weekday in the season's week, else the plain."""
    key = day.isoformat()
    weekly, notes, duty = data["weekly"], data["notes_weekly"], data["duty_weekly"]
    for season in data["seasons"]:
        if season["from"] <= key <= season["to"]:
            weekly, notes, duty = season["weekly"], season["notes"], season["duty"]
    return weekly[day.weekday()], notes[day.weekday()], duty[day.weekday()]


def read_back(data: dict[str, Any], day: dt.date) -> tuple[list, Any, Any] | None:
    """What the browser script makes of one date (its dayOf), or None when unknown."""
    if day.isoformat() > data["to"]:
        return None
    entry = data["dates"].get(day.isoformat())
    if entry:
        return entry["r"], entry.get("n"), entry.get("d")
    return week_of(data, day)


@pytest.mark.parametrize("key", ["hall", "general", "legal", "care", "center", "night"])
def test_to_json_reads_back_as_every_day_python_sees(key: str) -> None:
    start, days = dt.date(2026, 9, 1), 120
    schedule = SCHEDULES[key]
    data = schedule.to_json(start, days)
    assert data["to"] in ("2026-12-29",)  # 120 days, all known (the calendar covers 2026)
    for d in (start + dt.timedelta(days=i) for i in range(days)):
        day = schedule.day(d)
        shown = [[c for c in str(r).split("-")] for r in day.ranges]
        assert read_back(data, d) == (shown, day.note, day.duty), d
        different = (shown, day.note, day.duty) != week_of(data, d)
        assert (d.isoformat() in data["dates"]) == different, d  # exactly the different days
    hall = SCHEDULES["hall"].to_json(start, days)["dates"]
    # staff's make-up Sunday and closure, and the national calendar's days staff did not write:
    # the Mid-autumn holiday (09-25, 26), the worked Sunday 09-20 and Saturday 10-10
    assert {"2026-09-20", "2026-09-25", "2026-09-26", "2026-09-27", "2026-10-10"} <= set(hall)
    assert hall["2026-09-25"] == {"r": [], "n": "中秋节放假"}
    assert hall["2026-10-10"]["n"] == "调休上班"


# ---------------------------------------------------------------- the browser script

HARNESS = r"""
const fs = require("fs");
const vm = require("vm");
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const source = fs.readFileSync(input.script, "utf8");
const results = [];
for (const ms of input.instants) {
  const elements = input.keys.map((key) => {
    const attrs = { "data-hours": key };
    return {
      hidden: true, textContent: "", attrs,
      getAttribute: (name) => (name in attrs ? attrs[name] : null),
      setAttribute: (name, value) => { attrs[name] = String(value); },
    };
  });
  let onReady = null;
  const document = {
    readyState: input.material ? "complete" : "loading",
    getElementById: (id) => (id === "pp-hours" ? { textContent: input.json } : null),
    querySelectorAll: () => elements,
    addEventListener: (name, fn) => { if (name === "DOMContentLoaded") onReady = fn; },
  };
  const context = vm.createContext({ document, setInterval: () => 1 });
  context.window = context;
  if (input.material) context.document$ = { subscribe: (fn) => fn() };
  vm.runInContext(
    "Date = (function (D) { function F() { return arguments.length ? new D(arguments[0]) : " +
    "new D(" + ms + "); } F.UTC = D.UTC; F.now = function () { return " + ms + "; }; " +
    "return F; })(Date);" + (input.intl ? "" : " Intl = undefined;"), context);
  vm.runInContext(source, context);
  if (onReady) onReady();
  results.push(elements.map((e) => (e.hidden ? null : [e.textContent, e.attrs["data-state"]])));
}
process.stdout.write(JSON.stringify(results));
"""


def _instants() -> list[dt.datetime]:
    """About fifty moments across the sample calendar, plus every STATUS_CASES moment."""
    days = ["2026-09-26", "2026-09-27", "2026-09-30", "2026-10-01", "2026-10-08", "2026-10-09"]
    days += ["2026-11-23", "2026-11-28", "2026-11-29", "2026-12-31", "2027-01-01"]
    clocks = ["00:00", "08:29:59", "08:30", "12:00", "14:30", "23:59:30"]
    moments = [at(f"{d} {c}") for d in days for c in clocks[:: 1 + days.index(d) % 2]]
    return sorted(set(moments) | {at(m) for _, m, _ in STATUS_CASES})


def _run_script(tmp_path: Path, instants: list[dt.datetime], **options: Any) -> list[Any]:
    node = shutil.which("node")
    if node is None:
        missing("node is not on PATH, and CI must run the browser-script comparison")
    start = dt.date(2026, 9, 1)
    data = {key: schedule.to_json(start) for key, schedule in SCHEDULES.items()}
    harness, source = tmp_path / "harness.js", tmp_path / "input.json"
    harness.write_text(HARNESS, encoding="utf-8")
    stamps = [int(m.replace(tzinfo=SHANGHAI).timestamp() * 1000) for m in instants]
    payload = {"script": str(SCRIPT), "json": json.dumps(data, ensure_ascii=False)}
    payload |= {"keys": list(SCHEDULES), "instants": stamps, "material": True, "intl": True}
    source.write_text(json.dumps(payload | options, ensure_ascii=False), encoding="utf-8")
    env = os.environ | {"TZ": "America/New_York"}  # the visitor's own zone must not matter
    done = subprocess.run(
        [node, str(harness), str(source)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    "options", [{}, {"intl": False}, {"material": False}], ids=["intl", "utc+8", "no-material"]
)
def test_the_browser_script_says_what_python_says(tmp_path: Path, options: dict[str, Any]) -> None:
    instants = _instants()
    assert len(instants) >= 50
    results = _run_script(tmp_path, instants, **options)
    for moment, shown in zip(instants, results, strict=True):
        for key, got in zip(SCHEDULES, shown, strict=True):
            status = SCHEDULES[key].status_at(moment)
            state = {True: "open", False: "closed", None: "unknown"}[status.open]
            assert got == [status.text, state], f"{key} at {moment}"


def test_the_browser_script_shows_nothing_outside_the_data(tmp_path: Path) -> None:
    # before "from"; after "until" (2027-09-01); and inside the range but after the last
    # known date (2026-12-31; the hall's staff wrote 2027-01-01): not published, never guessed
    instants = [at("2026-08-31 10:00"), at("2027-09-02 10:00"), at("2027-08-29 10:00")]
    results = _run_script(tmp_path, instants)
    assert results[0] == results[1] == [None] * len(SCHEDULES)
    unknown = ["今天是否放假尚未公布 · 请参考下面的平时时间", "unknown"]
    for (name, schedule), result in zip(SCHEDULES.items(), results[2], strict=True):
        if schedule.follows_calendar:
            assert result == unknown, name
        else:  # 每天 rules only: a holiday changes nothing, so the day is known
            assert result is not None and result[1] != "unknown", name
    assert sum(s.follows_calendar for s in SCHEDULES.values()) >= 5
