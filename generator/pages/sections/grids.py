"""网格与联系人: find my building → my grid → its 网格长 and 网格员, one tap to call.

Each grid is also its 上岗公示 card, printed one per page. Photos are copied into the
site beside the page under stable ASCII names, so a Chinese or nested file name in
the data never reaches a URL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jinja2

from generator.checks.references import STAFF_HOUSEHOLDS
from generator.contract.common import Person
from generator.contract.data import SettlementData
from generator.contract.grids import Grid
from generator.contract.settlement import Building
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section
from generator.read import photos as images


@dataclass(frozen=True)
class PersonView:
    """One person on a grid card: the role residents know them by, and their photo."""

    role: str  # 网格长 | 网格员 | 社区民警
    person: Person
    photo: str | None  # relative to the grids page
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class GridView:
    grid: Grid
    buildings: tuple[Building, ...]
    households: int
    people: tuple[PersonView, ...]

    @property
    def staff(self) -> int:
        return len(self.grid.members)

    @property
    def per_member(self) -> int | None:
        """Households per 网格员, rounded up: above the standard exactly when overloaded."""
        return math.ceil(self.households / self.staff) if self.staff else None

    @property
    def overloaded(self) -> bool:
        # the same rule as the build's grid.overload warning
        return bool(self.staff) and self.households / self.staff > STAFF_HOUSEHOLDS

    @property
    def building_names(self) -> str:
        return "、".join(b.name for b in self.buildings)


@dataclass(frozen=True)
class BuildingButton:
    building: Building
    grid: Grid


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


def grid_views(s: SettlementData, files: list[File]) -> tuple[GridView, ...]:
    assert s.grids is not None
    buildings = {b.id: b for b in s.profile.buildings}
    views = []
    for grid in s.grids.grids:
        own = tuple(buildings[b] for b in grid.buildings if b in buildings)
        people = []
        if grid.leader:
            photo = _photo(s, grid.leader, f"{grid.id}-leader", files)
            people.append(PersonView("网格长", grid.leader, photo))
        for index, member in enumerate(grid.members, 1):
            photo = _photo(s, member, f"{grid.id}-member-{index}", files)
            people.append(PersonView("网格员", member, photo, tuple(member.covers)))
        if grid.police:
            photo = _photo(s, grid.police, f"{grid.id}-police", files)
            people.append(PersonView("社区民警", grid.police, photo))
        views.append(GridView(grid, own, sum(b.households for b in own), tuple(people)))
    return tuple(views)


def building_buttons(s: SettlementData) -> tuple[BuildingButton, ...]:
    """Every building in the settlement's order, with the grid it belongs to."""
    assert s.grids is not None
    owner = {b: g for g in reversed(s.grids.grids) for b in g.buildings}
    return tuple(BuildingButton(b, owner[b.id]) for b in s.profile.buildings if b.id in owner)


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
