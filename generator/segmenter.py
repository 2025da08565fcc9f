"""jieba, ready before the first page: its dictionary loaded from a fast cache.

Material's search plugin segments Chinese text with jieba, which loads its
prefix dictionary (half a million words) on first use from a marshal file:
about a second in every build process. The same dictionary unpickles in a
quarter of that, so we keep it as a pickle in our own cache folder and hand it
to jieba's default tokenizer; without that file (or when it cannot be read),
jieba loads as usual and the pickle is written for next time.
"""

from __future__ import annotations

import logging
import os
import pickle
from pathlib import Path


def warm(cache_dir: Path | None) -> None:
    """Load jieba's default dictionary now, quietly, from cache_dir when it is there."""
    import jieba  # 0.16 s: only in a process that builds sites

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return
    default = tokenizer.dictionary == jieba.DEFAULT_DICT
    path = cache_dir / f"jieba-{jieba.__version__}.pickle" if cache_dir and default else None
    if path is not None and path.is_file():
        try:
            with path.open("rb") as file:
                freq, total = pickle.load(file)
            if isinstance(freq, dict) and isinstance(total, int) and freq:
                tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
                return
        except Exception:  # unreadable: load as jieba does, and write it again
            pass
    tokenizer.initialize()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(pickle.dumps((tokenizer.FREQ, tokenizer.total), protocol=5))
        os.replace(temporary, path)
    except OSError:
        pass
