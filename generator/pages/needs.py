"""The hub's 按事项找: which settlements offer what a resident needs, without JavaScript.

A need is one group of portal.yml's ``synonyms`` that some settlement's service is about:
a service is about a group when its name or one of its keywords says one of the group's
words (低保 finds 最低生活保障申请 by its keyword 低保). The hub links its home page to
``search/needs/`` (every need) and each need's own page, ``search/needs/<stem>/``, which
lists the settlements that offer it, town by town, each linking to its service's page:
two taps from the hub's home to where to go. The search box (hub_index, hubsearch.js)
finds the same services, and more, as a resident types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from generator.contract.portal import Synonym
from generator.pages.types import HubEntry, HubService, Need, Offer, TownOffers

_ASCII = re.compile(r"[^a-z0-9]+")


def is_about(service: HubService, group: Synonym) -> bool:
    """Whether a service's name or one of its keywords says a word of the group."""
    said = " ".join((service.name, *service.keywords)).casefold()
    return any(word.casefold() in said for word in group.words)


def _stem(word: str, index: int, taken: set[str]) -> str:
    """A need's page name: the pinyin of its word (低保 → dibao), else need-<n>; unique."""
    from pypinyin import lazy_pinyin

    stem = _ASCII.sub("", "".join(lazy_pinyin(word, errors="ignore")).lower())[:40]
    stem = stem or f"need-{index + 1}"
    while stem in taken or stem == "index":
        stem = f"{stem}-{index + 1}"
    taken.add(stem)
    return stem


def needs(groups: Sequence[Synonym], entries: Iterable[HubEntry]) -> tuple[Need, ...]:
    """Every group of synonyms some settlement offers a service about, in portal.yml's order.

    Towns are in the hub's order (sorted), settlements in the hub's list order.
    """
    listed = tuple(entries)
    towns = sorted({e.town for e in listed})
    found: list[Need] = []
    taken: set[str] = set()
    for index, group in enumerate(groups):
        by_town: dict[str, list[Offer]] = {}
        for entry in listed:
            services = tuple(s for s in entry.services if is_about(s, group))
            if services:
                by_town.setdefault(entry.town, []).append(Offer(entry.slug, entry.name, services))
        if not by_town:
            continue
        word = group.words[0]
        offered = tuple(
            TownOffers(town, f"town-{k + 1}", tuple(by_town[town]))
            for k, town in enumerate(towns)
            if town in by_town
        )
        found.append(Need(word, tuple(group.words), _stem(word, index, taken), offered))
    return tuple(found)
