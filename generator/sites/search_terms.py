"""Words a search finds a section by that its text does not say: pinyin, building numbers, synonyms.

Material's search plugin cuts every page into sections at each heading with an id and
indexes each section's title and text (all text but script, style and
``data-search-exclude``). At the end of each section we add one element, built here::

    <sup class="pp-search-terms" hidden aria-hidden="true">dibao db 底保 lou3 3号楼 3栋 …</sup>

``hidden`` is ``display: none``: nobody sees it, a screen reader does not read it, and the
朗读 button (``innerText``) skips it. The search plugin still indexes it, and keeps the
``<sup>`` around it in the result's text, where portal.css hides it too.

The words added to a section (those about what its heading says weigh double):

* pinyin of the words of its heading (``低保申请`` → ``dibao``, ``db``, ``shenqing``,
  ``sq``, ``dibaoshenqing``, ``dbsq``) and of the synonyms its heading names;
* synonyms from portal.yml: a section that says one word of a group gets all of them;
  one whose heading says one also gets the group's one-way ``also`` words;
* for each building number it names (``3号楼``, ``吉祥小区3栋``, ``三号楼``): the variants
  residents type (``3号楼 3栋 3幢 三号楼 三栋``) and ``lou3``, the one form the search box's
  script (site_overrides/assets/javascripts/search.js) turns any of them into.

generator/sites/search_hook.py runs this on every page as an MkDocs hook; the synonyms
come in the site's ``extra.pp_search`` (generator/sites/render.py).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.pages.glossary import GLOSSARY
from generator.sites import segmenter
from generator.sites.pinyin import pinyin as words_pinyin

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"[^\"]*\"[^>]*>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_CN_DIGITS = "零一二三四五六七八九十百两〇"
# a building's number: 3号楼, 3 号楼, 3号住宅楼, 3栋, 3幢, 三号楼, 十二号楼; not 3楼 (the 3rd
# floor), nor 一栋 (一栋楼 is "one building")
BUILDING = re.compile(
    rf"(?<![0-9{_CN_DIGITS}])(?:([0-9]{{1,3}})\s*(?:号楼|号住宅楼|栋|幢)"
    rf"|([{_CN_DIGITS}]{{1,4}})(?:号楼|号住宅楼))"
)
MAX_BUILDING = 999
# short synonyms become words of jieba's dictionary, so that 底保 is one token, not 底 + 保;
# longer ones are phrases jieba cuts into the words residents also type on their own
DICTIONARY_WORD = 4


@dataclass(frozen=True)
class Synonyms:
    """One group of portal.yml's synonyms: words that mean the same, and one-way extras."""

    words: tuple[str, ...]
    also: tuple[str, ...] = ()


def synonyms_from(extra: object) -> tuple[Synonyms, ...]:
    """The groups from a site config's extra (plain lists, as render.py writes them)."""
    found = extra.get("pp_search") if isinstance(extra, Mapping) else None  # MkDocs: a UserDict
    groups = found.get("synonyms") if isinstance(found, Mapping) else None
    return tuple(
        Synonyms(tuple(g.get("words") or ()), tuple(g.get("also") or ()))
        for g in groups or ()
        if isinstance(g, Mapping)
    )


def config_extra(groups: Iterable[object]) -> dict:
    """What render.py puts in a site's extra for the hook: portal.yml's synonyms, plainly."""
    return {
        "synonyms": [
            {"words": list(g.words), "also": list(g.also)}  # type: ignore[attr-defined]
            for g in groups
        ]
    }


def dictionary_words(groups: Sequence[Synonyms]) -> list[str]:
    """The terms jieba should keep whole: the glossary's and the short synonyms."""
    words = list(GLOSSARY)
    for group in groups:
        words += [w for w in (*group.words, *group.also) if HAN.fullmatch(w)]
    return [w for w in dict.fromkeys(words) if len(w) <= DICTIONARY_WORD or w in GLOSSARY]


# the words taught to jieba's dictionary of this process: [its FREQ table, the words]
_taught: list = [None, set()]


def teach_jieba(groups: Sequence[Synonyms]) -> None:
    """Add the glossary's terms and the short synonyms to jieba's dictionary (this process).

    Each word once: jieba's add_word raises a word's count (and the total) again on every
    call, so teaching the same words for every site made the dictionary a little different
    for each site a process built, and a site's cuts depend on the sites built before it.
    """
    import jieba

    jieba.dt.check_initialized()
    if _taught[0] is not jieba.dt.FREQ:  # another dictionary: nothing taught to it yet
        _taught[0], _taught[1] = jieba.dt.FREQ, set()
    taught: set[str] = _taught[1]
    for word in dictionary_words(groups):
        if word in taught:
            continue
        taught.add(word)
        if not jieba.dt.FREQ.get(word) or word in GLOSSARY:  # 0: only a prefix of words
            jieba.add_word(word)
            segmenter.forget()  # cuts made with the dictionary before are stale now


