"""All mistakes at once: a file that fails to load does not stop the checks of the rest.

Staff fix a round of mistakes per CI run; every rule that can still be checked is
checked, and a rule that waits for a broken file says so (check.skipped).
"""

from __future__ import annotations

from pathlib import Path

from generator.checks.project import load_project

S = "settlements/longquan"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8-sig" if path.suffix == ".csv" else "utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(data: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(code, file) of the errors and of the warnings."""
    _, report = load_project(data)
    files = lambda ps: {(p.code, p.file.split("/", 1)[1]) for p in ps}  # noqa: E731
    return files(report.errors), files(report.warnings)


def test_a_bad_number_in_settlement_yml_does_not_hide_a_dangling_window(data_copy: Path) -> None:
    edit(data_copy / S / "settlement.yml", "households: ", "households: 很多 #")
    edit(data_copy / S / "handbook.yml", "window: general", "window: nowhere")
    errors, warnings = found(data_copy)
    assert ("schema.integer", f"{S}/settlement.yml") in errors
    assert ("ref.unknown_window", f"{S}/handbook.yml") in errors
    assert ("check.skipped", f"{S}/settlement.yml") in warnings, "the building rules wait"


def test_a_missing_ledger_value_does_not_hide_an_unknown_category(data_copy: Path) -> None:
    ledger = data_copy / S / "funds" / "2026-Q2.csv"
    lines = ledger.read_text("utf-8-sig").splitlines()
    first, second = lines[1].split(","), lines[2].split(",")
    first[7] = ""  # no 经办人
    second[3] = "不存在的类别"
    lines[1], lines[2] = ",".join(first), ",".join(second)
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    errors, warnings = found(data_copy)
    assert ("ledger.missing_value", f"{S}/funds/2026-Q2.csv") in errors
    assert ("funds.unknown_category", f"{S}/funds/2026-Q2.csv") in errors
    assert ("check.skipped", f"{S}/funds/2026-Q2.csv") in warnings, "its balance waits"


def test_a_broken_account_does_not_hide_the_ledger_rules(data_copy: Path) -> None:
    edit(data_copy / S / "funds" / "account.yml", "categories:", "categories: 12\nx:")
    ledger = data_copy / S / "funds" / "2026-Q2.csv"
    text = ledger.read_text("utf-8-sig")
    lines = text.splitlines()
    row = lines[1].split(",")
    row[8] = row[9] = row[7]  # one person signs three times
    lines[1] = ",".join(row)
    ledger.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    errors, warnings = found(data_copy)
    assert {c for c, f in errors if f == f"{S}/funds/account.yml"}, errors
    assert ("check.skipped", f"{S}/funds/account.yml") in warnings


def test_broken_councils_yml_still_has_its_charter_scanned(data_copy: Path) -> None:
    """The charter's privacy scan does not wait for councils.yml to be right."""
    edit(data_copy / S / "councils.yml", "councils:", "councils: 7\nnonsense:")
    charter = data_copy / S / "charter.md"
    charter.write_text(charter.read_text("utf-8") + "\n联系人手机 13912345678\n", "utf-8")
    errors, _ = found(data_copy)
    assert ("privacy.mobile", f"{S}/charter.md") in errors
    assert {c for c, f in errors if f == f"{S}/councils.yml"}


def test_every_settlement_and_file_reports_in_one_run(data_copy: Path) -> None:
    edit(data_copy / "settlements/xintiandi/grids.yml", "grids:", "grids: 5\nx:")
    edit(data_copy / "settlements/anjiayuan/windows.yml", "windows:", "windows: 3\ny:")
    edit(data_copy / S / "settlement.yml", "households: ", "households: 很多 #")
    errors, _ = found(data_copy)
    files = {f for _, f in errors}
    assert {
        "settlements/xintiandi/grids.yml",
        "settlements/anjiayuan/windows.yml",
        f"{S}/settlement.yml",
    } <= files
