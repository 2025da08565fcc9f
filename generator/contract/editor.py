"""The editors' extras in the JSON Schema: Chinese messages, value labels, completion text.

pydantic writes the schema (the models' Chinese titles and hints); this pass adds what
yaml-language-server (VS Code's YAML extension and other editors) reads beyond JSON Schema:

- ``errorMessage`` on every value: the server shows it instead of its English "Incorrect
  type. Expected …", "Value is not accepted" or "does not match the pattern".
- each required key in an ``allOf`` entry of its own with its own ``errorMessage``: the
  server words a missing key from the ``errorMessage`` of the schema that requires it,
  so one entry per key names that key in Chinese ("Missing property" otherwise).
- ``type: object`` in an ``allOf`` entry too, and an ``errorMessage`` on the object for an
  unknown key: an object's own message would otherwise stand for all three mistakes.
- ``enumDescriptions`` / ``markdownEnumDescriptions``: a Chinese label for every choice,
  shown by hover and completion.
- no ``default: null`` (completion inserted ``full_name: ${1:null}``), and a
  ``defaultSnippets`` entry on every object: completing a list item or an object key
  inserts its required keys with Chinese placeholders.

The result validates exactly what the plain schema validates; the tests check both with
jsonschema and the real server.
"""

from __future__ import annotations

import json
import re
from typing import Any

from generator.contract.councils import COUNCIL_KINDS
from generator.contract.settlement import LOCATIONS, ORGANIZATION_KINDS

Schema = dict[str, Any]

# Chinese labels of the English choices, by key; a Chinese choice is its own label.
ENUM_LABELS: dict[str, dict[str, str]] = {
    "location": LOCATIONS,
    "kind": {**ORGANIZATION_KINDS, **COUNCIL_KINDS, "other": "其他组织"},
    "period": {"month": "按月公开", "quarter": "按季度公开"},
    "voucher_scope": {
        "month": "每月重新编号",
        "quarter": "每季度重新编号",
        "year": "每年重新编号",
        "account": "整个账户内不重复",
    },
}
CJK = re.compile(r"[\u4e00-\u9fff]")
TYPE_WORDS = {
    "string": "文字",
    "integer": "整数（只写阿拉伯数字）",
    "number": "数字",
    "boolean": "true（是）或 false（否）",
    "array": "列表（每项一行，以“- ”开头）",
    "object": "几行“键: 值”",
    "null": "空着不写",
}


def for_editors(schema: Schema) -> Schema:
    """Add the editors' extras to a whole schema (root and $defs), in place; return it."""
    defs: dict[str, Schema] = schema.get("$defs", {})
    for node in [schema, *defs.values()]:
        _object(node, defs, schema.get("title", ""))
    return schema


def _object(node: Schema, defs: dict[str, Schema], name: str) -> None:
    """An object's properties, required keys, type and unknown keys."""
    name = node.get("title") or name
    properties: dict[str, Schema] = node.get("properties", {})
    for key, prop in properties.items():
        if prop.get("default", 0) is None:
            del prop["default"]
        _value(prop, key, prop.get("title", key), defs)
    required: list[str] = node.pop("required", [])
    checks: list[Schema] = []
    if node.pop("type", None) == "object":
        checks.append({"type": "object", "errorMessage": f"「{name}」应写成{TYPE_WORDS['object']}"})
    for key in required:
        title = properties.get(key, {}).get("title", key)
        checks.append({"required": [key], "errorMessage": f"缺少必填项「{title}」（{key}:）"})
    if checks:
        node["allOf"] = [*node.get("allOf", []), *checks]
    if properties and node.get("additionalProperties") is False:
        keys = "、".join(f"{key}（{prop.get('title', key)}）" for key, prop in properties.items())
        node["errorMessage"] = f"「{name}」里没有这一项，请检查拼写；能写的项：{keys}"
    if properties:
        node["defaultSnippets"] = [
            {
                "label": name,
                "description": node.get("description", name),
                "body": {
                    key: _placeholder(properties[key], number)
                    for number, key in enumerate(required or list(properties)[:1], start=1)
                    if key in properties
                },
            }
        ]


def _value(prop: Schema, key: str, title: str, defs: dict[str, Schema]) -> None:
    """One key's value: a Chinese message on every branch that checks a type or a choice."""
    branches = list(_leaves(prop))
    words = []
    for branch in branches:
        if "enum" in branch:
            labels = ENUM_LABELS.get(key, {})
            descriptions = [labels.get(str(value), str(value)) for value in branch["enum"]]
            branch["enumDescriptions"] = descriptions
            branch["markdownEnumDescriptions"] = descriptions
            choices = [
                value if value == label else f"{value}（{label}）"
                for value, label in zip(map(str, branch["enum"]), descriptions, strict=True)
            ]
            words.append("以下之一：" + "、".join(choices))
        elif "$ref" in branch:
            words.append(f"「{defs[branch['$ref'].rsplit('/', 1)[-1]]['title']}」")
        else:
            kinds = branch.get("type", [])
            for kind in [kinds] if isinstance(kinds, str) else kinds:
                words.append(TYPE_WORDS[kind])
    words = [w for w in dict.fromkeys(words) if w != TYPE_WORDS["null"]]
    message = f"「{title}」（{key}:）应为" + "，或".join(words)
    hint = _first(prop, "description") or ""
    if hint:
        message += f"。{hint}"
    for branch in branches:
        if "$ref" not in branch:
            branch["errorMessage"] = message
    for branch in branches:
        for inner in (branch.get("items"), branch.get("additionalProperties")):
            if isinstance(inner, dict) and "$ref" not in inner:
                _value(inner, key, f"{title}的每一项", defs)
        if "properties" in branch:
            _object(branch, defs, title)


def _leaves(prop: Schema) -> list[Schema]:
    """The branches of a value's schema that check something: nested anyOf/oneOf flattened."""
    found: list[Schema] = []
    for word in ("anyOf", "oneOf"):
        for branch in prop.get(word, []):
            found.extend(_leaves(branch))
    if any(word in prop for word in ("type", "enum", "const", "$ref")):
        found.append(prop)
    return found


def _first(prop: Schema, word: str) -> Any:
    """A value's own description or examples, else the first of its branches'."""
    if prop.get(word):
        return prop[word]
    for branch in [*prop.get("anyOf", []), *prop.get("oneOf", [])]:
        found = _first(branch, word)
        if found:
            return found
    return None


def _placeholder(prop: Schema, number: int) -> Any:
    """What completion inserts for a required key: its example, or its title to overwrite."""
    examples = _first(prop, "examples")
    choices = [str(v) for b in _leaves(prop) for v in b.get("enum", []) if "," not in str(v)]
    if choices and not examples:
        return f"${{{number}|{','.join(choices)}|}}"
    if examples and not isinstance(examples[0], (dict, list)):
        return f"${{{number}:{json.dumps(examples[0], ensure_ascii=False).strip(chr(34))}}}"
    if prop.get("type") == "array" or any(b.get("type") == "array" for b in _leaves(prop)):
        return [f"${{{number}:{prop.get('title', '')}}}"]
    return f"${{{number}:{prop.get('title', '')}}}"
