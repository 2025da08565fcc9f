"""An MkDocs hook: valid HTML where Material's base template is not.

* Material 9's base.html writes its drawer and search toggles as
  ``<input type="checkbox" … autocomplete="off">``; HTML allows ``autocomplete`` only on
  text-like inputs, so the Nu HTML checker reports it on every page. The markup sits
  outside any block a theme override can replace, so it is fixed here, on the rendered
  page, for exactly those two inputs. (Material added the attribute so that Firefox
  does not restore an open drawer on back navigation; Material's own script closes the
  drawer on every page change, so nothing is lost.)
* The table of contents' toggle (``id="__toc"``, in the navigation entry of the current
  page) is named only by labels that are hidden on a phone, so HTML_CodeSniffer finds
  a form control without a name; it gets one (目录).
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
    r'id="__(?:drawer|search)") autocomplete="off">'
)


_TOC = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def valid(html: str) -> str:
    html = _TOGGLE.sub(r"\1>", html)
    return html.replace(_TOC, _TOC[:-1] + ' aria-label="目录">')


def on_post_page(output: str, **_: object) -> str:
    return valid(output)


def on_post_template(output_content: str, **_: object) -> str:
    return valid(output_content)
