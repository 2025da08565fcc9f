"""sanzi/assets.yml, contracts.yml, resources.yml: 三资公开 (collective assets, contracts,
resources), each its own disclosure with the date its figures are as of.

The values are written the way staff copy them from a 村务公开栏: Chinese dates, 大写
amounts, "2017年" for a year bought, "12.5亩" for an area, a contract's term as
"2024年1月1日至2026年12月31日". What cannot be read one way only is refused with the fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from generator.contract.common import Amount, Date, DateRange, Model, Text, zh
from generator.errors import CODES, codes
from generator.read import values
from generator.read.values import Area, Month, ValueProblem

# code -> (title, hint): a 三资 file's own rules (the cross-item ones: generator/checks/sanzi.py)
SANZI_CODES: dict[str, tuple[str, str]] = codes(
    {
        "sanzi.published_early": (
            "公开日期早于截至日期",
            "公开日期（published）是贴出公示的日子，应在截至日期（date，数字统计到哪一天）"
            "当天或之后；请检查是否写反了。",
        ),
        "sanzi.term": (
            "合同期限写法不清楚",
            "合同期限只写一种：term: 2024年1月1日至2026年12月31日，"
            "或者分开写 start: 2024-01-01 和 end: 2026-12-31；至少要写明到哪天为止。",
        ),
        "sanzi.rent_period": (
            "租金没有写明期间",
            "写了租金（rent）时，请用 rent_period 写明是 每年、每月 还是 一次性 的金额。",
        ),
    }
)


def _when(value: object) -> dt.date | Month:
    """A day (2017-05-03, 2017年5月3日) or, when that is all staff know, a month or a year."""
    try:
        return values.parse_date(value)
    except ValueProblem:
        pass
    try:
        return values.parse_month(value)
    except ValueProblem as problem:
        raise ValueProblem(
            "month.invalid",
            problem.message,
            "请写成 2019-12-05、2019年12月 或 只写年份 2017年。",
        ) from None


When = Annotated[
    dt.date | Month,
    PlainValidator(_when),
    WithJsonSchema(
        {
            "type": "string",
            "description": "日期、月份或年份：2019-12-05、2019年12月 或 2017年",
            "examples": ["2017年"],
        }
    ),
]
AreaValue = Annotated[
    Area,
    PlainValidator(values.parse_area),
    WithJsonSchema(
        {
            "type": "string",
            "description": "数字加单位：12.5亩、300平方米、300㎡ 或 2公顷",
            "examples": ["12.5亩"],
        }
    ),
]


def _problem(code: str, message: str) -> ValueProblem:
    return ValueProblem(code, message, CODES[code][1])


class SanziReview(Model):
    """The supervision committee's review of the disclosure (监督委员会审核)."""

    model_config = zh("监督委员会审核", "监督委员会对本次三资公开的审核")

    by: Text = Field(title="审核单位", description="照实写，例如 村务监督委员会 或 居务监督委员会")
    date: Date = Field(title="审核日期")
    opinion: Text = Field(title="审核意见", description="例如 经审核，账实相符，无异议。")


class _Disclosure(Model):
    """What every 三资 file says of itself: as of when, published when, reviewed by whom."""

    date: Date = Field(
        title="截至日期", description="表中数字统计到哪一天，例如 2026-09-30 或 2026年9月30日"
    )
    published: Date = Field(title="公开日期", description="贴出公示的日子，不能早于截至日期")
    review: SanziReview | None = Field(None, title="监督委员会审核")
    note: str | None = Field(None, title="说明", description="整份公示的说明，可不写")

    @field_validator("published")
    @classmethod
    def _not_before_date(cls, published: dt.date, info: ValidationInfo) -> dt.date:
        as_of = info.data.get("date")  # absent when the date itself was wrong
        if as_of is not None and published < as_of:
            raise _problem(
                "sanzi.published_early",
                f"公开日期 {published.isoformat()} 早于截至日期 {as_of.isoformat()}",
            )
        return published


class Asset(Model):
    """One collective asset (资产): a building, a machine, a vehicle, a facility."""

    model_config = zh("资产", "一项集体资产：房屋、机器、车辆、设施")

    name: Text = Field(title="资产名称", description="例如 社区服务中心综合楼")
    kind: str | None = Field(None, title="类别", description="例如 房屋、设备、车辆、设施")
    value: Amount = Field(title="原值（元）", description='例如 1280000 或 "128万"')
    location: str | None = Field(None, title="坐落位置", description="例如 安置区东门")
    user: str | None = Field(
        None, title="使用单位或使用人", description="例如 社区居委会；个人只写姓名，不写电话"
    )
    acquired: When | None = Field(None, title="购建时间", description="例如 2019-12 或 2017年")
    status: str | None = Field(None, title="使用状况", description="例如 在用、闲置、出租、报废")
    note: str | None = Field(None, title="备注")


