"""Material's main.css without the components our portals never render.

Material's ``main.<hash>.min.css`` (137 KB, 19 KB as brotli) styles every component the
theme offers: content tabs, code highlighting and its copy buttons, annotations, the
version selector, the blog, mermaid diagrams, cookie consent, and more. Our pages use a
fraction of them, yet it blocks every first paint on a resident's phone. ``trim`` parses
it (tinycss2) and drops:

* every selector of a rule that needs a class of an ``UNUSED`` component (a rule whose
  selectors all go is removed; an ``@media`` left empty too). Only classes outside
  ``:not()``/``:is()`` count: those are classes an element must have for the rule to apply;
* the custom properties an unused component defines in ``:root`` (its icons, mermaid's
  colours), unless a rule that stays still reads them;
* ``@keyframes`` that nothing left names.

Everything else stays as Material wrote it, so a Material update that adds a component
keeps its rules (only the deny list is dropped, never an allow list of what to keep). The
list is checked where it could go wrong:

* ``check_config``: a component is needed when the site turns on a feature, Markdown
  extension, plugin or ``extra`` key that makes Material draw it (``features:
  content.code.copy`` makes Material's script add copy buttons to code blocks);
* ``check_page``: no built page names a class of a component dropped here (a template of
  ours or Material's that starts to draw one fails the build, naming the page).

The result is written, once per build for the shared assets like our bundles
(generator/sites/bundles.py), as ``assets/stylesheets/material.<sha256[:8]>.min.css``,
and every page links it instead of Material's file (generator/sites/assets_hook.py).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from tinycss2 import ast

from generator.sites.bundles import Bundle, fingerprint
from generator.sites.cachefiles import PrivateFolder

MAIN_CSS = re.compile(r"^main\.[0-9a-f]{8}\.min\.css$")
FOLDER = "assets/stylesheets"


@dataclass(frozen=True)
class Unused:
    """A component of Material's main.css our portals never render."""

    name: str
    classes: str  # a regular expression a whole class name matches
    properties: tuple[str, ...] = ()  # custom property name prefixes it defines
    features: tuple[str, ...] = ()  # theme.features that make Material draw it
    extensions: tuple[str, ...] = ()  # markdown_extensions that write it
    plugins: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()  # keys of mkdocs.yml's extra: that make it appear


_ADMONITION_TYPES = (
    "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
    "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
    "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
)  # fmt: skip
UNUSED: tuple[Unused, ...] = (
    Unused("content tabs", r"tabbed-.*", ("--md-tabbed-",), ("content.tabs.link",),
           ("pymdownx.tabbed",)),
    Unused("navigation tabs", r"md-tabs.*|md-nav--lifted",
           features=("navigation.tabs", "navigation.tabs.sticky")),
    Unused("table of contents in the navigation", r"md-nav--integrated",
           features=("toc.integrate",)),
    Unused("code highlighting", r"highlight|highlighttable|linenos|linenodiv|filename",
           ("--md-code-hl-",), extensions=("pymdownx.highlight", "pymdownx.superfences",
                                          "codehilite", "pymdownx.inlinehilite")),
    Unused("code copy and selection buttons", r"md-code__.*|md-clipboard.*",
           ("--md-clipboard-icon", "--md-code-select-icon", "--md-code-copy-icon"),
           ("content.code.copy", "content.code.select")),
    Unused("code annotations", r"md-annotation.*", ("--md-annotation-",),
           ("content.code.annotate",)),
    Unused("mermaid diagrams", r"mermaid", ("--md-mermaid-",),
           extensions=("pymdownx.superfences",)),
    Unused("version and language selectors", r"md-version.*|md-select.*",
           ("--md-version-icon",), extra=("version", "alternate")),
    Unused("repository link", r"md-source.*|md-header__source|md-nav__source",
           ("--md-source-",)),  # needs repo_url: check_config
    Unused("blog", r"md-post.*|md-author.*|md-pin.*|md-profile.*|md-meta.*|md-pagination.*",
           ("--md-post-",),
           plugins=("blog", "material/blog")),
    Unused("tags and page status", r"md-tag.*|md-tags.*|md-status.*",
           ("--md-tag-icon", "--md-status"), plugins=("tags", "material/tags")),
    Unused("cookie consent", r"md-consent.*", extra=("consent",)),
    Unused("was this page helpful", r"md-feedback.*", extra=("analytics",)),
    Unused("breadcrumbs", r"md-path.*", ("--md-path-icon",), ("navigation.path",)),
    Unused("loading bar", r"md-progress.*", ("--md-progress-",),
           ("navigation.instant.progress",)),
    Unused("footer links and social icons",
           r"md-footer__.*|md-social.*|md-copyright.*", features=("navigation.footer",)),
    # admonitions (and <details>, which we use) keep their default, note, look; no template
    # of ours writes `!!! tip` and the like, and staff Markdown has no admonitions
    Unused("admonition types other than note", "|".join(_ADMONITION_TYPES),
           tuple(f"--md-admonition-icon--{t}" for t in _ADMONITION_TYPES)),
    Unused("card grids", r"grid|cards"),  # written only by attr_list classes in Markdown
    Unused("keys", r"keys", extensions=("pymdownx.keys",)),
    Unused("critic markup", r"critic.*", extensions=("pymdownx.critic",)),
    Unused("formulas", r"arithmatex", extensions=("pymdownx.arithmatex",)),
    Unused("task lists", r"task-list.*", ("--md-tasklist-icon",),
           extensions=("pymdownx.tasklist",)),
    Unused("footnotes", r"footnote.*", ("--md-footnotes-icon",),
           extensions=("footnotes", "pymdownx.footnotes")),
    Unused("emoji", r"twemoji|emojione|gemoji", extensions=("pymdownx.emoji",)),
)


