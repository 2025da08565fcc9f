"""Files → plain Python values that remember where they came from.

YAML is read node by node, so every value keeps its line and column, and the
traps PyYAML falls into are closed:

* every plain scalar stays a string, exactly as written (no ``no`` → False, no
  ``12:30`` → 750, no ``0359`` → octal); the typed models parse it later;
* a key written twice is an error, not a silent overwrite;
* tabs, an empty file, a BOM and a non-UTF-8 file get a Chinese message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from generator.errors import Report, codes
from generator.read.files import Refused, read_bytes

# code -> (title, hint): YAML and notice front matter
YAML_CODES: dict[str, tuple[str, str]] = codes(
    {
        "yaml.syntax": (
            "YAML 格式错误",
            "常见原因：冒号后少了空格、缩进不整齐、引号没有成对。请对照上一行的缩进检查。",
        ),
        "yaml.tab": (
            "用了 Tab 键缩进",
            "YAML 只能用空格缩进。请把这一行开头的 Tab 换成两个空格。",
        ),
        "yaml.duplicate_key": (
            "同一个字段写了两次",
            "同一层里每个字段只能出现一次，后写的会覆盖先写的。请删除或合并重复的那一项。",
        ),
        "yaml.empty": (
            "文件是空的",
            "请填写内容，或者删除这个文件（只有 settlement.yml 是必需的）。",
        ),
        "yaml.not_mapping": (
            "文件最外层应为“字段: 值”的形式",
            "请对照示例数据，文件第一层应是若干“字段名: 内容”。",
        ),
        "yaml.complex_key": (
            "字段名写法不对",
            "字段名应是简单的英文名，例如 name、phone。",
        ),
        "yaml.too_deep": (
            "内容嵌套的层数太多",
            "数据文件最多嵌套 40 层，正常的文件不到 10 层："
            "请检查缩进或成对的方括号 [ ] 和花括号 { }。",
        ),
        "yaml.too_large": (
            "内容太多",
            "一项文字最多 5 万字，一个文件展开后最多 20 万项：长文请分成几项，"
            "不要用大量 & 和 * 引用反复展开同一段内容。",
        ),
        "notice.front_matter": (
            "通知开头的信息区格式不对",
            "通知文件应以一行 --- 开头，写 title、date 等，再以一行 --- 结束，下面是正文。",
        ),
    }
)

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
    text: str | None = field(default=None, repr=False)  # as read: to place findings within values

    def place(self, loc: Loc) -> tuple[int, int]:
        """The position of loc, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            found = self.places.get(tuple(loc[:end]))
            if found:
                return found
        return (1, 1)


def read_text(path: Path, report: Report, kind: str = "text") -> str | None:
    """A text file as str: UTF-8 (a BOM is dropped); None after reporting why not.

    The file is opened through generator/datafiles.py: inside the data folder
    (``report.root``), never through a symlink, at most its kind's size.
    """
    try:
        raw = read_bytes(path, report.root, kind)
    except Refused as refused:
        report.add(refused.code, refused.message, path)
        return None
    except OSError as exc:
        report.add("file.unreadable", f"无法读取文件：{exc.strerror or exc}", path)
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
    text = read_text(path, report, "yaml")
    if text is None:
        return None
    return parse_yaml(text, path, report)


