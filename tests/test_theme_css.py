"""Material's main.css, trimmed of the components we never draw; scripts deferred.

generator/sites/theme_css.py and the hook in generator/sites/assets_hook.py.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import tinycss2
import yaml
from conftest import ROOT  # tests/conftest.py
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from generator.sites import theme_css
from generator.sites.theme_css import NeededError, Unused, check_config, check_page, trim

TABS = (Unused("tabs", r"tabbed-.*", ("--md-tabbed-",)),)


def material_css() -> str:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))
    return theme_css.find_main_css(config.theme.dirs).read_text(encoding="utf-8")


def test_a_rule_goes_when_every_selector_needs_an_unused_class() -> None:
    css = ".tabbed-set{a:b}.md-typeset .tabbed-labels>label,.x{c:d}.tabbed-set2 .y{e:f}"
    assert trim(css, TABS) == ".x{c:d}"


def test_classes_within_not_do_not_count() -> None:
    css = ".md-typeset :not(.tabbed-set)>p{a:b}.y:is(.tabbed-set){c:d}"
    assert trim(css, TABS) == css


def test_a_class_is_matched_whole() -> None:
    css = ".md-tabbed-set{a:b}.pp-tabbed-set-note{c:d}"
    assert trim(css, TABS) == css


def test_media_rules_are_trimmed_and_dropped_when_empty() -> None:
    css = "@media screen{.tabbed-set{a:b}}@media print{.tabbed-set{a:b}.x{c:d}}"
    assert trim(css, TABS) == "@media print{.x{c:d}}"


def test_custom_properties_go_unless_something_left_reads_them() -> None:
    css = (":root{--md-tabbed-icon:url(x);--md-tabbed-kept:1;--md-other:2}"
           ".tabbed-set{mask:var(--md-tabbed-icon)}.x{width:var(--md-tabbed-kept)}")  # fmt: skip
    kept = ":root{--md-tabbed-kept:1;--md-other:2}.x{width:var(--md-tabbed-kept)}"
    assert trim(css, TABS) == kept


def test_keyframes_go_when_no_rule_left_names_them() -> None:
    css = ("@keyframes pulse{0%{a:b}}@keyframes spin{0%{a:b}}"
           ".tabbed-set{animation:pulse 1s}.x{animation:spin 1s}")  # fmt: skip
    assert trim(css, TABS) == "@keyframes spin{0%{a:b}}.x{animation:spin 1s}"


def test_materials_css_keeps_what_we_draw_and_loses_what_we_do_not() -> None:
    original = material_css()
    trimmed = trim(original)
    assert len(trimmed) < len(original) * 0.5
    parsed = tinycss2.parse_stylesheet(trimmed, skip_comments=True, skip_whitespace=True)
    assert not [rule for rule in parsed if rule.type == "error"]
    for kept in (".md-header__button", ".md-search__input", ".md-nav__link", ".md-banner",
                 ".md-dialog", ".md-tooltip2", ".md-top", ".md-skip", ".md-typeset details",
                 ".md-typeset table:not([class])", ".md-typeset code", "--md-admonition-icon--note",
                 ".md-sidebar--primary", ".md-overlay"):  # fmt: skip
        assert kept in trimmed, kept
    for gone in (".tabbed-set", ".md-clipboard", ".highlight", ".md-version", ".md-annotation",
                 ".md-source", ".md-tabs", ".mermaid", "--md-mermaid-", ".md-consent",
                 "--md-admonition-icon--tip", ".md-typeset .admonition.warning"):  # fmt: skip
        assert gone not in trimmed, gone


def base_config() -> dict[str, object]:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_our_configuration_uses_no_component_trimmed_away() -> None:
    config = base_config()
    check_config(config["theme"]["features"], config["markdown_extensions"],  # type: ignore[index]
                 [], config["extra"], config.get("repo_url"))  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.parametrize(
    ("features", "extensions", "extra", "repo_url", "named"),
    [
        (["content.code.copy"], [], [], None, "content.code.copy"),
        ([], [{"pymdownx.tabbed": {"alternate_style": True}}], [], None, "pymdownx.tabbed"),
        ([], ["pymdownx.highlight"], [], None, "pymdownx.highlight"),
        ([], [], ["version"], None, "version"),
        ([], [], [], "https://example.org/repo", "repo_url"),
    ],
)
def test_a_configuration_that_draws_a_trimmed_component_is_refused(
    features: list[str], extensions: list[object], extra: list[str], repo_url: str | None,
    named: str,
) -> None:
    with pytest.raises(NeededError, match=re.escape(named)):
        check_config(features, extensions, [], extra, repo_url)


def test_a_page_that_names_a_trimmed_class_is_refused() -> None:
    check_page('<div class="md-grid pp-service__summary md-typeset">', "index.md")
    with pytest.raises(NeededError, match=r"index\.md .*tabbed-set"):
        check_page('<p>x</p><div class="md-typeset tabbed-set">', "index.md")


def mini_build(tmp_path: Path, markdown: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(markdown, encoding="utf-8")
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(docs),
                         site_dir=str(tmp_path / "site"))  # fmt: skip
    logging.getLogger("mkdocs").setLevel(logging.CRITICAL)
    mkdocs_build(config)
    return tmp_path / "site"


def test_pages_link_the_trimmed_css_and_defer_every_script(tmp_path: Path) -> None:
    site = mini_build(tmp_path, "# 新天地\n\n正文。\n")
    html = (site / "index.html").read_text(encoding="utf-8")
    (trimmed,) = re.findall(r'href="(assets/stylesheets/material\.[0-9a-f]{8}\.min\.css)"', html)
    assert (site / trimmed).read_text(encoding="utf-8") == trim(material_css())
    assert "stylesheets/main." not in html
    assert not list((site / "assets" / "stylesheets").glob("main.*"))  # nor its map
    scripts = re.findall(r"<script src=[^>]*>", html)
    assert len(scripts) == 2, scripts  # Material's bundle, then ours, in that order
    assert "/bundle." in scripts[0] and "/portal." in scripts[1]
    assert all(" defer" in s for s in scripts), scripts


def test_a_page_drawing_a_trimmed_component_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises((PluginError, Abort)):
        mini_build(tmp_path, '# 标题\n\n<div class="tabbed-set" markdown>正文</div>\n')


def test_the_trimmed_css_is_kept_in_the_private_cache_for_the_next_process(
    tmp_path: Path,
) -> None:
    """Trimming costs every build process 0.3 s: the next one loads the signed result."""
    from generator.sites.cachefiles import PrivateFolder

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))
    dirs = config.theme.dirs
    text = material_css()
    binding = theme_css._binding(text)
    cache = PrivateFolder(tmp_path / "cache")
    theme_css._TRIMMED.pop(binding, None)
    theme_css.warm(dirs, cache)
    assert cache.load("theme-css", binding) == trim(text)
    theme_css._TRIMMED.pop(binding, None)
    cache.store("theme-css", binding, "a{color:red}")  # the next process takes it as it is
    theme_css.warm(dirs, cache)
    assert theme_css._TRIMMED.pop(binding) == "a{color:red}"
    assert theme_css._bundle.__wrapped__(Path("main.x.min.css"), text).text == trim(text)
