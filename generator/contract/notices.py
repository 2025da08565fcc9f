"""notices/*.md: the front matter of a notice (通知公告)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Date, Model, Text, zh
from generator.errors import codes

# code -> (title, hint): a notice's file
NOTICE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "notice.filename": (
            "通知文件名不符合要求",
            "通知文件名应以日期开头，例如 2025-10-08-招聘信息.md。",
        ),
    }
)


class NoticeMeta(Model):
    """What a notice says about itself between the two `---` lines."""

    model_config = zh("通知公告信息区", "通知开头两行 --- 之间写的信息")

    title: Text = Field(title="标题")
    date: Date = Field(title="发布日期")
    expires: Date | None = Field(
        None, title="有效期至", description="过了这一天，通知移到“往期通知”；不写表示长期有效"
    )
    category: str | None = Field(None, title="类别", description="例如 通知、安全提示、招聘信息")
    pinned: bool = Field(False, title="置顶", description="写 true 时显示在最前面")

    @field_validator("expires")
    @classmethod
    def _expires_after_date(cls, expires: dt.date | None, info: ValidationInfo) -> dt.date | None:
        published = info.data.get("date")  # absent when the date itself was wrong
        if expires is not None and published is not None and expires < published:
            raise PydanticCustomError("schema.invalid", "早于发布日期（date），请检查是否写反了")
        return expires
