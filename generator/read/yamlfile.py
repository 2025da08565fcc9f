"""Files → plain Python values that remember where they came from.

YAML is read node by node, so every value keeps its line and column, and the
traps PyYAML falls into are closed:

* every plain scalar stays a string, exactly as written (no ``no`` → False, no
  ``12:30`` → 750, no ``0359`` → octal); the typed models parse it later;
* a key written twice is an error, not a silent overwrite;
* tabs, an empty file, a BOM and a non-UTF-8 file get a Chinese message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import Report, codes
from generator.read.files import Refused, read_bytes
from generator.read.located import Located
from generator.read.yamlevents import NOTHING, Builder, Limit

# code -> (title, hint): YAML and notice front matter
YAML_CODES: dict[str, tuple[str, str]] = codes(
    {
        "yaml.syntax": (
            "YAML 格式错误",
            "常见原因：冒号后少了空格、缩进不整齐、引号没有成对。请对照上一行的缩进检查。",
        ),
        "yaml.tab": (
            "用了 Tab 键缩进",
            "YAML 只能用空格缩进。请把这一行开头的 Tab 换成两个空格。",
        ),
        "yaml.duplicate_key": (
            "同一个字段写了两次",
            "同一层里每个字段只能出现一次，后写的会覆盖先写的。请删除或合并重复的那一项。",
        ),
        "yaml.empty": (
            "文件是空的",
            "请填写内容，或者删除这个文件（只有 settlement.yml 是必需的）。",
        ),
        "yaml.not_mapping": (
            "文件最外层应为“字段: 值”的形式",
            "请对照示例数据，文件第一层应是若干“字段名: 内容”。",
        ),
        "yaml.complex_key": (
            "字段名写法不对",
            "字段名应是简单的英文名，例如 name、phone。",
        ),
        "yaml.too_deep": (
            "内容嵌套的层数太多",
            "数据文件最多嵌套 40 层，正常的文件不到 10 层："
            "请检查缩进或成对的方括号 [ ] 和花括号 { }。",
        ),
        "yaml.too_large": (
            "内容太多",
            "一项文字最多 5 万字，一个文件展开后最多 20 万项：长文请分成几项，"
            "不要用大量 & 和 * 引用反复展开同一段内容。",
        ),
        "notice.front_matter": (
            "通知开头的信息区格式不对",
            "通知文件应以一行 --- 开头，写 title、date 等，再以一行 --- 结束，下面是正文。",
        ),
    }
)

# libyaml (bundled with PyYAML's wheels) parses ten times faster; same events and marks
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path, report: Report, kind: str = "text") -> str | None:
    """A text file as str: UTF-8 (a BOM is dropped); None after reporting why not.

    The file is opened through generator/read/files.py: inside the data folder
    (``report.root``), never through a symlink, at most its kind's size.
    """
    try:
        raw = read_bytes(path, report.root, kind)
    except Refused as refused:
        report.add(refused.code, refused.message, path)
        return None
    except OSError as exc:
        report.add("file.unreadable", f"无法读取文件：{exc.strerror or exc}", path)
        return None
    if b"\x00" in raw[:4096]:
        report.add("file.unreadable", "这不是文本文件（可能是表格或图片改了扩展名）", path, 1)
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.add("file.encoding", "文件不是 UTF-8 编码（可能是 GBK/ANSI）", path, line)
        return None


def load_yaml(path: Path, report: Report) -> Located | None:
    """Read one YAML file; problems go to the report and None comes back."""
    text = read_text(path, report, "yaml")
    if text is None:
        return None
    return parse_yaml(text, path, report)


def parse_yaml(text: str, path: Path, report: Report, header: bool = False) -> Located | None:
    """YAML text → Located; problems go to the report and None comes back.

    header: the text is a notice's front matter (its line 1 is the file's line 2).
    """
    located = Located(path, None, text=text)
    try:
        built = Builder(located, report).run(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        _report_syntax(exc, path, text, report)
        return None
    except Limit as limit:
        report.add(limit.code, limit.message, path, limit.line, limit.column)
        return None
    if built is NOTHING or (header and built is None):
        if header:
            report.add("notice.front_matter", "信息区是空的：至少要写 title 和 date", path, 2, 1)
        else:
            report.add("yaml.empty", "文件中没有任何内容", path, 1)
        return None
    if not isinstance(built, dict):
        if header:
            report.add("yaml.not_mapping", "信息区不是“字段: 值”的形式", path, 2, 1)
        else:
            report.add("yaml.not_mapping", "文件最外层不是“字段: 值”的形式", path, 1)
        return None
    located.data = built
    return located


def _report_syntax(exc: yaml.MarkedYAMLError, path: Path, text: str, report: Report) -> None:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "quoted scalar" in (exc.context or ""):
        mark = exc.context_mark  # where the unclosed quote opened, not the end of the file
    line = mark.line + 1 if mark else 0
    column = mark.column + 1 if mark else 0
    lines = text.splitlines()
    if "\t" in text:
        tab_line = next(i for i, s in enumerate(lines, 1) if "\t" in s)
        if not line or "tab" in str(exc.problem) or abs(tab_line - line) <= 1:
            report.add("yaml.tab", "这一行用了 Tab 键缩进", path, tab_line, 1)
            return
    for number, text_line in enumerate(lines[: line or len(lines)], 1):
        if _unbalanced_quotes(text_line):
            report.add("yaml.syntax", "这一行的引号没有成对", path, number, text_line.find('"') + 1)
            return
    problem = (exc.problem or "").strip()
    detail = _SYNTAX_HINTS.get(problem, "")
    message = "YAML 格式有误" + (f"：{detail}" if detail else "")
    report.add("yaml.syntax", message, path, line, column)


def _unbalanced_quotes(line: str) -> bool:
    """An odd number of double quotes outside a comment: a quote left open."""
    code = line.split(" #", 1)[0].replace('\\"', "")
    return code.count('"') % 2 == 1


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "这里不能出现冒号（含冒号的文字请加英文引号）",
    "could not find expected ':'": "缺少冒号，或者上一行的引号没有闭合",
    "found character that cannot start any token": "这里有不能作为开头的字符（如 @ 或 `）",
    "expected <block end>, but found '<block sequence start>'": "列表的缩进与上面不一致",
    "expected <block end>, but found '<block mapping start>'": "缩进与上面不一致",
    "found unexpected end of stream": "引号没有成对：这里开始的引号一直没有结束",
    "found undefined alias": "使用了未定义的 * 引用",
}


@dataclass
class FrontMatter:
    """A Markdown file with a YAML header: the header located, the body and its first line."""

    meta: Located
    body: str
    body_line: int


def load_front_matter(path: Path, report: Report) -> FrontMatter | None:
    """Read `---` YAML `---` then Markdown; positions in the header are the file's own."""
    text = read_text(path, report)
    if text is None:
        return None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        report.add("notice.front_matter", "文件开头没有以 --- 开始的信息区", path, 1, 1)
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in {"---", "..."}), None)
    if end is None:
        report.add("notice.front_matter", "信息区没有以一行 --- 结束", path, 1, 1)
        return None
    header = "\n" * 1 + "\n".join(lines[1:end])  # keep line numbers: header starts on line 2
    located = parse_yaml(header, path, report, header=True)
    if located is None:
        return None
    return FrontMatter(located, "\n".join(lines[end + 1 :]), end + 2)
