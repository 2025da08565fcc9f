"""Docs and editor hints stay honest: schemas, error reference, README, catalogue."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SAMPLE

from generator.cli.catalogue import CATALOGUE, errors_markdown
from generator.cli.main import main
from generator.contract.reference import reference_markdown
from generator.contract.schema import SCHEMAS, json_schema, schema_for

DATA_FILES = sorted(p for p in SAMPLE.rglob("*.yml") if schema_for(p))


def test_committed_schemas_are_current() -> None:
    for name in SCHEMAS:
        committed = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text("utf-8"))
        assert committed == json_schema(name), f"run: portal schema  ({name})"


def test_every_field_has_a_chinese_title() -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, prop in (node.get("properties") or {}).items():
                assert re.search(r"[\u4e00-\u9fff]", prop.get("title", "")), f"{where}.{key}"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for name in SCHEMAS:
        walk(json_schema(name), name)


def _editor_view(path: Path) -> object:
    """The file as an editor's YAML 1.2 reader sees it: dates stay text."""
    data = yaml.safe_load(path.read_text("utf-8"))

    def text_dates(value: object) -> object:
        if isinstance(value, dict):
            return {k: text_dates(v) for k, v in value.items()}
        if isinstance(value, list):
            return [text_dates(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return text_dates(data)


@pytest.mark.parametrize(
    "path", DATA_FILES, ids=[p.relative_to(SAMPLE).as_posix() for p in DATA_FILES]
)
def test_sample_file_points_at_its_schema_and_passes_it(path: Path) -> None:
    first = path.read_text("utf-8").splitlines()[0]
    name = schema_for(path)
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path} should start with its yaml-language-server line"
    target = (path.parent / match.group(1)).resolve()
    assert target == (ROOT / "schema" / f"{name}.schema.json").resolve()
    schema = json.loads(target.read_text("utf-8"))
    jsonschema.validate(_editor_view(path), schema)


def test_error_reference_is_generated_from_the_catalogue() -> None:
    committed = (ROOT / "docs" / "errors.md").read_text("utf-8")
    assert committed == errors_markdown(), "run: portal errors --out docs/errors.md"
    for code in CATALOGUE:
        assert f"`{code}`" in committed


def test_data_reference_is_generated_from_the_models() -> None:
    """docs/data-reference.md is the models' own description: the contract has one source."""
    committed = (ROOT / "docs" / "data-reference.md").read_text("utf-8")
    assert committed == reference_markdown(), "run: portal reference --out docs/data-reference.md"
    for name, (model, title) in SCHEMAS.items():
        assert f"## {title}" in committed
        for key, field in model.model_fields.items():
            assert f"| `{field.alias or key}` | {field.title} |" in committed, (name, key)


def test_every_code_the_code_raises_is_in_the_catalogue() -> None:
    pattern = re.compile(
        r"""(?:report\.add|add|ValueProblem|PydanticCustomError)\(\s*"([a-z_]+\.[a-z_]+)\""""
    )
    found = set()
    for source in (ROOT / "generator").rglob("*.py"):
        found |= set(pattern.findall(source.read_text("utf-8")))
    assert found, "the scan finds codes"
    assert sorted(found - set(CATALOGUE)) == []


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for name in main.commands:
        assert f"portal {name}" in readme, name
        assert CliRunner().invoke(main, [name, "--help"]).exit_code == 0
