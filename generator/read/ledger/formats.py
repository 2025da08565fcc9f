"""Spreadsheet formats the generator cannot read, and how to save each one as .xlsx.

Staff keep their books in whatever program the office has: LibreOffice (.ods), an
old Excel or WPS (.xls, .et), a Mac's Numbers (.numbers). Only .csv and .xlsx are
read; for the others the message names the program and the menu steps that turn
the file into an .xlsx, rather than only saying the format is not supported.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OtherFormat:
    """A spreadsheet format that is not read: what it is, and how to save it as .xlsx."""

    name: str  # what staff call it, in the message
    save_as: str  # the hint: the program's menu steps


_LIBREOFFICE = (
    "用 LibreOffice（或 OpenOffice）打开这个文件，点 文件 → 另存为，"
    "“文件类型”选 Excel 2007-365 (.xlsx)，保存；弹出“保持当前格式”的提示时，"
    "选“使用 Excel 2007-365!”。"
)
_EXCEL_WPS = (
    "用 Excel 打开，点 文件 → 另存为，“保存类型”选 Excel 工作簿 (*.xlsx)；"
    "用 WPS 表格打开，点 文件 → 另存为，“文件类型”选 Microsoft Excel 文件 (*.xlsx)。"
)

OTHER_FORMATS: dict[str, OtherFormat] = {
    ".ods": OtherFormat("LibreOffice 表格（.ods）", _LIBREOFFICE),
    ".xls": OtherFormat(
        "旧版 Excel 表格（.xls）",
        _EXCEL_WPS + "没有 Excel 或 WPS 时也可以：" + _LIBREOFFICE,
    ),
    ".et": OtherFormat("WPS 表格（.et）", _EXCEL_WPS),
    ".numbers": OtherFormat(
        "苹果 Numbers 表格（.numbers）",
        "在 Mac 上用 Numbers 打开，点 文件 → 导出为 → Excel…，"
        "格式选 .xlsx，点“存储”。",
    ),
}


def other_format(name: str) -> OtherFormat | None:
    """The unreadable spreadsheet format of a file name (by its suffix, any case), if any."""
    dot = name.rfind(".")
    return OTHER_FORMATS.get(name[dot:].lower()) if dot >= 0 else None


def save_as_hint(other: OtherFormat, stem: str) -> str:
    """The hint: save the file as <stem>.xlsx, and write that name wherever it is named."""
    return (
        f"网站程序只能读 .csv 和 .xlsx 表格。{other.save_as}"
        f"存好的 {stem}.xlsx 放在原来的文件夹里，.yml 中的文件名也改成 {stem}.xlsx。"
    )
