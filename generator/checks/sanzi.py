"""三资公开's rules across items: each contract number once, a resource's contract exists.

They read the files as written (``Sanzi.sources``), not the validated models, so a
duplicate number is reported in the same run as any other mistake of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.contract.data import Loaded
from generator.errors import Report, codes
from generator.read.located import Located

# code -> (title, hint)
SANZI_CHECK_CODES: dict[str, tuple[str, str]] = codes(
    {
        "sanzi.duplicate_number": (
            "合同编号重复",
            "contracts.yml 中每份合同的编号（number）必须互不相同；"
            "同一份合同只写一次，续签的合同请用新的编号。",
        ),
        "sanzi.unknown_contract": (
            "资源写的合同编号不存在",
            "resources.yml 中 contract 写的编号要和 contracts.yml 中某份合同的 number 一样；"
            "请检查拼写，或者不写这一项。",
        ),
    }
)


def _numbers(located: Located | None, key: str) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Each item's value of key as written, trimmed, with its place."""
    data = located.data if located is not None else None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        value = item.get(key) if isinstance(item, dict) else None
        if isinstance(value, str) and value.strip():
            yield value.strip(), ("items", index, key)


def check_sanzi(s: Loaded, report: Report) -> None:
    if s.sanzi is None:
        return
    contracts = s.sanzi.sources.get("contracts")
    seen: dict[str, int] = {}
    for number, loc in _numbers(contracts, "number"):
        assert contracts is not None
        line, column = contracts.place(loc)
        if number in seen:
            report.add(
                "sanzi.duplicate_number",
                f"合同编号「{number}」重复了（第一次在第 {seen[number]} 行）",
                contracts.path,
                line,
                column,
            )
        else:
            seen[number] = line
    resources = s.sanzi.sources.get("resources")
    if resources is None or (contracts is None and "contracts" in s.sanzi.paths):
        return  # contracts.yml could not be read: its numbers are unknown
    for number, loc in _numbers(resources, "contract"):
        if number not in seen:
            report.add(
                "sanzi.unknown_contract",
                f"合同编号「{number}」在 contracts.yml 中没有"
                + ("" if contracts is not None else "（本安置点没有 contracts.yml）"),
                resources.path,
                *resources.place(loc),
            )
