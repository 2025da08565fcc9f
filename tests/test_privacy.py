"""The personal-information scanner: ID numbers, bank cards and mobiles never get published."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.checks.privacy import (
    PRIVACY_CODES,
    Finding,
    find_personal,
    is_staff_phone,
    scan_cells,
    scan_located,
    scan_text,
    staff_phone_paths,
)
from generator.checks.project import load_project
from generator.cli.catalogue import entry
from generator.contract.common import Person
from generator.contract.councils import Councils
from generator.contract.fund_periods import QuarterHeader
from generator.contract.funds import Account
from generator.contract.grids import Grids
from generator.contract.handbook import Handbook
from generator.contract.notices import NoticeMeta
from generator.contract.portal import Portal
from generator.contract.settlement import Settlement
from generator.contract.windows import Windows
from generator.errors import Problem, Report
from generator.read.yamlfile import load_front_matter, load_yaml

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


def write_yaml(
    tmp_path: Path, text: str, name: str = "settlement.yml", model: type[BaseModel] | None = None
) -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = Report()
    located = load_yaml(path, report)
    assert located is not None, report.problems
    scan_located(located, report, model)
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


STAFF_FILES = [
    pytest.param(
        Settlement,
        "organizations:\n"
        "  - kind: party_branch\n"
        "    name: 党支部\n"
        '    members: [{name: 张某某, position: 书记, phone: "13800000001"}]\n',
        id="settlement-organization-members",
    ),
    pytest.param(
        Grids,
        "grids:\n"
        "  - id: g01\n"
        '    leader: {name: 王某某, phone: "13800000011"}\n'
        "    members:\n"
        "      - {name: 赵某某, phone: 138 0000 0012}\n"
        "    police: {name: 孙某某, position: 社区民警, phone: '+86 13800000013'}\n",
        id="grids-leader-members-police",
    ),
    pytest.param(
        Windows,
        "windows:\n  - id: a\n    staff: [{name: 李某某, phone: 13800000014}]\n",
        id="windows-staff",
    ),
    pytest.param(
        Councils,
        "councils:\n  - kind: elders\n    members: [{name: 张某某, phone: 138-0000-0015}]\n",
        id="councils-members",
    ),
]


@pytest.mark.parametrize(("model", "text"), STAFF_FILES)
def test_staff_mobiles_allowed(tmp_path: Path, model: type[BaseModel], text: str) -> None:
    assert write_yaml(tmp_path, text, model=model).problems == []


@pytest.mark.parametrize(("model", "text"), STAFF_FILES)
def test_staff_places_need_the_model(tmp_path: Path, model: type[BaseModel], text: str) -> None:
    """Without the model the file is validated against, no phone is a staff phone."""
    report = write_yaml(tmp_path, text)
    assert report.problems and {p.code for p in report.problems} == {"privacy.mobile"}


@pytest.mark.parametrize(
    ("model", "text", "line"),
    [
        pytest.param(
            Settlement,
            "name: 新天地社区\nemergency:\n  - {name: 张某某, phone: '13900000001'}\n",
            3,
            id="emergency-contact-with-a-name",
        ),
        pytest.param(
            Settlement,
            "facilities:\n  - name: 卫生室\n    phone: 13900000001\n",
            3,
            id="facility-phone",
        ),
        pytest.param(
            Settlement,
            "organizations:\n  - {kind: property, name: 物业, phone: 139-0000-0001}\n",
            2,
            id="organization-phone",
        ),
        pytest.param(Settlement, "office_phone: 13900000001\n", 1, id="office-phone"),
        pytest.param(
            Windows,
            "windows:\n  - id: a\n    name: 综合窗口\n    phone: 13900000001\n",
            4,
            id="window-phone",
        ),
        pytest.param(Grids, "supervision_phone: 13900000001\n", 1, id="grids-supervision"),
        pytest.param(
            Handbook,
            "categories:\n  - id: a\n    name: 户籍\n    services:\n"
            "      - {id: b, name: 户口迁入, phone: '13900000001'}\n",
            5,
            id="handbook-service-phone",
        ),
        pytest.param(Portal, "contact_phone: 13900000001\n", 1, id="portal-contact"),
    ],
)
def test_institutional_phones_are_no_staff_phones(
    tmp_path: Path, model: type[BaseModel], text: str, line: int
) -> None:
    report = write_yaml(tmp_path, text, model=model)
    assert [(p.code, p.line) for p in report.problems] == [("privacy.mobile", line)]


def test_staff_phone_paths_come_from_the_models() -> None:
    assert staff_phone_paths(Grids) == {
        ("grids", None, "leader", "phone"),
        ("grids", None, "members", None, "phone"),
        ("grids", None, "police", "phone"),
    }
    assert staff_phone_paths(Settlement) == {
        ("organizations", None, "members", None, "phone"),
        ("facilities", None, "hours", "roster", None, "phone"),  # a facility's duty roster
    }
    assert staff_phone_paths(Windows) == {
        ("windows", None, "staff", None, "phone"),
        ("hours", "roster", None, "phone"),  # v2: who is on duty (a person)
        ("windows", None, "hours", "roster", None, "phone"),
    }
    assert staff_phone_paths(Councils) == {("councils", None, "members", None, "phone")}
    for model in (Handbook, Portal, Account, QuarterHeader, NoticeMeta):
        assert staff_phone_paths(model) == frozenset()
    assert staff_phone_paths(Person) == {("phone",)}


@pytest.mark.parametrize("key", ["office_phone", "supervision_phone", "summary", "notes", "intro"])
def test_mobile_outside_person_flagged(tmp_path: Path, key: str) -> None:
    report = write_yaml(tmp_path, f"name: 新天地社区\n{key}: 13900000001\n")
    [problem] = report.problems
    assert (problem.code, problem.line, problem.column) == ("privacy.mobile", 2, len(key) + 3)
    assert problem.message == "这里出现了居民手机号 139****0001"
    assert problem.hint == PRIVACY_CODES["privacy.mobile"][1]
    assert problem.file.endswith("settlement.yml")


def test_phone_without_name_is_no_person(tmp_path: Path) -> None:
    text = 'facilities:\n  - {location: 二楼, phone: "13900000001"}\n'
    report = write_yaml(tmp_path, text, model=Settlement)
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
    assert is_staff_phone(("organizations", 0, "members", 1, "phone"), Settlement)
    assert is_staff_phone(("windows", 2, "staff", 0, "phone"), Windows)
    assert is_staff_phone(("grids", 0, "leader", "phone"), Grids)
    assert is_staff_phone(("grids", 0, "police", "phone"), Grids)
    assert is_staff_phone(("grids", 0, "members", 3, "phone"), Grids)
    assert is_staff_phone(("councils", 0, "members", 0, "phone"), Councils)
    assert not is_staff_phone(("grids", 0, "members", 3, "phone"))  # no model: no staff
    assert not is_staff_phone(("grids", 0, "members", "x", "phone"), Grids)  # not an index
    assert not is_staff_phone(("grids", 0, "members", 3, "notes"), Grids)
    assert not is_staff_phone(("organizations", 0, "phone"), Settlement)
    assert not is_staff_phone(("office_phone",), Settlement)
    assert not is_staff_phone(("facilities", 0, "phone"), Settlement)
    assert not is_staff_phone(("emergency", 0, "phone"), Settlement)
    assert not is_staff_phone(("windows", 0, "phone"), Windows)
    assert not is_staff_phone(("organizations", 0, "members", 1, "phone"), Grids)


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
            scan_located(located, report, model_of(path))
    for path in sorted(SAMPLE.rglob("*.md")):
        if path.parent.name == "notices":
            front = load_front_matter(path, report)
            assert front is not None
            scan_located(front.meta, report)
            scan_text(front.body, path, report, first_line=front.body_line)
        else:
            scan_text(path.read_text(encoding="utf-8-sig"), path, report)
    assert [(p.code, p.place, p.message) for p in report.problems] == []


MODELS: dict[str, type[BaseModel]] = {
    "portal.yml": Portal,
    "settlement.yml": Settlement,
    "handbook.yml": Handbook,
    "windows.yml": Windows,
    "grids.yml": Grids,
    "councils.yml": Councils,
    "account.yml": Account,
}


def model_of(path: Path) -> type[BaseModel] | None:
    """The model generator/contract/load.py validates a data file against."""
    return MODELS.get(path.name, QuarterHeader if path.parent.name == "funds" else None)


# ---------------------------------------------------------------- disguised numbers

ID = VALID_IDS[0]  # 142701199001011237
ID_X = VALID_IDS[1]  # 11010519491231002X
OLD_ID = "142701900101123"  # 15 digits: region 142701, born 1990-01-01
MOBILE = "13800138000"
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def entities(digits: str, form: str = "&#{};") -> str:
    return "".join(form.format(ord(c)) for c in digits)


# Every form here got past the scanner before it read through disguises (checked by
# running them against that version of generator/checks/privacy.py when they were written).
DISGUISED = [
    pytest.param(f"{ID[:6]}-{ID[6:14]}-{ID[14:]}", "privacy.id_number", id="id-6-8-4-dashes"),
    pytest.param("1101 0519 4912 3100 2X", "privacy.id_number", id="id-fours-spaces"),
    pytest.param(" ".join(ID_X), "privacy.id_number", id="id-digit-by-digit-with-x"),
    pytest.param(f"{ID_X[:6]}.{ID_X[6:14]}.{ID_X[14:]}", "privacy.id_number", id="id-dots-x"),
    pytest.param(OLD_ID, "privacy.id_number", id="old-id-15-digits"),
    pytest.param("142701 900101 123", "privacy.id_number", id="old-id-6-6-3"),
    pytest.param(f"{CARD_19[:6]} {CARD_19[6:]}", "privacy.bank_card", id="card-6-13"),
    pytest.param(f"{CARD_16[:6]}-{CARD_16[6:]}", "privacy.bank_card", id="card-6-10"),
    pytest.param("6222.0212.3456.7894", "privacy.bank_card", id="card-fours-dots"),
    pytest.param("138-001-38000", "privacy.mobile", id="mobile-3-3-5"),
    pytest.param("138.0013.8000", "privacy.mobile", id="mobile-dots"),
    pytest.param("138．0013．8000", "privacy.mobile", id="mobile-full-width-dots"),
    pytest.param("138。0013。8000", "privacy.mobile", id="mobile-ideographic-full-stops"),
    pytest.param("138·0013·8000", "privacy.mobile", id="mobile-middle-dots"),
    pytest.param("138_0013_8000", "privacy.mobile", id="mobile-underscores"),
    pytest.param("138＿0013＿8000", "privacy.mobile", id="mobile-full-width-underscores"),
    pytest.param("1380 0138 000", "privacy.mobile", id="mobile-4-4-3"),
    pytest.param("138⸺0013⸺8000", "privacy.mobile", id="mobile-two-em-dash"),
    pytest.param("138〜0013〜8000", "privacy.mobile", id="mobile-wave-dash"),
    pytest.param("138\u2e170013\u2e178000", "privacy.mobile", id="mobile-double-oblique-hyphen"),
    pytest.param("138 ‒ 0013 ‒ 8000", "privacy.mobile", id="mobile-spaced-figure-dashes"),
    pytest.param("1 3 8 0 0 1 3 8 0 0 0", "privacy.mobile", id="mobile-digit-by-digit"),
    pytest.param("1-3-8-0-0-1-3-8-0-0-0", "privacy.mobile", id="mobile-digit-by-digit-dashes"),
    pytest.param("138<b></b>0013<span></span>8000", "privacy.mobile", id="mobile-empty-tags"),
    pytest.param('1<span class="x">38</span>00138000', "privacy.mobile", id="mobile-span-inside"),
    pytest.param("138<!-- -->0013<!---->8000", "privacy.mobile", id="mobile-html-comments"),
    pytest.param("138<br>0013<br/>8000", "privacy.mobile", id="mobile-br-tags"),
    pytest.param("138**0013**8000", "privacy.mobile", id="mobile-markdown-bold"),
    pytest.param("*138* _0013_ *8000*", "privacy.mobile", id="mobile-markdown-emphasis"),
    pytest.param("138~~0013~~8000", "privacy.mobile", id="mobile-markdown-strike"),
    pytest.param("138\\-0013\\-8000", "privacy.mobile", id="mobile-markdown-escapes"),
    pytest.param("１３８．００１３．８０００", "privacy.mobile", id="mobile-full-width-all"),
    pytest.param(
        "１３８\u200b<i></i>－００１３\u00ad－８０００", "privacy.mobile", id="mobile-mixed"
    ),
    *(
        pytest.param(f"138{c}0013{c}8000", "privacy.mobile", id=f"mobile-zero-width-{ord(c):04x}")
        for c in "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
    ),
    pytest.param("13800\u200b138000", "privacy.mobile", id="mobile-zero-width-inside-group"),
    pytest.param(entities(MOBILE), "privacy.mobile", id="mobile-decimal-entities"),
    pytest.param(entities(MOBILE, "&#x{:x};"), "privacy.mobile", id="mobile-hex-entities"),
    pytest.param(entities(ID_X), "privacy.id_number", id="id-entities-with-x"),
    pytest.param("138&nbsp;0013&shy;8000", "privacy.mobile", id="mobile-named-entities"),
    pytest.param("138&ndash;0013&#8203;8000", "privacy.mobile", id="mobile-dash-entities"),
    pytest.param("138\n    0013\n    8000", "privacy.mobile", id="mobile-line-breaks"),
    pytest.param("138-0013-\n8000", "privacy.mobile", id="mobile-dash-line-break"),
    pytest.param("142701199001011000", "privacy.id_number", id="id-excel-rounded"),
    pytest.param("142701199001011008", "privacy.id_number", id="id-excel-float-as-int"),
    pytest.param("1.42701199001011e+17", "privacy.id_number", id="id-excel-float-text"),
    pytest.param("1.42701199001011E+17", "privacy.id_number", id="id-excel-float-upper"),
]


@pytest.mark.parametrize(("text", "code"), DISGUISED)
def test_disguised_numbers_flagged(text: str, code: str) -> None:
    found = find_personal(f"请联系张某，号码：{text}，谢谢。")
    assert [f.code for f in found] == [code]
    assert found[0].offset == len("请联系张某，号码：") + (text[0] in "*")
    assert re.search(r"\*{4}", found[0].masked)
    assert not re.search(r"[0-9]{5}", found[0].masked)


DASHES = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Pd"]


@pytest.mark.parametrize("dash", [*DASHES, "\u2212", "\uff0d"])
def test_every_unicode_dash_separates(dash: str) -> None:
    assert [f.code for f in find_personal(f"138{dash}0013{dash}8000")] == ["privacy.mobile"]


@pytest.mark.parametrize(
    "text",
    [
        "1,234.50",
        "12345.00",
        "1.2万",
        "¥13,800,138.00元",
        "记-12",
        "2025-007",
        "JZ202504001",
        "凭证号 2025-04-001",
        "2025-04-08",
        "2025.4.8",
        "2025-10-01..2025-10-08",
        "2025.10.01-2025.10.08",
        "2021-12-24 10:22:43",
        "20250408103000",
        "上午8:30-12:00 下午2:30-6:00",
        "0359-1234567",
        "0743-6222412 0743-6231658",
        "0743-6222412、0743-6231658",
        "0743 6222412  0743 6231658",
        "(0359)1234567 转 8001",
        "400-123-4567",
        "400 123 4567",
        "12345转3",
        "12345、12348、110",
        "3号楼2单元301室",
        "3-2-301",
        "1 3 5 7 9 11 13 15",
        "1 2 3 4 5 6 7 8 9 10 11 12",
        "2021 2022 2023 2024 2025",
        "1864 868 3128 9031",
        "5902 9510 1308 5515 1733 2126",
        "18 20 17 27 25 5 7 30 18",
        "183.195.141.53",
        "13.159.134.229",
        "ISBN 978-7-5097-1234-5",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "0.13800000000",
        "13800000000.50",
        "1.5e10",
        "138****0000 2025年",
        "138 **** 0000",
        "1427 **** **** 1234",
        "1263户4912人",
        "第1期 2025 0408",
    ],
)
def test_look_alikes_pass(text: str) -> None:
    assert find_personal(text) == []
    assert find_personal(f"说明：{text}。") == []


# ---------------------------------------------------------------- where findings are reported


def places(report: Report) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in report.problems]


def test_yaml_folded_scalar_places(tmp_path: Path) -> None:
    report = write_yaml(
        tmp_path,
        "name: 新天地社区\n"
        "notes: >\n"
        "  第一行文字\n"
        "  请联系 138-0013-\n"
        "    8000，或 138\n"
        "  0013 8001。\n"
        f"  身份证 {ID[:6]}\n"
        f"  {ID[6:14]} {ID[14:]}\n"
        "updated: 2025-10-08\n",
    )
    assert places(report) == [
        ("privacy.mobile", 4, 7),
        ("privacy.mobile", 5, 12),
        ("privacy.id_number", 7, 7),
    ]


def test_yaml_literal_and_quoted_places(tmp_path: Path) -> None:
    report = write_yaml(
        tmp_path,
        "intro: |2\n"
        "  电话&#49;&#51;&#56;&#48;&#48;&#49;&#51;&#56;&#48;&#48;&#48;\n"
        'summary: "号码 138\n'
        '  0013 8000"\n'
        "foreword: 号码 138<b></b>0013<b></b>8000\n",
    )
    assert places(report) == [
        ("privacy.mobile", 2, 5),
        ("privacy.mobile", 3, 14),
        ("privacy.mobile", 5, 14),
    ]


def test_markdown_places(tmp_path: Path) -> None:
    report = Report()
    text = "# 通知\n\n请拨打 138\n    0013 8000。\n\n**卡号** 6222 0212 3456 7894\n"
    scan_text(text, tmp_path / "notice.md", report, first_line=6)
    assert places(report) == [("privacy.mobile", 8, 5), ("privacy.bank_card", 11, 8)]


def test_ledger_cell_places(tmp_path: Path) -> None:
    report = Report()
    cells = [
        (2, 11, "退押金 138.0013.8000"),
        (3, 3, "发放 1 3 8 0 0 1 3 8 0 0 0"),
        (4, 11, 1.42701199001011e17),  # an xlsx number cell: an ID Excel rounded
        (5, 11, "2025-04-08 记-12 1,234.50"),
    ]
    scan_cells(cells, tmp_path / "2025-Q1.csv", report)  # type: ignore[arg-type]
    assert places(report) == [
        ("privacy.mobile", 2, 11),
        ("privacy.mobile", 3, 3),
        ("privacy.id_number", 4, 11),
    ]


def test_disguised_numbers_never_shown_whole(tmp_path: Path) -> None:
    texts = [
        "138.0013.8000",
        "1 3 8 0 0 1 3 8 0 0 0",
        entities(ID_X),
        f"{CARD_19[:6]} {CARD_19[6:]}",
    ]
    report = Report()
    scan_text(" 说明 ".join(texts), tmp_path / "charter.md", report)
    assert len(report.problems) == len(texts)
    for problem in report.problems:
        assert not re.search(r"[0-9]{5}", problem.message + problem.hint)


# ---------------------------------------------------------------- load_project end to end

MARKED = "138.0013.8000"  # a mobile the previous scanner let through


def privacy_problems(data: Path) -> list[Problem]:
    project, report = load_project(data)
    problems = [p for p in report.problems if p.code.startswith("privacy.")]
    assert project is None and problems, [p.message for p in report.errors]
    return problems


def line_of(path: Path, needle: str) -> tuple[int, int]:
    """The 1-based line and column of needle in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def test_load_project_notice_body(data_copy: Path) -> None:
    notice = sorted((data_copy / "settlements" / "xintiandi" / "notices").glob("*.md"))[0]
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text + "\n如有疑问请联系张某 138_0013\n  _8000。\n", encoding="utf-8")
    [problem] = privacy_problems(data_copy)
    assert (problem.code, problem.line) == ("privacy.mobile", line_of(notice, "138_0013")[0])
    assert problem.column == line_of(notice, "138_0013")[1]
    assert problem.file.endswith(notice.name)


