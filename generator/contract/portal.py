"""portal.yml: the county hub that lists every settlement."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from generator.contract.common import Model, Phone, Text
from generator.read.values import ValueProblem
from generator.read.values.urls import web_address


class FundsPolicy(Model):
    """How quickly months and quarters must be disclosed and how long they stay online."""

    deadline_days: int = Field(
        15, ge=0, le=366, title="公开期限（天）", description="季度结束后多少天内必须公开"
    )
    month_deadline_days: int = Field(
        10,
        ge=0,
        le=366,
        title="按月公开的期限（天）",
        description="按月公开的，月份结束后多少天内必须公开",
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
        description="发布后的网址，以 https:// 或 http:// 开头、以 / 结尾；"
        "用于站点地图、二维码和绝对链接",
        pattern=r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%:@-]*)*/$",
    )
    contact_phone: Phone | None = Field(None, title="联系电话")
    funds: FundsPolicy = Field(default_factory=FundsPolicy, title="经费公开要求")

    @field_validator("base_url", mode="before")
    @classmethod
    def _web_address(cls, value: object) -> object:
        """An http(s) address with nothing that could leave an HTML attribute or a URL."""
        if not isinstance(value, str):
            return value
        url = value.strip()
        if url and not url.endswith("/"):
            url += "/"
        return check_base_url(url)


# what may stand in the path of base_url: RFC 3986's unreserved characters, ":", "@",
# "%" escapes and "/". It lands in HTML attributes, XML (the sitemap), JSON and JS, so
# none of the characters special there (quotes, <, >, &, backslash, space) is allowed.
_PATH = re.compile(r"(?:/[A-Za-z0-9._~%:@-]*)*/")
_URL_HINT = (
    "请写完整的网址，以 https:// 开头、以 / 结尾，例如 https://example.gov.cn/anzhi/；"
    "网址中不能有空格、引号、尖括号 < > 或反斜杠，中文请换成 %E4%B8%AD 这样的编码。"
)


def check_base_url(url: str) -> str:
    """url if it is a plain http(s) address of a site folder, else ValueProblem(schema.url)."""
    shown = url if len(url) <= 60 else url[:59] + "…"

    def refuse(why: str) -> ValueProblem:
        return ValueProblem("schema.url", f"「{shown}」不是可用的网址：{why}", _URL_HINT)

    parts = web_address(url, refuse)
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise refuse("不能有 ? 或 # 后面的部分")
    if not _PATH.fullmatch(parts.path or "/"):
        raise refuse("路径中有网址里不能直接写的字符（如引号、尖括号、& 或中文）")
    return url
