"""The hub's search by need: a static index a phone reads a few small files of per query.

Services are grouped by name across the county (``最低生活保障申请`` in 300 settlements is
one group); a group is found by the words of its name, its keywords and categories, the
synonyms of portal.yml they say, and their pinyin (generator/sites/search_terms.py). Under
``search/hub/<version>/`` the build writes:

* ``meta.json``: the number of term shards, the block size, the towns (settlements are
  numbered town by town: each town is the run of numbers from its start);
* ``t/<k>.json``: the term shard k, ``{term: [group, weight, group, weight, …]}``; a term
  lives in shard ``fnv1a(term) mod shards`` (FNV-1a, 32 bits, over the UTF-16 code units:
  what hubsearch.js computes);
* ``g/<group>.json``: a group, ``{"n": name, "ids": [service ids], "s": [settlements],
  "i": [index into ids per settlement, only when the ids differ]}``;
* ``s/<block>.json``: settlements ``[[slug, name], …]``, BLOCK of them per file.

A term is a Chinese character, two characters in a row (bigram), or a run of ASCII
letters and digits (``dibao``, ``db``). A query fetches meta, the shards of its own terms,
the groups it ranks first and the blocks of the settlements it shows: a few tens of KB at a
thousand settlements (bench/hub_search.py). The version is a digest of the content, so a
page never mixes files of two builds. Every file is JSON with ``<``, ``>`` and ``&`` as
``\\u`` escapes: fetched as data, and harmless even where it is not.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.contract.portal import Synonym
from generator.pages.markup import json_script
from generator.pages.types import File, HubEntry
from generator.sites import segmenter
from generator.sites.search_terms import HAN, pinyin, teach_jieba

FOLDER = "search/hub"
BLOCK = 64  # settlements per block file
SHARD_BYTES = 4096  # what one term shard holds on average, at most
MAX_SHARDS = 4096
# what a term of each kind weighs: its name says it, its words (keywords, synonyms,
# pinyin) do, its category does
NAME, WORD, INITIALS, CATEGORY = 3, 2, 1, 1
LONG_NAME = 8  # the pinyin of a whole name, as search_terms does for headings: ≤ 8 characters
_ASCII = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """NFKC, lower case: full-width letters and digits become ASCII (hubsearch.js: the same)."""
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str) -> list[str]:
    """Every term a text is found by: each Han character and bigram, each ASCII word."""
    text = normalise(text)
    found: list[str] = []
    for run in HAN.findall(text):
        found += list(run)
        found += [run[k : k + 2] for k in range(len(run) - 1)]
    found += _ASCII.findall(text)
    return found


def query_terms(query: str) -> list[str]:
    """The terms a query looks up (hubsearch.js: the same): bigrams, a lone character, words."""
    text = normalise(query)
    found: list[str] = []
    for run in HAN.findall(text):
        found += [run] if len(run) == 1 else [run[k : k + 2] for k in range(len(run) - 1)]
    found += _ASCII.findall(text)
    return list(dict.fromkeys(found))


def shard_of(term: str, shards: int) -> int:
    """FNV-1a (32 bits) of the term's UTF-16 code units, modulo the number of shards."""
    value = 0x811C9DC5
    data = term.encode("utf-16-le")
    for k in range(0, len(data), 2):
        value ^= data[k] | (data[k + 1] << 8)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % shards


@dataclass
class _Group:
    name: str
    ids: list[str] = field(default_factory=list)
    members: list[tuple[int, int]] = field(default_factory=list)  # (settlement, index in ids)
    keywords: dict[str, None] = field(default_factory=dict)
    categories: dict[str, None] = field(default_factory=dict)


def _weighted_words(group: _Group, synonyms: Sequence[Synonym]) -> dict[str, int]:
    """The words a group is found by, each with its weight (the highest it earns)."""
    words: dict[str, int] = {}

    def add(word: str, weight: int) -> None:
        if word and words.get(word, 0) < weight:
            words[word] = weight

    add(group.name, NAME)
    for word in group.keywords:
        add(word, WORD)
    for category in group.categories:
        add(category, CATEGORY)
    # portal.yml's synonyms are the words residents use: their initials (db) count as words
    residents: set[str] = set()
    name, said = group.name.casefold(), " ".join((group.name, *group.keywords)).casefold()
    for syn in synonyms:
        if any(w.casefold() in said for w in syn.words):
            residents.update(syn.words)
            if any(w.casefold() in name for w in syn.words):
                residents.update(syn.also)
    for word in residents:
        add(word, WORD)
    for word in list(words):
        if HAN.search(word) and (word != group.name or len(word) <= LONG_NAME):
            full, *initials = pinyin(word)
            add(full, min(words[word], WORD))
            for short in initials:
                add(short, WORD if word in residents else INITIALS)
    for word in _name_words(group.name):
        for k, spelled in enumerate(pinyin(word)):
            add(spelled, WORD if k == 0 else INITIALS)
    return words