def test_load_project_ledger_note(data_copy: Path) -> None:
    ledger = data_copy / "settlements" / "xintiandi" / "funds" / "2026-Q1.csv"
    lines = ledger.read_bytes().decode("gb18030").split("\n")
    cells = lines[1].rstrip("\r").split(",")
    assert len(cells) == 11  # 备注 is the 11th column
    lines[1] = ",".join([*cells[:10], f"退押金{MARKED}"]) + "\r"
    ledger.write_bytes("\n".join(lines).encode("gb18030"))
    [problem] = privacy_problems(data_copy)
    assert (problem.code, problem.line, problem.column) == ("privacy.mobile", 2, 11)
    assert problem.file.endswith("funds/2026-Q1.csv")


def test_load_project_charter(data_copy: Path) -> None:
    charter = data_copy / "settlements" / "xintiandi" / "charter.md"
    text = charter.read_text(encoding="utf-8")
    charter.write_text(
        text + "\n联系人：张某，电话 １３８　００１３\u200b　８０００。\n", encoding="utf-8"
    )
    [problem] = privacy_problems(data_copy)
    assert (problem.code, problem.line, problem.column) == (
        "privacy.mobile",
        *line_of(charter, "１３８"),
    )
    assert problem.file.endswith("xintiandi/charter.md")


