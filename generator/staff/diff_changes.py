"""What changed between two loaded versions of one settlement, in the words of its pages.

Each function compares models (never text), so a comment or a re-indented list
changes nothing, and returns short Chinese lines such as 新增服务 2 项：甲、乙.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from generator.contract.common import Person
from generator.contract.councils import Councils
from generator.contract.data import Funds, Notice
from generator.contract.grids import Grids
from generator.contract.handbook import Handbook
from generator.contract.settlement import Settlement
from generator.contract.windows import Windows
from generator.read.values import Phones
from generator.staff import diff_funds

SHOWN = 5  # names listed after a count before 等


@dataclass(frozen=True)
class Snapshot:
    """One settlement as loaded from one version of data/; broken parts failed to load."""

    slug: str
    profile: Settlement | None = None
    handbook: Handbook | None = None
    windows: Windows | None = None
    grids: Grids | None = None
    councils: Councils | None = None
    charter: str | None = None
    funds: Funds | None = None
    notices: tuple[Notice, ...] = ()
    broken: frozenset[str] = field(default_factory=frozenset)

    @property
    def name(self) -> str:
        return self.profile.name if self.profile else self.slug


def names(items: Iterable[str]) -> str:
    items = list(items)
    shown = "、".join(items[:SHOWN])
    return shown + ("等" if len(items) > SHOWN else "")


def counted(what: str, unit: str, items: Iterable[str]) -> list[str]:
    """新增服务 2 项：甲、乙 — or nothing when there are none."""
    items = list(items)
    return [f"{what} {len(items)} {unit}：{names(items)}"] if items else []


def changed_fields(old: BaseModel | None, new: BaseModel | None) -> list[str]:
    """The Chinese titles of the fields whose values differ."""
    if old is None or new is None or old == new:
        return []
    model = type(new)
    return [
        info.title or key
        for key, info in model.model_fields.items()
        if getattr(old, key, None) != getattr(new, key, None)
    ]


def keyed(
    old: Mapping[str, Any], new: Mapping[str, Any], label: Callable[[Any], str]
) -> tuple[list[str], list[str], list[str]]:
    """Labels of the items added, removed and changed, matching items by key."""
    added = [label(new[k]) for k in new if k not in old]
    removed = [label(old[k]) for k in old if k not in new]
    changed = [label(new[k]) for k in new if k in old and old[k] != new[k]]
    return added, removed, changed


def profile(old: Settlement | None, new: Settlement | None) -> list[str]:
    fields = changed_fields(old, new)
    return [f"社区概况修改：{names(fields)}"] if fields else []


def handbook(old: Handbook | None, new: Handbook | None) -> list[str]:
    empty = Handbook(title="-", categories=[])
    old, new = old or empty, new or empty
    services = {s.id: s for s in new.all_services}
    before = {s.id: s for s in old.all_services}
    added, removed, changed = keyed(before, services, lambda s: s.name)
    lines = counted("新增服务", "项", added) + counted("删除服务", "项", removed)
    lines += counted("服务内容修改", "项", changed)
    cats_new, cats_old = {c.id: c for c in new.categories}, {c.id: c for c in old.categories}
    lines += counted(
        "新增服务类别", "个", [c.name for k, c in cats_new.items() if k not in cats_old]
    )
    lines += counted(
        "删除服务类别", "个", [c.name for k, c in cats_old.items() if k not in cats_new]
    )
    if old.title != "-" and new.title != "-":
        fields = [f for f in changed_fields(old, new) if f != "服务类别"]
        lines += [f"办事指南{names(fields)}修改"] if fields else []
    return lines


def windows(old: Windows | None, new: Windows | None) -> list[str]:
    if old is None or new is None:
        return []
    lines = []
    moved = [w.name for w in new.windows if _window_hours_changed(old, new, w.id)]
    if old.hours != new.hours:
        lines.append("窗口办公时间变更（大厅办公时间或节假日安排）")
    elif moved:
        lines.append(f"窗口办公时间变更：{names(moved)}")
    added, removed, changed = keyed(
        {w.id: w.model_copy(update={"hours": None}) for w in old.windows},
        {w.id: w.model_copy(update={"hours": None}) for w in new.windows},
        lambda w: w.name,
    )
    lines += counted("新增服务窗口", "个", added) + counted("撤销服务窗口", "个", removed)
    lines += counted("窗口信息修改", "个", changed)
    if old.commitments != new.commitments:
        lines.append("服务承诺修改")
    if (old.hall, old.address) != (new.hall, new.address):
        lines.append("服务大厅名称或地址修改")
    return lines


def _window_hours_changed(old: Windows, new: Windows, window_id: str) -> bool:
    before = next((w for w in old.windows if w.id == window_id), None)
    after = next(w for w in new.windows if w.id == window_id)
    return before is not None and old.hours_of(before) != new.hours_of(after)


def _people(grids: Grids) -> dict[tuple[str, str, str], tuple[str, Person]]:
    """Every grid's staff by (grid, place, name): place is 网格长, 社区民警 or 成员, with
    the role they are shown with (a member's own: 专职网格员, 楼长 …)."""
    people: dict[tuple[str, str, str], tuple[str, Person]] = {}
    for grid in grids.grids:
        if grid.leader:
            people[(grid.id, "网格长", grid.leader.name)] = ("网格长", grid.leader)
        for member in grid.members:
            people[(grid.id, "成员", member.name)] = (member.role, member)
        if grid.police:
            people[(grid.id, "社区民警", grid.police.name)] = ("社区民警", grid.police)
    return people


def _phone(phone: Phones | None) -> str:
    return str(phone) if phone else "（未填）"


def grids(old: Grids | None, new: Grids | None) -> list[str]:
    if old is None or new is None:
        return []
    before, after = {g.id: g for g in old.grids}, {g.id: g for g in new.grids}
    lines = counted("新增网格", "个", [g.name for k, g in after.items() if k not in before])
    lines += counted("撤销网格", "个", [g.name for k, g in before.items() if k not in after])
    was, now = _people(old), _people(new)
    common = [k for k in now if k in was and k[0] in before]
    # staff phones are published on the grids page (a Person's phone is the only place a
    # mobile may stand), so the old and the new number are shown as the pages show them
    phones = dict.fromkeys(
        f"{now[k][0]}{k[2]} {_phone(was[k][1].phone)} → {_phone(now[k][1].phone)}"
        for k in common
        if was[k][1].phone != now[k][1].phone
    )
    if phones:
        lines.append(f"网格员电话变更 {len(phones)} 处：{'；'.join(phones)}")
    moved = [k for k in common if was[k][0] != now[k][0]]
    if moved:
        changes = (f"{k[2]}（{was[k][0]}→{now[k][0]}）" for k in moved)
        lines.append(f"网格成员职务调整 {len(moved)} 处：{names(changes)}")
    joined = [(now[k][0], k[2]) for k in now if k not in was and k[0] in before]
    left = [(was[k][0], k[2]) for k in was if k not in now and k[0] in after]
    for role in dict.fromkeys(r for r, _ in [*joined, *left]):
        lines += counted(f"新增{role}", "名", [n for r, n in joined if r == role])
        lines += counted(f"{role}调离", "名", [n for r, n in left if r == role])
    if any(before[k].buildings != after[k].buildings for k in after if k in before):
        lines.append("网格包含的楼栋调整")
    if old.supervision_phone != new.supervision_phone:
        was_phone, now_phone = _phone(old.supervision_phone), _phone(new.supervision_phone)
        lines.append(f"网格监督电话变更：{was_phone} → {now_phone}")
    return lines


def councils(
    old: Councils | None, new: Councils | None, old_text: str | None, new_text: str | None
) -> list[str]:
    if old is None or new is None:
        return []
    lines = []
    if old.charter != new.charter or old_text != new_text:
        lines.append("居民公约修改")

    def key(c: Any) -> str:
        return f"{c.kind}:{c.name or ''}"

    before, after = {key(c): c for c in old.councils}, {key(c): c for c in new.councils}
    lines += counted("新成立", "个", [c.display_name for k, c in after.items() if k not in before])
    lines += counted("撤销", "个", [c.display_name for k, c in before.items() if k not in after])
    decided = [
        d.title
        for k, c in after.items()
        for d in c.decisions
        if k in before and (d.date, d.title) not in {(x.date, x.title) for x in before[k].decisions}
    ]
    lines += counted("新增议定事项", "条", decided)
    members = [
        c.display_name for k, c in after.items() if k in before and before[k].members != c.members
    ]
    lines += [f"成员调整：{names(members)}"] if members else []
    return lines


def funds(old: Funds | None, new: Funds | None) -> list[str]:
    lines = []
    if old is not None and new is not None:
        fields = changed_fields(old.account, new.account)
        lines += [f"经费账户设置修改：{names(fields)}"] if fields else []
    return lines + diff_funds.funds(old, new)


def notices(old: tuple[Notice, ...], new: tuple[Notice, ...]) -> list[str]:
    added, removed, changed = keyed(
        {n.path.name: (n.meta, n.body) for n in old},
        {n.path.name: (n.meta, n.body) for n in new},
        lambda item: item[0].title,
    )
    return (
        counted("新增通知", "条", added)
        + counted("删除通知", "条", removed)
        + counted("通知修改", "条", changed)
    )


def alerts(old: Snapshot, new: Snapshot) -> list[str]:
    """Money changes to periods sealed in the old version, said before everything else."""
    if "funds" in old.broken | new.broken:
        return []
    return [f"{new.name}（{new.slug}）{alert}" for alert in diff_funds.sealed(old.funds, new.funds)]


def settlement(old: Snapshot, new: Snapshot) -> list[str]:
    """Every change to one settlement's pages; parts broken in either version are skipped."""
    broken = old.broken | new.broken
    lines: list[str] = []
    if "settlement" not in broken:
        lines += profile(old.profile, new.profile)
    if "handbook" not in broken and (old.handbook or new.handbook):
        lines += handbook(old.handbook, new.handbook)
    parts = (("windows", windows, "服务窗口"), ("grids", grids, "网格"))
    for part, compare, title in parts:
        lines += _present(part, title, getattr(old, part), getattr(new, part), broken)
        if part not in broken:
            lines += compare(getattr(old, part), getattr(new, part))
    lines += _present("councils", "居民公约与七会", old.councils, new.councils, broken)
    if "councils" not in broken:
        lines += councils(old.councils, new.councils, old.charter, new.charter)
    if "funds" not in broken:
        lines += _present("funds", "经费公开", old.funds, new.funds, broken)
        lines += funds(old.funds, new.funds)
    if "notices" not in broken:
        lines += notices(old.notices, new.notices)
    return lines


def _present(part: str, title: str, old: object, new: object, broken: frozenset[str]) -> list[str]:
    if part in broken or (old is None) == (new is None):
        return []
    return [f"新增“{title}”栏目"] if old is None else [f"删除“{title}”栏目"]