def _name_words(name: str) -> list[str]:
    """The words of a name as jieba cuts them, two characters or more (最低, 生活保障 …)."""
    return [w for run in HAN.findall(name) for w in segmenter.cut(run) if len(w) >= 2]


def _json(data: object) -> bytes:
    return str(json_script(data)).encode("utf-8")


@dataclass(frozen=True)
class HubIndex:
    """The files of the index and the folder (relative to the hub's root) they are in."""

    folder: str  # search/hub/<version>/
    files: tuple[File, ...]


def build_index(entries: Iterable[HubEntry], synonyms: Sequence[Synonym]) -> HubIndex:
    """The sharded index of every settlement's services (see the module's docstring)."""
    # jieba cuts the names (_name_words) with the words this county's portals teach it: taught
    # here too, the index is the same whether or not this worker has built a portal before
    teach_jieba(synonyms)
    listed = sorted(enumerate(entries), key=lambda pair: (pair[1].town, pair[0]))
    settlements = [entry for _, entry in listed]
    towns: list[list[object]] = []
    groups: dict[str, _Group] = {}
    for number, entry in enumerate(settlements):
        if not towns or towns[-1][0] != entry.town:
            towns.append([entry.town, number])
        seen: set[str] = set()
        for service in entry.services:
            key = " ".join(service.name.split())
            if key in seen:  # the same name twice in one handbook: its first service
                continue
            seen.add(key)
            group = groups.setdefault(key, _Group(service.name))  # named as written
            if service.id not in group.ids:
                group.ids.append(service.id)
            group.members.append((number, group.ids.index(service.id)))
            group.keywords.update(dict.fromkeys(service.keywords))
            group.categories[service.category] = None
    postings: dict[str, dict[int, int]] = {}
    group_files: list[tuple[str, bytes]] = []
    for gid, group in enumerate(groups.values()):
        for word, weight in _weighted_words(group, synonyms).items():
            for term in terms(word):
                found = postings.setdefault(term, {})
                found[gid] = max(found.get(gid, 0), weight)
        data: dict[str, object] = {
            "n": group.name,
            "ids": group.ids,
            "s": [number for number, _ in group.members],
        }
        if len(group.ids) > 1:
            data["i"] = [k for _, k in group.members]
        group_files.append((f"g/{gid}.json", _json(data)))
    size = sum(len(t.encode()) + 6 * len(p) + 6 for t, p in postings.items())
    shards = min(MAX_SHARDS, 1 << max(0, math.ceil(math.log2(max(1, size / SHARD_BYTES)))))
    by_shard: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term in sorted(postings):
        ranked = sorted(postings[term].items(), key=lambda p: (-p[1], p[0]))
        by_shard[shard_of(term, shards)][term] = [n for pair in ranked for n in pair]
    files = [(f"t/{k}.json", _json(shard)) for k, shard in enumerate(by_shard)]
    files += group_files
    for start in range(0, len(settlements), BLOCK):
        block = [[e.slug, e.name] for e in settlements[start : start + BLOCK]]
        files.append((f"s/{start // BLOCK}.json", _json(block)))
    meta = {
        "v": 1,
        "shards": shards,
        "block": BLOCK,
        "count": len(settlements),
        "groups": len(groups),
        "towns": towns,
    }
    files.append(("meta.json", _json(meta)))
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + data + b"\0")
    folder = f"{FOLDER}/{digest.hexdigest()[:12]}/"
    return HubIndex(folder, tuple(File(folder + name, data) for name, data in files))


