"""jieba, ready before the first page: its dictionary loaded from a fast cache.

Material's search plugin segments Chinese text with jieba, which loads its
prefix dictionary (half a million words) on first use from a marshal file:
about a second in every build process. The same dictionary unpickles in a
quarter of that, so we keep it as a signed pickle in our private cache folder
(generator/sites/cachefiles.py) and hand it to jieba's default tokenizer; without
that file (or when it is not ours), jieba loads as usual and the pickle is
written for next time.

Then ``cut``: jieba's cut of a text, memoised in this process. The same short runs of
Chinese (headings, labels, nav titles, service names) repeat on every page of every
portal, and cutting them again was a fifth of a portal's build. Material's search
plugin cuts through it too (``install``). What jieba cuts depends on its dictionary,
and we add words to it (search_terms.teach_jieba): the memo is emptied whenever that
happens (``forget``), and also whenever the dictionary looks different from when the
memo was filled (another dictionary, words added elsewhere), so a cut is never one
an earlier dictionary made.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from generator.sites.cachefiles import PrivateFolder

_MEMO_SIZE = 200_000  # texts cut (a county's runs are far fewer)
# Material's _segment_chinese of a section's whole title or text (``install``)
_SEGMENTED_SIZE = 4_000_000  # characters kept, texts and results; emptied when full
_segmented: dict[str, str] = {}
_segmented_size = [0]
_memo_for: list[object] = [None]  # the dictionary the memo's cuts were made with


def warm(cache: PrivateFolder | None) -> None:
    """Load jieba's default dictionary now, quietly, from the cache when it is there."""
    import jieba  # 0.16 s: only in a process that builds sites

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return
    default = tokenizer.dictionary == jieba.DEFAULT_DICT
    name = f"jieba-{jieba.__version__}.pickle"
    if cache is not None and default:
        found = cache.load(name, name)
        if isinstance(found, tuple) and len(found) == 2:
            freq, total = found
            if isinstance(freq, dict) and isinstance(total, int) and freq:
                tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
                return
    tokenizer.initialize()
    if cache is not None and default:
        cache.store(name, name, (tokenizer.FREQ, tokenizer.total))


def _dictionary() -> object:
    """What tells this process's dictionaries apart: which one, its size and total count."""
    import jieba

    tokenizer = jieba.dt
    freq = tokenizer.FREQ
    return (
        id(tokenizer),
        tokenizer.dictionary,
        tokenizer.initialized,
        id(freq),
        len(freq),
        tokenizer.total,
    )


def forget() -> None:
    """Empty the memo: call it whenever words are added to (or removed from) jieba."""
    _cut.cache_clear()
    _segmented.clear()
    _segmented_size[0] = 0
    _memo_for[0] = None


def _check_dictionary() -> None:
    """Empty the memos when jieba's dictionary is not the one they were filled with."""
    import jieba

    jieba.dt.check_initialized()  # what cutting does first: the dictionary it cuts with
    now = _dictionary()
    if _memo_for[0] != now:
        forget()
        _memo_for[0] = now


def cut(text: str) -> tuple[str, ...]:
    """jieba.cut(text) (precise mode, HMM on: jieba's defaults), memoised in this process."""
    _check_dictionary()
    return _cut(text)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _cut(text: str) -> tuple[str, ...]:
    import jieba

    return tuple(jieba.cut(text))


class _MemoisedJieba:
    """The jieba module as Material's search plugin sees it: ``cut`` memoised (``cut``)."""

    def __getattr__(self, name: str) -> Any:
        import jieba

        return getattr(jieba, name)

    @staticmethod
    def cut(sentence: str | bytes, *args: Any, **kwargs: Any) -> Any:
        import jieba

        if args or kwargs:  # another mode than the defaults: jieba itself
            return jieba.cut(sentence, *args, **kwargs)
        if isinstance(sentence, bytes):
            try:
                sentence = sentence.decode("utf-8")  # what jieba does first (strdecode)
            except UnicodeDecodeError:
                return jieba.cut(sentence)
        return iter(cut(sentence))


def _memoised_segmenting(segment: Any) -> Any:
    """Material's SearchIndex._segment_chinese, its result memoised per text.

    A section's title or text is segmented again in every portal (the same headings,
    the same boilerplate); Material's method cuts each run of Chinese in it through
    ``cut``, so what it returns depends only on the text and jieba's dictionary, and the
    memo is emptied with ``cut``'s. Material's own method segments whatever the memo
    has not, and everything whenever its ``jieba`` is not our memoised one.
    """

    def _segment_chinese(self: Any, data: str) -> str:
        from material.plugins.search import plugin

        if not isinstance(plugin.jieba, _MemoisedJieba) or not isinstance(data, str):
            return segment(self, data)
        _check_dictionary()
        found = _segmented.get(data)
        if found is None:
            found = segment(self, data)
            _segmented_size[0] += len(data) + len(found)
            if _segmented_size[0] > _SEGMENTED_SIZE:
                _segmented.clear()
                _segmented_size[0] = len(data) + len(found)
            _segmented[data] = found
        return found

    _segment_chinese._portal_memoised = segment  # type: ignore[attr-defined]
    return _segment_chinese


def install() -> None:
    """Make Material's search plugin cut Chinese through the memo (once per process)."""
    try:
        from material.plugins.search import plugin
    except ImportError:
        return
    if getattr(plugin, "jieba", None) is not None and not isinstance(plugin.jieba, _MemoisedJieba):
        plugin.jieba = _MemoisedJieba()
    segment = plugin.SearchIndex._segment_chinese
    if not hasattr(segment, "_portal_memoised"):
        plugin.SearchIndex._segment_chinese = _memoised_segmenting(segment)
