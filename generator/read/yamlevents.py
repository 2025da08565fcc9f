"""YAML parser events → plain values with their places, without recursion, within limits.

PyYAML's composer builds a tree recursively (in C for libyaml: a file nested
100,000 deep crashes the process) and an alias-heavy file expands to billions of
values. Building from the event stream with an explicit stack bounds both: the
depth, the values after aliases, and the length of one value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

import yaml

from generator.errors import Report
from generator.read.located import Loc, Located

NULLS = {"", "~", "null", "Null", "NULL"}  # a plain scalar that means "nothing here"


# Limits on what one file may expand to: a file nested 100,000 deep would crash the
# parser's C code, and a few lines of aliases (a "billion laughs") expand to billions
# of values. Real files stay far below: the sample's deepest file nests 7 levels, its
# largest holds about 1,400 values.
MAX_DEPTH = 40
MAX_VALUES = 200_000
MAX_SCALAR = 50_000  # characters in one value: a long foreword is a few thousand


class Limit(Exception):
    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(code, message)
        self.code, self.message, self.line, self.column = code, message, line, column


NOTHING = object()  # no document in the stream


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


class Builder:
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
        self.root: Any = NOTHING
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
        raise Limit(code, message, *_mark(event))


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1
