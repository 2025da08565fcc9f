"""pydantic validation errors → Problems with file, line, code and a Chinese message."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from generator.errors import CODES, Report, codes
from generator.read.located import Loc, Located
from generator.read.values import ValueProblem

# code -> (title, hint): a value or key against the model
SCHEMA_CODES: dict[str, tuple[str, str]] = codes(
    {
        "schema.missing": (
            "缺少必填项",
            "请补上这一项；可参照示例数据的写法。",
        ),
        "schema.unknown": (
            "不认识的字段",
            "可能是字段名拼错了或缩进错了层级。请对照数据格式说明检查拼写和缩进。",
        ),
        "schema.type": (
            "内容的类型不对",
            "请对照数据格式说明，按要求写成文字、数字、列表或分项。",
        ),
        "schema.integer": (
            "应为整数",
            "请只写阿拉伯数字，例如 1263，不要带“户”“人”等文字。",
        ),
        "schema.boolean": (
            "应为是或否",
            "请写 true（是）或 false（否）。",
        ),
        "schema.choice": (
            "不是可选的值之一",
            "请从提示列出的可选值中选一个，注意英文拼写。",
        ),
        "schema.list": (
            "应为列表",
            "请写成 [甲, 乙] 或每行以“- ”开头的列表。",
        ),
        "schema.mapping": (
            "应为分项内容",
            "请写成下一层缩进的“字段: 值”。",
        ),
        "schema.text": (
            "应为文字",
            "请直接写文字内容。",
        ),
        "schema.empty": (
            "内容不能为空",
            "请填写内容，或者删除这一项。",
        ),
        "schema.invalid": (
            "内容不符合要求",
            "请对照数据格式说明修改。",
        ),
        "schema.slug": (
            "文件夹名不符合要求",
            "安置点文件夹名只能用小写英文字母、数字和减号，例如 xintiandi 或 an-kang-yuan；"
            "不能叫 assets 或 search（全县平台自己要用）。",
        ),
        "schema.url": (
            "网址格式不对",
            "请写完整的网址，以 https:// 开头，以 / 结尾。",
        ),
        "schema.number": (
            "应为数字",
            "请只写阿拉伯数字。",
        ),
    }
)

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], located: Located, report: Report) -> M | None:
    """Validate a located file against a model; report every problem, return None if any."""
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        seen: set[tuple[Loc, str]] = set()
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            code, message, hint = describe(model, error)
            if (loc, code) in seen:
                continue
            seen.add((loc, code))
            line, column = located.place(loc)
            report.add(code, message, located.path, line, column, hint)
        return None


def describe(model: type[BaseModel], error: Any) -> tuple[str, str, str]:
    """The code, Chinese message and hint for one pydantic error."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    name = field_label(model, loc)
    shown = _shown(error.get("input"))
    if kind == "value_error" and isinstance(ctx.get("error"), ValueProblem):
        problem: ValueProblem = ctx["error"]
        return problem.code, f"{name}：{problem.message}", problem.hint
    if kind == "missing":
        return "schema.missing", f"缺少必填项{name}", ""
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        parent = _model_at(model, loc[:-1])
        hint = ""
        if parent is not None:
            close = difflib.get_close_matches(key, list(parent.model_fields), n=1, cutoff=0.6)
            if close:
                hint = f"是不是想写「{close[0]}」？请检查拼写。"
        return "schema.unknown", f"不认识的字段「{key}」", hint
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "schema.integer", f"{name}应为整数，现在是「{shown}」", ""
    if kind in {"greater_than_equal", "greater_than"}:
        return "schema.invalid", f"{name}不能小于 {ctx.get('ge', ctx.get('gt'))}", ""
    if kind in {"less_than_equal", "less_than"}:
        return (
            "schema.invalid",
            f"{name}不能大于 {ctx.get('le', ctx.get('lt'))}，现在是「{shown}」",
            "",
        )
    if kind == "bool_parsing" or kind == "bool_type":
        return "schema.boolean", f"{name}应为 true 或 false，现在是「{shown}」", ""
    if kind in {"literal_error", "enum"}:
        expected = str(ctx.get("expected", "")).replace("'", "")
        return "schema.choice", f"{name}「{shown}」不是可选的值；可选：{expected}", ""
    if kind in {"list_type", "tuple_type", "set_type", "frozen_set_type"}:
        return "schema.list", f"{name}应为列表", ""
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "schema.mapping", f"{name}应为分项内容（下一层缩进的“字段: 值”）", ""
    if kind == "string_type":
        return "schema.text", f"{name}应为文字", ""
    if kind == "string_too_short":
        return "schema.empty", f"{name}不能为空", ""
    if kind == "string_too_long":
        return "schema.invalid", f"{name}太长了（最多 {ctx.get('max_length')} 个字）", ""
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "base_url":
            return "schema.url", f"{name}「{shown}」不是完整的网址", ""
        return "schema.invalid", f"{name}「{shown}」格式不对", ""
    if kind in CODES and kind != "schema.invalid":  # a rule's own code and Chinese message
        message = error.get("msg", "")
        return kind, (f"{name}：{message}" if loc else message), ""
    return "schema.invalid", f"{name}不符合要求（{error.get('msg', '')}）", ""


def _shown(value: Any) -> str:
    text = "（空）" if value is None else str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def field_label(model: type[BaseModel], loc: Loc) -> str:
    """「中文名」(key) of the last named field in loc, with list positions spelled out."""
    if not loc:
        return "文件"
    owner = _model_at(model, loc[:-1])
    last = loc[-1]
    if isinstance(last, int):
        return f"第 {last + 1} 项" + (f"（{field_label(model, loc[:-1])}）" if loc[:-1] else "")
    title = None
    if owner is not None and last in owner.model_fields:
        title = owner.model_fields[last].title
    return f"「{title}」({last})" if title else f"「{last}」"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the value at loc, following fields and list items."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so the container or model underneath shows."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation
