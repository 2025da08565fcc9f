"""Schedules: weekly rules, seasons, staff's exceptions, duty and the duty roster.

Staff write a rule on one line as county notices print it (周一至周五（法定节假日除外）
上午8:30——12:00、下午2:30-6:00) or as days and times. A schedule (``HallHours``) is
weekly rules, optional named seasons with weekly rules of their own (夏季/冬季),
dated exceptions (holidays, make-up days: staff's own, which win over the national
calendar), duty (值班) on days off, and a duty roster (date → person). The hall, each
window and each facility has one; generator/pages/hours.py resolves it day by day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Date, DateRange, Days, Model, Person, Phone, Text, Times, zh
from generator.read import values


class Hours(Model):
    """Opening hours on some days of the week."""

    days: Days = Field(title="星期", description="哪几天开放，例如 周一至周五、每天")
    times: Times = Field(title="时段", description='开放时段，例如 "08:30-12:00" 或其列表')
    note: str | None = Field(None, title="说明", description="例如 错时服务")


# "节假日 8:30~11:30, 14:00~17:00": the days, then the times (a period word, a digit or 24小时)
_RULE_TEXT = re.compile(
    r"^(?P<days>.+?)\s*[:：]?\s*(?P<times>(?:上午|下午|早上|中午|晚上|全天)?\s*[0-9].*)$"
)


def _rule_from_text(value: object) -> object:
    """A weekly rule written on one line, as county notices print it: 周一至周五 8:30-12:00."""
    if isinstance(value, str):
        found = _RULE_TEXT.match(value.strip())
        if found is None:
            return {"days": value, "times": None}  # the days' and times' own messages follow
        return {"days": found["days"], "times": found["times"]}
    return value


class WeeklyRule(Hours):
    """Regular opening hours on some days (days, times, note), or one line: 周一 8:30-12:00."""

    model_config = zh("每周办公时间", "某几天的固定开放时间，也可写成一行：周一 8:30-12:00")

    @model_validator(mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        return _rule_from_text(value)


# A rule where staff may write either form: the editor's schema offers both
RuleLine = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "description": "一行写星期和时段，例如 周一至周五（法定节假日除外） "
            "上午8:30-12:00、下午2:30-6:00",
            "examples": ["周一至周五 8:30-12:00、14:30-18:00", "每天 24小时"],
        }
    ),
]
Rule = Annotated[
    WeeklyRule, BeforeValidator(_rule_from_text, json_schema_input_type=RuleLine | WeeklyRule)
]


class HoursException(Model):
    """A day or a run of days that differ from the weekly rules: a holiday or a make-up day."""

    model_config = zh("节假日安排", "和每周安排不同的一天或几天：放假或调休上班")

    date: Date | None = Field(None, title="日期", description="某一天，例如 2025-09-28")
    dates: DateRange | None = Field(
        None, title="日期范围", description="连续几天，例如 2025-10-01..2025-10-08"
    )
    closed: bool = Field(False, title="休息", description="这几天不办公时写 true")
    times: Times | None = Field(
        None, title="时段", description='不休息时必填，例如 ["08:30-12:00", "14:30-18:00"]'
    )
    note: str | None = Field(None, title="说明", description="例如 国庆节放假、调休上班")

    @model_validator(mode="after")
    def _consistent(self) -> HoursException:
        if (self.date is None) == (self.dates is None):
            raise PydanticCustomError(
                "schema.invalid",
                "请只写 date（某一天）或 dates（日期范围）其中一个"
                if self.date is not None
                else "缺少日期：请写 date（某一天）或 dates（日期范围）",
            )
        if self.closed and self.times is not None:
            raise PydanticCustomError(
                "schema.invalid", "已写 closed: true（休息），就不要再写 times（时段）"
            )
        if not self.closed and self.times is None:
            raise PydanticCustomError(
                "schema.invalid", "不休息的日子要写 times（时段）；休息请写 closed: true"
            )
        return self

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day this exception covers (the same day for `date`)."""
        if self.dates is not None:
            return self.dates
        assert self.date is not None  # guaranteed by the validator
        return (self.date, self.date)

    def covers(self, day: dt.date) -> bool:
        start, end = self.span
        return start <= day <= end


YearlyPeriod = Annotated[
    values.YearlyPeriod,
    BeforeValidator(values.parse_yearly_period),
    WithJsonSchema(
        {
            "type": "string",
            "description": "每年的起止日期：5月1日—9月30日；跨年写 10月1日—次年4月30日",
            "examples": ["5月1日—9月30日"],
        }
    ),
]
_SEASON_NAME = re.compile(r"^(?P<name>[^（(]+?)\s*[（(](?P<period>[^）)]+)[）)]$")


def _period_may_be_in_the_name(schema: dict) -> None:
    """The editor's schema: period is not required, it may be written in the name."""
    schema["description"] = "一年中有自己作息的一段时间，例如 夏季（5月1日—9月30日）"
    schema["required"] = [key for key in schema.get("required", []) if key != "period"]


