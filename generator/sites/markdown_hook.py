"""The MkDocs hook (mkdocs.yml ``hooks:``) that reads our pages' raw HTML fast.

Python-Markdown's raw-HTML pass and MkDocs' anchor scan, read with a regular expression
where that gives exactly what html.parser gives: generator/sites/raw_html.py.
"""

from __future__ import annotations

from generator.sites import raw_html


def on_config(config):  # type: ignore[no-untyped-def]
    raw_html.install(config)
    return config
