"""funds/account.yml: the fund account, its sources, categories, signing rules and rhythm."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Amount, Id, Model, Text, zh
from generator.read.ledger.columns import SIGNATURE_COLUMNS, column_key
from generator.read.values import ValueProblem
from generator.read.values.problem import show


def choice(
    what: str, accepted: dict[str, str], hint: str, description: str, example: str
) -> tuple[BeforeValidator, WithJsonSchema]:
    """A closed choice staff may write in Chinese or English: 按月 → month."""
    lookup = {re.sub(r"\s+", "", k).casefold(): v for k, v in accepted.items()}

    def pick(value: object) -> object:
        if value is None:
            return None
        if isinstance(value, str) and re.sub(r"\s+", "", value).casefold() in lookup:
            return lookup[re.sub(r"\s+", "", value).casefold()]
        raise ValueProblem("schema.choice", f"「{show(value)}」不是可选的{what}", hint)

    shown = sorted(set(accepted) - set(accepted.values()))
    schema = {"type": "string", "enum": [*dict.fromkeys(accepted.values()), *shown]}
    return BeforeValidator(pick), WithJsonSchema(
        schema | {"description": description, "examples": [example]}
    )


PeriodKind = Annotated[
    Literal["month", "quarter"],
    *choice(
        "公开周期",
        {"month": "month", "quarter": "quarter", "月": "month", "按月": "month",
         "每月": "month", "按月公开": "month", "季度": "quarter", "按季度": "quarter",
         "每季度": "quarter", "按季度公开": "quarter", "季": "quarter"},
        "公开周期写 按月（month）或 按季度（quarter）。",
        "按月（month）或按季度（quarter）公开；按月公开的每期文件写 month: 2025-07",
        "quarter",
    ),
]  # fmt: skip
VoucherScope = Annotated[
    Literal["month", "quarter", "year", "account"],
    *choice(
        "凭证号编号范围",
        {"month": "month", "quarter": "quarter", "year": "year", "account": "account",
         "月": "month", "每月": "month", "按月": "month", "季度": "quarter", "每季度": "quarter",
         "按季度": "quarter", "年": "year", "每年": "year", "按年": "year", "账户": "account",
         "整个账户": "account", "不重复": "account"},
        "写 每月（month）、每季度（quarter）、每年（year）或 整个账户（account）：凭证号在这个"
        "范围内不能重复，每到新的一月、一季或一年可以重新从 1 编号。",
        "凭证号在什么范围内不能重复：每月（month）、每季度、每年，或整个账户（account，默认）",
        "month",
    ),
]  # fmt: skip


class Source(Model):
    """Where money comes from (资金来源); ledger rows name it by id or name."""

    model_config = zh("资金来源", "钱从哪里来；流水里用编号或名称指它")

    id: Id = Field(title="来源编号", description="英文编号，例如 budget")
    name: Text = Field(title="来源名称", description="例如 县财政预算拨付")


class SubFund(Model):
    """An earmarked part of the account (专项经费) that keeps its own balance."""

    model_config = zh("专项经费", "账户里单独记余额的一部分经费")

    id: Id = Field(title="专项编号", description="英文编号，例如 office")
    name: Text = Field(title="专项名称", description="例如 办公经费、服务群众专项经费、自治经费")


class Signers(Model):
    """双签字 (version 1): the roles that approve and countersign every expense."""

    model_config = zh("签字规则（双签字）", "每笔支出由谁审批、由谁会签")

    approver: Text = Field(title="审批人", description="职务，例如 社区服务中心主任")
    countersigner: Text = Field(title="审签人", description="职务，例如 社区党支部书记")


class Signer(Model):
    """One signature every expense (or every expense above an amount) must carry."""

    model_config = zh("签字", "每笔支出（或超过某个金额的支出）必须有的一个签字")

    column: str = Field(
        title="台账中的列",
        description="台账里签这个字的列名：审批人、审签人、证明人 或 第三签字人",
        json_schema_extra={"examples": ["审批人"]},
    )
    role: Text = Field(title="由谁签", description="职务，例如 村党支部书记")
    over: Amount | None = Field(
        None,
        title="超过多少元才要签",
        description="不写表示每笔支出都要签；写 1000 表示超过 1000 元的支出才要签",
    )

    @field_validator("column")
    @classmethod
    def _known_column(cls, column: str) -> str:
        key = column_key(column)
        if key not in SIGNATURE_COLUMNS:
            names = "、".join(SIGNATURE_COLUMNS.values())
            raise PydanticCustomError(
                "schema.choice", f"「{show(column)}」不是签字的列；可写：{names}"
            )
        return key


class Approval(Model):
    """审批权限: who approves an expense of up to an amount."""

    model_config = zh("审批权限", "多少金额以内的支出由谁审批")

    up_to: Amount | None = Field(
        None, title="不超过（元）", description="这一级能批的最高金额；最后一级不写，表示更大的金额"
    )
    by: Text = Field(title="审批人", description="例如 村委会主任、街道办事处、主管领导")
    names: list[Text] = Field(
        default_factory=list,
        title="审批人姓名",
        description="可选：写了姓名，台账“审批人”一列就必须是其中之一（或更高一级的人）",
    )


class Account(Model):
    """The settlement's fund account: sources, categories, signing rules and how it is disclosed."""

    model_config = zh("经费账户", "本安置点的经费账户：资金来源、支出类别、签字规则和公开方式")

    name: Text = Field(title="账户名称", description="例如 新天地社区工作经费")
    sources: list[Source] = Field(title="资金来源")
    categories: list[Text] = Field(title="支出类别", description="台账“类别”列只能用这些")
    signers: Signers | list[Signer] = Field(
        title="签字规则（双签字）",
        description="双签字写 approver 和 countersigner；更多签字或证明人写成列表，"
        "每项是 {column: 台账中的列, role: 由谁签, over: 超过多少元才要签}",
    )
    approval: list[Approval] = Field(
        default_factory=list, title="审批权限", description="按金额分级审批：每级写 up_to 和 by"
    )
    period: PeriodKind = Field("quarter", title="公开周期", description="按月或按季度公开")
    voucher_scope: VoucherScope = Field("account", title="凭证号编号范围")
    carry_over: bool = Field(
        True,
        title="结余可以结转",
        description="写 false 表示结余不得转存：每年第一期的期初余额为 0",
    )
    subfunds: list[SubFund] = Field(
        default_factory=list,
        title="专项经费",
        description="分开记账、各有余额的专项（办公、服务、自治…）；台账每行在“专项”列写明属于哪一项",
    )
    committee: Text = Field(
        "居务监督委员会", title="监督委员会", description="例如 居务监督委员会 或 村务监督委员会"
    )
    rules: list[Text] = Field(default_factory=list, title="管理制度", description="经费使用规定")

    @field_validator("approval")
    @classmethod
    def _ascending(cls, approval: list[Approval]) -> list[Approval]:
        limits = [a.up_to for a in approval]
        if any(limit is None for limit in limits[:-1]):
            raise PydanticCustomError(
                "schema.invalid", "审批权限只有最后一级可以不写 up_to（表示更大的金额）"
            )
        known = [limit for limit in limits if limit is not None]
        if known != sorted(set(known)):
            raise PydanticCustomError(
                "schema.invalid", "审批权限要从小到大写，每一级的 up_to 比上一级大"
            )
        return approval

    @model_validator(mode="after")
    def _distinct_subfunds(self) -> Account:
        ids = [f.id for f in self.subfunds] + [f.name for f in self.subfunds]
        if len(ids) != len(set(ids)):
            raise PydanticCustomError("schema.invalid", "专项经费的编号和名称不能重复")
        return self

    @property
    def signer_rules(self) -> tuple[Signer, ...]:
        """Every signature rule; version 1's 双签字 as two rules."""
        if isinstance(self.signers, Signers):
            return (
                Signer(column="审批人", role=self.signers.approver),
                Signer(column="审签人", role=self.signers.countersigner),
            )
        return tuple(self.signers)

    def required_signatures(self, amount: Decimal) -> tuple[Signer, ...]:
        """The signatures an expense of this amount needs."""
        return tuple(s for s in self.signer_rules if s.over is None or amount > s.over)

    @property
    def always_signed(self) -> tuple[str, ...]:
        """The signature columns every expense needs, whatever its amount."""
        return tuple(s.column for s in self.signer_rules if s.over is None)

    def approval_for(self, amount: Decimal) -> tuple[int, Approval] | None:
        """The level (0 = lowest) and rule that approves an expense of this amount."""
        for level, rule in enumerate(self.approval):
            if rule.up_to is None or amount <= rule.up_to:
                return level, rule
        return None

    def subfund(self, written: str) -> SubFund | None:
        """The sub-fund a ledger row names, by id or name."""
        return next((f for f in self.subfunds if written in (f.id, f.name)), None)
