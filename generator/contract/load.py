"""Reading a data tree into the contract: which files, in which order, each validated.

``read_settlement`` reads every file of one settlement that can be read and
validates it against its model, whatever else fails: the result (``Loaded``)
names the parts that failed and keeps every file as read, for the checks
(generator/checks/), which this module never calls.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from generator.contract.councils import MARKDOWN_FILE, Councils
from generator.contract.data import Document, FundBudget, FundPeriod, Loaded, Notice, Sanzi
from generator.contract.fund_periods import Budget, PeriodHeader
from generator.contract.funds import Account
from generator.contract.grids import Grids
from generator.contract.handbook import Handbook
from generator.contract.lists_read import read_lists
from generator.contract.notices import NoticeMeta
from generator.contract.portal import Portal
from generator.contract.sanzi import SANZI_FILES
from generator.contract.settlement import Settlement
from generator.contract.validate import validate
from generator.contract.windows import Windows
from generator.errors import Report, codes
from generator.read.files import is_symlink, present, real_folder
from generator.read.ledger import LOOSE, Expect, read_ledger
from generator.read.ledger.formats import other_format, save_as_hint
from generator.read.located import Located

# code -> (title, hint): a file the data names is missing
from generator.read.yamlfile import load_front_matter, load_yaml, read_text

LOAD_CODES: dict[str, tuple[str, str]] = codes(
    {
        "ref.missing_file": (
            "引用的文件不存在",
            "请确认文件名拼写正确，并且文件放在同一个文件夹里。",
        ),
    }
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RESERVED = frozenset({"assets", "search"})  # the hub's own folders beside the portals
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def settlement_folders(data_dir: Path) -> list[Path]:
    """Every real settlement folder (a symlink to a folder is not one: named_folders says so)."""
    folder = data_dir / "settlements"
    if not real_folder(folder):
        return []
    return sorted(p for p in folder.iterdir() if real_folder(p) and not p.name.startswith("."))


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


class _Reader:
    """Reads one settlement's files, validates each against its model, keeps each as read."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.documents: list[Document] = []

    def model(self, path: Path, model: type[M]) -> tuple[M | None, Located | None]:
        located = load_yaml(path, self.report)
        if located is None:
            return None, None
        self.documents.append(Document(path, located, model))
        return validate(model, located, self.report), located

    def text(self, path: Path) -> str | None:
        text = read_text(path, self.report)
        if text is not None:
            self.documents.append(Document(path, text=text))
        return text


