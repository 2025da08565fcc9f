"""Placeholders left in: what `portal new` wrote for staff to replace, still there.

`portal new` (generator/staff/scaffold.py, templates/new/) fills every file with
values that validate, so staff start from a folder that checks: 某某 names and
places, 0000-0000000 phones, 0 households and population, and its own
instructions in brackets ("（请改成……）", the 示例通知). Each one left in is a
draft's problem (Problem.draft): a warning in `portal validate` and the preview,
an error when publishing (`portal build` calls Report.publishing()), so staff can
check a half-filled settlement and cannot publish one.

What is *not* a placeholder, because the samples and real books write it:

* 某某 after another character: 王某某, 示范县某某服饰有限公司 hide a person's or a
  company's name (the accepted way to anonymise); only 某某 standing alone or
  starting a value or a word (某某县, 《某某条例》) and 某某某 are placeholders.
* a phone with some zeros (0359-0000013, 13800000205): only a number whose area
  code or own number is all zeros, or the examples' 1234567, is fake.
* 0 in a ledger amount, a count that may be 0: only the settlement's households
  and population, which every settlement has more of than 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.checks.privacy import ValueSource
from generator.contract.data import Document, Loaded
from generator.contract.notices import NoticeMeta
from generator.contract.validate import field_label
from generator.errors import Report, codes
from generator.read.located import Located
from generator.read.values import ValueProblem, parse_phones

_UNTIL = "改完之前，portal build 不会发布这个安置点（portal validate 只提醒）。"

# code -> (title, hint)
PLACEHOLDER_CODES: dict[str, tuple[str, str]] = codes(
    {
        "placeholder.text": (
            "还是模板里的占位内容（某某、XX）",
            "「某某」「XX」是 portal new 生成的占位内容，网站和打印手册会原样显示。请改成真实内容："
            "人名写真实姓名，地名写全称（例如 山西省吕梁市岚县东村镇），单位、文件写全称；"
            "可以不写的项，不清楚时整行删除。要隐去姓名时写成“王某某”（姓加某某），"
            "不要只写“某某”。" + _UNTIL,
        ),
        "placeholder.instruction": (
            "模板里的填写说明还没有删",
            "括号里的“请改成……”“请修改或删除……”和示例通知是 portal new 写给您的说明，"
            "不是要公开的内容：照说明写好真实内容，再把整段说明连同括号删掉；"
            "示例通知不需要时，把整个文件删除。" + _UNTIL,
        ),
        "placeholder.phone": (
            "电话还是占位号码",
            "0000-0000000 这类全是 0 的号码（以及说明里的示例号码 1234567）是占位内容，"
            "居民拨不通。请写真实的电话，例如 0359-6221234（区号-号码）或 12345；"
            "工作人员本人的电话可以写手机号。可以不写的电话，不清楚时整行删除。" + _UNTIL,
        ),
        "placeholder.zero": (
            "户数或人口还是 0",
            "请写安置点实际的户数和人口，只写阿拉伯数字，例如 households: 1263、"
            "population: 5120；不清楚时向乡镇（街道）或搬迁台账核实。" + _UNTIL,
        ),
    }
)

_HAN = "\u3400-\u9fff\uf900-\ufaff"
_TEXT = {
    # the template's own instructions: a bracket asking staff to change or delete something
    "placeholder.instruction": re.compile(
        r"[（(][^（）()]*请[^（）()]*(?:改成|改为|换成|修改|删除|填写|替换)[^（）()]*[）)]"
        r"|示例(?:通知|条文)"
    ),
    # 某某 alone or starting a word, 某某某, 某年某月; XX, ××
    "placeholder.text": re.compile(
        rf"(?<![{_HAN}])某{{2,}}|某{{3,}}|某年某月"
        r"|(?<![A-Za-z0-9])(?:[Xx]{2,}|[Ｘｘ×]{2,})(?![A-Za-z0-9])"
    ),
    # a zero phone in running text (an intro that says 电话 0000-0000000)
    "placeholder.phone": re.compile(r"(?<![\d.])0{3,4}[-－—]0{7,8}(?!\d)"),
}
_EXAMPLE_NUMBERS = frozenset({"1234567", "12345678"})


@dataclass(frozen=True)
class Found:
    """A placeholder in a text: its code, where it starts, and what it says."""

    code: str
    start: int
    shown: str


def find_placeholder(text: str) -> Found | None:
    """The first placeholder in text, the template's instructions first; None if none."""
    for code, pattern in _TEXT.items():
        found = pattern.search(text)
        if found:
            shown = re.sub(r"\s+", "", found.group())
            return Found(code, found.start(), shown if len(shown) <= 20 else shown[:19] + "…")
    return None


