"""The MkDocs hook (mkdocs.yml ``hooks:``) that adds hidden search words to every page.

What it adds and why it stays hidden: generator/sites/search_terms.py.
"""

from __future__ import annotations

from generator.sites import search_parser, search_terms, segmenter


def on_config(config):  # type: ignore[no-untyped-def]
    segmenter.install()  # Material's search plugin cuts Chinese through our memo
    search_parser.install()  # ... and divides pages into sections with our faster parser
    search_terms.teach_jieba(search_terms.synonyms_from(config.get("extra")))
    return config


def on_page_content(html, page, config, files):  # type: ignore[no-untyped-def]
    return search_terms.add_terms(html, search_terms.synonyms_from(config.get("extra")))
