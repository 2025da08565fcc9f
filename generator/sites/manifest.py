"""The manifest in a published site: what it was built from, and the marker of a build.

``.portal-build.json`` records each portal's hash (generator/sites/hashes.py),
the hub's hash and the hub's own files; a build reuses what still matches, and
generator/sites/publish.py replaces only a folder that holds one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".portal-build.json"


@dataclass(frozen=True)
class Manifest:
    """What the published site was built from: each portal's hash, the hub's hash and files."""

    portals: dict[str, str] = field(default_factory=dict)
    hub: str = ""
    hub_files: tuple[str, ...] = ()  # the hub's top-level files and folders

    def portal_intact(self, site: Path, slug: str, key: str) -> bool:
        """The published portal was built from exactly these inputs and is still there."""
        return self.portals.get(slug) == key and (site / slug).is_dir()

    def hub_intact(self, site: Path, key: str) -> bool:
        """The published hub was built from exactly these inputs and is still all there."""
        files = self.hub_files
        return (
            bool(key)
            and self.hub == key
            and bool(files)
            and all((site / f).exists() for f in files)
        )


    def entries_only(self, site: Path) -> bool:
        """The published site holds exactly what the manifest lists, nothing more."""
        listed = {*self.portals, *self.hub_files, MANIFEST}
        return {entry.name for entry in os.scandir(site)} == listed


def read_manifest(site: Path) -> Manifest:
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        portals = {str(k): str(v) for k, v in data.get("portals", {}).items()}
        hub = data.get("hub", {})
        return Manifest(portals, str(hub.get("hash", "")), tuple(map(str, hub.get("files", []))))
    except (OSError, ValueError, AttributeError, TypeError):
        return Manifest()


def write_manifest(site: Path, manifest: Manifest) -> None:
    data = {
        "version": 2,
        "hub": {"hash": manifest.hub, "files": sorted(manifest.hub_files)},
        "portals": dict(sorted(manifest.portals.items())),
    }
    (site / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
