"""Which file events may be an edit, and whether the watched files really changed.

Watchdog on Linux reports every open, every close after reading and every ``touch``
(a change of attributes); the build itself reads all the data. Only creations,
deletions, moves, writes and closes after writing are taken as a possible edit, and
only a change of content (``Watcher.content``, hashed as the build hashes) counts as
one: saving a file unchanged rebuilds nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from generator.sites.hashes import content_hash

# what may change a file's content; opened, closed-without-writing and attrib never do
EDITS = frozenset(
    {EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_MODIFIED,
     EVENT_TYPE_CLOSED}
)  # fmt: skip
QUIET = 0.4  # seconds without an edit before rebuilding: an editor's save is several events
LONGEST_WAIT = 3.0  # ... but never wait longer than this after the first one


def scratch(name: str) -> bool:
    """An editor's or office suite's own file beside the one being edited, not data:
    Excel's ``~$账本.xlsx``, WPS and LibreOffice locks, vim swap files, backups."""
    return (
        name.startswith(("~$", ".~", ".#", ".build-"))
        or name.endswith(("~", ".swp", ".swx", ".swo", ".tmp"))
        or name == "4913"  # vim checks that it may write to the folder with this name
    )


class _Edits(FileSystemEventHandler):
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending = threading.Event()
        self.first = self.last = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in EDITS:
            return
        if event.is_directory and event.event_type == EVENT_TYPE_MODIFIED:
            return  # a folder's own "modified" only echoes the change of an entry in it
        paths = [event.src_path, getattr(event, "dest_path", "") or event.src_path]
        if all(scratch(Path(str(p)).name) for p in paths):
            return
        with self.lock:
            now = time.monotonic()
            if not self.pending.is_set():
                self.first = now
            self.last = now
            self.pending.set()


class Watcher:
    """Watches folders and files (a file through its folder, not recursively)."""

    def __init__(self, folders: Iterable[Path], files: Iterable[Path]) -> None:
        self.folders = [f for f in folders if f.is_dir()]
        self.files = list(files)
        self.edits = _Edits()
        self.observer = Observer()
        for folder in self.folders:
            self.observer.schedule(self.edits, str(folder), recursive=True)
        for parent in sorted({f.parent for f in self.files}):
            self.observer.schedule(self.edits, str(parent), recursive=False)

    def __enter__(self) -> Watcher:
        self.observer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)

    def content(self) -> str:
        """The watched folders' and files' content, as one hash."""
        return content_hash([*self.folders, *self.files], skip=scratch)

    def wait(self, timeout: float) -> bool:
        """True once something may have been edited and it has been quiet for a moment."""
        if not self.edits.pending.wait(timeout):
            return False
        while True:
            with self.edits.lock:
                now = time.monotonic()
                settled = now - self.edits.last >= QUIET
                if settled or now - self.edits.first >= LONGEST_WAIT:
                    self.edits.pending.clear()
                    return True
                left = QUIET - (now - self.edits.last)
            time.sleep(left)
