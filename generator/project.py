"""The whole data tree: portal.yml plus one folder per settlement, loaded and checked.

``load_project`` gathers every problem of every file before it fails, so staff
see all their mistakes in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Report
from generator.load import load_yaml
from generator.models.portal import Portal
from generator.models.settlement import Settlement
from generator.schema_errors import validate

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class SettlementData:
    """Everything published for one settlement."""

    slug: str
    folder: Path
    profile: Settlement


@dataclass(frozen=True)
class Project:
    """The hub's settings and every settlement, validated."""

    root: Path
    portal: Portal
    settlements: tuple[SettlementData, ...]

    def settlement(self, slug: str) -> SettlementData:
        return next(s for s in self.settlements if s.slug == slug)


def settlement_folders(data_dir: Path) -> list[Path]:
    folder = data_dir / "settlements"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_project(
    data_dir: Path, only: Iterable[str] | None = None
) -> tuple[Project | None, Report]:
    """Load and check the data tree; the project is None when any error was found."""
    report = Report(root=data_dir)
    portal = _load_portal(data_dir, report)
    wanted = set(only or [])
    folders = settlement_folders(data_dir)
    if not folders:
        report.add(
            "file.missing",
            "没有找到任何安置点：data/settlements/ 下应有每个安置点一个文件夹",
            data_dir / "settlements",
        )
    unknown = wanted - {f.name for f in folders}
    for slug in sorted(unknown):
        report.add("file.missing", f"没有名为「{slug}」的安置点文件夹", data_dir / "settlements")
    settlements = []
    for folder in folders:
        if wanted and folder.name not in wanted:
            continue
        loaded = _load_settlement(folder, report)
        if loaded is not None:
            settlements.append(loaded)
    if report.errors or portal is None:
        return None, report
    return Project(data_dir, portal, tuple(settlements)), report


def _load_portal(data_dir: Path, report: Report) -> Portal | None:
    path = data_dir / "portal.yml"
    if not path.is_file():
        report.add("file.missing", "缺少 portal.yml（平台名称、主办单位、网址）", path)
        return None
    located = load_yaml(path, report)
    return validate(Portal, located, report) if located else None


def _load_settlement(folder: Path, report: Report) -> SettlementData | None:
    if not SLUG.match(folder.name):
        report.add(
            "schema.slug", f"文件夹名「{folder.name}」只能用小写英文字母、数字和减号", folder
        )
        return None
    path = folder / "settlement.yml"
    if not path.is_file():
        report.add("file.missing", "缺少 settlement.yml（每个安置点必须有）", path)
        return None
    located = load_yaml(path, report)
    profile = validate(Settlement, located, report) if located else None
    if profile is None:
        return None
    return SettlementData(folder.name, folder, profile)
