"""The whole data tree: portal.yml plus one folder per settlement, loaded and checked.

``load_project`` reads every file, scans it for personal information, validates
it against its model, then runs the cross-file checks, gathering every problem
before it fails, so staff see all their mistakes in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from generator import privacy
from generator.datafiles import is_symlink, real_folder
from generator.errors import Report
from generator.ledger import Ledger, read_ledger
from generator.load import Located, load_front_matter, load_yaml, read_text
from generator.models.councils import Councils
from generator.models.funds import Account, QuarterHeader
from generator.models.grids import Grids
from generator.models.handbook import Handbook
from generator.models.notices import NoticeMeta
from generator.models.portal import Portal
from generator.models.settlement import Settlement
from generator.models.windows import Windows
from generator.schema_errors import validate

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED = frozenset({"assets", "search"})  # the hub's own folders beside the portals
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Notice:
    """A notice (通知公告): its front matter and Markdown body."""

    path: Path
    meta: NoticeMeta
    body: str


@dataclass(frozen=True)
class FundQuarter:
    """One disclosed quarter: the header staff wrote and the ledger it names."""

    header: QuarterHeader
    path: Path
    ledger: Ledger
    source: Located | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Funds:
    account: Account
    quarters: tuple[FundQuarter, ...]  # oldest first


@dataclass(frozen=True)
class SettlementData:
    """Everything published for one settlement; only the profile is required."""

    slug: str
    folder: Path
    profile: Settlement
    handbook: Handbook | None = None
    windows: Windows | None = None
    grids: Grids | None = None
    councils: Councils | None = None
    charter: str | None = None
    funds: Funds | None = None
    notices: tuple[Notice, ...] = ()
    # where each YAML file's values stand, for the cross-file checks' messages
    sources: Mapping[str, Located] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Project:
    """The hub's settings and every settlement, validated."""

    root: Path
    portal: Portal
    settlements: tuple[SettlementData, ...]

    def settlement(self, slug: str) -> SettlementData:
        return next(s for s in self.settlements if s.slug == slug)


def settlement_folders(data_dir: Path) -> list[Path]:
    """Every real settlement folder (a symlink to a folder is not one: named_folders says so)."""
    folder = data_dir / "settlements"
    if not real_folder(folder):
        return []
    return sorted(p for p in folder.iterdir() if real_folder(p) and not p.name.startswith("."))


def load_project(
    data_dir: Path, only: Iterable[str] | None = None
) -> tuple[Project | None, Report]:
    """Load and check the data tree; the project is None when any error was found."""
    report = Report(root=data_dir)
    portal = load_portal(data_dir, report)
    settlements = []
    wanted = set(only or [])
    for folder in named_folders(data_dir, wanted, report):
        if wanted and folder.name not in wanted:
            continue
        loaded = load_settlement(folder, report)
        if loaded is not None:
            settlements.append(loaded)
    if report.errors or portal is None:
        return None, report
    return Project(data_dir, portal, tuple(settlements)), report


def named_folders(data_dir: Path, named: Iterable[str], report: Report) -> list[Path]:
    """Every settlement folder; reports when there is none or a named one is missing."""
    folders = settlement_folders(data_dir)
    settlements = data_dir / "settlements"
    links = [settlements] if is_symlink(settlements) else []
    if real_folder(settlements):
        links = sorted(p for p in settlements.iterdir() if is_symlink(p))
    for link in links:
        report.add("file.symlink", f"「{link.name}」是符号链接，网站不会读取它", link)
    if not folders:
        report.add(
            "file.missing",
            "没有找到任何安置点：data/settlements/ 下应有每个安置点一个文件夹",
            data_dir / "settlements",
        )
    for slug in sorted(set(named) - {f.name for f in folders}):
        report.add("file.missing", f"没有名为「{slug}」的安置点文件夹", data_dir / "settlements")
    return folders


def load_settlement(folder: Path, report: Report) -> SettlementData | None:
    """Read, validate and cross-check one settlement; None when it has errors."""
    from generator.checks import check_settlement

    errors_before = len(report.errors)
    loaded = _load_settlement(folder, report)
    if loaded is not None:
        check_settlement(loaded, report)
    return loaded if len(report.errors) == errors_before else None


def _load_model(path: Path, model: type[M], report: Report) -> tuple[M | None, Located | None]:
    located = load_yaml(path, report)
    if located is None:
        return None, None
    privacy.scan_located(located, report)
    return validate(model, located, report), located


def load_portal(data_dir: Path, report: Report) -> Portal | None:
    path = data_dir / "portal.yml"
    if not path.is_file():
        report.add("file.missing", "缺少 portal.yml（平台名称、主办单位、网址）", path)
        return None
    return _load_model(path, Portal, report)[0]


