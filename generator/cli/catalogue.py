"""The error catalogue: every problem code, a short Chinese title and a hint on how to fix it.

Each code lives beside the code that raises it (``FOO_CODES = codes({...})``,
generator/errors.py); the catalogue gathers them all. The staff guide's error
reference is generated from it, so every code the generator can report is
listed there (a test enforces it).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import CODES


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    hint: str


def _gather() -> dict[str, Entry]:
    """Every code registered by the modules that raise them (generator.errors.CODES).

    Importing the modules is what registers their codes: every module that defines
    codes is imported here, so the catalogue is whole whatever ran before.
    """
    import generator.checks.funds
    import generator.checks.grids
    import generator.checks.placeholders
    import generator.checks.privacy
    import generator.checks.references
    import generator.checks.sanzi
    import generator.checks.schedules
    import generator.contract.lists
    import generator.contract.load
    import generator.contract.notices
    import generator.contract.sanzi
    import generator.contract.validate
    import generator.read.files
    import generator.read.ledger
    import generator.read.photos
    import generator.read.values
    import generator.read.yamlfile
    import generator.sites.site
    import generator.staff.seal  # noqa: F401  (the imports above register the codes)

    return {code: Entry(code, title, hint) for code, (title, hint) in sorted(CODES.items())}


CATALOGUE: dict[str, Entry] = _gather()


def entry(code: str) -> Entry:
    """The catalogue entry of a code; an unknown code is a bug, shown plainly."""
    return CATALOGUE.get(code, Entry(code, code, ""))


GROUPS = {
    "file": "文件",
    "yaml": "YAML 格式",
    "schema": "字段和内容",
    "date": "日期",
    "date_range": "日期范围",
    "period": "每年的起止日期",
    "month": "月份",
    "quarter": "季度",
    "fund_month": "公开月份",
    "amount": "金额",
    "area": "面积",
    "phone": "电话",
    "days": "星期",
    "times": "时段",
    "ref": "文件之间的引用",
    "grid": "网格",
    "photo": "照片",
    "privacy": "个人信息",
    "placeholder": "占位内容（portal new 生成的“某某”、0000 电话等）",
    "ledger": "经费台账文件",
    "funds": "经费公开规则",
    "notice": "通知公告",
    "list": "公示名单",
    "sanzi": "三资公开",
    "check": "暂未进行的检查",
    "hours": "办公时间",
    "commitment": "服务承诺",
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
        "“提醒”不会阻止网站发布，只是提示需要注意的情况。只有占位内容（`placeholder.` 开头的"
        "代码）例外：`portal validate` 和预览时是提醒，`portal build` 发布时是错误。",
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
