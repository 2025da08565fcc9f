"""What the print template of the handbook receives: paper sizes, QR codes, ready-made views.

``print_context`` turns a settlement into a ``PrintContext``, the one object
templates/print/handbook.html.j2 sees as ``c``; the template computes no lookup itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import segno

from generator.contract.data import SettlementData
from generator.contract.grids import Grid
from generator.contract.handbook import Category, Handbook
from generator.contract.portal import Portal
from generator.contract.schedules import HallHours, HoursException
from generator.contract.settlement import Settlement
from generator.contract.windows import Window, Windows
from generator.pages import views
from generator.pages.sections.grids import BuildingButton, PersonView, building_buttons, member_view
from generator.pages.sections.services import HOLIDAYS_PRINTED
from generator.read import calendar


@dataclass(frozen=True)
class Paper:
    """A paper size and the type sizes that keep it readable for elderly residents."""

    key: str  # a5 | a4
    name: str  # A5 | A4, also the CSS page size
    body_pt: int  # body text; every other size is relative to it
    small_pt: int  # page headers and footers: never below 10 pt
    margin: str  # CSS page margins: top right bottom left

    @property
    def css(self) -> str:
        return (
            f"@page {{ size: {self.name}; margin: {self.margin};"
            f" @top-right {{ font-size: {self.small_pt}pt; }}"
            f" @bottom-left {{ font-size: {self.small_pt}pt; }}"
            f" @bottom-right {{ font-size: {self.small_pt}pt; }} }}\n"
            f"html {{ font-size: {self.body_pt}pt; }}\n"
        )


PAPERS: dict[str, Paper] = {
    "a5": Paper("a5", "A5", 12, 10, "15mm 13mm 17mm 13mm"),
    "a4": Paper("a4", "A4", 14, 11, "20mm 20mm 22mm 20mm"),
}


@dataclass(frozen=True)
class CategoryPrint:
    category: Category
    url: str  # its section of the online 办事指南
    qr: str  # a data: URI of the QR code that leads there


@dataclass(frozen=True)
class WindowPrint:
    window: Window
    hours: HallHours | None  # its own hours; None = the hall's
    exceptions: tuple[HoursException, ...]  # its own, from the print date on


@dataclass(frozen=True)
class GridPrint:
    grid: Grid
    buildings: tuple[str, ...]  # building names, as residents know them
    members: tuple[PersonView, ...]  # each with the role staff call them by, and what they cover


@dataclass(frozen=True)
class PrintContext:
    """What templates/print/handbook.html.j2 receives as ``c``."""

    portal: Portal
    profile: Settlement
    handbook: Handbook
    paper: Paper
    today: dt.date
    edition: str  # printed on every page
    home_url: str
    home_qr: str
    categories: tuple[CategoryPrint, ...]
    windows: Windows | None
    hall_exceptions: tuple[HoursException, ...]  # from the print date on
    holidays: tuple[calendar.Arrangement, ...]  # the national ones announced, a year ahead
    holidays_unknown: dt.date | None  # the first day of that year the calendar does not know
    window_list: tuple[WindowPrint, ...]
    window_by_id: dict[str, Window]
    grids: tuple[GridPrint, ...]
    lookup: tuple[BuildingButton, ...]  # every building and the one person to call for it
    grid_supervision_phone: str | None  # only when it differs from the settlement's
    # each service's fields as residents read them (views.ServiceFacts), by service id
    facts: dict[str, views.ServiceFacts]
    online_qr: dict[str, str]  # a service's online address → its QR code
    # a service's id → the QR code of its own page online (handbook/<id>/), and that address
    service_qr: dict[str, str]
    service_url: dict[str, str]



def qr_data_uri(url: str) -> str:
    """A QR code (error correction M, so a crease or a stain still scans) as an SVG data URI."""
    code = segno.make_qr(url, error="m", boost_error=False)
    return code.svg_data_uri(omitsize=True, border=4, dark="#000", light="#fff")


def upcoming(exceptions: list[HoursException], today: dt.date) -> tuple[HoursException, ...]:
    """The exceptions that still matter on the print date, soonest first."""
    return tuple(sorted((e for e in exceptions if e.span[1] >= today), key=lambda e: e.span))


def edition_text(handbook: Handbook, updated: dt.date) -> str:
    """Staff's 版次, else the month of the settlement's last update: a handbook printed
    twice from the same data is the same edition (and the same PDF)."""
    return handbook.edition or f"{updated.year}年{updated.month}月版"


def print_context(
    portal: Portal, settlement: SettlementData, paper: Paper, today: dt.date
) -> PrintContext:
    handbook = settlement.handbook
    assert handbook is not None
    home = f"{portal.base_url}{settlement.slug}/"
    categories = tuple(
        CategoryPrint(c, f"{home}handbook/#cat-{c.id}", qr_data_uri(f"{home}handbook/#cat-{c.id}"))
        for c in handbook.categories
    )
    service_url = {
        sv.id: f"{home}{views.service_path(sv.id)}" for sv in handbook.all_services
    }
    windows = settlement.windows
    window_list = tuple(
        WindowPrint(w, w.hours, upcoming(w.hours.exceptions, today) if w.hours else ())
        for w in (windows.windows if windows else [])
    )
    grids = settlement.grids
    names = {b.id: b.name for b in settlement.profile.buildings}
    grid_list = tuple(
        GridPrint(
            g,
            tuple(names.get(b, b) for b in g.buildings),
            tuple(member_view(m, None, names) for m in g.members),
        )
        for g in (grids.grids if grids else [])
    )
    grid_phone = grids.supervision_phone if grids else None
    return PrintContext(
        portal=portal,
        profile=settlement.profile,
        handbook=handbook,
        paper=paper,
        today=today,
        edition=edition_text(handbook, settlement.profile.updated),
        home_url=home,
        home_qr=qr_data_uri(home),
        categories=categories,
        windows=windows,
        hall_exceptions=upcoming(windows.hours.exceptions, today) if windows else (),
        holidays=calendar.arrangements(today, HOLIDAYS_PRINTED),
        holidays_unknown=calendar.unpublished_within(today, HOLIDAYS_PRINTED),
        window_list=window_list,
        window_by_id=views.window_names(windows),
        grids=grid_list,
        lookup=building_buttons(settlement) if grids else (),
        grid_supervision_phone=(
            grid_phone if grid_phone != settlement.profile.supervision_phone else None
        ),
        facts=views.handbook_facts(handbook),
        online_qr={sv.online: qr_data_uri(sv.online) for sv in handbook.all_services if sv.online},
        service_qr={key: qr_data_uri(url) for key, url in service_url.items()},
        service_url=service_url,
    )
