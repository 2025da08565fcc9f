"""What staff see in their editor: the real yaml-language-server over our JSON Schemas.

The server is the npm package pinned in package.json (run: npm ci). It runs with the
locale zh-cn, as VS Code sends it when its display language is Chinese; every message
these tests quote comes from our schema (errorMessage), not from the server's own words.
Without node or the server the tests skip on a developer's machine and fail in CI.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SAMPLE, missing
from yaml_lsp import SERVER_BIN, YamlLanguageServer, node

from generator.contract.schema import SCHEMAS, json_schema, schema_for

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b")  # three English words
STAFF_TEXT = ("title", "description", "errorMessage", "label")
SETTLEMENT = SAMPLE / "settlements" / "anjiayuan" / "settlement.yml"
SAMPLE_FILES = sorted(p for p in SAMPLE.rglob("*.yml") if schema_for(p))


def _nodes(node: object) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_text_an_editor_shows_is_chinese(name: str) -> None:
    schema = json_schema(name)
    for found in _nodes(schema):
        for word in STAFF_TEXT:
            text = found.get(word)
            if isinstance(text, str):
                assert CJK.search(text) and not ENGLISH.search(text), (name, word, text)
        if "enum" in found:
            for labels in ("enumDescriptions", "markdownEnumDescriptions"):
                assert len(found[labels]) == len(found["enum"]), (name, found)
                assert all(CJK.search(label) for label in found[labels]), (name, found[labels])
    for def_name, definition in schema.get("$defs", {}).items():
        assert CJK.search(definition.get("title", "")), (
            f"{name}: $defs.{def_name} has no Chinese title"
        )


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_every_check_carries_a_chinese_message(name: str) -> None:
    """No value, choice, required key or object is left to the server's English words."""
    schema = json_schema(name)
    for found in _nodes(schema):
        if "type" in found or "enum" in found:
            assert CJK.search(found.get("errorMessage", "")), (name, found)
        if "required" in found:  # one key per entry, so the message can name it
            assert len(found["required"]) == 1, (name, found)
            assert CJK.search(found.get("errorMessage", "")), (name, found)
        if found.get("default", 0) is None:
            pytest.fail(f"{name}: default null makes completion insert ${{1:null}}: {found}")
        if "properties" in found:
            assert found["defaultSnippets"][0]["body"], (name, found.get("title"))


@pytest.mark.parametrize(
    "path", SAMPLE_FILES, ids=[p.relative_to(SAMPLE).as_posix() for p in SAMPLE_FILES]
)
def test_editor_schema_checks_what_the_plain_schema_checks(path: Path) -> None:
    """The extras move checks around (allOf) but accept and reject the same files."""
    from test_docs import _editor_view

    name = schema_for(path)
    assert name
    data = _editor_view(path)
    editor, plain = json_schema(name), json_schema(name, editors=False)
    jsonschema.validate(data, editor)
    jsonschema.validate(data, plain)
    assert isinstance(data, dict)
    for key in [*plain.get("required", []), "no_such_key"]:
        broken = copy.deepcopy(data)
        if key == "no_such_key":
            broken[key] = 1
        else:
            broken.pop(key, None)
        assert not jsonschema.Draft202012Validator(editor).is_valid(broken), key
        assert not jsonschema.Draft202012Validator(plain).is_valid(broken), key


# -- the real server ------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("editor")


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[YamlLanguageServer]:
    if node() is None or not SERVER_BIN.exists():
        missing("the editor tests need node and node_modules/yaml-language-server (run: npm ci)")
    schema = (ROOT / "schema" / "settlement.schema.json").as_uri()
    # what staff would put in VS Code's settings.json: "yaml.schemas": {schema: [files]}
    with YamlLanguageServer(workspace, {schema: ["**/settlement*.yml"]}, locale="zh-cn") as lsp:
        yield lsp


