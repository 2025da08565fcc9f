"""handbook.yml: the 便民服务手册, services grouped by category."""

from __future__ import annotations

from pydantic import Field

from generator.contract.common import Id, Model, Phone, Text


class Service(Model):
    """One service residents can apply for: who, what to bring, where, how long, how much."""

    id: Id = Field(title="事项编号", description="英文编号，例如 school-transfer，在手册中不能重复")
    name: Text = Field(title="事项名称", description="例如 搬迁子女转学入学")
    summary: str | None = Field(None, title="简介", description="一句话说明办的是什么事")
    # `for` is a Python keyword: the field is `eligibility`, written `for` in the YAML.
    eligibility: str | None = Field(
        None, alias="for", title="办理对象", description="谁可以办，例如 6至15周岁儿童"
    )
    documents: list[Text] = Field(default_factory=list, title="所需材料")
    steps: list[Text] = Field(default_factory=list, title="办理流程", description="按先后顺序")
    window: Id | None = Field(
        None, title="办理窗口", description="windows.yml 中窗口的编号（id），例如 education"
    )
    time_limit: str | None = Field(None, title="办结时限", description="例如 5个工作日")
    fee: str | None = Field(None, title="收费标准", description="例如 免费")
    phone: Phone | None = Field(None, title="咨询电话")
    basis: str | None = Field(None, title="办理依据", description="法律、法规或政策文件名称")
    keywords: list[Text] = Field(
        default_factory=list,
        title="关键词",
        description="居民可能用的说法，用于搜索和“我要办……”，例如 上学、转学",
    )
    notes: str | None = Field(None, title="温馨提示", description="可用 Markdown")


class Category(Model):
    """A group of services (户籍, 义务教育, 就业创业 …)."""

    id: Id = Field(title="类别编号", description="英文编号，例如 education")
    name: Text = Field(title="类别名称", description="例如 义务教育")
    services: list[Service] = Field(default_factory=list, title="服务事项")


class Handbook(Model):
    """The settlement's service handbook."""

    title: Text = Field(title="手册名称", description="例如 新天地社区便民服务手册")
    foreword: str | None = Field(None, title="前言", description="可用 Markdown")
    edition: str | None = Field(None, title="版次", description="例如 2025年10月版")
    categories: list[Category] = Field(title="服务类别")

    @property
    def all_services(self) -> list[Service]:
        """Every service of every category, in order."""
        return [service for category in self.categories for service in category.services]