def read_portal(data_dir: Path, report: Report) -> tuple[Portal | None, Document | None]:
    """portal.yml validated, and the file as read (for the privacy scan)."""
    path = data_dir / "portal.yml"
    if not present(path):
        report.add("file.missing", "缺少 portal.yml（平台名称、主办单位、网址）", path)
        return None, None
    reader = _Reader(report)
    portal, _ = reader.model(path, Portal)
    return portal, (reader.documents[0] if reader.documents else None)


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
    reader = _Reader(report)

    def part(name: str, read: Callable[[], T]) -> T:
        before = len(report.errors)
        value = read()
        if len(report.errors) > before:
            failed.add(name)
        return value

    profile, located = None, None
    path = folder / "settlement.yml"
    if present(path):
        profile, located = part("settlement", lambda: reader.model(path, Settlement))
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
        parts[name], part_located = part(name, lambda f=file, m=model: reader.model(f, m))
        if part_located is not None:
            sources[name] = part_located
    charter = part("charter", lambda: _read_charter(folder, sources.get("councils"), reader))
    for name in ("funds", "notices", "lists", "sanzi"):
        if is_symlink(folder / name):
            report.add("file.symlink", f"「{name}」文件夹是符号链接，网站不会读取它", folder / name)
    account, periods, budgets = None, (), ()
    if real_folder(folder / "funds"):
        account, periods, budgets = part("funds", lambda: _read_funds(folder / "funds", reader))
    notices = part("notices", lambda: _read_notices(folder / "notices", reader))
    lists = part("lists", lambda: read_lists(folder / "lists", report, reader.documents))
    sanzi = part("sanzi", lambda: _read_sanzi(folder / "sanzi", reader))
    return Loaded(
        folder.name,
        folder,
        profile,
        charter=charter,
        account=account,
        periods=periods,
        budgets=budgets,
        has_funds=real_folder(folder / "funds"),
        notices=notices,
        lists=lists,
        sanzi=sanzi,
        sources=sources,
        documents=tuple(reader.documents),
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


def _read_charter(folder: Path, located: Located | None, reader: _Reader) -> str | None:
    """charter.md, or the file councils.yml names.

    The name is taken from the raw councils.yml, so a mistake elsewhere in that file
    does not keep the charter's own text from being read (and checked).
    """
    named = None
    if located is not None and isinstance(located.data, dict):
        charter = located.data.get("charter")
        text = charter.get("text") if isinstance(charter, dict) else None
        named = text.strip() if isinstance(text, str) else None
    if named is None or not re.fullmatch(MARKDOWN_FILE, named):
        # no usable name (councils.yml reports why): the usual file is still read
        path = folder / "charter.md"
        if present(path):
            reader.text(path)
        return None
    path = folder / named
    if not present(path):
        assert located is not None
        reader.report.add(
            "ref.missing_file",
            f"charter.text 写的公约文件「{named}」不存在",
            located.path,
            *located.place(("charter", "text")),
        )
        return None
    return reader.text(path)


BUDGET_FILE = re.compile(r"budget-[0-9]{4}\.yml")


def _read_funds(
    funds_dir: Path, reader: _Reader
) -> tuple[Account | None, tuple[FundPeriod, ...], tuple[FundBudget, ...]]:
    """The account, every period that loaded and every year's plan (oldest first).

    A period whose ledger has mistakes is kept with the rows that could be read
    (``Ledger.complete`` is False), so the fund rules still check those rows.
    """
    report = reader.report
    account_path = funds_dir / "account.yml"
    account = None
    if present(account_path):
        account = reader.model(account_path, Account)[0]
    else:
        report.add("file.missing", "funds 文件夹中缺少 account.yml（经费账户说明）", account_path)
    expect = expect_of(account)
    periods, budgets = [], []
    for path in sorted(funds_dir.glob("*.yml")):
        if path.name == "account.yml":
            continue
        if BUDGET_FILE.fullmatch(path.name):
            budget, located = reader.model(path, Budget)
            if budget is not None:
                budgets.append(FundBudget(budget, path, located))
            continue
        header, located = reader.model(path, PeriodHeader)
        if header is None or located is None:
            continue
        ledger_path = funds_dir / header.ledger
        if not present(ledger_path):
            message, hint = _missing_ledger(ledger_path)
            report.add("ref.missing_file", message, path, *located.place(("ledger",)), hint)
            continue
        ledger = read_ledger(ledger_path, report, expect)
        if ledger is None:
            continue
        periods.append(FundPeriod(header, path, ledger, located))
    periods.sort(key=lambda p: p.header.period.start)
    budgets.sort(key=lambda b: b.budget.year)
    return account, tuple(periods), tuple(budgets)


def _missing_ledger(ledger_path: Path) -> tuple[str, str]:
    """The message and hint for a ledger that is not there, saying so when the same
    book sits beside it in a format that is not read (2026-Q3.ods for 2026-Q3.xlsx)."""
    message = f"ledger 写的台账文件「{ledger_path.name}」不存在"
    for other_path in sorted(ledger_path.parent.glob(f"{glob.escape(ledger_path.stem)}.*")):
        other = other_format(other_path.name)
        if other is not None and present(other_path):
            message += f"，文件夹里只有 {other.name}「{other_path.name}」"
            return message, save_as_hint(other, ledger_path.stem)
    return message, ""


def expect_of(account: Account | None) -> Expect:
    """What the account asks of its ledgers' columns; nothing when it could not be read."""
    if account is None:
        return LOOSE
    return Expect(
        signatures=account.always_signed,
        signature_columns=tuple(dict.fromkeys(s.column for s in account.signer_rules)),
        source=len(account.sources) > 1,
        fund=bool(account.subfunds),
    )


def _read_notices(notices_dir: Path, reader: _Reader) -> tuple[Notice, ...]:
    if not real_folder(notices_dir):
        return ()
    notices = []
    for path in sorted(notices_dir.glob("*.md")):
        front = load_front_matter(path, reader.report)
        if front is None:
            continue
        reader.documents.append(Document(path, front.meta))  # its header: no staff phones
        reader.documents.append(Document(path, text=front.body, first_line=front.body_line))
        meta = validate(NoticeMeta, front.meta, reader.report)
        if meta is not None:
            notices.append(Notice(path, meta, front.body))
    return tuple(notices)


def _read_sanzi(sanzi_dir: Path, reader: _Reader) -> Sanzi | None:
    """sanzi/assets.yml, contracts.yml and resources.yml, each on its own; None when none is there.

    Another .yml in the folder (资产.yml, assets.yaml) would be silently ignored: it is
    reported, like a misnamed file beside settlement.yml.
    """
    if not real_folder(sanzi_dir):
        return None
    parts: dict[str, object] = {}
    sources: dict[str, Located] = {}
    paths: dict[str, Path] = {}
    for stem, (model, _) in SANZI_FILES.items():
        path = sanzi_dir / f"{stem}.yml"
        if not present(path):
            continue
        parts[stem], located = reader.model(path, model)
        paths[stem] = path
        if located is not None:
            sources[stem] = located
    known = {f"{stem}.yml" for stem in SANZI_FILES}
    for other in sorted(sanzi_dir.iterdir()):
        if other.suffix.lower() in (".yml", ".yaml") and other.name not in known:
            reader.report.add(
                "file.name",
                f"sanzi 文件夹里的 {other.name} 不会被读取：文件名只能是 "
                "assets.yml（资产）、contracts.yml（合同）或 resources.yml（资源）",
                other,
            )
    if not paths:
        return None
    return Sanzi(**parts, sources=sources, paths=paths)  # type: ignore[arg-type]
