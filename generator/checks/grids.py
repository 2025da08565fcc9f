"""The grids' rules: every building in one grid, members' buildings and units real, one
person to call for each building, and the 网格员's households within the standard."""

from __future__ import annotations

from collections import defaultdict

from generator.checks.places import add, duplicates, needs
from generator.contract.data import Loaded
from generator.contract.grids import Grid, GridMember, unit_number
from generator.contract.settlement import Building
from generator.errors import Report, codes
from generator.read.located import Loc

# code -> (title, hint): the grids against the buildings
GRID_CODES: dict[str, tuple[str, str]] = codes(
    {
        "ref.unknown_building": (
            "引用了不存在的楼栋",
            "请在 settlement.yml 的 buildings 中添加这栋楼，或改正楼栋编号。",
        ),
        "ref.building_unassigned": (
            "楼栋没有划入任何网格",
            "每栋楼都要划入一个网格：请在 grids.yml 某个网格的 buildings 中加上它。",
        ),
        "ref.building_twice": (
            "同一栋楼划入了多个网格",
            "每栋楼只能属于一个网格：请从其余网格的 buildings 中删去它。",
        ),
        "ref.no_buildings": (
            "还没有填写楼栋",
            "grids.yml 需要 settlement.yml 中的 buildings 楼栋清单。",
        ),
        "ref.building_not_in_grid": (
            "网格成员负责的楼栋不在本网格",
            "成员的 buildings 和 units 只能写本网格 buildings 里的楼栋：请把这栋楼加到本网格，"
            "或把这位成员写到那栋楼所在的网格。",
        ),
        "ref.unknown_unit": (
            "引用了不存在的单元",
            "单元号不能大于 settlement.yml 中这栋楼的单元数（units）：请改正单元号或单元数。",
        ),
        "grid.overload": (
            "网格员负责的户数超过 300 户",
            "按照标准，每名网格员负责不超过 300 户；请考虑增加网格员（页面会如实显示）。",
        ),
        "grid.building_shared": (
            "同一栋楼（或同一个单元）写给了网格里的几个人",
            "“找我的网格员”每栋楼（单元）只显示一个人，现在显示的是写在前面的那位："
            "请只在一位成员的 buildings（或 units）里写这栋楼（单元）。",
        ),
        "grid.no_contact": (
            "有的楼栋找不到一个联系人",
            "“找我的网格员”要给每栋楼指一个人：请写上本网格的网格长（leader），"
            "或在负责这栋楼的成员下写 buildings。",
        ),
    }
)

STAFF_HOUSEHOLDS = 300  # the seeds' standard: one 网格员 for at most 300 households


def check_grids(s: Loaded, report: Report) -> None:
    if s.grids is None:
        needs(
            s,
            "grids",
            "网格编号是否重复、每栋楼是否都划入了网格、成员负责的楼栋和单元是否存在",
            report,
        )
        return
    grids = s.grids.grids
    duplicates(
        s, "grids", [(g.id, ("grids", i, "id")) for i, g in enumerate(grids)], "网格编号", report
    )
    if s.profile is None:
        needs(
            s,
            "settlement",
            "grids.yml 中的楼栋和单元是否存在、每栋楼是否都划入了网格、网格员负责的户数",
            report,
        )
        return
    buildings = {b.id: b for b in s.profile.buildings}
    if not buildings:
        add(
            s,
            "grids",
            (),
            report,
            "ref.no_buildings",
            "网格引用了楼栋，但 settlement.yml 中还没有 buildings 楼栋清单",
        )
        return
    owners: dict[str, list[int]] = defaultdict(list)
    for i, grid in enumerate(grids):
        for j, building in enumerate(grid.buildings):
            if building not in buildings:
                add(
                    s,
                    "grids",
                    ("grids", i, "buildings", j),
                    report,
                    "ref.unknown_building",
                    f"网格「{grid.name}」中的楼栋「{building}」在 settlement.yml 中不存在",
                )
            owners[building].append(i)
    for building, indexes in owners.items():
        if len(indexes) > 1 and building in buildings:
            names = "、".join(grids[i].name for i in indexes)
            add(
                s,
                "grids",
                ("grids", indexes[1], "buildings"),
                report,
                "ref.building_twice",
                f"{buildings[building].name}同时划入了{names}",
            )
    for i, building in enumerate(s.profile.buildings):
        if building.id not in owners:
            located = s.sources.get("settlement")
            line, column = located.place(("buildings", i)) if located else (0, 0)
            report.add(
                "ref.building_unassigned",
                f"{building.name}（编号 {building.id}）没有划入任何网格",
                s.folder / "settlement.yml",
                line,
                column,
            )
    for i, grid in enumerate(grids):
        _check_members(s, i, grid, buildings, owners, report)
        _check_contacts(s, i, grid, buildings, report)
        _check_overload(s, i, grid, buildings, report)


