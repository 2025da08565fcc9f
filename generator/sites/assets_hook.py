"""The MkDocs hook (mkdocs.yml ``hooks:``) that serves our CSS and JavaScript as bundles.

* ``on_config``: ``extra_css`` and ``extra_javascript`` (our files, one per concern) become
  one fingerprinted, minified file each (generator/sites/bundles.py), so every page links
  ``portal.<hash>.min.css`` and ``portal.<hash>.min.js``;
* ``on_env``: main.html gets lazy-search.js, minified, to inline in every page's head;
* ``on_post_build``: the bundles are written into the site, the sources' copies removed.

A list that names anything not ours (a theme file, a URL) is left as it is.
"""

from __future__ import annotations

from pathlib import Path

from generator.sites import bundles

_built: dict[int, list[bundles.Bundle]] = {}  # id(config) → its bundles, for on_post_build


def on_config(config):  # type: ignore[no-untyped-def]
    made: list[bundles.Bundle] = []
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


def on_post_build(config):  # type: ignore[no-untyped-def]
    site_dir = Path(config.site_dir)
    for bundle in _built.pop(id(config), []):
        bundles.write(site_dir, bundle)
    (site_dir / bundles.LAZY_SEARCH).unlink(missing_ok=True)
