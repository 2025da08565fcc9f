"""Files → plain Python values that remember where they came from.

YAML is read node by node, so every value keeps its line and column, and the
traps PyYAML falls into are closed:

* every plain scalar stays a string, exactly as written (no ``no`` → False, no
  ``12:30`` → 750, no ``0359`` → octal); the typed models parse it later;
* a key written twice is an error, not a silent overwrite;
* tabs, an empty file, a BOM and a non-UTF-8 file get a Chinese message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Report

Loc = tuple[str | int, ...]
# libyaml (bundled with PyYAML's wheels) composes ten times faster; same nodes and marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Located:
    """A file's data plus the line and column of every value in it (1-based)."""

    path: Path
    data: Any
    places: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def place(self, loc: Loc) -> tuple[int, int]:
        """The position of loc, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            found = self.places.get(tuple(loc[:end]))
            if found:
                return found
        return (1, 1)


def read_text(path: Path, report: Report) -> str | None:
    """A text file as str: UTF-8 (a BOM is dropped); None after reporting why not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.add("file.unreadable", f"无法读取文件：{exc.strerror}", path)
        return None
    if b"\x00" in raw[:4096]:
        report.add("file.unreadable", "这不是文本文件（可能是表格或图片改了扩展名）", path, 1)
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.add("file.encoding", "文件不是 UTF-8 编码（可能是 GBK/ANSI）", path, line)
        return None


def load_yaml(path: Path, report: Report) -> Located | None:
    """Read one YAML file; problems go to the report and None comes back."""
    text = read_text(path, report)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        _report_syntax(exc, path, text, report)
        return None
    if node is None:
        report.add("yaml.empty", "文件中没有任何内容", path, 1)
        return None
    located = Located(path, None)
    located.data = _build(node, (), located, report)
    if not isinstance(located.data, dict):
        report.add("yaml.not_mapping", "文件最外层不是“字段: 值”的形式", path, 1)
        return None
    return located


def _report_syntax(exc: yaml.MarkedYAMLError, path: Path, text: str, report: Report) -> None:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "quoted scalar" in (exc.context or ""):
        mark = exc.context_mark  # where the unclosed quote opened, not the end of the file
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    lines = text.splitlines()
    if "\t" in text:
        tab_line = next(i for i, s in enumerate(lines, 1) if "\t" in s)
        if not line or "tab" in str(exc.problem) or abs(tab_line - line) <= 1:
            report.add("yaml.tab", "这一行用了 Tab 键缩进", path, tab_line, 1)
            return
    for number, text_line in enumerate(lines[: line or len(lines)], 1):
        if _unbalanced_quotes(text_line):
            report.add("yaml.syntax", "这一行的引号没有成对", path, number, text_line.find('"') + 1)
            return
    problem = (exc.problem or "").strip()
    detail = _SYNTAX_HINTS.get(problem, "")
    message = "YAML 格式有误" + (f"：{detail}" if detail else "")
    report.add("yaml.syntax", message, path, line, column)


def _unbalanced_quotes(line: str) -> bool:
    """An odd number of double quotes outside a comment: a quote left open."""
    code = line.split(" #", 1)[0].replace('\\"', "")
    return code.count('"') % 2 == 1


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "这里不能出现冒号（含冒号的文字请加英文引号）",
    "could not find expected ':'": "缺少冒号，或者上一行的引号没有闭合",
    "found character that cannot start any token": "这里有不能作为开头的字符（如 @ 或 `）",
    "expected <block end>, but found '<block sequence start>'": "列表的缩进与上面不一致",
    "expected <block end>, but found '<block mapping start>'": "缩进与上面不一致",
    "found unexpected end of stream": "引号没有成对：这里开始的引号一直没有结束",
    "found undefined alias": "使用了未定义的 * 引用",
}


def _build(node: Node, loc: Loc, located: Located, report: Report) -> Any:
    located.places[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if not node.style and node.value in NULLS:  # plain style: None (Python) or "" (libyaml)
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_build(item, (*loc, i), located, report) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                report.add(
                    "yaml.complex_key", "这里的字段名不是简单文字", located.path, line, column
                )
                continue
            key = key_node.value
            if key in result:
                first = located.places.get((*loc, key), (0, 0))[0]
                report.add(
                    "yaml.duplicate_key",
                    f"字段「{key}」写了两次（第一次在第 {first} 行）",
                    located.path,
                    line,
                    column,
                )
                continue
            result[key] = _build(value_node, (*loc, key), located, report)
        return result
    return None  # pragma: no cover - PyYAML has no other node kinds


@dataclass
class FrontMatter:
    """A Markdown file with a YAML header: the header located, the body and its first line."""

    meta: Located
    body: str
    body_line: int


def load_front_matter(path: Path, report: Report) -> FrontMatter | None:
    """Read `---` YAML `---` then Markdown; positions in the header are the file's own."""
    text = read_text(path, report)
    if text is None:
        return None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        report.add("notice.front_matter", "文件开头没有以 --- 开始的信息区", path, 1, 1)
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in {"---", "..."}), None)
    if end is None:
        report.add("notice.front_matter", "信息区没有以一行 --- 结束", path, 1, 1)
        return None
    header = "\n" * 1 + "\n".join(lines[1:end])  # keep line numbers: header starts on line 2
    try:
        node = yaml.compose(header, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        _report_syntax(exc, path, header, report)
        return None
    if node is None:
        report.add("notice.front_matter", "信息区是空的：至少要写 title 和 date", path, 2, 1)
        return None
    located = Located(path, None)
    located.data = _build(node, (), located, report)
    if not isinstance(located.data, dict):
        report.add("yaml.not_mapping", "信息区不是“字段: 值”的形式", path, 2, 1)
        return None
    return FrontMatter(located, "\n".join(lines[end + 1 :]), end + 2)
