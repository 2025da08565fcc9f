"""Measure the personal-information scan both ways: disguises caught, look-alikes passed.

    .venv/bin/python bench/privacy_corpus.py                 # 30 numbers per kind and form
    .venv/bin/python bench/privacy_corpus.py --n 100 --settlements 50 --show

(a) Valid ID numbers, old 15-digit IDs, bank cards and mobiles are written in every
disguise the scanner must see through, placed in plain text, a Markdown file, a
YAML folded scalar, a ledger cell and (numbers only) an xlsx number cell, and
counted caught per form. In Markdown and YAML a catch counts only when the report
points at the line and column where the number starts.
(b) The scanner runs over every string of the sample data in data/, of a tree made
by bench/generate.py and of a corpus of legitimate look-alikes (amounts, vouchers,
dates, landlines, lists, hashes …); every finding there is a false positive.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import io
import random
import re
import sys
import tempfile
import types
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from generator.checks import privacy  # noqa: E402
from generator.contract.councils import Councils  # noqa: E402
from generator.contract.funds import Account, QuarterHeader  # noqa: E402
from generator.contract.grids import Grids  # noqa: E402
from generator.contract.handbook import Handbook  # noqa: E402
from generator.contract.portal import Portal  # noqa: E402
from generator.contract.settlement import Settlement  # noqa: E402
from generator.contract.windows import Windows  # noqa: E402
from generator.errors import Report  # noqa: E402
from generator.read.ledger import read_ledger  # noqa: E402
from generator.read.located import Located  # noqa: E402
from generator.read.yamlfile import load_front_matter, load_yaml  # noqa: E402

# --baseline swaps in another version of generator/checks/privacy.py
scanner: types.ModuleType = privacy

CODES = {"id": "privacy.id_number", "old": "privacy.id_number", "card": "privacy.bank_card",
         "mobile": "privacy.mobile"}  # fmt: skip
KINDS = tuple(CODES)

# ---------------------------------------------------------------- valid numbers

REGIONS = ("142701", "140828", "110105", "431226", "522701", "330102", "440305", "510107",
           "610113", "650102", "370102", "220102", "130102", "350203", "460106",
           "623026")  # fmt: skip
CARD_PREFIXES = ("622202", "622848", "621700", "623668", "622588", "621483", "436742", "955880")
MOBILE_PREFIXES = [f"13{d}" for d in range(10)] + [f"18{d}" for d in range(10)] + [
    "145", "147", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "172",
    "173", "175", "176", "177", "178", "191", "193", "195", "196", "197", "198", "199"]  # fmt: skip
WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


def _birth(rng: random.Random, first: int, last: int) -> str:
    year, month = rng.randint(first, last), rng.randint(1, 12)
    return f"{year:04d}{month:02d}{rng.randint(1, 28):02d}"


def make_id(rng: random.Random) -> str:
    body = rng.choice(REGIONS) + _birth(rng, 1930, 2015) + f"{rng.randint(0, 999):03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def make_old_id(rng: random.Random) -> str:
    return rng.choice(REGIONS) + _birth(rng, 1930, 1999)[2:] + f"{rng.randint(0, 999):03d}"


def luhn_digit(partial: str) -> str:
    for d in "0123456789":
        total = 0
        for i, c in enumerate(reversed(partial + d)):
            n = int(c) * (2 if i % 2 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return d
    raise AssertionError


def make_card(rng: random.Random) -> str:
    length = rng.choice((16, 19))
    partial = rng.choice(CARD_PREFIXES)
    partial += "".join(rng.choice("0123456789") for _ in range(length - 1 - len(partial)))
    return partial + luhn_digit(partial)


def make_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 10**8 - 1):08d}"


MAKERS: dict[str, Callable[[random.Random], str]] = {
    "id": make_id, "old": make_old_id, "card": make_card, "mobile": make_mobile}  # fmt: skip

# ---------------------------------------------------------------- disguises


def split(digits: str, sizes: tuple[int, ...]) -> list[str]:
    out, at = [], 0
    for size in sizes:
        out.append(digits[at : at + size])
        at += size
    if at < len(digits):
        out.append(digits[at:])
    return [part for part in out if part]


def standard(digits: str, kind: str) -> list[str]:
    """The grouping people use: 3-4-4, 6-8-4, 6-6-3, 4-4-4-4(-3)."""
    sizes = {"mobile": (3, 4, 4), "id": (6, 8, 4), "old": (6, 6, 3)}.get(kind, (4,) * 5)
    return split(digits, sizes)


def joined(sep: str, grouping: Callable[[str, str], list[str]] = standard) -> Disguise:
    return lambda digits, kind, rng: sep.join(grouping(digits, kind))


def fours(digits: str, kind: str) -> list[str]:
    return split(digits, (4,) * 5)


def each_digit(digits: str, kind: str) -> list[str]:
    return list(digits)


FULL = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
DASHES = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Pd"] + ["\u2212"]
Disguise = Callable[[str, str, random.Random], str]


def zero_width(char: str) -> Disguise:
    def make(digits: str, kind: str, rng: random.Random) -> str:
        at = rng.randint(1, len(digits) - 1)
        return char.join(standard(digits[:at] + "\0" + digits[at:], kind)).replace("\0", char)

    return make


def mixed(digits: str, kind: str, rng: random.Random) -> str:
    """Full-width digits and dashes, a zero-width space and an empty tag inside groups."""
    parts = [g.translate(FULL) for g in standard(digits, kind)]
    for i, part in enumerate(parts):
        at = rng.randint(0, len(part))
        parts[i] = part[:at] + rng.choice(["\u200b", "<i></i>", "\u00ad"]) + part[at:]
    return "－".join(parts)


@dataclass(frozen=True)
class Form:
    name: str
    make: Disguise
    kinds: tuple[str, ...] = KINDS
    lead: int = 0  # characters before the number proper: "+86-"


FORMS = [
    Form("plain", lambda d, k, r: d),
    Form("spaces in groups (3-4-4, 6-8-4, 4-4-4-4)", joined(" ")),
    Form("dashes in groups", joined("-")),
    Form("groups of four, spaces", joined(" ", fours)),
    Form("groups of four, dashes", joined("-", fours)),
    Form("card 6-13 / 6-10", lambda d, k, r: f"{d[:6]} {d[6:]}", ("card",)),
    Form("mobile 3-3-5", lambda d, k, r: f"{d[:3]}-{d[3:6]}-{d[6:]}", ("mobile",)),
    Form("mobile 3-8", lambda d, k, r: f"{d[:3]} {d[3:]}", ("mobile",)),
    Form("mobile +86 and dashes", lambda d, k, r: "+86-" + "-".join(standard(d, k)), ("mobile",),
         lead=4),
    Form("dots", joined(".")),
    Form("full-width dots ．", joined("．")),
    Form("ideographic full stops 。", joined("。")),
    Form("middle dots ·", joined("·")),
    Form("underscores", joined("_")),
    Form("spaces and a dash ( - )", joined(" - ")),
    Form("every Unicode dash", lambda d, k, r: r.choice(DASHES).join(standard(d, k))),
    Form("digit by digit", joined(" ", each_digit)),
    Form("digit by digit, dashes", joined("-", each_digit)),
    Form("empty HTML tags", joined("<b></b>")),
    Form("empty HTML tags, two kinds", lambda d, k, r: "<span></span>".join(standard(d, k))),
    Form("HTML comments", joined("<!-- x -->")),
    Form("line-break tags", joined("<br>")),
    Form("Markdown bold between groups", joined("**")),
    Form("Markdown italic between groups", joined("*")),
    Form("Markdown emphasis around groups", lambda d, k, r: " ".join(
        f"{m}{g}{m}" for m, g in zip("*_" * 5, standard(d, k), strict=False))),
    Form("Markdown strike-through", joined("~~")),
    Form("Markdown escapes \\-", joined("\\-")),
    Form("full-width digits", lambda d, k, r: d.translate(FULL)),
    Form("full-width digits and dashes", lambda d, k, r: "－".join(standard(d, k)).translate(FULL)),
    Form("full-width spaces", joined("\u3000")),
    *(Form(f"zero-width U+{ord(c):04X}", zero_width(c)) for c in
      "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"),
    Form("HTML decimal entities", lambda d, k, r: "".join(f"&#{ord(c)};" for c in d)),
    Form("HTML hex entities", lambda d, k, r: "".join(f"&#x{ord(c):x};" for c in d)),
    Form("entities between groups", lambda d, k, r: r.choice(
        ["&nbsp;", "&ndash;", "&shy;", "&#8203;", "&#45;", "&hyphen;"]).join(standard(d, k))),
    Form("line break and indentation", lambda d, k, r: "\n    ".join(standard(d, k))),
    Form("line break, no indentation", joined("\n")),
    Form("mixed: full-width, zero-width, tags", mixed),
]  # fmt: skip

# ---------------------------------------------------------------- containers


FIRST_DIGIT = re.compile(r"\d|&#|[XxＸｘ]")


def in_text(text: str, code: str, tmp: Path, lead: int) -> bool:
    return any(f.code == code for f in scanner.find_personal(f"请联系张某，号码{text}，谢谢。"))


def _placed(report: Report, code: str, line: int, column: int) -> bool:
    return any((p.code, p.line, p.column) == (code, line, column) for p in report.problems)


def _expected(before: str, text: str, lead: int) -> tuple[int, int]:
    """Where the number starts: its first digit (or digit entity), after any lead."""
    first = FIRST_DIGIT.search(text, lead)
    before += text[: first.start() if first else 0]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def in_markdown(text: str, code: str, tmp: Path, lead: int) -> bool:
    before = "# 通知\n\n各位居民：\n\n  请联系张某，号码："
    report = Report()
    scanner.scan_text(before + text + "。\n\n谢谢。\n", tmp / "notice.md", report)
    return _placed(report, code, *_expected(before, text, lead))


def in_yaml(text: str, code: str, tmp: Path, lead: int) -> bool:
    before = "name: 测试\nnotes: >\n  第一行文字\n  请联系张某，号码："
    path = tmp / "settlement.yml"
    path.write_text(before + text.replace("\n", "\n  ") + "。\n  结束。\nupdated: 2025-10-08\n",
                    encoding="utf-8")  # fmt: skip
    report = Report()
    located = load_yaml(path, report)
    if located is None:
        return False
    scanner.scan_located(located, report)
    return _placed(report, code, *_expected(before, text.replace("\n", "\n  "), lead))


def in_cell(text: str, code: str, tmp: Path, lead: int) -> bool:
    report = Report()
    scanner.scan_cells([(7, 11, f"退还押金给{text}")], tmp / "2025-Q1.csv", report)
    return _placed(report, code, 7, 11)


CONTAINERS = {"text": in_text, "Markdown": in_markdown, "YAML folded": in_yaml,
              "ledger cell": in_cell}  # fmt: skip


def xlsx_values(numbers: list[str]) -> list[object]:
    """Each number typed into Excel as a number (15 significant digits), read by openpyxl."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row, digits in enumerate(numbers, 1):
        sheet.cell(row, 1, float(f"{int(digits):.14e}"))  # what Excel keeps of it
        kept = int(digits[:15]) * 10 ** (len(digits) - 15) if len(digits) > 15 else int(digits)
        sheet.cell(row, 2, kept)  # typed as a whole number: the digits after the 15th are 0
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    read = openpyxl.load_workbook(buffer, read_only=True)
    values = [value for row in read.active.iter_rows(values_only=True) for value in row]
    read.close()
    return values


