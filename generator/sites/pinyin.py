"""The pinyin of a word for the search (低保 → dibao, db), remembered across builds.

pypinyin's dictionaries take 0.16 s to load in every process that builds a portal: on a
rebuild that builds a few portals, each worker's share of the critical path. Every word's
pinyin worked out is therefore kept in the private cache (generator/sites/cachefiles.py,
signed, bound to pypinyin's version and this module's code) when a worker stops
(``keep``), and loaded when the next one starts (``recall``); a build whose words are all
known never loads pypinyin. The words are those of our pages' headings, the synonyms of
portal.yml and settlement names: a county's few thousand, not its text.
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from generator.sites.cachefiles import PrivateFolder

FILE = "pinyin.pickle"
LIMIT = 200_000  # words kept: beyond that, only this process's (a county has thousands)

_known: dict[str, tuple[str, ...]] = {}  # from earlier builds (recall)
_learned: dict[str, tuple[str, ...]] = {}  # worked out by this process since (keep)


@lru_cache(maxsize=65536)
def pinyin(han: str) -> tuple[str, ...]:
    """The full pinyin without tones and the initials of a run of Chinese characters."""
    found = _known.get(han)
    if found is None:
        found = _learned[han] = _from_pypinyin(han)
    return found


def _from_pypinyin(han: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    full = "".join(lazy_pinyin(han, errors="ignore"))
    initials = "".join(lazy_pinyin(han, style=Style.FIRST_LETTER, errors="ignore"))
    return tuple(w for w in (full, initials) if w)


@cache
def _binding() -> str:
    """What the kept pinyin is the pinyin of: pypinyin's version and this code."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"pinyin/{metadata.version('pypinyin')}/{code}"


def recall(folder: PrivateFolder | None) -> int:
    """Load what earlier builds worked out; returns how many words are known."""
    found = folder.load(FILE, _binding()) if folder is not None else None
    if isinstance(found, dict):
        _known.update(found)
    return len(_known)


def keep(folder: PrivateFolder | None) -> None:
    """Store what this process worked out, with what is stored already (another worker's)."""
    if folder is None or not _learned:
        return
    stored = folder.load(FILE, _binding())
    words = dict(stored) if isinstance(stored, dict) and len(stored) < LIMIT else {}
    words.update(_known)
    words.update(_learned)
    folder.store(FILE, _binding(), words)
    _known.update(_learned)
    _learned.clear()


def forget() -> None:
    """This process's memo emptied (tests: a build as a new process would make it)."""
    _known.clear()
    _learned.clear()
    pinyin.cache_clear()
