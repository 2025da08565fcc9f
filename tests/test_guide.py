"""The staff guide stays honest: every command is documented, every link and command works."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from generator.cli.main import main

GUIDE = ROOT / "docs" / "guide"
PAGES = sorted(GUIDE.glob("*.md"))
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
EXTERNAL = ("http://", "https://", "mailto:", "tel:")


def command_paths(group: click.Group = main, prefix: str = "portal") -> Iterator[str]:
    """`portal validate`, `portal funds`, `portal funds seal`, … for every command."""
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path
        if isinstance(command, click.Group):
            yield from command_paths(command, path)


def guide_text() -> str:
    return "\n".join(page.read_text("utf-8") for page in PAGES)


def test_the_guide_has_its_pages() -> None:
    names = {p.name for p in PAGES}
    assert "index.md" in names and len(names) >= 7


@pytest.mark.parametrize("command", list(command_paths()))
def test_every_command_is_in_the_guide_or_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert command in guide_text() or command in readme


def resolve(path: str) -> click.Command:
    command: click.Command = main
    for word in path.split()[1:]:
        assert isinstance(command, click.Group) and word in command.commands, path
        command = command.commands[word]
    return command


@pytest.mark.parametrize("command", list(command_paths()))
def test_every_command_has_examples_in_its_help(command: str) -> None:
    result = CliRunner().invoke(main, [*command.split()[1:], "--help"])
    assert result.exit_code == 0
    if not isinstance(resolve(command), click.Group):
        assert "例子：" in result.output, command


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_link_resolves(page: Path) -> None:
    for target in LINK.findall(page.read_text("utf-8")):
        if target.startswith(EXTERNAL) or target.startswith("#"):
            continue
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.is_file(), f"{page.name}: {target}"


def test_the_index_links_every_page_and_the_error_reference() -> None:
    links = set(LINK.findall((GUIDE / "index.md").read_text("utf-8")))
    for page in PAGES:
        if page.name != "index.md":
            assert page.name in links, page.name
    assert "../errors.md" in links


def test_readme_links_the_guide() -> None:
    assert "(docs/guide/index.md)" in (ROOT / "README.md").read_text("utf-8")


def test_every_command_the_guide_shows_exists() -> None:
    """`portal funds templat` or a removed option would mislead staff: resolve each one."""
    known = set(command_paths())
    used = re.findall(r"portal (?:[a-z]+)(?: [a-z]+)?", guide_text())
    assert used
    for text in used:
        words = text.split()
        assert " ".join(words[:2]) in known, text
        if " ".join(words[:2]) == "portal funds":
            assert text in known, text


def test_every_option_the_guide_shows_exists() -> None:
    known = set(command_paths())
    for line in re.findall(r"^portal [^\n#]+", guide_text(), flags=re.M):
        words = line.split()
        path = max((" ".join(words[:n]) for n in (2, 3) if " ".join(words[:n]) in known), key=len)
        options = {o for p in resolve(path).params for o in getattr(p, "opts", [])}
        for word in words:
            if word.startswith("-"):
                assert word in options, line