def measure_forms(n: int, rng: random.Random, tmp: Path) -> list[tuple[str, dict[str, int], int]]:
    rows = []
    for form in FORMS:
        caught = dict.fromkeys(CONTAINERS, 0)
        total = 0
        for kind in form.kinds:
            for _ in range(n):
                digits = MAKERS[kind](rng)
                text = form.make(digits, kind, rng)
                total += 1
                for name, contains in CONTAINERS.items():
                    caught[name] += contains(text, CODES[kind], tmp, form.lead)
        rows.append((form.name, caught, total))
    for kind in ("id", "mobile"):  # Excel keeps an 18-digit ID only rounded; a mobile whole
        numbers: list[str] = []
        while len(numbers) < n:  # an ID ending in X can only be typed as text
            numbers += [number for number in [MAKERS[kind](rng)] if number.isdigit()]
        values = xlsx_values(numbers)
        report = Report()
        scanner.scan_cells(
            [(i + 2, 1, v) for i, v in enumerate(values)], tmp / "ledger.xlsx", report
        )
        cells = {p.line for p in report.problems if p.code == CODES[kind]}
        caught = {"xlsx number cell": len(cells)}
        text = sum(
            any(f.code == CODES[kind] for f in scanner.find_personal(repr(v))) for v in values
        )
        caught["float as text"] = text
        rows.append((f"xlsx number: {kind}", caught, len(values)))
    return rows


