"""The package's shape: one folder per stage, imports pointing down the pipeline, no cycles.

    errors, paths            (the base: every layer may use them)
    read/                    files → located values
    contract/                the typed models; reading a tree into them
    checks/                  rules across files, money, personal information
    pages/                   models → Markdown pages
    print/                   the printed handbook (uses the pages' helpers)
    sites/   staff/          building and publishing sites / the staff's tools
    preview/                 what `portal serve` adds around a built site
    cli/                     the `portal` command

A module may import its own folder and the folders below it, never one above or
beside it (sites/ and staff/ stand side by side and do not import each other).
Every import counts, also one inside a function or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
RANKS = {"base": 0, "read": 1, "contract": 2, "checks": 3, "pages": 4, "print": 5,
         "sites": 6, "staff": 6, "preview": 7, "cli": 8}  # fmt: skip
BASE = {"generator", "generator.errors", "generator.paths"}


def modules(root: Path = PACKAGE) -> dict[str, str]:
    """Dotted module name → source, for every module of the package."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path.read_text("utf-8")
    return found


def layer(module: str) -> str:
    if module in BASE:
        return "base"
    return module.split(".")[1]


def imports(module: str, source: str, known: set[str]) -> Iterator[str]:
    """The package's modules that module imports (a package import: its __init__)."""
    package = module if source and module.count(".") < 1 else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from its package
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in known:  # generator.read.values.parse_date → …values
                name = name.rpartition(".")[0]
            if name and name != module:
                yield name


def graph(sources: dict[str, str]) -> dict[str, set[str]]:
    known = set(sources)
    return {m: set(imports(m, s, known)) for m, s in sources.items()}


def upward(edges: dict[str, set[str]]) -> list[str]:
    """Every import that points up the pipeline or sideways between two stages."""
    wrong = []
    for module, targets in sorted(edges.items()):
        mine = layer(module)
        for target in sorted(targets):
            theirs = layer(target)
            if theirs == mine or theirs == "base":
                continue
            if mine == "base" or RANKS[theirs] >= RANKS[mine]:
                wrong.append(f"{module} → {target} ({mine}/ may not import {theirs}/)")
    return wrong


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


SOURCES = modules()
EDGES = graph(SOURCES)


def test_every_module_is_in_a_stage_folder() -> None:
    strays = [m for m in SOURCES if layer(m) not in RANKS]
    assert strays == [], "put each module in the folder of its stage"


def test_every_stage_folder_says_its_job_and_what_it_may_import() -> None:
    for name in RANKS:
        if name == "base":
            continue
        doc = ast.get_docstring(ast.parse(SOURCES[f"generator.{name}"])) or ""
        assert "May import:" in doc, f"generator/{name}/__init__.py"


def test_imports_point_down_the_pipeline() -> None:
    assert upward(EDGES) == []


def test_no_import_cycles() -> None:
    assert cycles(EDGES) == []


def test_loading_never_calls_checking() -> None:
    """read → models → checks: nothing below checks/ imports it."""
    below = [m for m in SOURCES if layer(m) in ("read", "contract")]
    assert below and not [m for m in below if any(layer(t) == "checks" for t in EDGES[m])]


@pytest.mark.parametrize(
    ("module", "line", "expected"),
    [
        ("generator.read.files", "from generator.checks import privacy", "upward"),
        ("generator.contract.load", "from generator.checks.project import load_project", "upward"),
        ("generator.pages.compose", "from generator.print.handbook import downloads", "upward"),
        ("generator.sites.site", "from generator.staff import diff", "upward"),
        ("generator.errors", "from generator.cli.catalogue import entry", "upward"),
        ("generator.pages.disclosure", "def f():\n    from generator.pages import compose",
         "cycle"),
    ],
)
def test_the_checks_fail_when_a_bad_import_is_added(module: str, line: str, expected: str) -> None:
    """The layout test is not a test that cannot fail: add one bad import, it fails."""
    sources = dict(SOURCES)
    sources[module] = sources[module] + "\n" + line + "\n"
    edges = graph(sources)
    if expected == "upward":
        assert [w for w in upward(edges) if w.startswith(module + " ")], line
    else:
        assert any(module in component for component in cycles(edges)), line
