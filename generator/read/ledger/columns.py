"""A ledger's columns: the names staff give them, the codes of its problems, its cells.

Headers are matched after NFKC, case folding, dropping spaces and punctuation and a
unit suffix such as （元）, so 金额（元） and income both find their column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from generator.errors import codes

# canonical key -> accepted header names: Chinese canonical, English, then synonyms. Headers are
# compared after NFKC, case folding, dropping spaces/_-.:*# and a unit suffix such as （元）.
# The first eleven are version 1's columns, in the order of the normalised CSV.
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "date", "记账日期", "发生日期", "业务日期", "交易日期", "时间"),
    "voucher": ("凭证号", "voucher", "凭证编号", "凭证", "凭证字号", "单据号", "票据号",
                "voucher no", "voucher number"),
    "summary": ("摘要", "summary", "事由", "摘要说明", "收支内容", "内容", "用途", "description",
                "开支项目", "支出项目", "开支内容", "支出事项", "项目名称", "item"),
    "category": ("类别", "category", "支出类别", "经费类别", "科目", "分类", "类型"),
    "source": ("资金来源", "source", "来源", "经费来源", "fund source", "funding source",
               "source of funds"),
    "income": ("收入", "income", "收入金额", "收款", "收款金额", "receipts",
               "借方", "借方金额", "debit"),
    "expense": ("支出", "expense", "支出金额", "付款", "付款金额", "expenses", "expenditure",
                "贷方", "贷方金额", "credit"),
    "handler": ("经办人", "handler", "经手人", "经办", "handled by"),
    "approver": ("审批人", "approver", "批准人", "审批", "approved by"),
    "countersigner": ("审签人", "countersigner", "会签人", "审签", "countersigned by",
                      "cosigner"),
    "note": ("备注", "note", "notes", "说明", "附注", "remark", "remarks", "memo"),
    # version 2: more signatures, sub-funds, one amount column, a running balance
    "witness": ("证明人", "witness", "证明", "验收人", "证明人签字"),
    "third": ("第三签字人", "third signer", "三签人", "第三审签人", "签字人3", "会签人2"),
    "fund": ("专项", "sub-fund", "subfund", "专项经费", "子账户", "经费专项", "专项名称"),
    "amount": ("金额", "amount", "发生额", "金额数"),
    "direction": ("收支", "收/支", "收支方向", "收支类型", "收或支", "direction"),
    "balance": ("余额", "balance", "结余", "结存"),
}  # fmt: skip
ROW_KEYS = tuple(COLUMNS)[:11]  # version 1's columns: the digest and the normalised CSV
EXTRA_KEYS = ("witness", "third", "fund")  # version 2's text columns, kept on every row
SIGNATURE_COLUMNS = {  # the columns that hold a signature, and their canonical names
    "approver": "审批人", "countersigner": "审签人", "witness": "证明人", "third": "第三签字人",
}  # fmt: skip
IGNORED = ("序号", "行号", "编号", "no")  # columns staff add that carry no data

_NAMES = "、".join(f"{names[0]}（{names[1]}）" for names in COLUMNS.values())
LEDGER_CODES: dict[str, tuple[str, str]] = codes({
    "ledger.binary": ("台账不是文本文件",
                      "可能是 Excel 文件改了扩展名，请另存为 CSV 或改用 .xlsx。"),
    "ledger.encoding": ("台账文件的编码无法识别", "请在 Excel/WPS 中另存为"
                        "“CSV UTF-8（逗号分隔）”，或者直接提交 .xlsx 文件。"),
    "ledger.unreadable": ("台账文件无法打开", "请用 Excel/WPS 打开确认文件完好，"
                          "再另存为 .xlsx（不要设置打开密码）后重新提交。"),
    "ledger.format": ("台账文件的格式不支持", "台账只能是 .csv 或 .xlsx 文件。"
                      "旧版 .xls 或 WPS 表格（.et）：在 Excel/WPS 中 文件 → 另存为 .xlsx；"
                      "LibreOffice 表格（.ods）：文件 → 另存为 → 文件类型选 "
                      "Excel 2007-365 (.xlsx)；Numbers 表格（.numbers）：文件 → 导出为 → Excel。"),
    "ledger.empty": ("台账是空的", "请在表头下面逐行填写本季度的每一笔收入和支出。"),
    "ledger.unknown_column": ("台账中有不认识的列",
                              f"台账能用的列名：{_NAMES}。列名写错的请改正，多余的列请删除。"),
    "ledger.missing_column": ("台账缺少必需的列", "表头必须有日期、凭证号、摘要、经办人，"
                              "收入、支出两列（至少一列；或者一列“金额”加一列“收支”），"
                              "资金来源（账户有多个来源时）、专项（有专项经费时），以及 "
                              "account.yml 签字规则中的每个签字列；可复制示例台账的表头。"
                              "只公开开支项目和金额的公示栏写“序号、开支项目、金额（元）”即可。"),
    "ledger.duplicate_column": ("台账中同一列出现了两次",
                                "每一列只能有一次，请删除或合并重复的列。"),
    "ledger.missing_value": ("台账中必填的内容没有填写", "每行都要填日期、凭证号、摘要、资金来源和"
                             "经办人；支出还要按 account.yml 的签字规则签字"
                             "（例如审批人和审签人）。"),
    "ledger.direction": ("“收支”一列写法不对", "“收支”一列写 收 或 支（也可写 收入、支出）；"
                         "金额写在“金额”一列。"),
    "ledger.total": ("合计行与上面各行相加不符", "合计行的数字要等于它上面各行相加（本月合计只加"
                     "本月的行）；请核对是哪一笔记错了，还是合计算错了。合计行本身不计入收支。"),
    "ledger.both_amounts": ("同一行既有收入又有支出", "每行只记一笔钱：收入写在“收入”列，"
                            "支出写在“支出”列，另一列留空；请拆成两行。"),
    "ledger.no_amount": ("这一行没有金额", "请在“收入”或“支出”列中填写这笔钱的金额（不能是 0）。"),
    "ledger.short_row": ("这一行的格数比表头少", "文件可能没有传完整，或者这一行少了逗号；"
                         "请用 Excel/WPS 打开检查后重新另存为 CSV。"),
    "ledger.long_row": ("这一行的格数比表头多", "可能是某一格的文字里有英文逗号却没有加英文双引号；"
                        "请用 Excel/WPS 打开检查后重新另存为 CSV，或把逗号改成中文逗号“，”。"),
    "ledger.malformed": ("CSV 文件格式有误", "常见原因是英文双引号没有成对，或者文件没有传完整；"
                         "请用 Excel/WPS 打开检查后重新另存为 CSV。"),
    "ledger.balance_row": ("台账中有余额行", "期初余额写在季度文件的 opening_balance 中，"
                           "期末余额由网站计算；台账中请删除这一行。"),
})  # fmt: skip


FORMULA = re.compile(r"^(?='*[=+\-@\t\r])")  # text Excel would run as a formula: prefix '
UNFORMULA = re.compile(r"^'(?='*[=+\-@\t\r])")  # write_csv's escape, undone on reading
DASH = re.compile(r"[-—–―/\\]+|[¥$][-—–―]+")  # Excel's accounting zero, or "nothing here"
TOTAL = re.compile(
    r"(?:本[月季年期页]度?|第?[一二三四1-4]季度|全年)?(?:合计|总计|小计|累计|月计|季计):?"
    r"|(?i:(?:grand|sub)?total|sum):?"
)
BALANCE = re.compile(
    r"(?:上[期季月年]度?|期初|年初|本期|期末)(?:结余|余额|结转|结存)|承前页|过次页"
)


def cell_text(cell: object) -> str:
    """A cell as the text staff see in it, trimmed."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def norm(name: str) -> str:
    """A header name in the form used to look it up."""
    text = squash(name).casefold()
    text = re.sub(r"(?:[(\[【](?:单位:?)?(?:人民币)?(?:元|¥|rmb|cny|yuan)[)\]】]|/元)$", "", text)
    return re.sub(r"[_\-.·:*#]", "", text)


LOOKUP = {norm(name): key for key, names in COLUMNS.items() for name in names}
IGNORED_NAMES = {norm(name) for name in IGNORED}


def column_key(name: str) -> str | None:
    """The canonical key of a header name staff wrote, or None."""
    return LOOKUP.get(norm(name))


def known(cells: list[object]) -> int:
    return sum(norm(cell_text(c)) in LOOKUP for c in cells)
