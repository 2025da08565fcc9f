"""Version 2 "People and places": grids, buildings, councils and the charter as staff write them.

One data tree, built end to end: the sample's 龙泉新村 rewritten the way real boards
are (buildings named 吉祥小区1栋 and A区3单元, one with its households unknown; a grid
with a 专职网格员, a 楼长, a 单元长 and a lawyer as 网格指导员; a 红白理事会 with its
term, 章程, 操办标准 and a former member; a charter adopted at a timestamp whose
paragraphs are indented). Then one mistake (or one warning) per case, each reported
with its code, file and line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY, article

from generator.checks.project import load_project
from generator.pages.markup import render_markdown
from generator.read import values
from generator.sites.site import build

SLUG = "longquan"
FOLDER = f"data/settlements/{SLUG}"

BUILDINGS_V1 = """\
  - {id: "1", name: 1号楼, units: 1, households: 24}
  - {id: "2", name: 2号楼, units: 1, households: 24}
  - {id: "3", name: 3号楼, units: 1, households: 20}
  - {id: "4", name: 4号楼, units: 1, households: 18}
"""
# Chinese ids, a bare number (4), and a building whose households nobody has counted yet
BUILDINGS_V2 = """\
  - {id: 吉祥小区1栋, name: 吉祥小区1栋, units: 2, households: 24}
  - {id: 吉祥小区2栋, name: 吉祥小区2栋, units: 2, households: 24}
  - {id: A区3单元, name: A区3单元, units: 1, households: 20}
  - {id: 4, name: 4号楼, units: 1}
"""

GRIDS = """\
# yaml-language-server: $schema=../../../schema/grids.schema.json
# 龙泉新村网格公示（照网格公示牌录入）
supervision_phone: 0359-0000061
grids:
  - id: g01
    name: 吉祥网格
    buildings: [吉祥小区1栋, 吉祥小区2栋]
    leader: {name: 邱某某, position: 村委会副主任, phone: "13900000302"}
    members:
      - {name: 闫某某, role: 专职网格员, phone: "13900000311", covers: [第一村民小组]}
      - {name: 柏某某, role: 楼长, phone: "13900000313", buildings: [吉祥小区1栋]}
      - {name: 齐某某, role: 单元长, phone: "13900000314", units: {吉祥小区2栋: [1]}}
      - {name: 鲍某某, role: 网格指导员, position: 律师, phone: 0359-0000065}
    police: {name: 段某某, position: 龙泉派出所社区民警, phone: "13900000312"}
    duties: [每月遍访住户至少一次, 收集反映居民诉求]
  - id: g02
    name: 龙泉网格
    buildings: [A区3单元, 4]
    leader: {name: 史某某, position: 村委会委员, phone: "13900000303"}
    members:
      - {name: 唐某某, role: 兼职网格员, phone: "13900000315", buildings: [A区3单元]}
"""

COUNCILS = """\
# yaml-language-server: $schema=../../../schema/councils.schema.json
charter:
  title: 龙泉新村居民公约
  adopted: 2021-12-24 10:22:43
  adopted_by: 安置点居民会议
  text: charter.md

councils:
  - kind: deliberation
    name: 村民议事会
    purpose: 协商安置点公共事务
    members:
      - {name: 秦某某, position: 会长, since: 2020-10}
    meets: 每季度第一个月上旬
  - kind: weddings_funerals
    purpose: 倡导婚事新办、丧事简办
    term: 理事每届任期三年，任期届满经选举可连任
    members:
      - {name: 黎某某, position: 会长, since: 2020-10}
      - {name: 尹某某, position: 副会长, since: 2023-12, until: 2026-11}
      - {name: 甘某某, position: 成员, since: 2017年, until: 2020-09, phone: "13900000316"}
    meets: 遇红白事随时服务
    standards:
      - {item: 婚宴桌数, limit: 不超过20桌}
      - {item: 每桌（含烟酒）, limit: 城区每桌不超480元，农村每桌不超300元}
      - {item: 随礼, limit: 本村乡亲不超过100元}
    rules: |
      ## 第一章 总则

          第一条 红白理事会是群众自我教育、自我服务、自我管理的自治组织。

      ## 第二章 组织机构

          第二条 理事会设会长一人，理事若干人。理事的条件：

      1. 有威望、有组织能力，
          能热心替群众操持事务；
      2. 遵守法律法规。