class Contract(Model):
    """One contract of the collective (合同): who with, for what, how much, how long."""

    model_config = zh("合同", "集体的一份合同：和谁签、为什么事、多少钱、多长时间")

    number: Text = Field(title="合同编号", description="每份合同的编号各不相同，例如 JX-2024-003")
    subject: Text = Field(title="合同内容", description="例如 扶贫车间厂房租赁")
    party: Text = Field(
        title="对方单位或个人",
        description="例如 某某服装有限公司；个人只写姓名，不写电话和身份证号",
    )
    amount: Amount = Field(title="合同金额（元）", description='例如 36000 或 "叁万陆仟元整"')
    term: DateRange | None = Field(
        None,
        title="合同期限",
        description="例如 2024年1月1日至2026年12月31日；也可以不写这一项，改写 start 和 end",
    )
    start: Date | None = Field(None, title="开始日期")
    end: Date | None = Field(None, title="结束日期", description="过了这一天，页面显示“已到期”")
    signed: Date | None = Field(None, title="签订日期")
    payment: str | None = Field(None, title="付款方式", description="例如 每年1月支付当年租金")
    note: str | None = Field(None, title="备注")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            raise _problem(
                "date_range.order",
                f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}",
            )
        return end

    @model_validator(mode="after")
    def _one_term(self) -> Contract:
        if self.term is not None and (self.start is not None or self.end is not None):
            raise _problem("sanzi.term", "合同期限写了两遍：term 和 start/end 只能写一种")
        if self.term is None and self.end is None:
            raise _problem("sanzi.term", "没有写合同到哪天为止（term 或 end）")
        return self

    @property
    def first_day(self) -> dt.date | None:
        return self.term[0] if self.term else self.start

    @property
    def last_day(self) -> dt.date:
        last = self.term[1] if self.term else self.end
        assert last is not None  # _one_term
        return last


class Resource(Model):
    """One collective resource (资源): land, a shopfront, a workshop; who uses it, for what rent."""

    model_config = zh("资源", "一项集体资源：土地、门面、厂房；谁在用、租金多少")

    name: Text = Field(title="资源名称", description="例如 安置区临街门面")
    kind: str | None = Field(None, title="类别", description="例如 土地、门面、厂房")
    area: AreaValue | None = Field(None, title="面积", description="数字加单位，例如 12.5亩")
    location: str | None = Field(None, title="坐落位置")
    status: str | None = Field(None, title="使用状况", description="例如 出租、自用、闲置")
    tenant: str | None = Field(
        None, title="承租方或使用人", description="单位名称，或个人的姓名（不写电话和身份证号）"
    )
    rent: Amount | None = Field(None, title="租金（元）", description="例如 12000")
    rent_period: str | None = Field(
        None, title="租金期间", description="租金是多长时间的：每年、每月、一次性"
    )
    term: DateRange | None = Field(
        None, title="租用期限", description="例如 2024年1月1日至2026年12月31日"
    )
    contract: str | None = Field(
        None, title="合同编号", description="对应 contracts.yml 中合同的编号，可不写"
    )
    note: str | None = Field(None, title="备注")

    @model_validator(mode="after")
    def _rent_has_period(self) -> Resource:
        if self.rent is not None and not self.rent_period:
            raise _problem("sanzi.rent_period", f"租金 {self.rent} 元没有写是每年、每月还是一次性")
        return self


class Assets(_Disclosure):
    """sanzi/assets.yml: 资产公开."""

    model_config = zh("三资公开：资产", "资产公开 sanzi/assets.yml")

    items: list[Asset] = Field(title="资产清单", description="每项资产一条，以“- ”开头")


class Contracts(_Disclosure):
    """sanzi/contracts.yml: 合同公开."""

    model_config = zh("三资公开：合同", "合同公开 sanzi/contracts.yml")

    items: list[Contract] = Field(title="合同清单", description="每份合同一条，以“- ”开头")


class Resources(_Disclosure):
    """sanzi/resources.yml: 资源公开."""

    model_config = zh("三资公开：资源", "资源公开 sanzi/resources.yml")

    items: list[Resource] = Field(title="资源清单", description="每项资源一条，以“- ”开头")


# file stem -> (model, what residents call it)
SANZI_FILES: dict[str, tuple[type[_Disclosure], str]] = {
    "assets": (Assets, "资产"),
    "contracts": (Contracts, "合同"),
    "resources": (Resources, "资源"),
}
