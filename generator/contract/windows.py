"""windows.yml: the service hall, its opening hours and its windows (服务窗口)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Date, DateRange, Hours, Id, Model, Person, Phone, Text, Times


class WeeklyRule(Hours):
    """Regular opening hours on some days of the week (days, times, note)."""


class HoursException(Model):
    """A day or a run of days that differ from the weekly rules: a holiday or a make-up day."""

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


class HallHours(Model):
    """A schedule: weekly rules plus exceptions (holidays, make-up working days)."""

    weekly: list[WeeklyRule] = Field(title="每周办公时间")
    exceptions: list[HoursException] = Field(
        default_factory=list, title="节假日安排", description="放假或调休上班的日子"
    )


class Window(Model):
    """One service window of the hall and the staff on duty there (上岗公示)."""

    id: Id = Field(
        title="窗口编号", description="英文编号，手册中的 window 用它引用，例如 education"
    )
    number: int | None = Field(None, ge=1, le=999, title="窗口号", description="大厅里的几号窗口")
    name: Text = Field(title="窗口名称", description="例如 就业社保窗口")
    department: str | None = Field(
        None, title="进驻部门", description="例如 县人力资源和社会保障局"
    )
    staff: list[Person] = Field(default_factory=list, title="工作人员")
    phone: Phone | None = Field(None, title="窗口电话")
    hours: HallHours | None = Field(
        None, title="办公时间", description="不写或写 null 表示与大厅办公时间相同"
    )
    services: str | None = Field(None, title="办理事项", description="简要说明本窗口办理哪些事")
    kind: str | None = Field(
        None,
        title="窗口类别",
        description="例如 就业、产业、医疗、养老、教育、民政、物业、法律、文体、综合",
    )


class Windows(Model):
    """The service hall: where it is, when it opens, what it promises, its windows."""

    hall: Text = Field(title="大厅名称", description="例如 党群服务中心一楼便民服务大厅")
    address: str | None = Field(None, title="地址")
    hours: HallHours = Field(title="大厅办公时间", description="窗口没有单独写办公时间时按此执行")
    commitments: list[Text] = Field(
        default_factory=list, title="服务承诺", description="例如 首问负责制、限时办结制"
    )
    windows: list[Window] = Field(default_factory=list, title="服务窗口")

    def hours_of(self, window: Window) -> HallHours:
        """The schedule a window keeps: its own, or the hall's."""
        return window.hours if window.hours is not None else self.hours
