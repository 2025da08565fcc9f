"""jieba, ready before the first page: its dictionary loaded from a fast cache.

Material's search plugin segments Chinese text with jieba, which loads its
prefix dictionary (half a million words) on first use from a marshal file:
about a second in every build process. The same dictionary unpickles in a
quarter of that, so we keep it as a signed pickle in our private cache folder
(generator/sites/cachefiles.py) and hand it to jieba's default tokenizer; without
that file (or when it is not ours), jieba loads as usual and the pickle is
written for next time.
"""

from __future__ import annotations

import logging

from generator.sites.cachefiles import PrivateFolder


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
