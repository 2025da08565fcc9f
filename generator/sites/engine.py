"""Which engine builds the sites: ProperDocs when it is installed, else MkDocs 1.6.

ProperDocs (https://properdocs.org/) continues MkDocs 1.x under the module name
``properdocs``; it reads the same ``mkdocs.yml`` and loads the same themes and
plugins, Material's included (their ``mkdocs.themes``/``mkdocs.plugins`` entry
points). Its ``properdocs.replacement`` module makes every ``mkdocs.*`` import
resolve to ``properdocs.*``; its command line imports it first, and so does this
module, so that Material (which imports ``mkdocs.plugins`` and friends) and the
generator's hooks run unchanged on either engine. Everything else in the
generator imports the engine's pieces from here, never ``mkdocs`` itself.

Nothing to configure: a deployment switches engine by which package its
environment holds (``make test-properdocs`` builds one with ProperDocs).
"""

from __future__ import annotations

import logging
from importlib.util import find_spec

if find_spec("properdocs") is not None:
    import properdocs.replacement  # noqa: F401  (mkdocs.* now means properdocs.*)

    NAME = "properdocs"  # the distribution, the module and the command
else:
    NAME = "mkdocs"

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import pages  # its private anchor scan: generator/sites/raw_html.py
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

# the engine logs under its own name; Material's plugins log under "mkdocs.material.*"
LOGGERS = tuple(dict.fromkeys((NAME, "mkdocs")))

__all__ = [
    "LOGGERS", "NAME", "BasePlugin", "File", "Files", "MkDocsException", "Theme", "build",
    "event_priority", "load_config", "pages", "quiet",
]  # fmt: skip


def quiet() -> None:
    """The engines log every page at INFO; staff only need warnings."""
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