# ---------------------------------------------------------------- false positives

MODELS = {"portal.yml": Portal, "settlement.yml": Settlement, "handbook.yml": Handbook,
          "windows.yml": Windows, "grids.yml": Grids, "councils.yml": Councils,
          "account.yml": Account}  # fmt: skip


def _scan_located(located: Located, report: Report, model: type[BaseModel] | None) -> None:
    if "model" in inspect.signature(scanner.scan_located).parameters:
        scanner.scan_located(located, report, model)
    else:  # the baseline: staff phones were told by key names
        scanner.scan_located(located, report)


def scan_tree(data: Path) -> tuple[Report, int]:
    """Every string of a data tree, scanned as load_project scans it; (report, files)."""
    report = Report(root=data)
    files = 0
    for path in sorted(data.rglob("*")):
        files += path.is_file()
        if path.suffix in (".yml", ".yaml"):
            model = MODELS.get(path.name, QuarterHeader if path.parent.name == "funds" else None)
            located = load_yaml(path, report)
            if located is not None:
                _scan_located(located, report, model)
        elif path.suffix == ".md" and path.parent.name == "notices":
            front = load_front_matter(path, report)
            if front is not None:
                _scan_located(front.meta, report, None)
                scanner.scan_text(front.body, path, report, first_line=front.body_line)
        elif path.suffix == ".md":
            scanner.scan_text(path.read_text(encoding="utf-8-sig"), path, report)
        elif path.suffix in (".csv", ".xlsx"):
            ledger = read_ledger(path, report)
            for row in ledger.rows if ledger else ():
                for key, value in vars(row).items():
                    if isinstance(value, str) and value:
                        scanner.scan_cells(
                            [(row.line, row.columns.get(key, 0), value)], path, report
                        )
    return report, files


