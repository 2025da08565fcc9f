"""The whole data tree: portal.yml plus one folder per settlement, loaded and checked.

``load_project`` reads every file, scans it for personal information, validates
it against its model, then runs the cross-file checks, gathering every problem
before it fails, so staff see all their mistakes in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from generator import privacy
from generator.datafiles import is_symlink, present, real_folder
from generator.errors import Report
from generator.ledger import Ledger, read_ledger
from generator.load import Located, load_front_matter, load_yaml, read_text
from generator.models.councils import MARKDOWN_FILE, Councils
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
T = TypeVar("T")


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
class Loaded:
    """What could be read of one settlement, whatever failed: the cross-file checks' input.

    ``failed`` names the parts with mistakes ("settlement", "handbook", "windows",
    "grids", "councils", "charter", "funds", "notices"); a rule whose input failed
    is skipped, and says so.
    """

    slug: str
    folder: Path
    profile: Settlement | None
    handbook: Handbook | None = None
    windows: Windows | None = None
    grids: Grids | None = None
    councils: Councils | None = None
    charter: str | None = None
    account: Account | None = None
    quarters: tuple[FundQuarter, ...] = ()  # oldest first; a ledger may be incomplete
    has_funds: bool = False  # the funds/ folder exists
    notices: tuple[Notice, ...] = ()
    sources: Mapping[str, Located] = field(default_factory=dict, compare=False, repr=False)
    failed: frozenset[str] = frozenset()

    @property
    def funds(self) -> Funds | None:
        if not self.has_funds or self.account is None:
            return None
        return Funds(self.account, self.quarters)

    def complete(self) -> SettlementData | None:
        """The settlement as published, when every part loaded; else None."""
        if self.failed or self.profile is None:  # a ledger with mistakes fails "funds"
            return None
        return SettlementData(
            self.slug,
            self.folder,
            self.profile,
            handbook=self.handbook,
            windows=self.windows,
            grids=self.grids,
            councils=self.councils,
            charter=self.charter,
            funds=self.funds,
            notices=self.notices,
            sources=self.sources,
        )


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
    """Read, validate and cross-check one settlement; None when it has errors.

    The cross-file checks run on whatever part of it loaded, so one broken file
    never hides the mistakes of the others (generator/checks.py).
    """
    from generator.checks import check_settlement

    errors_before = len(report.errors)
    loaded = read_settlement(folder, report)
    if loaded is None:
        return None
    check_settlement(loaded, report)
    if len(report.errors) > errors_before:
        return None
    return loaded.complete()


def _load_model(path: Path, model: type[M], report: Report) -> tuple[M | None, Located | None]:
    located = load_yaml(path, report)
    if located is None:
        return None, None
    privacy.scan_located(located, report, model)
    return validate(model, located, report), located


def load_portal(data_dir: Path, report: Report) -> Portal | None:
    path = data_dir / "portal.yml"
    if not present(path):
        report.add("file.missing", "缺少 portal.yml（平台名称、主办单位、网址）", path)
        return None
    return _load_model(path, Portal, report)[0]


OPTIONAL_FILES: dict[str, type[BaseModel]] = {
    "handbook": Handbook,
    "windows": Windows,
    "grids": Grids,
    "councils": Councils,
}


def read_settlement(folder: Path, report: Report) -> Loaded | None:
    """Every file of one settlement that can be read and validated, whatever else fails.

    None only when the folder itself is not a settlement (its name); a file that
    fails leaves its part empty and is named in ``Loaded.failed``.
    """
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
    failed: set[str] = set()

    def part(name: str, read: Callable[[], T]) -> T:
        before = len(report.errors)
        value = read()
        if len(report.errors) > before:
            failed.add(name)
        return value

    profile, located = None, None
    path = folder / "settlement.yml"
    if present(path):
        profile, located = part("settlement", lambda: _load_model(path, Settlement, report))
    else:
        report.add("file.missing", "缺少 settlement.yml（每个安置点必须有）", path)
        failed.add("settlement")
    sources: dict[str, Located] = {"settlement": located} if located else {}
    parts: dict[str, object] = {}
    for name, model in OPTIONAL_FILES.items():
        file = folder / f"{name}.yml"
        if not present(file):
            _warn_misnamed(folder, name, report)
            continue
        parts[name], part_located = part(name, lambda f=file, m=model: _load_model(f, m, report))
        if part_located is not None:
            sources[name] = part_located
    charter = part("charter", lambda: _load_charter(folder, sources.get("councils"), report))
    for name in ("funds", "notices"):
        if is_symlink(folder / name):
            report.add("file.symlink", f"「{name}」文件夹是符号链接，网站不会读取它", folder / name)
    account, quarters = None, ()
    if real_folder(folder / "funds"):
        account, quarters = part("funds", lambda: _load_funds(folder / "funds", report))
    notices = part("notices", lambda: _load_notices(folder / "notices", report))
    return Loaded(
        folder.name,
        folder,
        profile,
        charter=charter,
        account=account,
        quarters=quarters,
        has_funds=real_folder(folder / "funds"),
        notices=notices,
        sources=sources,
        failed=frozenset(failed),
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


def _load_charter(folder: Path, located: Located | None, report: Report) -> str | None:
    """charter.md (or the file councils.yml names), scanned for personal information.

    Read from the raw councils.yml, so a mistake elsewhere in that file does not
    keep the charter's own text from being checked.
    """
    named = None
    if located is not None and isinstance(located.data, dict):
        charter = located.data.get("charter")
        text = charter.get("text") if isinstance(charter, dict) else None
        named = text.strip() if isinstance(text, str) else None
    if named is None or not re.fullmatch(MARKDOWN_FILE, named):
        # no usable name (councils.yml reports why): the usual file is still checked
        path = folder / "charter.md"
        if present(path):
            _read_charter(path, report)
        return None
    path = folder / named
    if not present(path):
        assert located is not None
        report.add(
            "ref.missing_file",
            f"charter.text 写的公约文件「{named}」不存在",
            located.path,
            *located.place(("charter", "text")),
        )
        return None
    return _read_charter(path, report)


def _read_charter(path: Path, report: Report) -> str | None:
    text = read_text(path, report)
    if text is not None:
        privacy.scan_text(text, path, report)
    return text


def _load_funds(
    funds_dir: Path, report: Report
) -> tuple[Account | None, tuple[FundQuarter, ...]]:
    """The account and every quarter that loaded (oldest first), each on its own.

    A quarter whose ledger has mistakes is kept with the rows that could be read
    (``Ledger.complete`` is False), so the fund rules still check those rows.
    """
    account_path = funds_dir / "account.yml"
    account = None
    if present(account_path):
        account = _load_model(account_path, Account, report)[0]
    else:
        report.add("file.missing", "funds 文件夹中缺少 account.yml（经费账户说明）", account_path)
    quarters = []
    for path in sorted(funds_dir.glob("*.yml")):
        if path.name == "account.yml":
            continue
        header, located = _load_model(path, QuarterHeader, report)
        if header is None or located is None:
            continue
        ledger_path = funds_dir / header.ledger
        if not present(ledger_path):
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
    quarters.sort(key=lambda q: q.header.quarter)
    return account, tuple(quarters)


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
