"""The YAML loader keeps what staff wrote and remembers where they wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import Report
from generator.read.yamlfile import load_front_matter, load_yaml


def load(tmp_path: Path, content: bytes | str) -> tuple[object, Report]:
    path = tmp_path / "f.yml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    report = Report()
    located = load_yaml(path, report)
    return (located.data if located else None), report


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: 12:30", "12:30"),  # YAML 1.1 would read 750 (base 60)
        ("a: no", "no"),  # YAML 1.1 would read False
        ("a: yes", "yes"),
        ("a: 0359", "0359"),  # YAML 1.1 would read an octal number
        ("a: 13800000000", "13800000000"),
        ("a: 1.50", "1.50"),  # not the float 1.5
        ("a: 2025-04-08", "2025-04-08"),
        ("a: ~", None),
        ("a:", None),
        ("a: 'null'", "null"),
    ],
)
def test_plain_values_stay_as_written(tmp_path: Path, text: str, value: object) -> None:
    data, report = load(tmp_path, text)
    assert not report.problems
    assert data == {"a": value}


def test_bom_is_accepted(tmp_path: Path) -> None:
    data, report = load(tmp_path, "\ufeffname: 新天地社区\n".encode())
    assert data == {"name": "新天地社区"} and not report.problems


def test_positions_are_remembered(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    path.write_text("# comment\nname: 甲\nlist:\n  - {id: x}\n  - id: y\n", encoding="utf-8")
    located = load_yaml(path, Report())
    assert located.place(("name",)) == (2, 7)
    assert located.place(("list", 1, "id")) == (5, 9)
    assert located.place(("list", 1, "missing")) == (5, 5)


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", "yaml.duplicate_key", 3),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", "yaml.duplicate_key", 4),  # nested: it has a place
        ("a: {b: 1, b: 2}\n", "yaml.duplicate_key", 1),
        ("l:\n  - {x: 1}\n  - x: 1\n    y: 2\n    x: 3\n", "yaml.duplicate_key", 5),
        ("a: &v 1\nb: *v\nb: 2\n", "yaml.duplicate_key", 3),
        ("a:\n\tb: 1\n", "yaml.tab", 2),
        ("", "yaml.empty", 1),
        ("# only a comment\n", "yaml.empty", 1),
        ("- a\n", "yaml.not_mapping", 1),
        ("a: b: c\n", "yaml.syntax", 1),
        ('a: "open\nb: 1\nc: "x"\n', "yaml.syntax", 1),
        ("名字: 甲".encode("gbk"), "file.encoding", 1),
        (b"\x00\x01\x02", "file.unreadable", 1),
    ],
)
def test_traps_are_reported(tmp_path: Path, content: bytes | str, code: str, line: int) -> None:
    data, report = load(tmp_path, content)
    assert data is None or report.problems
    assert [(p.code, p.line) for p in report.problems][:1] == [(code, line)]


def test_front_matter_keeps_file_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("---\ntitle: 通知\ndate: 2025-01-02\n---\n\n正文\n", encoding="utf-8")
    front = load_front_matter(path, Report())
    assert front.meta.data == {"title": "通知", "date": "2025-01-02"}
    assert front.meta.place(("date",)) == (3, 7)
    assert front.body.strip() == "正文" and front.body_line == 5
