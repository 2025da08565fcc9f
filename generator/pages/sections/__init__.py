"""The sections of a portal, one module each, found here and ordered by ``order``.

A new section is a new module that defines ``SECTION`` (a generator.pages.types.Section);
nothing else needs to list it.
"""

from __future__ import annotations

import importlib
import pkgutil

from generator.pages.types import Section


def _discover() -> tuple[Section, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "SECTIONS", ()) or [module.SECTION])
    return tuple(sorted(found, key=lambda s: s.order))


SECTIONS: tuple[Section, ...] = _discover()