class NeededError(Exception):
    """A component trimmed from Material's CSS is used after all."""


def _pattern(components: Sequence[Unused]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{c.classes})" for c in components))


def _classes(selector: list[ast.Node]) -> Iterable[str]:
    """The class names a selector's subject or ancestors must have (not within :not() …)."""
    for before, token in zip([None, *selector], selector, strict=False):
        if (token.type == "ident" and before is not None and before.type == "literal"
                and before.value == "."):  # fmt: skip
            yield token.value


def _split(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    selectors: list[list[ast.Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _parse(text: str) -> list[ast.Node]:
    return tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True)


class _Trimmer:
    def __init__(self, components: Sequence[Unused]) -> None:
        self.unused = _pattern(components)
        self.properties = tuple(p for c in components for p in c.properties)

    def rules(self, rules: Iterable[ast.Node]) -> list[str]:
        kept: list[str] = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = [
                    s for s in _split(rule.prelude)
                    if not any(self.unused.fullmatch(c) for c in _classes(s))
                ]  # fmt: skip
                if selectors:
                    prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                    kept.append(f"{prelude}{{{tinycss2.serialize(rule.content)}}}")
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
                inner = self.rules(tinycss2.parse_rule_list(rule.content or [], skip_comments=True,
                                                             skip_whitespace=True))
                if inner:
                    kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}"
                                f"{{{''.join(inner)}}}")  # fmt: skip
            elif rule.type != "error":
                kept.append(rule.serialize())
        return kept

    def drop_properties(self, rules: list[str]) -> list[str]:
        """The unused components' custom properties, unless something left reads them."""
        parsed: list[tuple[str, list[ast.Declaration]] | str] = []
        for css in rules:
            if css.startswith(":root") and "--" in css:
                (rule,) = tinycss2.parse_stylesheet(css)
                parsed.append((tinycss2.serialize(rule.prelude).strip(), [
                    d for d in _parse(tinycss2.serialize(rule.content))
                    if d.type == "declaration"
                ]))  # fmt: skip
            else:
                parsed.append(css)
        declared = {d.name for item in parsed if isinstance(item, tuple) for d in item[1]}
        dropped = {name for name in declared if name.startswith(self.properties)}
        while True:  # until what stays reads none of what goes (icons read by other icons)
            text = "".join(self._rule(item, dropped) for item in parsed)
            read = {name for name in dropped if f"var({name}" in text}
            if not read:
                return [css for item in parsed if (css := self._rule(item, dropped))]
            dropped -= read

    @staticmethod
    def _rule(item: tuple[str, list[ast.Declaration]] | str, dropped: set[str]) -> str:
        if isinstance(item, str):
            return item
        prelude, declarations = item
        body = ";".join(
            f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' * d.important}"
            for d in declarations if d.name not in dropped
        )  # fmt: skip
        return f"{prelude}{{{body}}}" if body else ""


def _drop_unnamed_keyframes(rules: list[str]) -> list[str]:
    names = {r: re.match(r"@(?:-webkit-)?keyframes\s*([\w-]+)", r) for r in rules}
    rest = "".join(r for r, name in names.items() if not name)
    return [r for r, name in names.items() if not name or re.search(
        rf"(?<![\w-]){re.escape(name.group(1))}(?![\w-])", rest)]  # fmt: skip


