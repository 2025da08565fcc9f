"""Reading lists/*.yml and the tables they name, refusing every field the rules do not allow.

A person may carry four things (generator/contract/lists.py): a field or column by
any other name (身份证号, 联系电话, 家庭住址, 银行卡号 …) is refused by name, with its
line and column, before the rest is validated. Staff may write the four in English
(name, household, amount, category) or by the Chinese names printed lists use
(姓名, 家庭人口, 金额（元）, 类别 …); a 序号 is allowed and dropped. Every cell of a
people table is kept as a Document for the personal-information scan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError

from generator.contract.data import Document, PostedList
from generator.contract.lists import LIST_CODES, PEOPLE_FILE, ListMeta, ListPerson
from generator.contract.validate import describe, validate
from generator.errors import Report
from generator.read.files import present, real_folder
from generator.read.ledger.columns import cell_text, squash
from generator.read.ledger.grid import Unreadable, read_grid
from generator.read.located import Located
from generator.read.yamlfile import load_yaml

FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "姓名", "名字", "户主", "户主姓名", "申请人", "申请人姓名", "保障对象",
             "救助对象", "对象姓名", "供养对象"),
    "household": ("household", "家庭人口", "家庭人口数", "家庭人数", "人口", "人数", "保障人口",
                  "保障人数", "享受人数", "户人口", "共同生活人口"),
    "amount": ("amount", "金额", "保障金额", "月保障金", "月保障金额", "救助金额", "补助金额",
               "补贴金额", "发放金额", "月补助金额", "保障金", "救助金", "补贴标准"),
    "category": ("category", "类别", "类型", "保障类别", "救助类别", "保障类型", "档次", "分类",
                 "保障档次", "供养方式"),
}  # fmt: skip
IGNORED = ("序号", "no", "index")  # a running number says nothing about anyone
ALLOWED = "姓名、家庭人口、金额、类别"
FIELD_TITLES = {"name": "姓名", "household": "家庭人口", "amount": "金额", "category": "类别"}
# what a refused field most likely is, for the message
_KNOWN = (
    (r"身份|证件|证号|idcard|id_?no", "身份证号"),
    (r"电话|手机|联系|phone|mobile|tel", "电话"),
    (r"住址|地址|门牌|楼|栋|单元|户籍|家庭住|address", "住址和户籍"),
    (r"银行|卡号|账号|帐号|bank|card|account", "银行卡号"),
)


def norm(name: str) -> str:
    """A field or column name in the form used to look it up: 金额（元） → 金额."""
    text = squash(name).casefold()
    text = re.sub(r"[(\[【（][^)\]】）]*[)\]】）]$", "", text)  # a unit: （元）、（人）
    return re.sub(r"[_\-.·:：*#]", "", text)


LOOKUP = {norm(alias): key for key, aliases in FIELDS.items() for alias in aliases}
IGNORED_NAMES = {norm(name) for name in IGNORED}


def refused(name: str, where: str) -> str:
    """The message for a field the rules do not allow."""
    shown = name[:30] if len(re.findall(r"\d", name)) < 7 else re.sub(r"\d", "*", name)[:30]
    what = next((label for pattern, label in _KNOWN if re.search(pattern, norm(name))), "")
    kind = f"（{what}）" if what and not what.startswith(shown) else ""
    return (
        f"{where}「{shown}」{kind}不能公开：名单公示只允许{ALLOWED}四项，"
        "请删除这一项"
    )


class _WithPeople(ListMeta):
    people: list[ListPerson] = Field(title="名单", min_length=1)  # type: ignore[assignment]


class _WithFile(ListMeta):
    people: Annotated[str, Field(pattern=PEOPLE_FILE)] = Field(title="名单")  # type: ignore[assignment]


def read_lists(
    lists_dir: Path, report: Report, documents: list[Document]
) -> tuple[PostedList, ...]:
    """Every list in lists/ that is valid, in file-name order; every mistake reported."""
    if not real_folder(lists_dir):
        return ()
    for other in sorted(lists_dir.iterdir()):
        if other.suffix.lower() in (".yaml",) or other.suffix == ".YML":
            message = f"名单文件的扩展名应为 .yml，现在是 {other.name}，不会被读取"
            report.add("file.name", message, other)
    found = []
    for path in sorted(lists_dir.glob("*.yml")):
        posted = _read_list(path, report, documents)
        if posted is not None:
            found.append(posted)
    return tuple(found)


def _read_list(path: Path, report: Report, documents: list[Document]) -> PostedList | None:
    located = load_yaml(path, report)
    if located is None:
        return None
    documents.append(Document(path, located, ListMeta))  # no staff phone anywhere in a list
    errors = len(report.errors)
    people = located.data.get("people") if isinstance(located.data, dict) else None
    from_file = isinstance(people, str)
    cleaned = located if from_file else _allowed_fields(located, report)
    meta = validate(_WithFile if from_file else _WithPeople, cleaned, report)
    if meta is None:
        return None
    _check_period(meta, located, report)
    if from_file:
        table = path.parent / str(meta.people)
        if not present(table):
            report.add(
                "ref.missing_file",
                f"people 写的名单表格「{meta.people}」不存在",
                path,
                *located.place(("people",)),
            )
            return None
        rows = read_people_table(table, report, documents)
    else:
        rows = tuple(meta.people)  # type: ignore[arg-type]
    if rows is None or len(report.errors) > errors:
        return None
    return PostedList(path, meta, rows)


def _check_period(meta: ListMeta, located: Located, report: Report) -> None:
    """One clear period: period or until (or both, agreeing), never before publishing."""
    hint = LIST_CODES["list.period"][1]
    if meta.period is None and meta.until is None:
        message = "没有写公示期：写 period: 7天、until: 截止日期，或 period: 长期"
        report.add("list.period", message, located.path, *located.place(("published",)), hint)
        return
    if meta.until is not None and meta.until < meta.published:
        message = f"公示截止日期 {meta.until} 早于公示日期 {meta.published}，请检查是否写反了"
        report.add("list.period", message, located.path, *located.place(("until",)), hint)
        return
    if meta.period is not None and meta.until is not None:
        days = meta.period.days
        if days is None or meta.published + dt.timedelta(days=days) != meta.until:
            message = "period 和 until 说的公示期不一样，请只写其中一个"
            report.add("list.period", message, located.path, *located.place(("period",)), hint)


def _allowed_fields(located: Located, report: Report) -> Located:
    """The file with each person's fields under their English names; others refused."""
    data = located.data
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        return located
    places = dict(located.places)
    people: list[Any] = []
    for i, person in enumerate(data["people"]):
        if not isinstance(person, dict):
            people.append(person)
            continue
        kept: dict[str, Any] = {}
        for key, value in person.items():
            where = located.place(("people", i, key))
            field = LOOKUP.get(norm(str(key)))
            if field is None:
                if norm(str(key)) not in IGNORED_NAMES:
                    message = refused(str(key), f"第 {i + 1} 人的")
                    report.add("list.field", message, located.path, *where)
                continue
            if field in kept:
                message = f"第 {i + 1} 人的「{key}」和前面一项都是{FIELD_TITLES[field]}，请只写一次"
                report.add("schema.invalid", message, located.path, *where)
                continue
            kept[field] = value
            places[("people", i, field)] = where
        people.append(kept)
    return Located(located.path, {**data, "people": people}, places, located.text)


