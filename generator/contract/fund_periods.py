"""funds/<period>.yml: one disclosed month or quarter; funds/budget-<year>.yml: the year's plan."""

from __future__ import annotations

import re

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Amount, Date, FundMonth, Model, Quarter, Text, zh
from generator.errors import codes
from generator.read.ledger.formats import other_format, save_as_hint
from generator.read.values import Period, ValueProblem

PERIOD_FILE_CODES = codes(
    {
        "funds.period_missing": (
            "没有写明公开的是哪一期",
            "按季度公开写 quarter: 2025-Q1，按月公开写 month: 2025-07，二者只写一个。",
        ),
    }
)

# A plain file name beside the period's header: no folders, so it cannot point outside.
PLAIN_NAME = r"[^/\\:*?\"<>|]+"
LEDGER_FILE = rf"^{PLAIN_NAME}\.(?:[cC][sS][vV]|[xX][lL][sS][xX])$"


class Review(Model):
    """The supervision committee's opinion on the period (居务/村务监督委员会审核)."""

    model_config = zh("监督委员会审核", "居务/村务监督委员会对本期公开的审核意见")

    by: Text = Field("居务监督委员会", title="审核单位", description="例如 村务监督委员会")
    date: Date = Field(title="审核日期")
    opinion: Text = Field(title="审核意见", description="例如 经审核，收支真实，无异议。")


class Correction(Model):
    """Why a sealed period was changed after publication."""

    model_config = zh("更正说明", "已封存的一期在公开后又改动时，说明为什么改")

    date: Date = Field(title="更正日期")
    reason: Text = Field(title="更正原因")


class Balances(Model):
    """A sub-fund's balances for the period."""

    model_config = zh("专项经费余额", "一项专项经费本期的期初、收入、支出和期末")

    opening_balance: Amount = Field(title="期初余额（元）")
    closing_balance: Amount = Field(title="期末余额（元）")


class PeriodHeader(Model):
    """One disclosed month or quarter: balances, the ledger file, the review and the seal."""

    model_config = zh("每期公开", "公开的一个月或一个季度：余额、流水文件、审核意见和封存")

    quarter: Quarter | None = Field(
        None, title="季度", description="按季度公开写 quarter: 2025-Q1（与 month 二选一）"
    )
    month: FundMonth | None = Field(
        None, title="月份", description="按月公开写 month: 2025-07（与 quarter 二选一）"
    )
    published: Date = Field(title="公开日期")
    opening_balance: Amount = Field(title="期初余额（元）")
    closing_balance: Amount = Field(
        title="期末余额（元）", description="须等于 期初余额 + 本期收入 − 本期支出"
    )
    ledger: str = Field(
        json_schema_extra={"pattern": LEDGER_FILE},
        title="台账文件",
        description="与本文件放在同一文件夹的 .csv 或 .xlsx 文件名，例如 2025-Q1.csv",
    )
    subfunds: dict[str, Balances] = Field(
        default_factory=dict,
        title="专项经费余额",
        description="有专项经费时，每个专项（写编号或名称）的期初、期末余额",
    )
    review: Review | None = Field(None, title="监督委员会审核")
    seal: str | None = Field(
        None, title="封存标记", description="公开后由生成器的 seal 命令写入，请勿手工修改"
    )
    corrections: list[Correction] = Field(
        default_factory=list, title="更正说明", description="修改已封存的一期时必须写明原因"
    )

    @field_validator("ledger")
    @classmethod
    def _plain_file_name(cls, ledger: str) -> str:
        other = other_format(ledger)
        if other is not None and re.fullmatch(PLAIN_NAME, ledger):
            raise ValueProblem(
                "ledger.format",
                f"台账「{ledger}」的格式是 {other.name}，网站程序读不了，请另存为 .xlsx",
                save_as_hint(other, ledger.rsplit(".", 1)[0]),
            )
        if not re.fullmatch(LEDGER_FILE, ledger):
            raise PydanticCustomError(
                "schema.invalid",
                "只写文件名，以 .csv 或 .xlsx 结尾，例如 2025-Q1.csv；"
                "文件要和本文件放在同一个 funds 文件夹",
            )
        return ledger

    @model_validator(mode="after")
    def _one_period(self) -> PeriodHeader:
        if (self.quarter is None) == (self.month is None):
            raise PydanticCustomError(
                "funds.period_missing",
                "每期文件要写明公开的是哪一期：按季度写 quarter: 2025-Q1，按月写 month: 2025-07"
                "（二者只写一个）",
            )
        return self

    @property
    def period(self) -> Period:
        """The month or quarter disclosed."""
        found = self.quarter or self.month
        assert found is not None
        return found


QuarterHeader = PeriodHeader  # version 1's name


class PlannedIncome(Model):
    model_config = zh("计划收入", "一项计划收入：资金来源和金额")

    source: Text = Field(title="资金来源", description="account.yml 中来源的编号或名称")
    amount: Amount = Field(title="计划金额（元）")


class PlannedExpense(Model):
    model_config = zh("计划支出", "一项计划支出：支出类别和金额")

    category: Text = Field(title="支出类别", description="account.yml 的 categories 之一")
    amount: Amount = Field(title="计划金额（元）")


class FinalAccount(Model):
    """决算: the year's actual figures, approved at year end."""

    model_config = zh("决算", "年底通过的全年实际收支")

    date: Date = Field(title="决算日期")
    approved_by: Text | None = Field(None, title="审议通过", description="例如 居民代表会议")
    note: Text | None = Field(None, title="说明")


class Budget(Model):
    """The year's plan (年度财务收支计划) and, at year end, its 决算."""

    model_config = zh("年度收支计划", "年度财务收支计划，年底再写决算")

    year: int = Field(ge=1900, le=2100, title="年度", description="例如 2026")
    approved: Date | None = Field(None, title="计划通过日期")
    approved_by: Text | None = Field(None, title="审议通过", description="例如 居民代表会议")
    income: list[PlannedIncome] = Field(default_factory=list, title="计划收入")
    expense: list[PlannedExpense] = Field(default_factory=list, title="计划支出")
    final: FinalAccount | None = Field(None, title="决算")
