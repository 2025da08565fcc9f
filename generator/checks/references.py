"""Cross-file rules of the data contract: references, coverage, funds, with their places.

Each check reads the validated models and reports into the shared Report with the
line of the value at fault, so one run lists every broken rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from generator.checks.funds import check_funds
from generator.checks.grids import check_grids
from generator.checks.places import add, duplicates, needs
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
        "ref.reserved_id": (
            "这个编号不能用作服务编号",
            "每项服务有自己的网页，网址用服务编号（例如 handbook/school-transfer/）；"
            "index 和 readme 是网站自己用的名字，请换一个英文编号，例如 dibao-apply。",
        ),
        "ref.unknown_window": (
            "引用了不存在的窗口",
            "请在 windows.yml 中添加这个窗口，或改成已有窗口的 id。",
        ),
        "ref.households_sum": (
            "楼栋户数合计与社区总户数不一致",
            "请核对 settlement.yml 中的总户数（households）和各楼栋的户数；"
            "不清楚户数的楼栋可以不写 households，页面显示“户数未填”，不要写 0。",
        ),
    }
)

# handbook/index.md and handbook/README.md would both be the handbook's own index page
RESERVED_SERVICE_IDS = frozenset({"index", "readme"})


def check_settlement(s: Loaded, report: Report) -> None:
    """Every cross-file rule whose inputs loaded; the others are skipped, and said so."""
    _check_buildings(s, report)
    _check_handbook(s, report)
    _check_windows(s, report)
    check_grids(s, report)
    _check_councils(s, report)
    _check_photos(s, report)
    if s.has_funds:
        check_funds(
            s.account, s.periods, report, s.folder / "funds" / "account.yml", s.budgets
        )


def _check_buildings(s: Loaded, report: Report) -> None:
    if s.profile is None:
        needs(s, "settlement", "楼栋编号是否重复、各楼栋户数合计是否与总户数一致", report)
        return
    ids = [(b.id, ("buildings", i, "id")) for i, b in enumerate(s.profile.buildings)]
    duplicates(s, "settlement", ids, "楼栋编号", report)
    _check_households_sum(s, report)


def _check_households_sum(s: Loaded, report: Report) -> None:
    """The buildings' known households against the settlement's total, as a warning.

    Warned when the known households already exceed the total (whatever the unknown
    buildings hold), or when every building's households are known and the sum differs.
    """
    assert s.profile is not None
    buildings = s.profile.buildings
    known = [b.households for b in buildings if b.households is not None]
    if not known:
        return
    total, counted, unknown = s.profile.households, sum(known), len(buildings) - len(known)
    if counted > total:
        gap = f"多 {counted - total} 户"
    elif not unknown and counted != total:
        gap = f"少 {total - counted} 户"
    else:
        return
    rest = f"（另有 {unknown} 栋楼户数未填）" if unknown else ""
    add(
        s,
        "settlement",
        ("households",),
        report,
        "ref.households_sum",
        f"各楼栋户数合计 {counted} 户{rest}，比社区总户数 {total} 户{gap}",
        severity="warning",
    )


def _check_handbook(s: Loaded, report: Report) -> None:
    if s.handbook is None:
        needs(s, "handbook", "类别和服务的编号是否重复、服务的窗口是否存在", report)
        return
    categories = s.handbook.categories
    duplicates(
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
    # each service is a page, handbook/<id>/: ids differ regardless of case (a disk or a
    # server may not tell School from school) and are not a name MkDocs takes for an index
    ids = [(sv.id, (*loc, "id")) for sv, loc in services]
    duplicates(s, "handbook", ids, "服务编号", report, fold_case=True)
    for value, loc in ids:
        if value.casefold() in RESERVED_SERVICE_IDS:
            message = f"服务编号「{value}」是网站自己用的名字"
            add(s, "handbook", loc, report, "ref.reserved_id", message)
    if not needs(s, "windows", "handbook.yml 中每项服务的窗口（window）是否存在", report):
        return
    windows = {w.id for w in s.windows.windows} if s.windows else set()
    for service, loc in services:
        if service.window and service.window not in windows:
            where = "windows.yml 中没有这个窗口" if s.windows else "还没有 windows.yml"
            add(
                s,
                "handbook",
                (*loc, "window"),
                report,
                "ref.unknown_window",
                f"服务「{service.name}」的窗口「{service.window}」不存在（{where}）",
            )


def _check_windows(s: Loaded, report: Report) -> None:
    if s.windows is None:
        needs(s, "windows", "窗口编号和窗口号是否重复", report)
        return
    windows = s.windows.windows
    duplicates(
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
    duplicates(s, "windows", numbered, "窗口号", report)


def _check_councils(s: Loaded, report: Report) -> None:
    if s.councils is None:
        needs(s, "councils", "七会是否重复", report)
        return
    kinds = Counter(c.kind for c in s.councils.councils if c.kind != "other")
    for i, council in enumerate(s.councils.councils):
        if council.kind != "other" and kinds[council.kind] > 1:
            kinds[council.kind] = 0  # report each repeated kind once
            add(
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
