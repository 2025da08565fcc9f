"""funds/account.yml and funds/<quarter>.yml: the fund account and each disclosed quarter."""

from __future__ import annotations

import re

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Amount, Date, Id, Model, Quarter, Text

# A plain file name beside the quarter's header: no folders, so it cannot point outside.
LEDGER_FILE = r"^[^/\\:*?\"<>|]+\.(?:[cC][sS][vV]|[xX][lL][sS][xX])$"


class Source(Model):
    """Where money comes from (资金来源); ledger rows name it by id or name."""

    id: Id = Field(title="来源编号", description="英文编号，例如 budget")
    name: Text = Field(title="来源名称", description="例如 县财政预算拨付")


class Signers(Model):
    """双签字: the roles that approve and countersign every expense."""

    approver: Text = Field(title="审批人", description="职务，例如 社区服务中心主任")
    countersigner: Text = Field(title="审签人", description="职务，例如 社区党支部书记")


class Account(Model):
    """The settlement's fund account: its sources, expense categories and signing rules."""

    name: Text = Field(title="账户名称", description="例如 新天地社区工作经费")
    sources: list[Source] = Field(title="资金来源")
    categories: list[Text] = Field(title="支出类别", description="台账“类别”列只能用这些")
    signers: Signers = Field(title="双签字")
    rules: list[Text] = Field(default_factory=list, title="管理制度", description="经费使用规定")


class Review(Model):
    """The supervision committee's opinion on the quarter (居务监督委员会审核)."""

    by: Text = Field("居务监督委员会", title="审核单位")
    date: Date = Field(title="审核日期")
    opinion: Text = Field(title="审核意见", description="例如 经审核，收支真实，无异议。")


class Correction(Model):
    """Why a sealed quarter was changed after publication."""

    date: Date = Field(title="更正日期")
    reason: Text = Field(title="更正原因")


class QuarterHeader(Model):
    """One disclosed quarter: balances, the ledger file, the review and the seal."""

    quarter: Quarter = Field(title="季度", description="例如 2025-Q1")
    published: Date = Field(title="公开日期")
    opening_balance: Amount = Field(title="期初余额（元）")
    closing_balance: Amount = Field(
        title="期末余额（元）", description="须等于 期初余额 + 本季收入 − 本季支出"
    )
    ledger: str = Field(
        json_schema_extra={"pattern": LEDGER_FILE},
        title="台账文件",
        description="与本文件放在同一文件夹的 .csv 或 .xlsx 文件名，例如 2025-Q1.csv",
    )
    review: Review | None = Field(None, title="监督委员会审核")
    seal: str | None = Field(
        None, title="封存标记", description="公开后由生成器的 seal 命令写入，请勿手工修改"
    )
    corrections: list[Correction] = Field(
        default_factory=list, title="更正说明", description="修改已封存的季度时必须写明原因"
    )

    @field_validator("ledger")
    @classmethod
    def _plain_file_name(cls, ledger: str) -> str:
        if not re.fullmatch(LEDGER_FILE, ledger):
            raise PydanticCustomError(
                "schema.invalid",
                "只写文件名，以 .csv 或 .xlsx 结尾，例如 2025-Q1.csv；"
                "文件要和本文件放在同一个 funds 文件夹",
            )
        return ledger
