"""A build's staging folder, started from the generation published before the current one.

Assembling a whole new site for every build costs as much as the site is large:
each unchanged portal is some 36 folders and 50 files to hard-link, about 9 ms
a portal on a slow disk (1.7 s at 200 portals), and the replaced site is as
large to delete. Instead the site replaced by each build is kept beside --out
(``.<out>.prev``, generator/sites/publish.py) and becomes the next build's
staging folder. It differs from what the next build publishes only by what
changed in the last two builds, so only that is set aside, linked or built:
the cost follows the change.

Its manifest says what it holds. An entry is kept only when the manifest
gives it exactly the hash the new site wants for it; everything else in it
(a stale portal, a hub of other inputs, a stray file, the old manifest) is
moved to the work folder's trash at once, by renames, and deleted while the
workers build. A build that fails or is killed never leaves a half-updated
copy to be reused: the previous generation is inside the work folder from the
moment the build starts using it, and the next build removes that folder.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.sites.manifest import Manifest
from generator.sites.publish import link_tree


@dataclass(frozen=True)
class Wanted:
    """What the new site takes from earlier builds: portals by hash, and the hub's files."""

    portals: dict[str, str]  # slug -> hash, for the portals carried over (not rebuilt)
    hub: str  # the hub's hash; its files are carried over only when hub_files is not empty
    hub_files: tuple[str, ...]


def set_aside(staging: Path, base: Manifest, wanted: Wanted, trash: Path) -> set[str]:
    """Keep in staging what the new site wants as it is; move everything else to trash.

    Returns the entries kept.
    """
    portals = {s for s, key in wanted.portals.items() if base.portals.get(s) == key}
    hub: set[str] = set()
    if wanted.hub_files and base.hub == wanted.hub and base.hub_files == wanted.hub_files:
        hub = set(wanted.hub_files)
    trash.mkdir(exist_ok=True)
    kept = set()
    with os.scandir(staging) as entries:
        for entry in entries:
            name = entry.name
            if entry.is_symlink():
                pass  # never ours: a build writes no links
            elif name in hub or (name in portals and entry.is_dir(follow_symlinks=False)):
                kept.add(name)
                continue
            os.replace(entry.path, trash / name)
    if not hub <= kept:  # the hub is kept whole or not at all
        for name in hub & kept:
            os.replace(staging / name, trash / name)
        kept -= hub
    return kept


def complete(published: Path, staging: Path, names: set[str], trash: Path) -> None:
    """Link what staging still lacks from the published site, then empty the trash.

    Run beside the workers: time spent in the kernel, not in the workers' CPU.
    """
    link_tree(published, staging, names)
    shutil.rmtree(trash, ignore_errors=True)
