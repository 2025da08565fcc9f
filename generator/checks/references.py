"""Cross-file rules of the data contract: references, coverage, funds, with their places.

Each check reads the validated models and reports into the shared Report with the
line of the value at fault, so one run lists every broken rule.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from generator.checks.funds import check_funds
from generator.contract.data import Loaded
from generator.errors import Report, codes
from generator.read import photos as images
from generator.read.located import Loc

# code -> (title, hint): references between files and coverage
REFERENCE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "ref.duplicate_id": (
            "编号重复",
            "同一文件中的编号（id）必须互不相同，请改成不同的编号。",
        ),
        "ref.unknown_building": (
            "引用了不存在的楼栋",
            "请在 settlement.yml 的 buildings 中添加这栋楼，或改正楼栋编号。",
        ),
        "ref.unknown_window": (
            "引用了不存在的窗口",
            "请在 windows.yml 中添加这个窗口，或改成已有窗口的 id。",
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
        "grid.overload": (
            "网格员负责的户数超过 300 户",
            "按照标准，每名网格员负责不超过 300 户；请考虑增加网格员（页面会如实显示）。",
        ),
    }
)

STAFF_HOUSEHOLDS = 300  # the seeds' standard: one 网格员 for at most 300 households


def check_settlement(s: Loaded, report: Report) -> None:
    """Every cross-file rule whose inputs loaded; the others are skipped, and said so."""
    _check_buildings(s, report)
    _check_handbook(s, report)
    _check_windows(s, report)
    _check_grids(s, report)
    _check_councils(s, report)
    _check_photos(s, report)
    if s.has_funds:
        check_funds(s.account, s.quarters, report, s.folder / "funds" / "account.yml")


def _needs(s: Loaded, part: str, what: str, report: Report) -> bool:
    """Whether part loaded; if it failed, say which rule waits for it."""
    if part in s.failed:
        report.skipped(s.folder / f"{part}.yml", what)
        return False
    return True


def _add(s: Loaded, source: str, loc: Loc, report: Report, code: str, msg: str) -> None:
    located = s.sources.get(source)
    line, column = located.place(loc) if located else (0, 0)
    report.add(code, msg, s.folder / f"{source}.yml", line, column)


def _duplicates(
    s: Loaded, source: str, ids: Iterable[tuple[str, Loc]], what: str, report: Report
) -> None:
    seen: dict[str, Loc] = {}
    for value, loc in ids:
        if value in seen:
            first = s.sources[source].place(seen[value])[0] if source in s.sources else 0
            _add(
                s,
                source,
                loc,
                report,
                "ref.duplicate_id",
                f"{what}「{value}」重复了（第一次在第 {first} 行）",
            )
        else:
            seen[value] = loc


def _check_buildings(s: Loaded, report: Report) -> None:
    if s.profile is None:
        _needs(s, "settlement", "楼栋编号是否重复", report)
        return
    ids = [(b.id, ("buildings", i, "id")) for i, b in enumerate(s.profile.buildings)]
    _duplicates(s, "settlement", ids, "楼栋编号", report)


def _check_handbook(s: Loaded, report: Report) -> None:
    if s.handbook is None:
        _needs(s, "handbook", "类别和服务的编号是否重复、服务的窗口是否存在", report)
        return
    categories = s.handbook.categories
    _duplicates(
        s,
        "handbook",
        [(c.id, ("categories", i, "id")) for i, c in enumerate(categories)],
        "类别编号",
        report,
    )
    services = [
        (service, ("categories", i, "services", j))
        for i, category in enumerate(categories)
        for j, service in enumerate(category.services)
    ]
    _duplicates(s, "handbook", [(sv.id, (*loc, "id")) for sv, loc in services], "服务编号", report)
    if not _needs(s, "windows", "handbook.yml 中每项服务的窗口（window）是否存在", report):
        return
    windows = {w.id for w in s.windows.windows} if s.windows else set()
    for service, loc in services:
        if service.window and service.window not in windows:
            where = "windows.yml 中没有这个窗口" if s.windows else "还没有 windows.yml"
            _add(
                s,
                "handbook",
                (*loc, "window"),
                report,
                "ref.unknown_window",
                f"服务「{service.name}」的窗口「{service.window}」不存在（{where}）",
            )


def _check_windows(s: Loaded, report: Report) -> None:
    if s.windows is None:
        _needs(s, "windows", "窗口编号和窗口号是否重复", report)
        return
    windows = s.windows.windows
    _duplicates(
        s,
        "windows",
        [(w.id, ("windows", i, "id")) for i, w in enumerate(windows)],
        "窗口编号",
        report,
    )
    numbered = [
        (str(w.number), ("windows", i, "number"))
        for i, w in enumerate(windows)
        if w.number is not None
    ]
    _duplicates(s, "windows", numbered, "窗口号", report)


def _check_grids(s: Loaded, report: Report) -> None:
    if s.grids is None:
        _needs(s, "grids", "网格编号是否重复、每栋楼是否都划入了网格", report)
        return
    grids = s.grids.grids
    _duplicates(
        s, "grids", [(g.id, ("grids", i, "id")) for i, g in enumerate(grids)], "网格编号", report
    )
    if s.profile is None:
        _needs(s, "settlement", "grids.yml 中的楼栋是否存在、每栋楼是否都划入了网格", report)
        return
    buildings = {b.id: b for b in s.profile.buildings}
    if not buildings:
        _add(
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
                _add(
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
            _add(
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
        households = sum(buildings[b].households for b in grid.buildings if b in buildings)
        staff = len(grid.members)
        if staff and households / staff > STAFF_HOUSEHOLDS:
            located = s.sources.get("grids")
            line, column = located.place(("grids", i, "members")) if located else (0, 0)
            report.add(
                "grid.overload",
                f"{grid.name}共 {households} 户、{staff} 名网格员，"
                f"每人约 {households // staff} 户，超过 {STAFF_HOUSEHOLDS} 户",
                s.folder / "grids.yml",
                line,
                column,
                severity="warning",
            )


def _check_councils(s: Loaded, report: Report) -> None:
    if s.councils is None:
        _needs(s, "councils", "七会是否重复", report)
        return
    kinds = Counter(c.kind for c in s.councils.councils if c.kind != "other")
    for i, council in enumerate(s.councils.councils):
        if council.kind != "other" and kinds[council.kind] > 1:
            kinds[council.kind] = 0  # report each repeated kind once
            _add(
                s,
                "councils",
                ("councils", i, "kind"),
                report,
                "ref.duplicate_id",
                f"「{council.display_name}」写了不止一次",
            )


def _check_photos(s: Loaded, report: Report) -> None:
    """A person's photo must be a real JPEG/PNG/WebP file inside the settlement folder.

    generator/read/photos.py judges the file by its content; its problems are reported
    at the line of the ``photo:`` value. The grids section publishes only the
    re-encoded image that the same check produces.
    """
    for source, located in s.sources.items():
        for loc, value in _walk(located.data, ()):
            if loc and loc[-1] == "photo" and isinstance(value, str) and value:
                line, column = located.place(loc)
                for problem in images.prepare(s.folder, value).problems:
                    report.add(
                        problem.code,
                        problem.message,
                        s.folder / f"{source}.yml",
                        line,
                        column,
                        severity=problem.severity,
                    )


def _walk(value: object, loc: Loc) -> Iterable[tuple[Loc, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))
    else:
        yield loc, value
