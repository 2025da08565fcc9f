"""Values that remember where they were written: a file's data with every value's place."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Loc = tuple[str | int, ...]


@dataclass
class Located:
    """A file's data plus the line and column of every value in it (1-based)."""

    path: Path
    data: Any
    places: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False)  # as read: to place findings within values

    def place(self, loc: Loc) -> tuple[int, int]:
        """The position of loc, or of its nearest ancestor that has one."""
        for end in range(len(loc), -1, -1):
            found = self.places.get(tuple(loc[:end]))
            if found:
                return found
        return (1, 1)
