"""The MkDocs hook (mkdocs.yml ``hooks:``) that serves our CSS and JavaScript as bundles.

* ``on_config``: ``extra_css`` and ``extra_javascript`` (our files, one per concern) become
  one fingerprinted, minified file each (generator/sites/bundles.py), so every page links
  ``portal.<hash>.min.css`` and ``portal.<hash>.min.js``;
* ``on_config`` also trims Material's main.css of the components we never draw
  (generator/sites/theme_css.py; refused if the configuration turns one on), and
  ``on_post_page``/``on_post_template`` link the trimmed file instead of Material's, after
  checking that the page names no class of a component trimmed away;
* ``on_env``: main.html gets lazy-search.js, minified, to inline in every page's head;
* ``on_post_build``: the bundles are written into the site, the sources' copies removed
  (Material's main.css and its source map too).

A list that names anything not ours (a theme file, a URL) is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.sites import bundles, theme_css

_built: dict[int, list[bundles.Bundle]] = {}  # id(config) → its bundles, for on_post_build
_material: dict[int, bundles.Bundle] = {}  # id(config) → Material's main.css, trimmed


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
    _built[id(config)] = made
    return config


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
    return _link_trimmed(output, page.file.src_uri, config)


def on_post_template(output_content, template_name, config):  # type: ignore[no-untyped-def]
    if not template_name.endswith(".html"):
        return output_content  # sitemap.xml
    return _link_trimmed(output_content, template_name, config, page=False)


def on_post_build(config):  # type: ignore[no-untyped-def]
    site_dir = Path(config.site_dir)
    _material.pop(id(config), None)
    for bundle in _built.pop(id(config), []):
        bundles.write(site_dir, bundle)
    (site_dir / bundles.LAZY_SEARCH).unlink(missing_ok=True)