def read_people_table(
    path: Path, report: Report, documents: list[Document]
) -> tuple[ListPerson, ...] | None:
    """The people of a .csv or .xlsx table; None when anything in it is wrong."""
    errors = len(report.errors)

    def add(code: str, message: str, line: int = 0, column: int = 0, hint: str = "") -> None:
        hint = hint or (LIST_CODES[code][1] if code in LIST_CODES else "")
        report.add(code, message, path, line, column, hint)

    try:
        grid, _ = read_grid(path, report.root, add)
    except Unreadable as exc:
        add(exc.code, exc.message.replace("台账", "名单表格"), exc.line, hint=exc.hint)
        return None
    cells = tuple(
        (line, col + 1, cell)
        for line, row in grid
        for col, cell in enumerate(row)
        if cell_text(cell)
    )
    documents.append(Document(path, cells=cells))
    header = next((i for i, (_, row) in enumerate(grid) if _names(row, "name")), None)
    if header is None:
        add("list.header", "找不到表头：应有一行列名，其中有“姓名”", grid[0][0] if grid else 1)
        return None
    line, row = grid[header]
    columns: dict[str, int] = {}
    named: set[int] = set()
    for idx, text in enumerate(cell_text(c) for c in row):
        if not text:
            continue
        named.add(idx)
        field = LOOKUP.get(norm(text))
        if field is None:
            if norm(text) not in IGNORED_NAMES:
                add("list.field", refused(text, f"第 {idx + 1} 列"), line, idx + 1)
        elif field in columns:
            add("list.header", f"“{text}”与第 {columns[field] + 1} 列重复", line, idx + 1)
        else:
            columns[field] = idx
    for field in ("household", "amount"):
        if field not in columns:
            add("list.header", f"表头中缺少“{FIELD_TITLES[field]}”列", line)
    if len(report.errors) > errors:
        return None
    people = list(_rows(grid[header + 1 :], columns, named, add))
    if len(report.errors) > errors:
        return None
    if not people:
        add("schema.empty", "名单表格里没有人：表头下面每行写一个人", line)
        return None
    return tuple(people)


def _names(row: list[object], field: str) -> bool:
    return any(LOOKUP.get(norm(cell_text(c))) == field for c in row)


def _rows(
    grid: list[tuple[int, list[object]]], columns: dict[str, int], named: set[int], add: Any
) -> Iterator[ListPerson]:
    for line, row in grid:
        texts = [cell_text(c) for c in row]
        filled = [t for t in texts if t]
        if not filled or re.match(r"(合计|总计|小计|共计)", filled[0]):
            continue
        for idx, text in enumerate(texts):
            if text and idx not in named:
                add("list.field", f"第 {idx + 1} 列没有列名却写了内容：名单只公开{ALLOWED}", line,
                    idx + 1)  # fmt: skip
        raw: dict[str, object] = {}
        for field, idx in columns.items():
            cell = row[idx] if idx < len(row) else None
            if field in ("name", "category"):
                cell = cell_text(cell) or None
            if cell is not None and cell != "":
                raw[field] = cell
        try:
            yield ListPerson.model_validate(raw)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                code, message, hint = describe(ListPerson, error)
                field = str(error["loc"][0]) if error["loc"] else ""
                column = columns.get(field, -1) + 1
                add(code, message, line, column, hint)
