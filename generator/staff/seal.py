"""`portal funds seal`: write a published quarter's ledger digest into its header.

The seal is ``sha256:`` plus ``Ledger.digest()``, the hash of the ledger's rows (the
same whatever the file's format or encoding). Once sealed, a ledger that changes
fails the build (funds.seal_broken) unless the header's corrections say when and
why; after such a correction staff seal the quarter again.

Only the ``seal:`` line of the header changes: comments, the editor's schema line
and every other line stay as staff wrote them.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.checks.funds import seal_of
from generator.checks.project import load_project
from generator.errors import PortalError, Report, codes
from generator.read.values import Period
from generator.read.yamlfile import load_yaml

# code -> (title, hint): sealing a quarter
SEAL_CODES: dict[str, tuple[str, str]] = codes(
    {
        "funds.no_quarter": (
            "要封存的季度不存在",
            "请检查安置点文件夹名和季度是否写对，例如 portal funds seal xintiandi 2026-Q3；"
            "该季度的 .yml 和台账须已放在 funds 文件夹中。",
        ),
    }
)

_BOM = "\ufeff"
# a top-level `seal:` line: its value, then an optional trailing comment kept as written
_SEAL_LINE = re.compile(r"^seal[ \t]*:(?P<value>[^\r\n#]*)(?P<comment>#[^\r\n]*)?(?=\r?$)", re.M)


@dataclass(frozen=True)
class Sealed:
    """What the command did: which file, which seal, whether it was already current."""

    path: Path
    settlement: str
    quarter: Period
    seal: str
    changed: bool


def seal_quarter(data_dir: Path, slug: str, quarter: Period) -> Sealed:
    """Seal one quarter of one settlement; DataError if the data has any mistake."""
    project, report = load_project(data_dir, only=[slug])
    report.raise_if_errors()
    assert project is not None
    settlement = project.settlement(slug)
    funds = settlement.funds
    found = None
    if funds is not None:
        found = next((q for q in funds.periods if q.header.period == quarter), None)
    if found is None:
        folder = settlement.folder / "funds"
        where = "没有 funds 文件夹" if funds is None else f"的 funds 文件夹中没有 {quarter.key}.yml"
        report.add(
            "funds.no_quarter", f"{settlement.profile.name}{where}，无法封存{quarter.label}", folder
        )
        report.raise_if_errors()
    assert found is not None
    seal = seal_of(found)
    changed = found.header.seal != seal
    if changed:
        write_seal(found.path, seal)
    return Sealed(found.path, settlement.profile.name, quarter, seal, changed)


def write_seal(path: Path, seal: str) -> None:
    """Replace (or add) the header's `seal:` line, keep everything else, check the result."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    bom = _BOM if raw.startswith(_BOM.encode("utf-8")) else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    match = _SEAL_LINE.search(text)
    if match:
        value, comment = match["value"], match["comment"] or ""
        gap = (value[len(value.rstrip()) :] or " ") if comment else ""
        line = f"seal: {seal}{gap}{comment}"
        updated = text[: match.start()] + line + text[match.end() :]
    else:
        updated = text + ("" if not text or text.endswith("\n") else newline)
        updated += f"seal: {seal}{newline}"
    _replace(path, (bom + updated).encode("utf-8"))
    written = load_yaml(path, Report())
    if written is None or not isinstance(written.data, dict) or written.data.get("seal") != seal:
        _replace(path, raw)  # put the file back as it was
        raise PortalError(
            f"无法自动写入 {path.name} 的封存标记（文件格式特殊）。"
            f"请手工把 seal 一行改为：seal: {seal}"
        )


def _replace(path: Path, data: bytes) -> None:
    """Write data to path atomically: a half-written header never stays behind."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