def look_alikes(rng: random.Random, n: int) -> Iterator[str]:
    """Legitimate numbers that must never be reported."""
    r = rng.randint
    hexdigits = "0123456789abcdef"
    for _ in range(n):
        year, month, day = r(2015, 2030), r(1, 12), r(1, 28)
        amount = r(1, 10**8) / 100
        area = rng.choice(["010", "021", "0359", "0743", "0851", "0351", "0871", "0991"])
        land = f"{area}-{r(2000000, 8999999)}" + ("" if len(area) == 4 else str(r(0, 9)))
        land2 = f"{area}-{r(2000000, 8999999)}"
        small = [str(r(1, 30)) for _ in range(r(6, 14))]
        yield from (
            f"{amount:.2f}", f"{amount:,.2f}", f"¥{amount:,.2f}元", f"{r(1, 999)}.{r(0, 9)}万",
            f"{r(10000, 99999)}.00", f"{r(10**9, 10**11)}.{r(10, 99)}",
            f"记-{r(1, 99)}", f"{year}-{r(1, 200):03d}", f"JZ{year}{month:02d}{r(1, 999):03d}",
            f"{year}-{month:02d}-{day:02d}", f"{year}.{month}.{day}", f"{year}/{month}/{day}",
            f"{year}年{month}月{day}日", f"{year}{month:02d}{day:02d}",
            f"{year}-{month:02d}-{day:02d}..{year}-{month:02d}-{day + 1:02d}",
            f"{year}.{month:02d}.{day:02d}-{year}.{month:02d}.{day + 2:02d}",
            f"{year}-{month:02d}-{day:02d} {r(0, 23):02d}:{r(0, 59):02d}:{r(0, 59):02d}",
            f"{year}{month:02d}{day:02d}{r(0, 23):02d}{r(0, 59):02d}{r(0, 59):02d}",
            f"{r(7, 9)}:{r(0, 5)}0-{r(11, 12)}:00 {r(14, 15)}:30-{r(17, 18)}:00",
            land, f"{land} {land2}", f"{land}、{land2}", f"{land}转{r(1, 999)}",
            f"({area}){r(2000000, 8999999)}", f"{area} {r(2000000, 8999999)}",
            f"400-{r(100, 999)}-{r(1000, 9999)}", f"400 {r(100, 999)} {r(1000, 9999)}",
            f"12345转{r(1, 9)}", "12345、12348、110",
            f"{r(1, 30)}号楼{r(1, 6)}单元{r(101, 3305)}室",
            f"{r(1, 30)}-{r(1, 6)}-{r(101, 3305)}", " ".join(small), "、".join(small),
            " ".join(str(y) for y in range(year - r(3, 6), year + 1)),
            " ".join(str(r(100, 9999)) for _ in range(r(4, 8))),
            "sha256:" + "".join(rng.choice(hexdigits) for _ in range(64)),
            "".join(rng.choice(hexdigits) for _ in range(40)),
            f"{r(1000, 9999)}户{r(1000, 99999)}人", f"到会{r(10, 99)}人，同意{r(10, 99)}人",
            f"0.{r(10**10, 10**11)}",
            f"{r(100, 140)}.{r(10**6, 10**7)},{r(20, 50)}.{r(10**6, 10**7)}",
            f"{r(1, 255)}.{r(0, 255)}.{r(0, 255)}.{r(0, 255)}",
            f"ISBN 978-7-{r(100, 999)}-{r(10000, 99999)}-{r(0, 9)}",
            f"{r(100000, 999999)}", f"第{r(1, 9)}期 {r(1000, 9999)} {r(1000, 9999)}",
            "1427**********1234", "138****0000", f"6222 **** **** {r(1000, 9999)}",
            f"{year}-Q{r(1, 4)}", f"{year}-{month:02d}", f"{r(50, 200)}平方米{r(1, 20)}套",
        )  # fmt: skip