def test_load_project_xlsx_number_cell(data_copy: Path) -> None:
    import openpyxl

    ledger = data_copy / "settlements" / "xintiandi" / "funds" / "2026-Q2.xlsx"
    book = openpyxl.load_workbook(ledger)
    sheet = book.worksheets[0]
    assert sheet.cell(1, 11).value == "备注"
    sheet.cell(2, 11).value = 1.42701199001011e17  # an ID typed as a number: Excel rounded it
    book.save(ledger)
    [problem] = privacy_problems(data_copy)
    assert (problem.code, problem.line, problem.column) == ("privacy.id_number", 2, 11)
    assert problem.file.endswith("funds/2026-Q2.xlsx")
    assert "1427**********10" in problem.message  # the digits Excel kept, masked


def test_load_project_handbook_notes_split_by_tags(data_copy: Path) -> None:
    handbook = data_copy / "settlements" / "xintiandi" / "handbook.yml"
    text = handbook.read_text(encoding="utf-8")
    plain = "是否迁户口由居民自愿选择。"
    assert text.count(plain) == 1
    disguised = "是否迁户口请咨询 138<span></span>0013<span></span>8000。"
    handbook.write_text(text.replace(plain, disguised), encoding="utf-8")
    [problem] = privacy_problems(data_copy)
    assert (problem.code, problem.line, problem.column) == (
        "privacy.mobile",
        *line_of(handbook, "138<"),
    )
    assert problem.file.endswith("xintiandi/handbook.yml")


def test_load_project_staff_phone_rule(data_copy: Path) -> None:
    """A mobile in an emergency contact fails; the sample's grid staff mobiles pass."""
    profile = data_copy / "settlements" / "xintiandi" / "settlement.yml"
    text = profile.read_text(encoding="utf-8")
    before = "  - {name: 物业报修（24小时）, phone: 0359-0000019}"
    assert before in text
    profile.write_text(text.replace(before, before.replace("0359-0000019", MARKED)), "utf-8")
    [problem] = privacy_problems(data_copy)
    assert (problem.code, problem.line) == ("privacy.mobile", line_of(profile, MARKED)[0])
    assert problem.file.endswith("xintiandi/settlement.yml")
