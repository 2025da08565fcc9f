"""JSON Schema for every data file, so staff editors show Chinese hints as they type.

The schemas are generated from the pydantic models (their Chinese titles and
descriptions) and committed under schema/; each sample data file starts with a
``# yaml-language-server: $schema=…`` line that points at its schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.contract.councils import Councils
from generator.contract.editor import for_editors
from generator.contract.fund_periods import Budget, PeriodHeader
from generator.contract.funds import Account
from generator.contract.grids import Grids
from generator.contract.handbook import Handbook
from generator.contract.lists import ListMeta
from generator.contract.notices import NoticeMeta
from generator.contract.portal import Portal
from generator.contract.sanzi import Assets, Contracts, Resources
from generator.contract.settlement import Settlement
from generator.contract.windows import Windows

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "portal": (Portal, "平台设置 portal.yml"),
    "settlement": (Settlement, "安置点概况 settlement.yml"),
    "handbook": (Handbook, "便民服务手册 handbook.yml"),
    "windows": (Windows, "服务窗口 windows.yml"),
    "grids": (Grids, "网格 grids.yml"),
    "councils": (Councils, "居民公约与七会 councils.yml"),
    "account": (Account, "经费账户 funds/account.yml"),
    "quarter": (PeriodHeader, "每期公开 funds/2025-Q1.yml 或 funds/2025-07.yml"),
    "budget": (Budget, "年度收支计划 funds/budget-2026.yml"),
    "notice": (NoticeMeta, "通知公告信息区 notices/*.md"),
    "list": (ListMeta, "名单公示 lists/*.yml"),
    "sanzi_assets": (Assets, "三资公开：资产 sanzi/assets.yml"),
    "sanzi_contracts": (Contracts, "三资公开：合同 sanzi/contracts.yml"),
    "sanzi_resources": (Resources, "三资公开：资源 sanzi/resources.yml"),
}


def json_schema(name: str, editors: bool = True) -> dict:
    """The schema of one data file; ``editors`` adds yaml-language-server's extras (editor.py)."""
    model, title = SCHEMAS[name]
    schema = model.model_json_schema(mode="validation")
    schema["title"] = title
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    _keep_titles_of_references(schema)
    return for_editors(schema) if editors else schema


def _keep_titles_of_references(schema: dict) -> None:
    """A key whose title is its model's title: pydantic leaves only the $ref, we keep both."""
    defs = schema.get("$defs", {})
    for node in [schema, *defs.values()]:
        for prop in node.get("properties", {}).values():
            if "$ref" in prop and "title" not in prop:
                prop["title"] = defs[prop["$ref"].rsplit("/", 1)[-1]]["title"]


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = out_dir / f"{name}.schema.json"
        text = json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def schema_for(path: Path) -> str | None:
    """Which schema a data file follows, from its name and folder."""
    if path.suffix == ".md":
        return "notice" if path.parent.name == "notices" else None
    if path.parent.name == "lists":
        return "list" if path.suffix == ".yml" else None
    if path.parent.name == "sanzi":
        name = f"sanzi_{path.stem}"
        return name if path.suffix == ".yml" and name in SCHEMAS else None
    if path.parent.name == "funds":
        if path.name == "account.yml":
            return "account"
        return "budget" if path.name.startswith("budget-") else "quarter"
    return path.stem if path.stem in SCHEMAS else None
