"""The staff's data reference (docs/data-reference.md), generated from the models.

The models are the one source of truth for the contract: the same Chinese titles,
descriptions and examples that editors show from the JSON Schema are written out
here as one page per staff, file by file: every key, whether it is required, how
its value is written, what it means, an example. Nested entries (a grid, a person,
a window's hours) get a table of their own, named by where they stand.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from generator.contract.schema import SCHEMAS, json_schema

HEADER = [
    "# 数据文件说明",
    "",
    "<!-- 本页由 `portal reference --out docs/data-reference.md` 根据数据模型自动生成，"
    "请勿手工修改。 -->",
    "",
    "每个数据文件能写哪些字段、哪些必填、怎么写，都在下面。字段名是英文，"
    "括号里是编辑器（VS Code 等）提示的中文名。“分项”是下一层缩进的“字段: 值”，"
    "“列表”是每行以“- ”开头或写成 [甲, 乙]。",
    "",
]
_KINDS = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否（true/false）"}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


class _Writer:
    """One file's schema → its tables, nested entries after the file's own keys."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.queue: list[tuple[str, str, str]] = []  # (def name, path, Chinese name)
        self.seen: set[str] = set()

    def kind(self, node: dict[str, Any], path: str, title: str) -> tuple[str, str, list[Any]]:
        """(what kind of value, how it is written, examples) of a property's schema."""
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            self._later(name, path, title)
            return "分项（见下）", node.get("description", ""), node.get("examples", [])
        options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
        if options:
            kinds = [self.kind(o, path, title) for o in options]
            written = "；".join(dict.fromkeys(k[1] for k in kinds if k[1]))
            examples = [e for k in kinds for e in k[2]]
            return " 或 ".join(dict.fromkeys(k[0] for k in kinds)), written, examples
        if "enum" in node:
            return "可选：" + "、".join(map(str, node["enum"])), "", []
        kind = node.get("type")
        if kind == "array":
            item, written, examples = self.kind(node.get("items", {}), f"{path}[]", title)
            return f"列表（每项：{item}）", node.get("description", written), examples
        if isinstance(kind, list):
            names = " 或 ".join(_KINDS.get(k, k) for k in kind if k != "null")
        else:
            names = _KINDS.get(kind, "分项") if kind else "文字"
        return names, node.get("description", ""), node.get("examples", [])

    def _later(self, name: str, path: str, title: str) -> None:
        if name not in self.seen:
            self.seen.add(name)
            self.queue.append((name, path, title))

    def table(self, node: dict[str, Any], path: str) -> Iterator[str]:
        required = set(node.get("required", []))
        yield "| 字段 | 中文名 | 必填 | 怎么写 | 例子 |"
        yield "|---|---|---|---|---|"
        for key, prop in node.get("properties", {}).items():
            title = prop.get("title", "")
            kind, written, examples = self.kind(prop, f"{path}.{key}" if path else key, title)
            notes = dict.fromkeys(t for t in (written, prop.get("description", "")) if t)
            how = "。".join([kind, *notes])
            examples = prop.get("examples") or examples  # the field's own, else its type's
            example = examples[0] if examples else prop.get("default")
            shown = "" if example in (None, [], {}) else json.dumps(example, ensure_ascii=False)
            yield (
                f"| `{key}` | {_cell(title)} | {'是' if key in required else ''} "
                f"| {_cell(how)} | {_cell(shown)} |"
            )

    def sections(self, schema: dict[str, Any]) -> Iterator[str]:
        yield from self.table(schema, "")
        while self.queue:
            name, path, title = self.queue.pop(0)
            yield ""
            yield f"#### `{path}`：{title}"
            yield ""
            yield from self.table(self.defs[name], path)


def reference_markdown() -> str:
    """docs/data-reference.md: every data file's keys, from the models."""
    lines = list(HEADER)
    for name, (_, title) in SCHEMAS.items():
        lines += [f"## {title}", ""]
        schema = json_schema(name, editors=False)
        lines += list(_Writer(schema).sections(schema))
        lines.append("")
    return "\n".join(lines)