def fake_number(number: str) -> bool:
    """Whether a phone number (display form, 0359-1234567) is obviously not a real one."""
    digits = re.sub(r"\D", "", number)
    if not digits or not digits.strip("0"):
        return True
    parts = number.split("-")
    if len(parts) == 2 and digits.startswith("0"):  # area code - own number
        area, own = parts
        return not area.strip("0") or not own.strip("0") or own in _EXAMPLE_NUMBERS
    if len(digits) == 11 and digits.startswith("1"):  # a mobile: 13800000000
        return not digits[3:].strip("0")
    return digits[-7:] in _EXAMPLE_NUMBERS or digits[-8:] in _EXAMPLE_NUMBERS


def _phone_key(key: object) -> bool:
    return isinstance(key, str) and (key in ("phone", "phones") or key.endswith("_phone"))


def _label(model: type[BaseModel] | None, loc: tuple[Any, ...]) -> str:
    if model is not None:
        return field_label(model, loc)
    last = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return f"「{last}」" if last else "这一项"


def _values(node: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any, bool]]:
    """(loc, value, is_phone) of every string, and of every phone field as a whole."""
    if isinstance(node, dict):
        for key, item in node.items():
            if _phone_key(key):
                yield (*loc, key), item, True
            else:
                yield from _values(item, (*loc, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _values(item, (*loc, i))
    elif isinstance(node, str):
        yield loc, node, False


def scan_located(located: Located, report: Report, model: type[BaseModel] | None) -> None:
    """Every string and phone of a YAML file (or a notice's front matter)."""
    source: ValueSource | None = None
    for loc, value, is_phone in _values(located.data, ()):
        at = located.place(loc)
        if is_phone:
            try:
                numbers = parse_phones(value)
            except ValueProblem:
                continue  # the schema says what is wrong with it
            fake = next((n for n in numbers if fake_number(n.number)), None)
            if fake is not None:
                report.add(
                    "placeholder.phone",
                    f"{_label(model, loc)}还是占位号码「{fake.number}」，请写真实的电话",
                    located.path,
                    *at,
                    draft=True,
                )
            continue
        found = find_placeholder(value)
        if found is None:
            continue
        if located.text is not None:
            source = source or ValueSource(located.text)
            at = source.place(value, found.start, at)
        report.add(found.code, _message(_label(model, loc), found), located.path, *at, draft=True)


def _message(label: str, found: Found) -> str:
    if found.code == "placeholder.instruction":
        return f"{label}里还留着模板的说明「{found.shown}」，请换成真实内容"
    if found.code == "placeholder.phone":
        return f"{label}里还是占位号码「{found.shown}」，请写真实的电话"
    return f"{label}还是占位内容「{found.shown}」，请改成真实内容"


def scan_text(text: str, path: Path, report: Report, first_line: int = 1) -> None:
    """A Markdown body (charter.md, a notice): the first placeholder of each line."""
    for number, line in enumerate(text.splitlines()):
        found = find_placeholder(line)
        if found is not None:
            report.add(
                found.code,
                _message("这一行", found),
                path,
                first_line + number,
                found.start + 1,
                draft=True,
            )


def scan_document(document: Document, report: Report) -> None:
    if document.located is not None:
        model = document.model
        if model is None and document.path.parent.name == "notices":
            model = NoticeMeta  # a notice's front matter: named as the data reference does
        scan_located(document.located, report, model)
    if document.text is not None:
        scan_text(document.text, document.path, report, document.first_line)


def _counts(loaded: Loaded, report: Report) -> None:
    """households and population: every settlement has more than 0 of each."""
    located = loaded.sources.get("settlement")
    if loaded.profile is None or located is None:
        return
    for key, noun in (("households", "户数"), ("population", "人口")):
        if getattr(loaded.profile, key) == 0:
            report.add(
                "placeholder.zero",
                f"「{noun}」({key})还是 0，请写安置点实际的{noun}",
                located.path,
                *located.place((key,)),
                draft=True,
            )


def check_settlement(loaded: Loaded, report: Report) -> None:
    """Every file of a settlement as read (YAML, Markdown), and its counts."""
    _counts(loaded, report)
    sample_notices = set()
    for document in loaded.documents:
        scan_document(document, report)
        if document.path.parent.name == "notices" and "示例通知" in document.path.stem:
            sample_notices.add(document.path)
    for path in sorted(sample_notices):
        report.add(
            "placeholder.instruction",
            f"通知文件名「{path.name}」还是示例通知的名字：请改名（例如 日期-停水通知.md）或删除",
            path,
            draft=True,
        )
