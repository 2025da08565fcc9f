"""The MkDocs hook (mkdocs.yml ``hooks:``) that serves our CSS and JavaScript as bundles.

* ``on_config``: ``extra_css`` and ``extra_javascript`` (our files, one per concern) become
  one fingerprinted, minified file each (generator/sites/bundles.py), so every page links
  ``portal.<hash>.min.css`` and ``portal.<hash>.min.js``;
* ``on_config`` also trims Material's main.css of the components we never draw
  (generator/sites/theme_css.py; refused if the configuration turns one on), and
  ``on_post_page``/``on_post_template`` link the trimmed file instead of Material's, after
  checking that the page names no class of a component trimmed away;
* scripts never hold up the first paint: ``on_config`` marks every ``extra_javascript``
  ``defer`` and ``on_post_page`` Material's bundle too, which stays first: deferred scripts
  run in document order, after parsing and before ``DOMContentLoaded`` (where Material
  starts). Deferred, a phone fetches the stylesheets first (Chrome asks for deferred
  scripts at low priority): on slow 3G the main content showed 0.25 s sooner;
* ``on_env``: main.html gets lazy-search.js, minified, to inline in every page's head;
* ``on_post_build``: the bundles are written into the site, the sources' copies removed
  (Material's main.css and its source map too).

A list that names anything not ours (a theme file, a URL) is left as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError

from generator.sites import bundles, theme_css

_built: dict[int, list[bundles.Bundle]] = {}  # id(config) → its bundles, for on_post_build
_material: dict[int, bundles.Bundle] = {}  # id(config) → Material's main.css, trimmed
# our scripts that one page loads itself, not every page: the hub's search by need
PAGE_SCRIPTS = ("assets/javascripts/hubsearch.js",)
_page_scripts: dict[int, list[tuple[re.Pattern[str], str]]] = {}  # id(config) → (tag, new src)
_MATERIAL_JS = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js")>')


def _trimmed_material_css(config) -> bundles.Bundle:  # type: ignore[no-untyped-def]
    try:
        theme_css.check_config(
            config.theme["features"], config.markdown_extensions, config.plugins,
            config.extra, config.repo_url,
        )  # fmt: skip
        return theme_css.bundle(config.theme.dirs)
    except theme_css.NeededError as exc:
        raise PluginError(str(exc)) from exc


def on_config(config):  # type: ignore[no-untyped-def]
    made: list[bundles.Bundle] = []
    material = _trimmed_material_css(config)
    _material[id(config)] = material
    made.append(material)
    styles = [str(p) for p in config.extra_css]
    if bundles.ours(styles):
        made.append(bundles.css(styles))
        config.extra_css = [made[-1].path]
    scripts = config.extra_javascript
    if all(isinstance(s, str) for s in scripts) and bundles.ours(scripts):
        made.append(bundles.js(scripts))
        config.extra_javascript = [made[-1].path]
    pages = []
    for path in PAGE_SCRIPTS:
        made.append(bundles.page_js(path))
        tag = re.compile(r'<script src="((?:\.\./)*)' + re.escape(path) + r'"></script>')
        pages.append((tag, made[-1].path))
    _page_scripts[id(config)] = pages
    _built[id(config)] = made
    config.extra_javascript = [_deferred(s) for s in config.extra_javascript]
    return config


def _deferred(script: str | ExtraScriptValue) -> ExtraScriptValue:
    if isinstance(script, str):
        path, script = script, ExtraScriptValue()
        script.path = path
    script.defer = True
    return script


def defer_material_js(html: str, where: str) -> str:
    """html with Material's bundle deferred (it must be there, once, on every page)."""
    html, found = _MATERIAL_JS.subn(r"\1 defer>", html)
    if found != 1:
        raise PluginError(f"{where} links Material's bundle.<hash>.min.js {found} times, not "
                          "once: has Material's base.html changed?")  # fmt: skip
    return html


def on_env(env, config, files):  # type: ignore[no-untyped-def]
    env.globals["pp_lazy_search"] = bundles.lazy_search()
    return env


def _link_trimmed(html: str, where: str, config, page: bool = True) -> str:  # type: ignore[no-untyped-def]
    """html linking the trimmed main.css; a page (not a template such as 404.html) must."""
    material = _material[id(config)]
    original = material.sources[0]
    if page and f"{original}\"" not in html:
        raise PluginError(f"{where} does not link {original}: has Material's base.html changed?")
    try:
        theme_css.check_page(html, where)
    except theme_css.NeededError as exc:
        raise PluginError(str(exc)) from exc
    return html.replace(f"{original}\"", f"{material.path}\"")


def on_post_page(output, page, config):  # type: ignore[no-untyped-def]
    where = page.file.src_uri
    for tag, path in _page_scripts.get(id(config), ()):
        output = tag.sub(lambda m, p=path: f'<script src="{m.group(1)}{p}" defer></script>', output)
    return defer_material_js(_link_trimmed(output, where, config), where)


def on_post_template(output_content, template_name, config):  # type: ignore[no-untyped-def]
    if not template_name.endswith(".html"):
        return output_content  # sitemap.xml
    return _link_trimmed(output_content, template_name, config, page=False)


def on_post_build(config):  # type: ignore[no-untyped-def]
    site_dir = Path(config.site_dir)
    _material.pop(id(config), None)
    _page_scripts.pop(id(config), None)
    for bundle in _built.pop(id(config), []):
        bundles.write(site_dir, bundle)
    (site_dir / bundles.LAZY_SEARCH).unlink(missing_ok=True)
