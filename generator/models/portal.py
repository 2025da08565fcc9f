"""portal.yml: the county hub that lists every settlement."""

from __future__ import annotations

from pydantic import Field, field_validator

from generator.models.common import Model, Phone, Text


class FundsPolicy(Model):
    """How quickly quarters must be disclosed and how long they stay online."""

    deadline_days: int = Field(
        15, ge=0, le=366, title="公开期限（天）", description="季度结束后多少天内必须公开"
    )
    retention_quarters: int = Field(
        12, ge=1, le=200, title="保留季度数", description="网上至少保留多少个过去的季度"
    )


class Portal(Model):
    """The hub: who publishes it, where it lives, how funds are disclosed."""

    title: Text = Field(title="平台名称", description="例如 夏县易地扶贫搬迁安置社区信息公开平台")
    publisher: Text = Field(title="主办单位", description="例如 夏县民政局")
    base_url: str = Field(
        title="网站地址",
        description="发布后的网址，以 / 结尾；用于站点地图、二维码和绝对链接",
        pattern=r"^https?://[^\s/]+(/[^\s]*)?/$",
    )
    contact_phone: Phone | None = Field(None, title="联系电话")
    funds: FundsPolicy = Field(default_factory=FundsPolicy, title="经费公开要求")

    @field_validator("base_url", mode="before")
    @classmethod
    def _trailing_slash(cls, value: object) -> object:
        if isinstance(value, str) and value.strip() and not value.strip().endswith("/"):
            return value.strip() + "/"
        return value