"""

CHARTER = """\
# 龙泉新村居民公约

    为了建设文明和谐的新家园，经安置点居民会议讨论通过，制定本公约。

\u3000\u3000一、遵守法律法规，不参与赌博、迷信等活动。

1. 孝敬老人，关爱子女；
    保障孩子按时上学。
2. 邻里和睦，互帮互助。
"""


def write_v2(data: Path) -> Path:
    """Rewrite the copy's 龙泉新村 in version 2; returns its folder."""
    folder = data / "settlements" / SLUG
    settlement = folder / "settlement.yml"
    text = settlement.read_text(encoding="utf-8")
    assert BUILDINGS_V1 in text
    settlement.write_text(text.replace(BUILDINGS_V1, BUILDINGS_V2), encoding="utf-8")
    (folder / "grids.yml").write_text(GRIDS, encoding="utf-8")
    (folder / "councils.yml").write_text(COUNCILS, encoding="utf-8")
    (folder / "charter.md").write_text(CHARTER, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("people-v2") / "data"
    shutil.copytree(SAMPLE, data)
    write_v2(data)
    out = data.parent / "site"
    result = build(data, out, only=[SLUG], today=TODAY, pdf=False)
    return out / SLUG, result.report


def page(v2, section: str):
    return article(v2[0] / section / "index.html")


def test_the_v2_tree_builds_without_a_warning(v2) -> None:
    assert v2[1].errors == []
    warned = [p for p in v2[1].warnings if p.code.startswith(("grid.", "ref."))]
    assert warned == [], [p.message for p in warned]


# ---------------------------------------------------------------- find my building


def finder_rows(v2) -> list:
    return page(v2, "grids").select("dl.pp-building-finder > div.pp-finder-row")


def finder_row(v2, building: str):
    rows = [r for r in finder_rows(v2) if r.select_one(".pp-building__name").get_text() == building]
    assert len(rows) == 1, building
    return rows[0]


@pytest.mark.parametrize(
    ("building", "unit", "role", "name", "phone"),
    [
        ("吉祥小区1栋", None, "楼长", "柏某某", "13900000313"),  # names the building
        ("吉祥小区2栋", "1单元：", "单元长", "齐某某", "13900000314"),  # names a unit
        ("吉祥小区2栋", "2单元：", "网格长", "邱某某", "13900000302"),  # the unit no one names
        ("A区3单元", None, "兼职网格员", "唐某某", "13900000315"),
        ("4号楼", None, "网格长", "史某某", "13900000303"),  # nobody names it: the 网格长
    ],
)
def test_each_building_leads_to_one_person(
    v2, building: str, unit: str | None, role: str, name: str, phone: str
) -> None:
    contacts = finder_row(v2, building).select("dd.pp-finder-contact")
    if unit is None:
        assert len(contacts) == 1, "one person for the building"
        found = contacts[0]
    else:
        units = [c.select_one(".pp-finder-contact__unit") for c in contacts]
        assert all(units), "with units, every row names its units"
        matching = [c for c, u in zip(contacts, units, strict=True) if u.get_text() == unit]
        assert len(matching) == 1, "one person for each unit"
        found = matching[0]
    assert found.select_one(".pp-finder-contact__role").get_text() == role
    assert found.select_one(".pp-people__name").get_text() == name
    calls = found.select("a.pp-tel.pp-call")
    assert [a["href"] for a in calls] == [values.tel_href(phone)]


def test_every_building_is_in_the_lookup_once_in_order(v2) -> None:
    rows = finder_rows(v2)
    names = [r.select_one(".pp-building__name").get_text() for r in rows]
    assert names == ["吉祥小区1栋", "吉祥小区2栋", "A区3单元", "4号楼"]
    links = [r.select_one("a.pp-building")["href"] for r in rows]
    assert links == ["#grid-g01", "#grid-g01", "#grid-g02", "#grid-g02"]


@pytest.mark.parametrize(
    ("units", "named", "rows"),
    [
        (3, {"齐": [1, 2]}, [("1单元、2单元", "齐"), ("3单元", "邱")]),  # one row per person
        (
            4,
            {"齐": [1], "柏": ["3单元"]},
            [("1单元", "齐"), ("3单元", "柏"), ("2单元、4单元", "邱")],
        ),
        (2, {"齐": [1, 2]}, [("1单元、2单元", "齐")]),  # every unit named: no rest
        (None, {"齐": [2]}, [("2单元", "齐"), ("其他单元", "邱")]),  # how many: not known
        (None, {"齐": ["东单元", 1]}, [("1单元、东单元", "齐"), ("其他单元", "邱")]),
        (3, {"齐": [1, 3], "柏": [2]}, [("1单元、3单元", "齐"), ("2单元", "柏")]),
        (3, {}, [(None, "邱")]),  # nobody names a unit: one person for the building
    ],
)
def test_units_each_lead_to_one_person(
    units: int | None, named: dict[str, list], rows: list[tuple[str | None, str]]
) -> None:
    """Members name units of building 1 (named: member → units); the 网格长 is 邱."""
    from generator.contract.grids import Grid
    from generator.contract.settlement import Building
    from generator.pages.sections.grids import contacts

    members = [{"name": who, "role": "单元长", "units": {"1": u}} for who, u in named.items()]
    grid = Grid.model_validate(
        {"id": "g1", "name": "一", "buildings": [1], "leader": {"name": "邱"}, "members": members}
    )
    building = Building(id="1", name="1号楼", units=units)
    found = [(c.unit, c.person.name) for c in contacts(grid, building)]
    assert found == rows


@pytest.mark.parametrize(
    ("grid", "role", "name", "covers"),
    [
        ("g01", "网格长", "邱某某", ""),
        ("g01", "专职网格员", "闫某某", "负责：第一村民小组"),
        ("g01", "楼长", "柏某某", "负责楼栋：吉祥小区1栋"),
        ("g01", "单元长", "齐某某", "负责单元：吉祥小区2栋 1单元"),
        ("g01", "网格指导员", "鲍某某", ""),
        ("g01", "社区民警", "段某某", ""),
        ("g02", "兼职网格员", "唐某某", "负责楼栋：A区3单元"),
    ],
)
def test_duty_card_shows_every_person_with_their_role(
    v2, grid: str, role: str, name: str, covers: str
) -> None:
    card = page(v2, "grids").find(id=f"grid-{grid}").find_next_sibling("div", class_="pp-duty-card")
    people = {
        p.select_one(".pp-people__name").get_text(): p for p in card.select("li.pp-grid-person")
    }
    person = people[name]
    assert person.select_one(".pp-grid-person__role").get_text() == role
    assert covers in person.get_text()
    assert person.select_one("a.pp-tel.pp-call") is not None


@pytest.mark.parametrize(
    ("grid", "said"),
    [
        # 楼长, 单元长 and 指导员 are not 网格员: one 网格员 (专职) for 48 households
        ("g01", "住户：共 48 户；网格员 1 名，每名网格员约联系 48 户"),
        # 4号楼's households are unknown: no ratio that would pretend to know them
        ("g02", "住户：已填户数的楼栋共 20 户，另有 1 栋楼户数未填；网格员 1 名"),
    ],
)
def test_households_per_grid_are_honest(v2, grid: str, said: str) -> None:
    card = page(v2, "grids").find(id=f"grid-{grid}").find_next_sibling("div", class_="pp-duty-card")
    assert card.select_one(".pp-grid-households").get_text() == said
    assert card.select('[role="note"]') == []


@pytest.mark.parametrize("section", ["grids", "profile"])
def test_unknown_households_are_never_zero(v2, section: str) -> None:
    text = page(v2, section).get_text(" ")
    assert not re.search(r"(?<![0-9])0\s*户", text), "an unknown count is not 0 户"


def test_profile_shows_unknown_households_as_unknown(v2) -> None:
    rows = page(v2, "profile").select("table.pp-buildings-table tbody tr")
    cells = {r.find_all("td")[0].get_text(): r.find_all("td")[2].get_text() for r in rows}
    assert cells == {
        "吉祥小区1栋": "24",
        "吉祥小区2栋": "24",
        "A区3单元": "20",
        "4号楼": "户数未填",
    }


# ---------------------------------------------------------------- councils and charter


def council_card(v2, anchor: str):
    return page(v2, "councils").find(id=anchor).find_next_sibling("div", class_="pp-council")


def test_standards_are_a_table(v2) -> None:
    card = council_card(v2, "council-weddings-funerals")
    table = card.select_one("table.pp-standards")
    head = [th.get_text() for th in table.select("thead th")]
    assert head == ["项目", "标准"]
    rows = [(r.th.get_text(), r.td.get_text()) for r in table.select("tbody tr")]
    assert rows == [
        ("婚宴桌数", "不超过20桌"),
        ("每桌（含烟酒）", "城区每桌不超480元，农村每桌不超300元"),
        ("随礼", "本村乡亲不超过100元"),
    ]
    label = card.find(id=table["aria-labelledby"])
    assert label.get_text() == "操办标准："


def test_term_is_shown(v2) -> None:
    term = council_card(v2, "council-weddings-funerals").select_one(".pp-council__term")
    assert term.get_text() == "任期：理事每届任期三年，任期届满经选举可连任"


def test_rules_are_rendered_as_prose_with_their_list(v2) -> None:
    card = council_card(v2, "council-weddings-funerals")
    title = card.select_one("h4.pp-council__rules-title")
    assert title.get_text() == "红白理事会章程"
    rules = card.select_one(".pp-council__rules")
    headings = [(h.name, h.get_text()) for h in rules.find_all(re.compile("^h[1-6]$"))]
    assert headings == [("h5", "第一章 总则"), ("h5", "第二章 组织机构")], "## below the h4 title"
    assert rules.find("pre") is None and rules.find("code") is None
    paragraphs = [p.get_text(" ", strip=True) for p in rules.find_all("p")]
    assert "第一条 红白理事会是群众自我教育、自我服务、自我管理的自治组织。" in paragraphs
    items = [" ".join(li.get_text().split()) for li in rules.select("ol > li")]
    assert items == ["有威望、有组织能力， 能热心替群众操持事务；", "遵守法律法规。"]


def test_current_and_former_members(v2) -> None:
    card = council_card(v2, "council-weddings-funerals")
    current, former = card.select("ul.pp-people")
    assert "pp-people--former" in former["class"]
    names = [li.select_one(".pp-people__name").get_text() for li in current.select("li")]
    assert names == ["黎某某", "尹某某"], "until 2026-11 still serves on 2026-11-22"
    assert "（2023年12月起，任期至2026年11月）" in current.get_text()
    assert "成员（2 人）" in card.get_text()
    gone = former.select("li")
    assert [li.select_one(".pp-people__name").get_text() for li in gone] == ["甘某某"]
    assert "（2017年—2020年9月）" in gone[0].get_text()
    assert gone[0].select("a[href^='tel:']") == [], "nobody calls a former member"
    assert "往届成员（1 人，已离任）" in card.get_text()


def test_charter_shows_the_adopted_date_only(v2) -> None:
    adopted = page(v2, "councils").select_one(".pp-charter__adopted")
    assert adopted.time["datetime"] == "2021-12-24"
    assert adopted.get_text() == "2021年12月24日经安置点居民会议通过"
    assert "10:22" not in page(v2, "councils").get_text()


def test_indented_charter_text_is_a_paragraph(v2) -> None:
    body = page(v2, "councils").select_one(".pp-charter")
    assert body.find("pre") is None and body.find("code") is None
    paragraphs = [p.get_text(strip=True) for p in body.find_all("p")]
    assert "为了建设文明和谐的新家园，经安置点居民会议讨论通过，制定本公约。" in paragraphs
    assert "一、遵守法律法规，不参与赌博、迷信等活动。" in paragraphs
    items = [" ".join(li.get_text().split()) for li in body.select("ol > li")]
    assert items == ["孝敬老人，关爱子女； 保障孩子按时上学。", "邻里和睦，互帮互助。"]


@pytest.mark.parametrize(
    ("text", "paragraphs", "items"),
    [
        ("    四个空格缩进的段落", ["四个空格缩进的段落"], []),
        ("\t制表符缩进的段落", ["制表符缩进的段落"], []),
        ("\u3000\u3000全角空格缩进的段落", ["全角空格缩进的段落"], []),
        ("第一段\n\n        八个空格缩进的第二段", ["第一段", "八个空格缩进的第二段"], []),
        ("1. 甲\n    甲的续行\n2. 乙", [], ["甲 甲的续行", "乙"]),
        ("- 甲\n    - 甲下面的一项\n- 乙", [], ["甲 甲下面的一项", "甲下面的一项", "乙"]),
        ("1. 甲\n\n    甲的第二段\n\n2. 乙", ["甲", "甲的第二段", "乙"], ["甲 甲的第二段", "乙"]),
        (
            "- 甲\n\n        八个空格：列表里的段落\n\n- 乙",
            ["甲", "八个空格：列表里的段落", "乙"],
            ["甲 八个空格：列表里的段落", "乙"],
        ),
    ],
)
def test_staff_markdown_indents_are_prose(
    text: str, paragraphs: list[str], items: list[str]
) -> None:
    from bs4 import BeautifulSoup

    html = BeautifulSoup(str(render_markdown(text)), "html.parser")
    assert html.find("pre") is None and html.find("code") is None
    assert [p.get_text(strip=True) for p in html.find_all("p")] == paragraphs
    assert [" ".join(li.get_text().split()) for li in html.find_all("li")] == items


# ---------------------------------------------------------------- one mistake each


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# id: (file, [(old, new), …], code, severity, the text on the reported line (in that file,
# or (another file, text)), a word the message or hint says)
CASES: dict[str, tuple[str, list[tuple[str, str]], str, str, str | tuple[str, str], str]] = {
    "role not a grid role": (
        "grids.yml",
        [("role: 楼长,", "role: 楼道长,")],
        "grid.role",
        "error",
        "楼道长",
        "楼道长",
    ),
    "网格长 among the members": (
        "grids.yml",
        [("role: 网格指导员,", "role: 网格长,")],
        "grid.role",
        "error",
        "role: 网格长",
        "leader",
    ),
    "member names a building that does not exist": (
        "grids.yml",
        [("buildings: [吉祥小区1栋]}", "buildings: [吉祥小区9栋]}")],
        "ref.unknown_building",
        "error",
        "吉祥小区9栋",
        "吉祥小区9栋",
    ),
    "member names a building of another grid": (
        "grids.yml",
        [("buildings: [A区3单元]}", "buildings: [吉祥小区1栋]}")],
        "ref.building_not_in_grid",
        "error",
        "唐某某",
        "吉祥网格",
    ),
    "unit beyond the building's units": (
        "grids.yml",
        [("units: {吉祥小区2栋: [1]}", "units: {吉祥小区2栋: [3]}")],
        "ref.unknown_unit",
        "error",
        "齐某某",
        "只有 2 个单元",
    ),
    "unit 0": (
        "grids.yml",
        [("units: {吉祥小区2栋: [1]}", "units: {吉祥小区2栋: [0]}")],
        "schema.invalid",
        "error",
        "齐某某",
        "单元号不能是 0",
    ),
    "unit of a building that does not exist": (
        "grids.yml",
        [("units: {吉祥小区2栋: [1]}", "units: {吉祥小区8栋: [1]}")],
        "ref.unknown_building",
        "error",
        "齐某某",
        "吉祥小区8栋",
    ),
    "building id too long": (
        "settlement.yml",
        [
            (
                "{id: 4, name: 4号楼",
                "{id: 龙泉乡龙泉新村易地扶贫搬迁集中安置点第四号居民住宅楼"
                "东侧附属楼栋原村委会旧址（2019年建成）, name: 4号楼",
            )
        ],
        "schema.invalid",
        "error",
        "旧址",
        "太长",
    ),
    "households not a number": (
        "settlement.yml",
        [("name: 4号楼, units: 1}", "name: 4号楼, units: 1, households: 很多}")],
        "schema.integer",
        "error",
        "很多",
        "很多",
    ),
    "member left before joining": (
        "councils.yml",
        [("since: 2023-12, until: 2026-11}", "since: 2023-12, until: 2022-11}")],
        "schema.invalid",
        "error",
        "尹某某",
        "早于任职时间",
    ),
    "until not a month": (
        "councils.yml",
        [("since: 2023-12, until: 2026-11}", "since: 2023-12, until: 换届时}")],
        "month.invalid",
        "error",
        "换届时",
        "换届时",
    ),
    "standard without a limit": (
        "councils.yml",
        [("{item: 随礼, limit: 本村乡亲不超过100元}", "{item: 随礼}")],
        "schema.missing",
        "error",
        "{item: 随礼}",
        "标准",
    ),
    "charter adopted not a date": (
        "councils.yml",
        [("adopted: 2021-12-24 10:22:43", "adopted: 去年腊月")],
        "date.invalid",
        "error",
        "去年腊月",
        "去年腊月",
    ),
    # warnings: the site is published, and staff are told
    "known households above the total": (
        "settlement.yml",
        [("households: 86", "households: 60")],
        "ref.households_sum",
        "warning",
        "households: 60",
        "68 户",
    ),
    "every household known and the sum differs": (
        "settlement.yml",
        [("name: 4号楼, units: 1}", "name: 4号楼, units: 1, households: 10}")],
        "ref.households_sum",
        "warning",
        "households: 86",
        "78 户",
    ),
    "two members name the same building": (
        "grids.yml",
        [
            (
                "role: 网格指导员, position: 律师,",
                "role: 网格指导员, buildings: [吉祥小区1栋], position: 律师,",
            )
        ],
        "grid.building_shared",
        "warning",
        "鲍某某",
        "柏某某",
    ),
    "a building with no one to call": (
        "grids.yml",
        [
            ('    leader: {name: 史某某, position: 村委会委员, phone: "13900000303"}\n', ""),
            (
                "buildings: [A区3单元]}\n",
                'buildings: [A区3单元]}\n      - {name: 史某某, phone: "13900000303"}\n',
            ),
        ],
        "grid.no_contact",
        "warning",
        "id: g02",
        "4号楼",
    ),
    "overloaded with households unknown": (
        "settlement.yml",
        [
            ("households: 86", "households: 386"),
            ("units: 1, households: 20}", "units: 1, households: 320}"),
        ],
        "grid.overload",
        "warning",
        ("grids.yml", "唐某某"),  # reported where the grid's members are
        "至少",
    ),
}


def _mutate(case: str, folder: Path) -> Path:
    name, replacements, *_ = CASES[case]
    path = folder / name
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, (case, old)
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_mistake_is_reported_with_code_file_and_line(data_copy: Path, case: str) -> None:
    _, _, code, severity, at, said = CASES[case]
    path = _mutate(case, write_v2(data_copy))
    if isinstance(at, tuple):
        path, at = path.parent / at[0], at[1]
    project, report = load_project(data_copy, only=[SLUG])
    found = [p for p in report.problems if p.code == code]
    assert len(found) == 1, [(p.code, p.message) for p in report.problems]
    problem = found[0]
    assert problem.severity == severity
    assert problem.file == f"{FOLDER}/{path.name}"
    assert problem.line == _line_of(path, at), problem
    assert said in problem.message + problem.hint, problem
    assert re.search(r"[\u4e00-\u9fff]", problem.hint_text), "a Chinese hint says the fix"
    others = [p for p in report.problems if p is not problem and p.code != "check.skipped"]
    assert others == [], others
    assert (project is None) is (severity == "error")


def test_v1_building_ids_and_numbers_as_text_still_work(data_copy: Path) -> None:
    """v1's ids ("1") and a bare number in grids.yml (1) are the same building."""
    grids = data_copy / "settlements" / SLUG / "grids.yml"
    text = grids.read_text(encoding="utf-8")
    text = text.replace('buildings: ["1", "2", "3", "4"]', "buildings: [1, 2, 3, 4]")
    grids.write_text(text, encoding="utf-8")
    project, report = load_project(data_copy, only=[SLUG])
    assert project is not None and report.problems == []
    grid = project.settlement(SLUG).grids.grids[0]
    assert grid.buildings == ["1", "2", "3", "4"]
    assert grid.contact_for("1") == ("网格长", grid.leader)
    assert [m.role for m in grid.members] == ["网格员"]


# ---------------------------------------------------------------- the staff guide's examples

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide" / "people.md"


def guide_examples() -> dict[str, str]:
    """The guide's YAML examples, by the file each one says it is (``# 文件：grids.yml``)."""
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text("utf-8"), flags=re.S)
    found = {}
    for block in blocks:
        named = re.match(r"# 文件：(\S+?\.yml)", block)
        if named:
            found[named.group(1)] = block
    return found


