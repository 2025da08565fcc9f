"""Reading and checking together: the data tree, or one settlement, loaded and checked.

Three steps a reader can follow: read (generator/contract/load.py reads every file
and validates it against its model), check (the personal-information scan and
the cross-file and money rules, on whatever loaded), and, only when nothing is
wrong, the settlement as published. Every problem of every file is gathered
before anything fails, so staff see all their mistakes in one run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from generator.checks import placeholders, privacy, references, sanzi, schedules
from generator.contract.data import Project, SettlementData
from generator.contract.load import named_folders, read_portal, read_settlement
from generator.contract.portal import Portal
from generator.errors import Report


def load_portal(data_dir: Path, report: Report) -> Portal | None:
    """portal.yml, read, validated and scanned for personal information."""
    portal, document = read_portal(data_dir, report)
    if document is not None:
        privacy.scan_document(document, report)
    return portal


def load_settlement(
    folder: Path, report: Report, today: dt.date | None = None
) -> SettlementData | None:
    """Read, validate and check one settlement; None when it has errors.

    The checks run on whatever part of it loaded, so one broken file never hides
    the mistakes of the others. Placeholders left in are warnings here (a draft's
    problems); the caller that publishes turns them into errors (Report.publishing).
    With today, the schedules are also checked to know the coming weeks' holidays
    (a warning).
    """
    errors_before = len(report.errors)
    loaded = read_settlement(folder, report)
    if loaded is None:
        return None
    privacy.check_settlement(loaded, report)
    placeholders.check_settlement(loaded, report)  # warnings until published
    references.check_settlement(loaded, report)
    sanzi.check_sanzi(loaded, report)
    schedules.check_schedules(loaded, report, today)
    if len(report.errors) > errors_before:
        return None
    return loaded.complete()


def load_project(
    data_dir: Path, only: Iterable[str] | None = None, today: dt.date | None = None
) -> tuple[Project | None, Report]:
    """Load and check the data tree; the project is None when any error was found.

    With today, the schedules are also checked for the coming weeks (hours.calendar)."""
    report = Report(root=data_dir)
    portal = load_portal(data_dir, report)
    settlements = []
    wanted = set(only or [])
    for folder in named_folders(data_dir, wanted, report):
        if wanted and folder.name not in wanted:
            continue
        loaded = load_settlement(folder, report, today)
        if loaded is not None:
            settlements.append(loaded)
    if report.errors or portal is None:
        return None, report
    return Project(data_dir, portal, tuple(settlements)), report
