"""portal.yml: the county hub that lists every settlement."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, field_validator

from generator.contract.common import Model, Phone, Text, zh
from generator.read.values import ValueProblem
from generator.read.values.urls import web_address


class FundsPolicy(Model):
    """How quickly months and quarters must be disclosed and how long they stay online."""

    model_config = zh("经费公开要求", "每月、每季度要在多久内公开，公开后在网上保留多久")

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


# One search word: a term, not a sentence (no spaces, at most 20 characters).
SearchWord = Annotated[str, Field(min_length=1, max_length=20)]
_NOT_IN_A_WORD = re.compile(r"[\s<>&\"'`]")


class Synonym(Model):
    """Words residents use for the same thing: a page that says one is found by all of them."""

    model_config = zh("搜索同义词", "居民说同一件事的不同说法：页面写了其中一个，搜哪个都能找到")

    words: list[SearchWord] = Field(
        min_length=1,
        title="同义词",
        description="说法不同、意思相同的词，例如 [低保, 底保, 最低生活保障, dibao]；"
        "页面上出现其中任何一个词，用其中任何一个词都能搜到这一页；"
        "每个词不超过 20 个字，不要有空格",
        examples=[["低保", "底保", "最低生活保障", "dibao"]],
    )
    also: list[SearchWord] = Field(
        default_factory=list,
        title="也能这样搜",
        description="居民常用的问法，只单向起作用：搜这些词，能找到标题里有 words 中任何一个词的"
        "那一项（例如标题是“城乡居民医保参保缴费”的服务）；页面上出现这些词，不会让人用 words "
        "搜到它。例如医保那组写 [看病报销, 住院报销]",
        examples=[["看病报销", "住院报销"]],
    )

    @field_validator("words", "also")
    @classmethod
    def _one_term_each(cls, words: list[str]) -> list[str]:
        for word in words:
            if _NOT_IN_A_WORD.search(word):
                raise ValueProblem(
                    "schema.invalid",
                    f"搜索词「{word[:20]}」里有空格、引号或 < > & 符号",
                    "每个词单独写一项，例如 [低保, 底保]，不要用空格把几个词写在一起，"
                    "也不要写引号和 < > & 符号。",
                )
        return words


class Portal(Model):
    """The hub: who publishes it, where it lives, how funds are disclosed, how search matches."""

    model_config = zh("平台设置", "平台总设置：谁发布、网址、经费怎么公开、搜索怎么匹配")

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
    synonyms: list[Synonym] = Field(
        default_factory=list,
        title="搜索同义词",
        description="全县所有平台共用的搜索同义词，每组以“- words:”开头；"
        "居民搜错别字、简称、拼音或口头说法时也能找到对应的办事指南、网格和窗口",
        examples=[[{"words": ["低保", "底保", "最低生活保障"], "also": ["生活困难补助"]}]],
    )

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