class Season(Model):
    """A named period of the year with its own weekly hours: 夏季（5月1日—9月30日）."""

    model_config = ConfigDict(title="季节作息", json_schema_extra=_period_may_be_in_the_name)

    name: Text = Field(
        title="名称",
        description="例如 夏季、冬季；也可以把起止日期写在括号里：夏季（5月1日—9月30日），"
        "这样就不用再写 period",
    )
    period: YearlyPeriod = Field(
        title="起止日期", description="每年的起止日期，例如 5月1日—9月30日、10月1日—次年4月30日"
    )
    weekly: list[Rule] = Field(title="每周办公时间")

    @model_validator(mode="before")
    @classmethod
    def _period_in_name(cls, value: object) -> object:
        """夏季（5月1日—9月30日） as the name: the period is in the brackets."""
        if isinstance(value, dict) and "period" not in value and isinstance(value.get("name"), str):
            found = _SEASON_NAME.match(value["name"].strip())
            if found:
                return {**value, "name": found["name"], "period": found["period"]}
        return value


class Duty(Model):
    """Someone on duty (值班) on some days: a duty phone, and when to call it."""

    model_config = zh("值班", "某些天的值班人和值班电话，以及什么时候打")

    days: Days = Field(title="值班日", description="例如 节假日、双休日、法定节假日、每天")
    times: Times | None = Field(
        None, title="值班时段", description='不写表示全天；例如 "08:00-18:00" 或 "24小时"'
    )
    phone: Phone = Field(title="值班电话")
    note: str | None = Field(None, title="说明", description="例如 节假日值班，有急事请拨打")


class RosterEntry(Person):
    """Who is on duty on one date or a run of dates (值班表)."""

    model_config = zh("值班表", "某一天或连续几天谁值班")

    date: Date | None = Field(None, title="日期", description="某一天，例如 2026-10-01")
    dates: DateRange | None = Field(
        None, title="日期范围", description="连续几天，例如 2026-10-01..2026-10-03"
    )

    @model_validator(mode="after")
    def _one_date(self) -> RosterEntry:
        if (self.date is None) == (self.dates is None):
            raise PydanticCustomError(
                "schema.invalid", "值班表每一项请写 date（某一天）或 dates（日期范围）其中一个"
            )
        return self

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        if self.dates is not None:
            return self.dates
        assert self.date is not None
        return (self.date, self.date)

    def covers(self, day: dt.date) -> bool:
        start, end = self.span
        return start <= day <= end


def follows_calendar(weekly: Iterable[Hours], seasons: Iterable[Season]) -> bool:
    """Whether the official calendar changes a schedule: false when every rule is every day
    (每天 24小时), so a holiday or a make-up day opens the same."""
    rules = [*weekly, *(rule for season in seasons for rule in season.weekly)]
    return not rules or not all(rule.days.every_day for rule in rules)


class HallHours(Model):
    """A schedule: weekly rules, seasons, exceptions (holidays, make-up days), duty."""

    model_config = zh("办公时间", "开放时间：每周安排、季节作息、节假日安排和值班")

    weekly: list[Rule] = Field(
        default_factory=list,
        title="每周办公时间",
        description="每行写星期和时段；分夏季、冬季的写在 seasons 中",
    )
    seasons: list[Season] = Field(
        default_factory=list,
        title="季节作息",
        description="夏季、冬季等各自的每周办公时间；不在任何季节内的日子按 weekly",
    )
    exceptions: list[HoursException] = Field(
        default_factory=list,
        title="节假日安排",
        description="本单位自己的放假或调休上班安排；国家法定节假日和调休会自动按国家安排，"
        "这里写的优先",
    )
    duty: list[Duty] = Field(
        default_factory=list, title="值班", description="节假日、双休日等休息日的值班电话"
    )
    roster: list[RosterEntry] = Field(
        default_factory=list, title="值班表", description="某一天由谁值班，写姓名和电话"
    )

    @property
    def rules(self) -> list[WeeklyRule]:
        """Every weekly rule, the seasons' included."""
        return [*self.weekly, *(rule for season in self.seasons for rule in season.weekly)]

    @property
    def follows_calendar(self) -> bool:
        """Whether the official calendar changes these hours (see follows_calendar)."""
        return follows_calendar(self.weekly, self.seasons)

    @property
    def holiday_days(self) -> tuple[values.DaySet, ...]:
        """The days of the rules that still apply on a national holiday (节假日, 每天 …)."""
        found = (
            r.days for r in self.rules if r.days.holidays or r.days.days_off or r.days.every_day
        )
        return tuple(dict.fromkeys(found))

    @property
    def always_open(self) -> bool:
        """Open round the clock every day (每天 24小时): no "其他时间 休息" to print."""
        return not self.follows_calendar and all(
            any(span.whole_day for span in rule.times)
            for rule in self.rules
        )

    @model_validator(mode="after")
    def _some_hours(self) -> HallHours:
        if not self.weekly and not self.seasons:
            raise PydanticCustomError(
                "schema.missing", "缺少每周办公时间：请写 weekly（或按季节写 seasons）"
            )
        return self


def _facility_hours(value: object) -> object:
    """A facility's hours: a schedule (weekly, seasons …), or v1's rules written directly."""
    if value is None or value == []:
        return None
    if isinstance(value, dict) and not {"days", "times"} & value.keys():
        return value  # a schedule: weekly, seasons, exceptions, duty, roster
    return {"weekly": value if isinstance(value, list) else [value]}


FacilityHours = Annotated[
    HallHours | None,
    BeforeValidator(
        _facility_hours, json_schema_input_type=Rule | list[Rule] | HallHours | None
    ),
]