def trim(text: str, components: Sequence[Unused] = UNUSED) -> str:
    """Material's minified main.css without the rules and properties of components."""
    trimmer = _Trimmer(components)
    rules = trimmer.rules(tinycss2.parse_stylesheet(text, skip_comments=True,
                                                    skip_whitespace=True))  # fmt: skip
    return "".join(_drop_unnamed_keyframes(trimmer.drop_properties(rules)))


def find_main_css(theme_dirs: Sequence[str | Path]) -> Path:
    """Material's main.<hash>.min.css, as the theme (our overrides first) provides it."""
    for folder in theme_dirs:
        found = sorted((Path(folder) / FOLDER).glob("main.*.min.css"))
        found = [p for p in found if MAIN_CSS.match(p.name)]
        if len(found) == 1:
            return found[0]
        if found:
            raise NeededError(f"more than one main CSS in {folder}: {found}")
    raise NeededError(f"no {FOLDER}/main.<hash>.min.css in the theme: {list(theme_dirs)}")


_TRIMMED: dict[str, str] = {}  # binding (see _binding) -> trimmed text, from the private cache


@functools.cache
def _binding(text: str) -> str:
    """What a trimmed main.css is the result of: the file, this code and tinycss2
    (worked out once per process: warm and _bundle both ask)."""
    made_by = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    of = hashlib.sha256(text.encode()).hexdigest()
    return f"theme-css:{of}:{made_by}:{tinycss2.__version__}"


def warm(theme_dirs: Sequence[str | Path], cache: PrivateFolder | None) -> None:
    """Have the trimmed main.css ready, from the private cache when it is there.

    Trimming parses 137 KB of CSS, about 0.3 s in every build process; the result is
    kept signed in the private cache (generator/sites/cachefiles.py) for the next.
    """
    text = find_main_css(theme_dirs).read_text(encoding="utf-8")
    binding = _binding(text)
    if binding in _TRIMMED or cache is None:
        return
    found = cache.load("theme-css", binding)
    if isinstance(found, str) and found:
        _TRIMMED[binding] = found
        return
    _TRIMMED[binding] = trim(text)
    cache.store("theme-css", binding, _TRIMMED[binding])


@functools.lru_cache(maxsize=4)
def _bundle(path: Path, text: str) -> Bundle:
    trimmed = _TRIMMED.get(_binding(text)) or trim(text)
    original = f"{FOLDER}/{path.name}"
    return Bundle(f"{FOLDER}/material.{fingerprint(trimmed)}.min.css", trimmed,
                  (original, original + ".map"))  # fmt: skip


def bundle(theme_dirs: Sequence[str | Path]) -> Bundle:
    """The trimmed main.css, with the site paths of Material's file (and map) it replaces."""
    path = find_main_css(theme_dirs)
    return _bundle(path, path.read_text(encoding="utf-8"))


def _names(entries: Iterable[object]) -> set[str]:
    names = set()
    for entry in entries:
        names.update(entry if isinstance(entry, dict) else [str(entry)])
    return names


def check_config(features: Iterable[str], extensions: Iterable[object],
                 plugins: Iterable[str], extra: Iterable[str],
                 repo_url: str | None) -> None:  # fmt: skip
    """Raise NeededError if the site's configuration draws a component trimmed away."""
    used = {"features": set(features), "extensions": _names(extensions),
            "plugins": set(plugins), "extra": set(extra)}  # fmt: skip
    problems = [
        f"{c.name}（{kind}: {', '.join(sorted(hit))}）"
        for c in UNUSED
        for kind in ("features", "extensions", "plugins", "extra")
        if (hit := used[kind] & set(getattr(c, kind)))
    ]
    if repo_url:
        problems.append("repository link（repo_url）")
    if problems:
        raise NeededError(
            "Material's CSS is trimmed of components this configuration uses: "
            + "；".join(problems) + ". Take them out of UNUSED in generator/sites/theme_css.py."
        )


_CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
_UNUSED_CLASSES = _pattern(UNUSED)


@functools.lru_cache(maxsize=4096)
def _trimmed_class(name: str) -> bool:
    return _UNUSED_CLASSES.fullmatch(name) is not None


def check_page(html: str, where: str) -> None:
    """Raise NeededError if the page names a class of a component trimmed away."""
    names = {name for value in set(_CLASS_ATTRIBUTE.findall(html)) for name in value.split()}
    found = sorted(name for name in names if _trimmed_class(name))
    if found:
        raise NeededError(
            f"{where} uses classes whose CSS is trimmed from Material's: {', '.join(found)}. "
            "Take their component out of UNUSED in generator/sites/theme_css.py."
        )
