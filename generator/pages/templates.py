"""The Jinja environment of the Markdown templates in templates/, and its filters.

Staff text is HTML-escaped by autoescape; ``md`` renders a Markdown field safely,
``mdesc`` makes plain text literal in a Markdown context, ``fm`` writes a value
into front matter; ``term`` explains a glossary term (generator/pages/glossary.py).
Compiled templates are shared by every process through a bytecode cache in a folder
private to the user (Jinja checks its owner and mode).
"""

from __future__ import annotations

import datetime as dt
import json

import jinja2
from markupsafe import Markup, escape

from generator.pages.glossary import term
from generator.pages.markup import escape_md, render_markdown
from generator.paths import TEMPLATES
from generator.read import values

# compiled templates, shared by every process (Jinja checks each template's source checksum)
BYTECODE = jinja2.FileSystemBytecodeCache()  # a private per-user folder in the temp dir


def _date_cn(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


_WEEKDAYS = "一二三四五六日"


def _day_cn(value: dt.date) -> str:
    """A date of this year's calendar as residents say it: 1月4日（星期日）."""
    return f"{value.month}月{value.day}日（星期{_WEEKDAYS[value.weekday()]}）"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=BYTECODE,
        auto_reload=False,  # templates/ does not change while a process builds
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # attr_list's heading ids ({#id}) would open a Jinja comment: comments are {## ##}
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(
        md=render_markdown,
        mdesc=escape_md,
        tel=values.tel_href,
        days=values.describe_days,
        date_cn=_date_cn,
        day_cn=_day_cn,
        # front matter: JSON is valid YAML; the theme prints titles unescaped, so the
        # value is HTML-escaped first
        fm=lambda v: Markup(json.dumps(str(escape(v)), ensure_ascii=False)),
    )
    env.globals["term"] = term  # 名词解释 where a term is used: {{ term("凭证号") }}
    return env


def render_template(env: jinja2.Environment, template: str, context: object, **view: object) -> str:
    """Render a template with the page context as `c` and a section's own view as `v`."""
    return env.get_template(template).render(c=context, **({"v": view} if view else {}))
