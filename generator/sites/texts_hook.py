"""An MkDocs hook: Material's texts looked up once per Jinja environment.

Material's ``partials/language.html`` defines ``t(key)`` as
``lang.t(key) or fallback.t(key) or key``, where each language's ``t`` builds a dict
literal of all its texts (some 80) and takes one, and imports both languages again
on every page: a few dozen such calls a page were about 2% of a portal's build. Our
override of that partial (site_overrides/partials/language.html) calls the
environment's ``pp_text`` instead, which gives the same text, remembered per
language and key. A process builds every site with one environment per theme
(generator/sites/workers.py), so the first page's lookups serve every other.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2


def remembered(env: jinja2.Environment) -> Callable[[str, str], str]:
    """Material's ``lang.t(key) or fallback.t(key) or key``, each worked out once."""
    known: dict[tuple[str, str], str] = {}

    def text(language: str, key: str) -> str:
        found = known.get((language, key))
        if found is None:
            lang = env.get_template(f"partials/languages/{language}.html").module
            fallback = env.get_template("partials/languages/en.html").module
            found = known[(language, key)] = lang.t(key) or fallback.t(key) or key
        return found

    return text


def on_env(env, config, files):  # type: ignore[no-untyped-def]
    env.globals.setdefault("pp_text", remembered(env))
    return env
