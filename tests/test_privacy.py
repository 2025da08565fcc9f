"""The personal-information scanner: ID numbers, bank cards and mobiles never get published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.catalogue import entry
from generator.errors import Report
from generator.load import load_yaml
from generator.privacy import (
    PRIVACY_CODES,
    Finding,
    find_personal,
    is_staff_phone,
    scan_cells,
    scan_located,
    scan_text,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"

# ---------------------------------------------------------------- helpers (own code)


def id_check(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits of an ID number."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return "10X98765432"[total % 11]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * 2 if i % 2 else int(d)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def luhn_complete(partial: str) -> str:
    """partial plus the one digit that makes the Luhn check pass."""
    return next(partial + d for d in "0123456789" if luhn_valid(partial + d))


def valid_id(first17: str) -> str:
    return first17 + id_check(first17)


def id_ending_in_x() -> str:
    return next(
        valid_id(f"14270119850315{n:03d}")
        for n in range(1000)
        if id_check(f"14270119850315{n:03d}") == "X"
    )


def wrong_id(first17: str) -> str:
    """An 18-digit number with the wrong check digit that is no bank card either."""
    right = id_check(first17)
    return next(first17 + d for d in "0123456789" if d != right and not luhn_valid(first17 + d))


VALID_IDS = [
    valid_id("14270119900101123"),
    valid_id("11010519491231002"),
    valid_id("14272919780630451"),
    id_ending_in_x(),
]
CARD_16 = luhn_complete("622202123456789")
CARD_19 = luhn_complete("622848001234567890")


def codes(text: str) -> list[str]:
    return [f.code for f in find_personal(text)]


def write_yaml(tmp_path: Path, text: str, name: str = "settlement.yml") -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = Report()
    located = load_yaml(path, report)
    assert located is not None, report.problems
    scan_located(located, report)
    return report


# ---------------------------------------------------------------- the codes


def test_codes_agree_with_catalogue() -> None:
    assert set(PRIVACY_CODES) == {"privacy.id_number", "privacy.bank_card", "privacy.mobile"}
    for code, (title, hint) in PRIVACY_CODES.items():
        assert (entry(code).title, entry(code).hint) == (title, hint)


def test_helpers_make_what_they_say() -> None:
    assert id_ending_in_x().endswith("X")
    assert luhn_valid(CARD_16) and len(CARD_16) == 16
    assert luhn_valid(CARD_19) and len(CARD_19) == 19
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


# ---------------------------------------------------------------- ID numbers


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_id_number_flagged(number: str) -> None:
    found = find_personal(f"申请人身份证号：{number}，已登记。")
    assert found == [Finding("privacy.id_number", 8, number[:4] + "*" * 10 + number[-4:].upper())]


def test_lower_case_x_and_full_width_id_flagged() -> None:
    number = id_ending_in_x()
    assert codes(number[:-1] + "x") == ["privacy.id_number"]
    full_width = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    assert find_personal("号码" + full_width) == [
        Finding("privacy.id_number", 2, number[:4] + "*" * 10 + number[-4:])
    ]


def test_id_number_written_in_groups_flagged() -> None:
    number = VALID_IDS[0]
    assert codes(f"{number[:6]} {number[6:14]} {number[14:]}") == ["privacy.id_number"]


@pytest.mark.parametrize("first17", ["14270119900101123", "11010519491231002"])
def test_wrong_checksum_not_flagged(first17: str) -> None:
    assert find_personal(f"编号 {wrong_id(first17)}") == []


def test_id_inside_a_longer_digit_run_not_flagged() -> None:
    assert find_personal("1" + VALID_IDS[0] + "1") == []


# ---------------------------------------------------------------- bank cards


@pytest.mark.parametrize("card", [CARD_16, CARD_19, "4111111111111111"])
def test_valid_luhn_card_flagged(card: str) -> None:
    found = find_personal(f"补贴打入卡号{card}")
    assert found == [Finding("privacy.bank_card", 6, card[:4] + "*" * (len(card) - 8) + card[-4:])]


def test_card_masks() -> None:
    assert find_personal(CARD_16)[0].masked == f"{CARD_16[:4]}********{CARD_16[-4:]}"
    assert find_personal(CARD_19)[0].masked == f"{CARD_19[:4]}***********{CARD_19[-4:]}"


@pytest.mark.parametrize("card", [CARD_16, CARD_19])
def test_invalid_luhn_not_flagged(card: str) -> None:
    broken = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert find_personal(broken) == []


@pytest.mark.parametrize("separator", [" ", "-"])
def test_card_in_groups_of_four_flagged(separator: str) -> None:
    grouped = separator.join(CARD_19[i : i + 4] for i in range(0, 19, 4))
    assert codes(f"卡号：{grouped}。") == ["privacy.bank_card"]


# ---------------------------------------------------------------- mobiles


@pytest.mark.parametrize(
    "text",
    [
        "联系电话13800000000",
        "请拨打 138 0000 0000 咨询",
        "手机：138-0000-0000。",
        "+86 138 0000 0000",
        "+8613912345678",
        "+86-139-1234-5678",
        "（+86）13912345678",
        "008613912345678",
        "电话：１３９１２３４５６７８",
        "电话：１３９－１２３４－５６７８",
        "手机 199 1234 5678，",
        "15012345678、15112345678",
    ],
)
def test_mobile_in_free_text_flagged(text: str) -> None:
    found = find_personal(text)
    assert found and {f.code for f in found} == {"privacy.mobile"}
    assert all(re.fullmatch(r"1[3-9][0-9]\*{4}[0-9]{4}", f.masked) for f in found)


def test_mobile_offset_and_mask() -> None:
    assert find_personal("张三 13912345678") == [Finding("privacy.mobile", 3, "139****5678")]
    assert len(find_personal("13912345678 和 13812345678")) == 2


@pytest.mark.parametrize(
    "text",
    [
        "0359-1234567",
        "0359-12345678",
        "(0359)1234567",
        "010-12345678",
        "400-123-4567",
        "12345",
        "12345/110",
        "报警110，热线12345、12348",
        "2026-007",
        "凭证号 2026-0123",
        "JZ-2026-1001",
        "2026-10-01",
        "2025年4月8日",
        "20251008",
        "2025-10-01..2025-10-08",
        "08:30-12:00",
        "1234.50",
        "¥1,234,567.89",
        "13800000000.50",
        "1.2万",
        "1263户4912人",
        "12345678901",
        "0.13800000000",
        "到会23人，同意21人",
        "2019-12",
        "2025-Q1",
    ],
)
def test_ordinary_numbers_never_flagged(text: str) -> None:
    assert find_personal(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "1427**********1234",
        "1427＊＊＊＊＊＊＊＊＊＊1234",
        "142701********123X",
        "6222********1234",
        "6222 **** **** 1234",
        "138****0000",
        "138××××0000",
        "+86 138****5678",
        "13912345***",
    ],
)
def test_masked_forms_pass(text: str) -> None:
    assert find_personal(text) == []


def test_digits_inside_a_hash_not_flagged() -> None:
    digest = "a3f" + "13800000000" + "b" * 50
    assert find_personal(f"seal: {digest}") == []


# ---------------------------------------------------------------- YAML files


def test_staff_mobiles_allowed(tmp_path: Path) -> None:
    report = write_yaml(
        tmp_path,
        "organizations:\n"
        "  - kind: party_branch\n"
        '    members: [{name: 张某某, position: 书记, phone: "13800000001"}]\n'
        "grids:\n"
        "  - id: g01\n"
        '    leader: {name: 王某某, phone: "13800000011"}\n'
        "    members:\n"
        "      - {name: 赵某某, phone: 138 0000 0012}\n"
        "    police: {name: 孙某某, position: 社区民警, phone: '+86 13800000013'}\n"
        "windows:\n"
        "  - staff: [{name: 李某某, phone: 13800000014}]\n"
        "office_phone: 0359-0000001\n",
    )
    assert report.problems == []


@pytest.mark.parametrize("key", ["office_phone", "supervision_phone", "summary", "notes", "intro"])
def test_mobile_outside_person_flagged(tmp_path: Path, key: str) -> None:
    report = write_yaml(tmp_path, f"name: 新天地社区\n{key}: 13900000001\n")
    [problem] = report.problems
    assert (problem.code, problem.line, problem.column) == ("privacy.mobile", 2, len(key) + 3)
    assert problem.message == "这里出现了居民手机号 139****0001"
    assert problem.hint == PRIVACY_CODES["privacy.mobile"][1]
    assert problem.file.endswith("settlement.yml")


def test_phone_without_name_is_no_person(tmp_path: Path) -> None:
    report = write_yaml(tmp_path, 'facilities:\n  - {location: 二楼, phone: "13900000001"}\n')
    assert [p.code for p in report.problems] == ["privacy.mobile"]


def test_id_and_card_flagged_even_in_a_staff_phone(tmp_path: Path) -> None:
    report = write_yaml(
        tmp_path,
        f'members:\n  - {{name: 张某某, phone: "{VALID_IDS[0]}"}}\n'
        f'  - {{name: 李某某, phone: "{CARD_16}"}}\n',
    )
    assert [(p.code, p.line) for p in report.problems] == [
        ("privacy.id_number", 2),
        ("privacy.bank_card", 3),
    ]


def test_block_scalar_line_numbers(tmp_path: Path) -> None:
    report = write_yaml(
        tmp_path,
        "name: 新天地社区\n"
        "intro: |\n"
        "  新天地社区是……\n"
        "  联系人张某，电话 13900000001。\n"
        "\n"
        f"  身份证 {VALID_IDS[1]}\n"
        "updated: 2025-10-08\n",
    )
    places = [(p.code, p.line, p.column) for p in report.problems]
    assert places == [("privacy.mobile", 4, 12), ("privacy.id_number", 6, 7)]


def test_folded_and_quoted_multi_line_values(tmp_path: Path) -> None:
    report = write_yaml(
        tmp_path,
        "notes: >\n"
        "  第一行\n"
        "  第二行 13900000001\n"
        'summary: "第一行\n'
        '  第二行 13900000002"\n'
        "foreword: 第一行\n"
        "  第二行 13900000003\n",
    )
    assert [(p.line, p.column) for p in report.problems] == [(3, 7), (5, 7), (7, 7)]


def test_number_in_a_list_and_in_a_key(tmp_path: Path) -> None:
    report = write_yaml(tmp_path, "steps: [到窗口登记, 拨打13900000001]\n13900000002: 某某\n")
    assert [(p.code, p.line) for p in report.problems] == [
        ("privacy.mobile", 1),
        ("privacy.mobile", 2),
    ]


def test_is_staff_phone() -> None:
    assert is_staff_phone(("organizations", 0, "members", 1, "phone"))
    assert is_staff_phone(("windows", 2, "staff", 0, "phone"))
    assert is_staff_phone(("grids", 0, "leader", "phone"))
    assert is_staff_phone(("grids", 0, "police", "phone"))
    assert is_staff_phone(("grids", 0, "members", 3, "phone"))
    assert is_staff_phone(("councils", 0, "members", 0, "phone"))
    assert not is_staff_phone(("office_phone",))
    assert not is_staff_phone(("phone",))
    assert not is_staff_phone(("facilities", 0, "phone"))
    assert not is_staff_phone(("grids", 0, "members", 3, "notes"))
    assert is_staff_phone(("emergency", 0, "phone"), {"name": "值班", "phone": "x"})
    assert not is_staff_phone(("members", 0, "phone"), {"position": "书记", "phone": "x"})


# ---------------------------------------------------------------- Markdown and ledgers


def test_scan_text_places(tmp_path: Path) -> None:
    report = Report()
    text = "# 通知\n\n请联系 13900000001。\n卡号 " + CARD_16 + "\n"
    scan_text(text, tmp_path / "notice.md", report, first_line=5)
    assert [(p.code, p.line, p.column) for p in report.problems] == [
        ("privacy.mobile", 7, 5),
        ("privacy.bank_card", 8, 4),
    ]


def test_scan_cells_every_cell(tmp_path: Path) -> None:
    report = Report()
    cells = [
        (2, 3, "发放补贴 13900000001"),
        (2, 11, f"身份证{VALID_IDS[0]}"),
        (3, 8, "王某某"),
        (4, 6, 13900000002.0),
        (5, 2, None),
    ]
    scan_cells(cells, tmp_path / "2025-Q1.csv", report)  # type: ignore[arg-type]
    assert [(p.code, p.line, p.column) for p in report.problems] == [
        ("privacy.mobile", 2, 3),
        ("privacy.id_number", 2, 11),
        ("privacy.mobile", 4, 6),
    ]


def test_messages_never_contain_the_number(tmp_path: Path) -> None:
    numbers = [*VALID_IDS, CARD_16, CARD_19, "13900000001"]
    report = write_yaml(tmp_path, "notes: |\n" + "".join(f"  号码 {n}\n" for n in numbers))
    scan_text(" ".join(numbers), tmp_path / "charter.md", report)
    scan_cells([(2, 1, n) for n in numbers], tmp_path / "ledger.csv", report)
    assert len(report.problems) == 3 * len(numbers)
    for problem in report.problems:
        shown = problem.message + problem.hint + problem.place
        assert not any(n in shown or n[-9:] in shown for n in numbers)
        assert "*" in problem.message


# ---------------------------------------------------------------- properties

_personal = st.one_of(
    st.sampled_from([*VALID_IDS, CARD_16, CARD_19]),
    st.builds(lambda n: f"1{n}", st.from_regex(r"[3-9][0-9]{9}", fullmatch=True)),
    st.builds(valid_id, st.from_regex(r"[1-9][0-9]{16}", fullmatch=True)),
    st.builds(luhn_complete, st.from_regex(r"[1-9][0-9]{14,17}", fullmatch=True)),
)


@settings(max_examples=300)
@given(st.text())
def test_find_personal_never_raises(text: str) -> None:
    for finding in find_personal(text):
        assert 0 <= finding.offset < len(text)
        assert re.search(r"\*{4}", finding.masked)
        assert not re.search(r"[0-9]{5}", finding.masked)


@settings(max_examples=300)
@given(st.text(max_size=20), _personal, st.text(max_size=20))
def test_masked_never_contains_the_number(before: str, number: str, after: str) -> None:
    found = find_personal(f"{before} {number} {after}")
    assert found, number
    for finding in found:
        assert number not in finding.masked and number.upper() not in finding.masked


# ---------------------------------------------------------------- the sample data


def test_sample_data_has_no_personal_information() -> None:
    report = Report()
    yaml_files = sorted(SAMPLE.rglob("*.yml")) + sorted(SAMPLE.rglob("*.yaml"))
    assert yaml_files
    for path in yaml_files:
        located = load_yaml(path, report)
        if located is not None:
            scan_located(located, report)
    for path in sorted(SAMPLE.rglob("*.md")):
        scan_text(path.read_text(encoding="utf-8-sig"), path, report)
    assert [(p.code, p.place, p.message) for p in report.problems] == []