# ---------------------------------------------------------------- the table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=30, help="numbers per kind and form")
    parser.add_argument("--settlements", type=int, default=30, help="generated settlements")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--show", action="store_true", help="list every false positive")
    parser.add_argument("--baseline", type=Path, help="measure another privacy.py (a git show)")
    args = parser.parse_args()
    if args.baseline:
        global scanner
        spec = importlib.util.spec_from_file_location("privacy_baseline", args.baseline)
        assert spec is not None and spec.loader is not None
        scanner = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(scanner)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        rows = measure_forms(args.n, rng, tmp)
        sample, sample_files = scan_tree(ROOT / "data")
        generated, generated_files = scan_tree(generate(args.settlements, tmp / "data"))
    alikes = list(look_alikes(rng, args.n * 10))
    alike_hits = [(t, f) for t in alikes for f in scanner.find_personal(t)]
    paragraph = [f for sep in (" ", "\n", "  \n") for f in scanner.find_personal(sep.join(alikes))]

    print("| form | " + " | ".join(CONTAINERS) + " |")
    print("|---|" + "---|" * len(CONTAINERS))
    caught = total = 0
    for name, counts, size in rows:
        cells = [f"{counts[c]}/{size}" if c in counts else "" for c in CONTAINERS]
        cells += [f"{c}: {v}/{size}" for c, v in counts.items() if c not in CONTAINERS]
        print(f"| {name} | " + " | ".join(cells) + " |")
        caught += sum(counts.values())
        total += size * len(counts)
    print(f"\ncaught {caught}/{total} ({caught / total:.1%})\n")
    print("| false positives | strings/files | findings |")
    print("|---|---|---|")
    print(f"| sample data (data/) | {sample_files} files | {len(sample.problems)} |")
    print(f"| generated ({args.settlements} settlements) | {generated_files} files "
          f"| {len(generated.problems)} |")  # fmt: skip
    print(f"| look-alikes, one per string | {len(alikes)} strings | {len(alike_hits)} |")
    print(f"| look-alikes, joined by spaces/newlines | 3 texts | {len(paragraph)} |")
    if args.show:
        for problem in [*sample.problems, *generated.problems][:50]:
            print(problem.place, problem.code, problem.message)
        for text, finding in alike_hits[:50]:
            print(repr(text), finding)


if __name__ == "__main__":
    main()