def _without_schema_line(path: Path) -> str:
    """A sample file without its `# yaml-language-server: $schema=` line: yaml.schemas maps it."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    assert lines[0].startswith("# yaml-language-server:")
    return "".join(lines[1:])


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines()) if line.startswith(start))


def test_good_file_has_no_diagnostics_and_chinese_hover(
    server: YamlLanguageServer, workspace: Path
) -> None:
    text = _without_schema_line(SETTLEMENT)
    path = workspace / "settlement.yml"
    path.write_text(text, "utf-8")
    uri = server.open(path)
    assert server.diagnostics_of(uri) == []

    households = server.hover(uri, _line_of(text, "households:"), 2)
    assert households.startswith("#### 户数"), households
    location = server.hover(uri, _line_of(text, "location:"), 12)
    assert "#### 安置方式" in location
    assert "`rural`: 县城规划区外" in location and "`county_seat`: 县城规划区内" in location
    assert "允许的值" in location  # the server's own words, in Chinese under the zh-cn locale
    kind = server.hover(uri, _line_of(text, "  - kind:"), 5)  # a key inside a list item
    assert kind.startswith("#### 组织类别"), kind
    for hover in (households, location, kind):
        assert not ENGLISH.search(hover), hover


BROKEN = """\
name: 安家园社区
region: 山西省示范市示范县石门镇
location: rural
households: 很多
population: 1960
updated: 2026-11-10
buildings:
  - id: "1"
    nmae: 1号楼
emergency: 110
"""


def test_broken_file_gets_chinese_diagnostics(server: YamlLanguageServer, workspace: Path) -> None:
    path = workspace / "settlement-broken.yml"
    path.write_text(BROKEN.replace("name: 安家园社区\n", "", 1), "utf-8")
    uri = server.open(path)
    found = {(d["range"]["start"]["line"], d["message"]) for d in server.diagnostics_of(uri)}
    assert found == {
        (0, "缺少必填项「社区名称」（name:）"),
        (2, "「户数」（households:）应为整数（只写阿拉伯数字）"),
        (6, "缺少必填项「楼栋名称」（name:）"),
        (
            7,
            "「楼栋」里没有这一项，请检查拼写；能写的项："
            "id（楼栋编号）、name（楼栋名称）、units（单元数）、households（户数）",
        ),
        (8, "「紧急电话」（emergency:）应为列表（每项一行，以“- ”开头）"),
    }, found


def test_a_wrong_choice_lists_the_choices_in_chinese(
    server: YamlLanguageServer, workspace: Path
) -> None:
    path = workspace / "settlement-choice.yml"
    path.write_text(BROKEN.replace("location: rural", "location: 县城"), "utf-8")
    uri = server.open(path)
    messages = [
        d["message"] for d in server.diagnostics_of(uri) if d["range"]["start"]["line"] == 2
    ]
    assert messages == [
        "「安置方式」（location:）应为以下之一：county_seat（县城规划区内）、rural（县城规划区外）。"
        "county_seat 县城规划区内；rural 规划区外"
    ]


def test_completion_inserts_chinese_examples_not_null(
    server: YamlLanguageServer, workspace: Path
) -> None:
    path = workspace / "settlement-new.yml"
    path.write_text("name: 安家园社区\n\n", "utf-8")
    uri = server.open(path)
    items = server.complete(uri, 1, 0)
    by_label = {item["label"]: item for item in items}
    assert "full_name" in by_label and "null" not in json.dumps(items)
    whole = by_label["安置点概况 settlement.yml"]["insertText"]
    assert "region: ${2:所在地}" in whole and "location: ${3|county_seat,rural|}" in whole
    assert "updated: ${6:2025-04-08}" in whole
    assert by_label["buildings"]["insertText"].startswith("buildings:\n  - ")


def test_every_sample_file_is_clean_in_the_editor(workspace: Path) -> None:
    """Each sample opened where it lies, its schema found through its own $schema line."""
    if node() is None or not SERVER_BIN.exists():
        missing("the editor tests need node and node_modules/yaml-language-server (run: npm ci)")
    with YamlLanguageServer(SAMPLE, {}, locale="zh-cn") as lsp:
        uris = [lsp.open(path) for path in SAMPLE_FILES]
        problems = {uri: lsp.diagnostics_of(uri, settle=0.3) for uri in uris}
        # ... and the same check does see a mistake: an unsaved copy with one
        broken = SETTLEMENT.read_text("utf-8").replace("households: 498", "households: 很多")
        uri = lsp.open(SETTLEMENT.with_name("unsaved.yml"), text=broken)
        seen = [d["message"] for d in lsp.diagnostics_of(uri, settle=0.3)]
    assert {uri: found for uri, found in problems.items() if found} == {}
    assert seen == ["「户数」（households:）应为整数（只写阿拉伯数字）"]