def pinyin(word: str) -> list[str]:
    """The full pinyin without tones and the initials of a Chinese word: 低保 → dibao, db.

    Memoised per process and kept across builds (generator/sites/pinyin.py): a portal's
    pages repeat the same words, and pypinyin takes 0.16 s to load.
    """
    han = "".join(HAN.findall(word))
    return list(words_pinyin(han)) if han else []


def _words(text: str) -> list[str]:
    """The Chinese words of a text as the search plugin's jieba cuts them (two characters up)."""
    return [w for run in HAN.findall(text) for w in segmenter.cut(run) if len(w) >= 2]


def _to_number(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    import cn2an

    try:
        number = cn2an.cn2an(written.replace("〇", "零"), "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return int(number) if number == int(number) else None


def _chinese(number: int) -> str:
    import cn2an

    return str(cn2an.an2cn(str(number)))


def building_numbers(text: str) -> list[int]:
    """The building numbers a text names, in order: 3号楼、吉祥小区12栋、三号楼 → 3, 12.

    Chinese numerals count before 号楼 only: 一栋楼 is "one building", not building 1.
    """
    found = []
    for match in BUILDING.finditer(text):
        number = _to_number(match.group(1) or match.group(2))
        if number is not None and 0 < number <= MAX_BUILDING:
            found.append(number)
    return list(dict.fromkeys(found))


def building_terms(number: int) -> list[str]:
    """What residents type for building 3: 3号楼 3栋 3幢 三号楼 三栋, and lou3 (search.js)."""
    cn = _chinese(number)
    return [f"lou{number}", f"{number}号楼", f"{number}栋", f"{number}幢", f"{cn}号楼", f"{cn}栋"]


def synonym_terms(heading: str, text: str, groups: Sequence[Synonyms]) -> list[str]:
    """The synonyms a section is found by.

    A group's words when the section says any of them (heading or text); its one-way
    ``also`` words only when its heading does: 看病报销 finds the section about 医保, not
    every section that mentions 医保 in passing.
    """
    title, said = heading.lower(), f"{heading} {text}".lower()
    terms: list[str] = []
    for group in groups:
        if any(w.lower() in said for w in group.words):
            terms += group.words
            if any(w.lower() in title for w in group.words):
                terms += group.also
    return terms


def section_terms(
    heading: str, text: str, groups: Sequence[Synonyms]
) -> tuple[list[str], list[str]]:
    """The hidden search words of one section: (of its heading, of its text).

    The heading's words are what the section is about: pinyin of the heading, the groups
    it names (with their ``also``), the buildings it names. add_terms writes them twice
    (lunr counts how often a word occurs): 底保 ranks the 低保 card above the cards that
    mention 低保 in passing. (Inside the heading they would count as its title, but then
    every reader of the heading's text, tests and scripts, would get them too.)
    """
    said = f"{heading} {text}"
    heading_words = _words(heading)
    named = synonym_terms(heading, "", groups)  # the groups its heading names
    about: list[str] = []
    for word in [*heading_words, *(s for s in named if HAN.fullmatch(s))]:
        about += pinyin(word)
    if len(heading_words) > 1 and len("".join(HAN.findall(heading))) <= 8:
        about += pinyin(heading)  # the whole title: dibaoshenqing, dbsq
    about += named
    in_heading = building_numbers(heading)
    for number in in_heading:
        about += building_terms(number)
    mentioned = synonym_terms(heading, text, groups)
    for number in building_numbers(text):
        if number not in in_heading:
            mentioned += building_terms(number)

    def new(terms: list[str], seen: set[str]) -> list[str]:
        # what the section says is indexed already (lou3 never is: search.js's form)
        kept = [t for t in dict.fromkeys(terms) if t and t not in seen]
        return [t for t in kept if t not in said or t.startswith("lou")]

    title = new(about, set())
    return title, new(mentioned, set(title))


def hidden(terms: Sequence[str]) -> str:
    """The element that carries a section's search words (see the module's docstring)."""
    words = " ".join(html.escape(t) for t in terms)
    return f' <sup class="pp-search-terms" hidden aria-hidden="true">{words}</sup>'


def add_terms(page_html: str, groups: Sequence[Synonyms]) -> str:
    """The page's HTML with each section's search words at the end of that section."""
    starts = [m.start() for m in _HEADING.finditer(page_html)]
    if not starts:
        return page_html
    cuts = [*starts, len(page_html)]
    out = [page_html[: starts[0]]]
    for begin, end in itertools.pairwise(cuts):
        chunk = page_html[begin:end]
        match = _HEADING.match(chunk)
        assert match is not None
        about, mentioned = section_terms(
            _plain(match.group(2)), _plain(chunk[match.end() :]), groups
        )
        terms = [*about, *about, *mentioned]  # twice: more weight than a passing mention
        out.append(chunk + hidden(terms) if terms else chunk)
    return "".join(out)


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment))