# What hubsearch.js does with the index, in Python: the tests and bench/hub_search.py ask
# the built files through it (the browser test checks the script itself against it).
SHOW_ALL = 40  # hubsearch.js: up to this many settlements are listed at once
MAX_GROUPS = 6  # hubsearch.js: the service groups a query shows
_FILLER = re.compile(
    "怎么办|怎么|如何|我要|我想|想要|请问|哪里|在哪|去哪|能不能|可以|需要|什么|吗|呢|啊|吧"
)


@dataclass(frozen=True)
class Hit:
    """One service a query found in one settlement: its page is <slug>/handbook/<id>/."""

    town: str
    slug: str
    settlement: str
    service_id: str
    service: str

    @property
    def href(self) -> str:
        return f"{self.slug}/handbook/{self.service_id}/"


@dataclass(frozen=True)
class Answer:
    """What a query fetched (file → bytes) and found; blocks only when all are listed."""

    fetched: dict[str, int]
    groups: tuple[str, ...]
    settlements: int  # how many settlements offer what it found
    hits: tuple[Hit, ...]  # every settlement's services (the blocks of those not listed too)
    listed: bool  # ≤ SHOW_ALL settlements: listed at once; else town by town, on a tap
    towns: dict[str, int]  # town → bytes of the blocks its list needs (a tap on it)


def _coverage(query: str) -> tuple[dict[str, set[str]], int]:
    text = normalise(query)
    kept = _FILLER.sub(" ", text)
    if HAN.search(kept) or _ASCII.search(kept):
        text = kept
    places: dict[str, set[str]] = {}
    total = 0
    for r, run in enumerate(HAN.findall(text)):
        if len(run) == 1:
            places.setdefault(run, set()).add(f"{r}:0")
        for k in range(len(run) - 1):
            places.setdefault(run[k : k + 2], set()).update({f"{r}:{k}", f"{r}:{k + 1}"})
        total += len(run)
    for word in _ASCII.findall(text):
        places.setdefault(word, set()).update(f"a{word}:{k}" for k in range(len(word)))
        total += len(word)
    return places, total


def answer(read: Callable[[str], bytes], query: str, show_all: int = SHOW_ALL) -> Answer:
    """Ask the index as hubsearch.js does; read(name) gives a file of the index folder."""
    fetched: dict[str, int] = {}

    def get(name: str) -> Any:
        data = read(name)
        fetched.setdefault(name, len(data))
        return json.loads(data)

    meta = get("meta.json")
    places, total = _coverage(query)
    covered: dict[int, set[str]] = {}
    weight: dict[int, int] = {}
    for term, where in places.items():
        postings = get(f"t/{shard_of(term, meta['shards'])}.json").get(term, [])
        for g, w in zip(postings[::2], postings[1::2], strict=True):
            covered.setdefault(g, set()).update(where)
            weight[g] = weight.get(g, 0) + w
    ranked = sorted(
        (g for g in covered if len(covered[g]) / total > 0.5),
        key=lambda g: (-len(covered[g]) / total, -weight[g], g),
    )
    groups = [get(f"g/{g}.json") for g in ranked[:MAX_GROUPS]]
    found: dict[int, list[tuple[str, str]]] = {}
    for group in groups:
        for k, number in enumerate(group["s"]):
            service_id = group["ids"][group["i"][k] if "i" in group else 0]
            found.setdefault(number, []).append((service_id, group["n"]))
    starts = [(start, town) for town, start in meta["towns"]]

    def town_of(number: int) -> str:
        return [town for start, town in starts if start <= number][-1]

    listed = len(found) <= show_all
    blocks: dict[int, list[list[str]]] = {}
    towns: dict[str, set[int]] = {}
    for number in found:
        towns.setdefault(town_of(number), set()).add(number // meta["block"])
    bytes_per_town = {}
    for town, needed in towns.items():
        size = 0
        for b in sorted(needed):
            name = f"s/{b}.json"
            data = read(name)
            blocks[b] = json.loads(data)
            size += len(data)
            if listed:
                fetched.setdefault(name, len(data))
        bytes_per_town[town] = size
    hits = []
    for number in sorted(found):
        slug, name = blocks[number // meta["block"]][number % meta["block"]]
        for service_id, service in found[number]:
            hits.append(Hit(town_of(number), slug, name, service_id, service))
    return Answer(
        fetched, tuple(g["n"] for g in groups), len(found), tuple(hits), listed, bytes_per_town
    )
