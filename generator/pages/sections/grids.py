"""网格与联系人: find my building → the one person to call for it, and my grid's card.

The lookup lists every building with one person and their role: the member who
names the building (or, when members name units, one row per unit), else the
grid's 网格长 (contract.grids.Grid.contact_for). Each grid is also its 上岗公示
card, every person with the role staff call them by, printed one per page. Photos
are copied into the site beside the page under stable ASCII names, so a Chinese or
nested file name in the data never reaches a URL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jinja2

from generator.checks.grids import STAFF_HOUSEHOLDS
from generator.contract.common import Person
from generator.contract.data import SettlementData
from generator.contract.grids import Grid, GridMember, unit_number
from generator.contract.settlement import Building
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section
from generator.read import photos as images


@dataclass(frozen=True)
class PersonView:
    """One person on a grid card: the role residents know them by, and their photo."""

    role: str  # 网格长 | 社区民警 | a member's role: 网格员, 专职网格员, 楼长, 网格指导员 …
    person: Person
    photo: str | None  # relative to the grids page
    covers: tuple[str, ...] = ()  # resident groups (v1's covers), as staff wrote them
    buildings: tuple[str, ...] = ()  # the buildings he or she answers for, by name
    units: tuple[str, ...] = ()  # the units, "吉祥小区1栋 1单元、2单元" per building


@dataclass(frozen=True)
class GridView:
    grid: Grid
    buildings: tuple[Building, ...]
    households: int  # of the buildings whose households are known
    people: tuple[PersonView, ...]
    unknown: int = 0  # buildings whose households are not known

    @property
    def staff(self) -> int:
        """The 网格员 (专职, 兼职): 楼长, 单元长 and 指导员 do not count for the standard."""
        return len(self.grid.workers)

    @property
    def per_member(self) -> int | None:
        """Known households per 网格员, rounded up: above the standard exactly when overloaded.

        With unknown households it is only a lower bound: the page then says "at least",
        and only when it is over the standard.
        """
        return math.ceil(self.households / self.staff) if self.staff else None

    @property
    def overloaded(self) -> bool:
        # the same rule as the build's grid.overload warning
        return bool(self.staff) and self.households / self.staff > STAFF_HOUSEHOLDS

    @property
    def building_names(self) -> str:
        return "、".join(b.name for b in self.buildings)


@dataclass(frozen=True)
class Contact:
    """The one person to call for a building, or for some of its units."""

    role: str
    person: Person
    unit: str | None = None  # "1单元", "2单元、3单元", "其他单元"; None: the whole building


@dataclass(frozen=True)
class BuildingButton:
    """A building in the lookup: its grid, and whom to call (one row per named unit)."""

    building: Building
    grid: Grid
    contacts: tuple[Contact, ...] = ()  # empty: no one to name (the checks warned)


def _photo(s: SettlementData, person: Person, name: str, files: list[File]) -> str | None:
    """Publish a person's photo, re-encoded (read/photos.py); its path from the grids page.

    Only the fresh image is published, never the staff's file: a photo the checks
    refused is left out (validation has already reported it).
    """
    if not person.photo:
        return None
    photo = images.prepare(s.folder, person.photo).photo
    if photo is None:
        return None
    target = f"photos/{name}{photo.suffix}"
    files.append(File(f"{SECTION.slug}/{target}", photo.data))
    return target


def member_view(member: GridMember, photo: str | None, names: dict[str, str]) -> PersonView:
    """A member as the card shows him or her: role, and the buildings and units by name
    (names: building id → name; the printed handbook can use it too, without a photo)."""
    units = tuple(
        f"{names.get(b, b)} {'、'.join(labels)}" for b, labels in member.units.items() if labels
    )
    return PersonView(
        member.role,
        member,
        photo,
        tuple(member.covers),
        tuple(names.get(b, b) for b in member.buildings),
        units,
    )


def grid_views(s: SettlementData, files: list[File]) -> tuple[GridView, ...]:
    assert s.grids is not None
    buildings = {b.id: b for b in s.profile.buildings}
    names = {b.id: b.name for b in s.profile.buildings}
    views = []
    for grid in s.grids.grids:
        own = tuple(buildings[b] for b in grid.buildings if b in buildings)
        people = []
        if grid.leader:
            photo = _photo(s, grid.leader, f"{grid.id}-leader", files)
            people.append(PersonView("网格长", grid.leader, photo))
        for index, member in enumerate(grid.members, 1):
            photo = _photo(s, member, f"{grid.id}-member-{index}", files)
            people.append(member_view(member, photo, names))
        if grid.police:
            photo = _photo(s, grid.police, f"{grid.id}-police", files)
            people.append(PersonView("社区民警", grid.police, photo))
        known = sum(b.households for b in own if b.households is not None)
        unknown = sum(1 for b in own if b.households is None)
        views.append(GridView(grid, own, known, tuple(people), unknown))
    return tuple(views)


def _unit_order(label: str) -> tuple[int, int, str]:
    number = unit_number(label)
    return (0, number, "") if number is not None else (1, 0, label)


def contacts(grid: Grid, building: Building) -> tuple[Contact, ...]:
    """Whom to call for a building: one person, or one per unit when members name units.

    Units named by members come first, in number order; the building's own person
    (the member who names it, else the 网格长) answers for the rest: the units left,
    by number, when the building's number of units is known, else "其他单元".
    """
    whole = grid.contact_for(building.id)
    named = sorted({u for m in grid.members for u in m.units.get(building.id, ())}, key=_unit_order)
    if not named:
        return (Contact(*whole),) if whole else ()
    rows: list[Contact] = []
    for unit in named:
        found = grid.contact_for(building.id, unit)
        if found is None:
            continue
        same = next((i for i, r in enumerate(rows) if (r.role, r.person) == found), None)
        if same is None:
            rows.append(Contact(*found, unit=unit))
        else:  # one person for several units: one row, 1单元、2单元
            rows[same] = Contact(*found, unit=f"{rows[same].unit}、{unit}")
    if whole:
        if building.units is None:
            rows.append(Contact(*whole, unit="其他单元"))
        else:
            numbers = {unit_number(u) for u in named}
            left = [f"{n}单元" for n in range(1, building.units + 1) if n not in numbers]
            if left:
                rows.append(Contact(*whole, unit="、".join(left)))
    return tuple(rows)


def building_buttons(s: SettlementData) -> tuple[BuildingButton, ...]:
    """Every building in the settlement's order, with its grid and the one person to call."""
    assert s.grids is not None
    owner = {b: g for g in reversed(s.grids.grids) for b in g.buildings}
    return tuple(
        BuildingButton(b, owner[b.id], contacts(owner[b.id], b))
        for b in s.profile.buildings
        if b.id in owner
    )


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    s = context.settlement
    assert s.grids is not None
    files: list[File] = []
    grids = grid_views(s, files)
    text = render_template(
        env,
        "portal/grids.md.j2",
        context,
        grids=grids,
        buttons=building_buttons(s),
        supervision_phone=s.grids.supervision_phone or s.profile.supervision_phone,
        standard=STAFF_HOUSEHOLDS,
    )
    return [Page("grids.md", SECTION.title, text), *files]


SECTION = Section(
    slug="grids",
    title="网格与联系人",
    description="找我的网格员：按楼栋一键拨打",
    order=30,
    present=lambda s: bool(s.grids and s.grids.grids),
    render=render,
)
