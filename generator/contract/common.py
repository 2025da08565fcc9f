"""Value types shared by every data file: dates, phones, hours, people.

Each type is an ``Annotated`` alias whose validator is one of the parsers in
``generator.read.values``; a parser's ValueProblem travels through pydantic and comes
out in the report with its own code and Chinese message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
)

from generator.read import values


def _schema(description: str, examples: list[Any]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "description": description, "examples": examples})


def _text_or_number(description: str, examples: list[Any]) -> WithJsonSchema:
    return WithJsonSchema(
        {"type": ["string", "number"], "description": description, "examples": examples}
    )


Date = Annotated[
    dt.date,
    BeforeValidator(values.parse_date),
    _schema(
        "日期：2025-04-08、2025/4/8 或 2025年4月8日（带时间也可：2021-12-24 10:22:43）",
        ["2025-04-08"],
    ),
]
Month = Annotated[
    values.Month,
    BeforeValidator(values.parse_month),
    _schema("月份：2019-12 或 2019年12月；只知道年份时写 2017年", ["2019-12"]),
]
Quarter = Annotated[
    values.Quarter,
    BeforeValidator(values.parse_quarter),
    _schema("季度：2025-Q1 或 2025年第一季度", ["2025-Q1"]),
]
FundMonth = Annotated[
    values.FundMonth,
    BeforeValidator(values.parse_fund_month),
    _schema("公开月份：2025-07 或 2025年7月", ["2025-07"]),
]
Amount = Annotated[
    Decimal,
    BeforeValidator(values.parse_amount),
    _text_or_number('金额（元）：1234.5、"1,234.50"、"¥1234.50" 或 "1.2万"', ["1234.50"]),
]
_NUMBER = {"type": ["string", "number"]}
Phone = Annotated[
    values.Phones,
    PlainValidator(values.parse_phones),
    WithJsonSchema(
        {
            "anyOf": [
                _NUMBER,
                {
                    "type": "array",
                    "items": {
                        "anyOf": [
                            _NUMBER,
                            {
                                "type": "object",
                                "properties": {
                                    "label": {"type": "string", "title": "说明"},
                                    "phone": {**_NUMBER, "title": "电话"},
                                },
                                "required": ["phone"],
                                "additionalProperties": False,
                            },
                        ]
                    },
                },
            ],
            "description": "电话：0359-1234567、13800000000、12345 或 110；几个号码用顿号隔开，"
            "分机写成 12345转3，说明写在括号里：0743-6222412（办公室）",
            "examples": ["0359-1234567"],
        }
    ),
]
Days = Annotated[
    values.DaySet,
    PlainValidator(values.parse_days),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "description": "星期：周一至周五、周六、周一、三、五、工作日、周末、每天，"
            "或 法定工作日、法定节假日、节假日（按国家放假安排），或 [mon, tue]",
            "examples": ["周一至周五"],
        }
    ),
]
Times = Annotated[
    tuple[values.TimeRange, ...],
    BeforeValidator(values.parse_times),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "description": '时段："08:30-12:00"、"上午8:30-12:00"、"下午2:30-6:00"，'
            '跨过午夜写 "18:00-次日8:00"，全天写 "24小时"；几段写成列表',
            "examples": [["08:30-12:00", "14:30-18:00"]],
        }
    ),
]
DateRange = Annotated[
    tuple[dt.date, dt.date],
    BeforeValidator(values.parse_date_range),
    _schema("日期范围：2025-10-01..2025-10-08", ["2025-10-01..2025-10-08"]),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="编号：英文字母、数字、减号或下划线",
    ),
]
Text = Annotated[str, Field(min_length=1)]


def zh(title: str, description: str) -> ConfigDict:
    """A model's Chinese title and hint in the editors' JSON Schema; its docstring is for coders."""
    return ConfigDict(title=title, json_schema_extra={"description": description})


class Model(BaseModel):
    """Base of every data model: unknown keys are mistakes, text is trimmed."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=True,
        populate_by_name=True,
    )


class Person(Model):
    """A staff member shown publicly (上岗公示): name, position, work phone."""

    model_config = zh("工作人员", "公开的工作人员（上岗公示）：姓名、职务、工作电话")

    name: Text = Field(title="姓名")
    position: str | None = Field(None, title="职务")
    phone: Phone | None = Field(None, title="电话", description="工作电话，页面上可一键拨打")
    photo: str | None = Field(
        None, title="照片", description="照片文件在本安置点文件夹中的路径，例如 photos/zhang.jpg"
    )


class Contact(Model):
    """A named phone number (emergency, duty, supervision)."""

    model_config = zh("电话", "一个有名称的电话：紧急电话、值班电话、监督电话")

    name: Text = Field(title="名称")
    phone: Phone = Field(title="电话")
