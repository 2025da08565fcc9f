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
    "yaml.too_deep": (
        "内容嵌套的层数太多",
        "数据文件最多嵌套 40 层，正常的文件不到 10 层：请检查缩进或成对的方括号 [ ] 和花括号 { }。",
    ),
    "yaml.too_large": (
        "内容太多",
        "一项文字最多 5 万字，一个文件展开后最多 20 万项：长文请分成几项，"
        "不要用大量 & 和 * 引用反复展开同一段内容。",
    ),
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
        "安置点文件夹名只能用小写英文字母、数字和减号，例如 xintiandi 或 an-kang-yuan；"
        "不能叫 assets 或 search（全县平台自己要用）。",
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
    # Personal information: generator/privacy.py PRIVACY_CODES
    "file.name": ("文件名不对，不会被读取", "请把文件改成说明中的名字（全部小写，扩展名 .yml）。"),
    # Funds
    "funds.duplicate_voucher": (
        "凭证号重复",
        "同一账户的凭证号不能重复：请核对原始凭证，改正重复的编号。",
    ),
    "funds.date_outside": ("日期不在本季度内", "请把这一笔移到它所属季度的台账中，或改正日期。"),
    "funds.unknown_source": (
        "资金来源不在账户说明中",
        "资金来源要写 account.yml 中 sources 的编号或名称；新的来源请先加到 account.yml。",
    ),
    "funds.missing_category": (
        "支出没有填写类别",
        "每笔支出都要写类别，类别须是 account.yml 的 categories 之一。",
    ),
    "funds.unknown_category": (
        "类别不在账户说明中",
        "类别要写 account.yml 中 categories 列出的名称；新的类别请先加到 account.yml。",
    ),
    "funds.signers": (
        "支出没有做到双签字",
        "每笔支出的经办人、审批人、审签人必须是三个不同的人。",
    ),
    "funds.balance": (
        "期末余额对不上",
        "期末余额 = 期初余额 + 本季度收入合计 − 本季度支出合计。请核对台账和余额。",
    ),
    "funds.opening": (
        "期初余额与上季度期末余额不一致",
        "本季度的期初余额必须等于上一季度公开的期末余额。",
    ),
    "funds.seal_broken": (
        "已封存的季度台账被改动了",
        "已公开并封存的台账不能悄悄修改：如确需更正，请在 corrections 中写明更正日期和原因，"
        "网站会公开显示这条更正；然后运行 portal funds seal 重新封存。",
    ),
    "funds.no_quarter": (
        "要封存的季度不存在",
        "请检查安置点文件夹名和季度是否写对，例如 portal funds seal xintiandi 2026-Q3；"
        "该季度的 .yml 和台账须已放在 funds 文件夹中。",
    ),
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
    # Checks that wait for another file
    "check.skipped": (
        "有些检查要等这个文件改正后才能做",
        "先改正这个文件的错误，再运行 portal validate：依赖它的检查（例如服务的窗口是否存在、"
        "余额是否对得上）那时才会进行，可能还会发现别的问题。",
    ),
    # Build
    "build.mkdocs": ("网站生成失败", "这通常不是数据的问题。请把这段提示发给技术支持。"),
}


def _load_module_codes() -> None:
    """Modules that raise their own codes keep them beside the code that raises them."""
    from generator.checks.privacy import PRIVACY_CODES
    from generator.read.files import FILE_CODES
    from generator.read.ledger import LEDGER_CODES
    from generator.read.photos import IMAGE_CODES
    from generator.read.values import VALUE_CODES

    for codes in (FILE_CODES, VALUE_CODES, LEDGER_CODES, PRIVACY_CODES, IMAGE_CODES):
        for code, (title, hint) in codes.items():
            _ENTRIES.setdefault(code, (title, hint))


_load_module_codes()

CATALOGUE: dict[str, Entry] = {
    code: Entry(code, title, hint) for code, (title, hint) in sorted(_ENTRIES.items())
}


def entry(code: str) -> Entry:
    """The catalogue entry of a code; an unknown code is a bug, shown plainly."""
    return CATALOGUE.get(code, Entry(code, code, ""))


GROUPS = {
    "file": "文件",
    "yaml": "YAML 格式",
    "schema": "字段和内容",
    "date": "日期",
    "date_range": "日期范围",
    "month": "月份",
    "quarter": "季度",
    "amount": "金额",
    "phone": "电话",
    "days": "星期",
    "times": "时段",
    "ref": "文件之间的引用",
    "grid": "网格",
    "photo": "照片",
    "privacy": "个人信息",
    "ledger": "经费台账文件",
    "funds": "经费公开规则",
    "notice": "通知公告",
    "check": "暂未进行的检查",
    "build": "生成网站",
}


def errors_markdown() -> str:
    """The staff guide's error reference, generated from the catalogue."""
    lines = [
        "# 错误代码说明",
        "",
        "<!-- 本页由 `portal errors --out docs/errors.md` 根据错误目录自动生成，请勿手工修改。 -->",
        "",
        "运行 `portal validate` 时，每个问题都会显示：文件名、第几行第几列、错误代码和怎么改。",
        "例如：",
        "",
        "```",
        "data/settlements/xintiandi/settlement.yml:9:13: 错误 [schema.integer] "
        "「户数」(households)应为整数，现在是「很多」",
        "    怎么改：请只写阿拉伯数字，例如 1263，不要带“户”“人”等文字。",
        "```",
        "",
        "“提醒”不会阻止网站发布，只是提示需要注意的情况。",
        "",
    ]
    for prefix, title in GROUPS.items():
        entries = [e for e in CATALOGUE.values() if e.code.split(".")[0] == prefix]
        if not entries:
            continue
        lines += [f"## {title}", "", "| 代码 | 问题 | 怎么改 |", "|---|---|---|"]
        lines += [f"| `{e.code}` | {e.title} | {e.hint} |" for e in entries]
        lines.append("")
    return "\n".join(lines)
