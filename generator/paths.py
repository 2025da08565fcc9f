"""Where the project's own files are: the templates, the theme overrides, the MkDocs config.

These are the generator's files, not data: they are read as they are.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project folder
TEMPLATES = ROOT / "templates"
OVERRIDES = ROOT / "site_overrides"
BASE_CONFIG = ROOT / "mkdocs.yml"
