"""The error catalogue: every problem code, a short Chinese title and a hint on how to fix it.

The staff guide's error reference is generated from this table, so every code
the generator can report must be listed here (a test enforces it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    hint: str


_ENTRIES: dict[str, tuple[str, str]] = {
    # Files and YAML syntax
    "file.missing": (
        "缺少必需的文件",
        "请按数据格式说明建立这个文件，可复制示例数据中的同名文件再修改。",
    ),
    "file.encoding": (
        "文件编码无法识别",
        "请用记事本或 WPS 另存为“UTF-8”编码后再提交。",
    ),
    "file.unreadable": ("文件无法读取", "请确认文件没有损坏，并且不是空文件或其他格式改了扩展名。"),
    "yaml.syntax": (
        "YAML 格式错误",
        "常见原因：冒号后少了空格、缩进不整齐、引号没有成对。请对照上一行的缩进检查。",
    ),
    "yaml.tab": ("用了 Tab 键缩进", "YAML 只能用空格缩进。请把这一行开头的 Tab 换成两个空格。"),
    "yaml.duplicate_key": (
        "同一个字段写了两次",
        "同一层里每个字段只能出现一次，后写的会覆盖先写的。请删除或合并重复的那一项。",
    ),
    "yaml.empty": ("文件是空的", "请填写内容，或者删除这个文件（只有 settlement.yml 是必需的）。"),
    "yaml.not_mapping": (
        "文件最外层应为“字段: 值”的形式",
        "请对照示例数据，文件第一层应是若干“字段名: 内容”。",
    ),
    "yaml.complex_key": ("字段名写法不对", "字段名应是简单的英文名，例如 name、phone。"),
    # Schema (structure of a file)
    "schema.missing": ("缺少必填项", "请补上这一项；可参照示例数据的写法。"),
    "schema.unknown": (
        "不认识的字段",
        "可能是字段名拼错了或缩进错了层级。请对照数据格式说明检查拼写和缩进。",
    ),
    "schema.type": ("内容的类型不对", "请对照数据格式说明，按要求写成文字、数字、列表或分项。"),
    "schema.integer": ("应为整数", "请只写阿拉伯数字，例如 1263，不要带“户”“人”等文字。"),
    "schema.boolean": ("应为是或否", "请写 true（是）或 false（否）。"),
    "schema.choice": ("不是可选的值之一", "请从提示列出的可选值中选一个，注意英文拼写。"),
    "schema.list": ("应为列表", "请写成 [甲, 乙] 或每行以“- ”开头的列表。"),
    "schema.mapping": ("应为分项内容", "请写成下一层缩进的“字段: 值”。"),
    "schema.text": ("应为文字", "请直接写文字内容。"),
    "schema.empty": ("内容不能为空", "请填写内容，或者删除这一项。"),
    "schema.invalid": ("内容不符合要求", "请对照数据格式说明修改。"),
    "schema.slug": (
        "文件夹名不符合要求",
        "安置点文件夹名只能用小写英文字母、数字和减号，例如 xintiandi 或 an-kang-yuan。",
    ),
    "schema.url": ("网址格式不对", "请写完整的网址，以 https:// 开头，以 / 结尾。"),
    "schema.number": ("应为数字", "请只写阿拉伯数字。"),
    # Cross-file references and coverage
    "ref.duplicate_id": ("编号重复", "同一文件中的编号（id）必须互不相同，请改成不同的编号。"),
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
    "ref.missing_file": ("引用的文件不存在", "请确认文件名拼写正确，并且文件放在同一个文件夹里。"),
    "ref.no_buildings": (
        "还没有填写楼栋",
        "grids.yml 需要 settlement.yml 中的 buildings 楼栋清单。",
    ),
    "grid.overload": (
        "网格员负责的户数超过 300 户",
        "按照标准，每名网格员负责不超过 300 户；请考虑增加网格员（页面会如实显示）。",
    ),
    # Personal information
    "privacy.id_number": (
        "出现了居民身份证号",
        "公开数据中不能出现身份证号。请删除，或只保留前4位和后4位：1427**********1234。",
    ),
    "privacy.bank_card": (
        "出现了银行卡号",
        "公开数据中不能出现银行卡号。请删除，或写成 6222********1234 的遮挡形式。",
    ),
    "privacy.mobile": (
        "出现了居民手机号",
        "手机号只能出现在工作人员的联系方式中（name/phone 分项）。"
        "请删除，或写成 138****0000 的遮挡形式。",
    ),
    # Funds
    "funds.quarter_name": (
        "季度文件名与内容不一致",
        "文件名应与 quarter 一致，例如 2025-Q1.yml 里写 quarter: 2025-Q1。",
    ),
    "funds.not_ended": (
        "季度还没有结束就公开了",
        "请在季度结束后再公开，或检查 quarter 和 published 是否写错。",
    ),
    # Notices
    "notice.front_matter": (
        "通知开头的信息区格式不对",
        "通知文件应以一行 --- 开头，写 title、date 等，再以一行 --- 结束，下面是正文。",
    ),
    "notice.filename": (
        "通知文件名不符合要求",
        "通知文件名应以日期开头，例如 2025-10-08-招聘信息.md。",
    ),
    # Build
    "build.mkdocs": ("网站生成失败", "这通常不是数据的问题。请把这段提示发给技术支持。"),
}


def _load_value_codes() -> None:
    from generator.values import VALUE_CODES

    for code, (title, hint) in VALUE_CODES.items():
        _ENTRIES.setdefault(code, (title, hint))


_load_value_codes()

CATALOGUE: dict[str, Entry] = {
    code: Entry(code, title, hint) for code, (title, hint) in sorted(_ENTRIES.items())
}


def entry(code: str) -> Entry:
    """The catalogue entry of a code; an unknown code is a bug, shown plainly."""
    return CATALOGUE.get(code, Entry(code, code, ""))