def test_the_guide_examples_validate_and_agree(tmp_path: Path) -> None:
    """docs/guide/people.md shows what staff copy: its examples load, and build the lookup
    the guide describes."""
    from generator.contract.councils import Councils
    from generator.contract.grids import Grids
    from generator.contract.settlement import Building
    from generator.contract.validate import validate
    from generator.errors import Report
    from generator.read.yamlfile import load_yaml

    examples = guide_examples()
    assert set(examples) == {"settlement.yml", "grids.yml", "councils.yml"}
    loaded = {}
    for name, model in (("grids.yml", Grids), ("councils.yml", Councils)):
        path = tmp_path / name
        path.write_text(examples[name], encoding="utf-8")
        report = Report()
        located = load_yaml(path, report)
        assert located is not None, report.problems
        loaded[name] = validate(model, located, report)
        assert report.problems == [], report.problems
    path = tmp_path / "settlement.yml"
    path.write_text(examples["settlement.yml"], encoding="utf-8")
    report = Report()
    located = load_yaml(path, report)
    assert located is not None, report.problems
    buildings = {b.id: b for b in map(Building.model_validate, located.data["buildings"])}
    assert buildings["4"].households is None
    grids = loaded["grids.yml"].grids
    assert {b for g in grids for b in g.buildings} == set(buildings)
    said = {  # what the guide says each building leads to
        ("吉祥小区1栋", None): "柏某某",
        ("吉祥小区2栋", "1单元"): "齐某某",
        ("吉祥小区2栋", "2单元"): "齐某某",
        ("吉祥小区2栋", "3单元"): "邱某某",
        ("A区3单元", None): "唐某某",
        ("4", None): "史某某",
    }
    owner = {b: g for g in grids for b in g.buildings}
    for (building, unit), name in said.items():
        found = owner[building].contact_for(building, unit)
        assert found is not None and found[1].name == name, (building, unit)
    council = loaded["councils.yml"].councils[0]
    assert [m.former(TODAY) for m in council.members] == [False, False, True]
    html = str(render_markdown(council.rules))
    assert "<pre" not in html and html.count("<li>") == 3