OPTIONAL_FILES: dict[str, type[BaseModel]] = {
    "handbook": Handbook,
    "windows": Windows,
    "grids": Grids,
    "councils": Councils,
}


def _load_settlement(folder: Path, report: Report) -> SettlementData | None:
    if not SLUG.match(folder.name):
        report.add(
            "schema.slug", f"文件夹名「{folder.name}」只能用小写英文字母、数字和减号", folder
        )
        return None
    if folder.name in RESERVED:
        report.add(
            "schema.slug",
            f"文件夹名「{folder.name}」是全县平台自己要用的网址，请给这个安置点换一个文件夹名",
            folder,
        )
        return None
    errors_before = len(report.errors)
    path = folder / "settlement.yml"
    if not path.is_file():
        report.add("file.missing", "缺少 settlement.yml（每个安置点必须有）", path)
        return None
    profile, located = _load_model(path, Settlement, report)
    sources: dict[str, Located] = {"settlement": located} if located else {}
    parts: dict[str, object] = {}
    for name, model in OPTIONAL_FILES.items():
        file = folder / f"{name}.yml"
        if not file.is_file():
            _warn_misnamed(folder, name, report)
            continue
        parts[name], part_located = _load_model(file, model, report)
        if part_located is not None:
            sources[name] = part_located
    councils = parts.get("councils")
    charter = None
    if isinstance(councils, Councils):
        charter = _load_charter(folder, councils, sources["councils"], report)
    for name in ("funds", "notices"):
        if is_symlink(folder / name):
            report.add("file.symlink", f"「{name}」文件夹是符号链接，网站不会读取它", folder / name)
    funds = _load_funds(folder / "funds", report) if real_folder(folder / "funds") else None
    notices = _load_notices(folder / "notices", report)
    if profile is None or len(report.errors) > errors_before:
        return None
    return SettlementData(
        folder.name,
        folder,
        profile,
        charter=charter,
        funds=funds,
        notices=notices,
        sources=sources,
        **parts,  # type: ignore[arg-type]
    )


def _warn_misnamed(folder: Path, name: str, report: Report) -> None:
    """handbook.yaml or Handbook.yml would be silently ignored: say so."""
    for other in folder.iterdir():
        if other.stem.lower() == name and other.name != f"{name}.yml":
            report.add(
                "file.name",
                f"文件名应为 {name}.yml，现在是 {other.name}，不会被读取",
                other,
            )


def _load_charter(folder: Path, councils: Councils, located: Located, report: Report) -> str | None:
    path = folder / councils.charter.text
    if not path.is_file():
        report.add(
            "ref.missing_file",
            f"charter.text 写的公约文件「{councils.charter.text}」不存在",
            located.path,
            *located.place(("charter", "text")),
        )
        return None
    text = read_text(path, report)
    if text is not None:
        privacy.scan_text(text, path, report)
    return text


def _load_funds(funds_dir: Path, report: Report) -> Funds | None:
    account_path = funds_dir / "account.yml"
    if not account_path.is_file():
        report.add("file.missing", "funds 文件夹中缺少 account.yml（经费账户说明）", account_path)
        return None
    account = _load_model(account_path, Account, report)[0]
    quarters = []
    for path in sorted(funds_dir.glob("*.yml")):
        if path.name == "account.yml":
            continue
        header, located = _load_model(path, QuarterHeader, report)
        if header is None or located is None:
            continue
        ledger_path = funds_dir / header.ledger
        if not ledger_path.is_file():
            report.add(
                "ref.missing_file",
                f"ledger 写的台账文件「{header.ledger}」不存在",
                path,
                *located.place(("ledger",)),
            )
            continue
        ledger = read_ledger(ledger_path, report)
        if ledger is None:
            continue
        privacy.scan_cells(_ledger_cells(ledger), ledger_path, report)
        quarters.append(FundQuarter(header, path, ledger, located))
    if account is None:
        return None
    quarters.sort(key=lambda q: q.header.quarter)
    return Funds(account, tuple(quarters))


def _ledger_cells(ledger: Ledger) -> Iterable[tuple[int, int, str]]:
    text_columns = ("voucher", "summary", "category", "source", "handler", "approver",
                    "countersigner", "note")  # fmt: skip
    for row in ledger.rows:
        for key in text_columns:
            value = getattr(row, key)
            if value:
                yield row.line, row.columns.get(key, 0), value


def _load_notices(notices_dir: Path, report: Report) -> tuple[Notice, ...]:
    if not real_folder(notices_dir):
        return ()
    notices = []
    for path in sorted(notices_dir.glob("*.md")):
        front = load_front_matter(path, report)
        if front is None:
            continue
        privacy.scan_located(front.meta, report)
        privacy.scan_text(front.body, path, report, first_line=front.body_line)
        meta = validate(NoticeMeta, front.meta, report)
        if meta is not None:
            notices.append(Notice(path, meta, front.body))
    return tuple(notices)