def parse_yaml(text: str, path: Path, report: Report, header: bool = False) -> Located | None:
    """YAML text → Located; problems go to the report and None comes back.

    header: the text is a notice's front matter (its line 1 is the file's line 2).
    """
    located = Located(path, None, text=text)
    try:
        built = _Builder(located, report).run(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        _report_syntax(exc, path, text, report)
        return None
    except _Limit as limit:
        report.add(limit.code, limit.message, path, limit.line, limit.column)
        return None
    if built is _NOTHING or (header and built is None):
        if header:
            report.add("notice.front_matter", "信息区是空的：至少要写 title 和 date", path, 2, 1)
        else:
            report.add("yaml.empty", "文件中没有任何内容", path, 1)
        return None
    if not isinstance(built, dict):
        if header:
            report.add("yaml.not_mapping", "信息区不是“字段: 值”的形式", path, 2, 1)
        else:
            report.add("yaml.not_mapping", "文件最外层不是“字段: 值”的形式", path, 1)
        return None
    located.data = built
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


# Limits on what one file may expand to: a file nested 100,000 deep would crash the
# parser's C code, and a few lines of aliases (a "billion laughs") expand to billions
# of values. Real files stay far below: the sample's deepest file nests 7 levels, its
# largest holds about 1,400 values.
MAX_DEPTH = 40
MAX_VALUES = 200_000
MAX_SCALAR = 50_000  # characters in one value: a long foreword is a few thousand


class _Limit(Exception):
    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(code, message)
        self.code, self.message, self.line, self.column = code, message, line, column


_NOTHING = object()  # no document in the stream


@dataclass
class _Frame:
    """A mapping or sequence being built: its value, place and role in its parent."""

    value: dict[str, Any] | list[Any] | None  # None: built only to be skipped
    loc: Loc
    role: str  # see _Builder._role
    start: int  # the value count before it opened: its expanded size follows
    anchor: str | None
    key: str | None = None  # a mapping's key waiting for its value
    skip: bool = False  # a mapping's next value belongs to a repeated or complex key


class _Builder:
    """YAML events → plain values with their places, iteratively, within the limits.

    Every plain scalar stays the string it was written as (``no``, ``12:30`` and
    ``0359`` are never converted); a plain ``null``, ``~`` or nothing is None. A
    key written twice is reported and its second value dropped. An alias stands
    for its anchor's value and counts its full size against MAX_VALUES.
    """

    def __init__(self, located: Located, report: Report) -> None:
        self.located = located
        self.report = report
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, expanded size)
        self.count = 0
        self.root: Any = _NOTHING
        self.documents = 0

    def run(self, events: Iterable[yaml.Event]) -> Any:
        for event in events:
            if isinstance(event, yaml.ScalarEvent):
                value = None if not event.style and event.value in NULLS else event.value
                if value is not None and len(value) > MAX_SCALAR:
                    message = f"这一项有 {len(value)} 个字，超过了 {MAX_SCALAR} 个字的上限"
                    self._stop(event, "yaml.too_large", message)
                self._count(event, 1)
                self._done(event, self._role(event), value, 1, event.anchor)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    self._stop(event, "yaml.syntax", "YAML 格式有误：使用了未定义的 * 引用")
                value, size = self.anchors[event.anchor]
                self._count(event, size)
                self._done(event, self._role(event), value, size, None)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if len(self.stack) >= MAX_DEPTH:
                    self._stop(event, "yaml.too_deep", f"这里的内容嵌套超过 {MAX_DEPTH} 层")
                start = self.count
                self._count(event, 1)
                role = self._role(event)
                keep = role in ("root", "item", "value")
                empty = {} if isinstance(event, yaml.MappingStartEvent) else []
                loc = self._loc(role)
                self.stack.append(_Frame(empty if keep else None, loc, role, start, event.anchor))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = self.stack.pop()
                size = self.count - frame.start
                self._done(event, frame.role, frame.value, size, frame.anchor, frame)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    message = "YAML 格式有误：文件中有第二个用 --- 分开的部分，只能有一份内容"
                    self._stop(event, "yaml.syntax", message)
        return self.root

    def _role(self, event: yaml.Event) -> str:
        """What the node starting at event is to its parent, its place recorded if kept.

        root, item (of a list), value (of a key), key, drop (the value of a key that
        was refused) or ignored (inside something dropped).
        """
        if not self.stack:
            role = "root"
        else:
            top = self.stack[-1]
            if top.value is None:
                return "ignored"
            if isinstance(top.value, list):
                role = "item"
            elif top.skip:
                return "drop"
            elif top.key is None:
                return "key"
            else:
                role = "value"
        mark = event.start_mark
        self.located.places[self._loc(role)] = (mark.line + 1, mark.column + 1)
        return role

    def _loc(self, role: str) -> Loc:
        if role == "root":
            return ()
        top = self.stack[-1]
        if role == "item":
            return (*top.loc, len(top.value))  # type: ignore[arg-type]
        if role == "value":
            return (*top.loc, top.key)  # type: ignore[arg-type]
        return top.loc  # a key or something dropped: never looked up

    def _done(
        self,
        event: yaml.Event,
        role: str,
        value: Any,
        size: int,
        anchor: str | None,
        frame: _Frame | None = None,
    ) -> None:
        """A node is complete: register its anchor and give it to its parent."""
        if anchor:
            self.anchors[anchor] = (value, size)
        if role == "root":
            self.root = value
            return
        if role == "ignored":
            return
        top = self.stack[-1]
        if role == "item":
            top.value.append(value)  # type: ignore[union-attr]
        elif role == "value":
            top.value[top.key] = value  # type: ignore[index]
            top.key = None
        elif role == "drop":
            top.skip = False
        elif frame is not None or not isinstance(value, str | None):
            line, column = (
                self.located.place(top.loc) if frame is not None else _mark(event)
            )
            self.report.add(
                "yaml.complex_key", "这里的字段名不是简单文字", self.located.path, line, column
            )
            top.skip = True
        else:
            self._key(event, value or "")

    def _key(self, event: yaml.Event, key: str) -> None:
        top = self.stack[-1]
        assert isinstance(top.value, dict)
        if key in top.value:
            first = self.located.places.get((*top.loc, key), (0, 0))[0]
            self.report.add(
                "yaml.duplicate_key",
                f"字段「{key}」写了两次（第一次在第 {first} 行）",
                self.located.path,
                *_mark(event),
            )
            top.skip = True
        else:
            top.key = key

    def _count(self, event: yaml.Event, size: int) -> None:
        self.count += size
        if self.count > MAX_VALUES:
            message = f"展开后超过 {MAX_VALUES} 项（可能用了大量 * 引用）"
            self._stop(event, "yaml.too_large", message)

    def _stop(self, event: yaml.Event, code: str, message: str) -> NoReturn:
        raise _Limit(code, message, *_mark(event))


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


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
    located = parse_yaml(header, path, report, header=True)
    if located is None:
        return None
    return FrontMatter(located, "\n".join(lines[end + 1 :]), end + 2)