def _check_members(
    s: Loaded,
    i: int,
    grid: Grid,
    buildings: dict[str, Building],
    owners: dict[str, list[int]],
    report: Report,
) -> None:
    """Each building or unit a member names exists, lies in the member's grid, and is
    named by no one else in the grid (else the lookup's one person is the first)."""
    grids = s.grids.grids if s.grids else []
    claimed: dict[tuple[str, str | None], GridMember] = {}
    for j, member in enumerate(grid.members):
        places: list[tuple[str, str | None, Loc]] = [
            (b, None, ("grids", i, "members", j, "buildings", k))
            for k, b in enumerate(member.buildings)
        ]
        places += [
            (b, unit, ("grids", i, "members", j, "units", b, k))
            for b, units in member.units.items()
            for k, unit in enumerate(units)
        ]
        who = f"{grid.name}的{member.role}「{member.name}」"
        for building_id, unit, loc in places:
            building = buildings.get(building_id)
            if building is None:
                add(
                    s,
                    "grids",
                    loc,
                    report,
                    "ref.unknown_building",
                    f"{who}负责的楼栋「{building_id}」在 settlement.yml 中不存在",
                )
                continue
            if building_id not in grid.buildings:
                elsewhere = "、".join(grids[g].name for g in owners.get(building_id, []))
                where = f"它在{elsewhere}" if elsewhere else "它还没有划入任何网格"
                add(
                    s,
                    "grids",
                    loc,
                    report,
                    "ref.building_not_in_grid",
                    f"{who}负责的{building.name}不在{grid.name}的楼栋里（{where}）",
                )
                continue
            number = unit_number(unit) if unit else None
            if number is not None and building.units is not None and number > building.units:
                add(
                    s,
                    "grids",
                    loc,
                    report,
                    "ref.unknown_unit",
                    f"{who}负责的{building.name}{unit}不存在"
                    f"（settlement.yml 中{building.name}只有 {building.units} 个单元）",
                )
                continue
            first = claimed.setdefault((building_id, unit), member)
            if first is not member:
                place = f"{building.name}{unit or ''}"
                add(
                    s,
                    "grids",
                    loc,
                    report,
                    "grid.building_shared",
                    f"{place}同时写给了{first.role}「{first.name}」和{member.role}「{member.name}」，"
                    f"“找我的网格员”只显示{first.name}",
                    severity="warning",
                )


def _check_contacts(
    s: Loaded, i: int, grid: Grid, buildings: dict[str, Building], report: Report
) -> None:
    """Every building of the grid leads to one person to call."""
    missing = [
        buildings[b].name for b in grid.buildings if b in buildings and grid.contact_for(b) is None
    ]
    if missing:
        add(
            s,
            "grids",
            ("grids", i),
            report,
            "grid.no_contact",
            f"{grid.name}没有网格长，{'、'.join(missing)}也没有写给哪位成员："
            "“找我的网格员”只能让居民去看整个网格的公示",
            severity="warning",
        )


def _check_overload(
    s: Loaded, i: int, grid: Grid, buildings: dict[str, Building], report: Report
) -> None:
    """One 网格员 (专职 or 兼职; not 楼长 or 指导员) for at most 300 households.

    With buildings whose households are unknown, only what is known is counted: the
    warning says "at least", and nothing is said when the known part is within it.
    """
    own = [buildings[b] for b in grid.buildings if b in buildings]
    households = sum(b.households for b in own if b.households is not None)
    unknown = sum(1 for b in own if b.households is None)
    staff = len(grid.workers)
    if staff and households / staff > STAFF_HOUSEHOLDS:
        if unknown:
            said = (
                f"{grid.name}已填的户数共 {households} 户（另有 {unknown} 栋楼户数未填）、"
                f"{staff} 名网格员，每人至少约 {households // staff} 户"
            )
        else:
            said = (
                f"{grid.name}共 {households} 户、{staff} 名网格员，每人约 {households // staff} 户"
            )
        add(
            s,
            "grids",
            ("grids", i, "members"),
            report,
            "grid.overload",
            f"{said}，超过 {STAFF_HOUSEHOLDS} 户",
            severity="warning",
        )
