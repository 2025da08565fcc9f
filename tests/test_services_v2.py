"""Version 2 services: the 办事指南 as county 政务服务 guides write it.

A small data tree (tests/fixtures/minimal plus a handbook.yml written the v2 way) is
built end to end, PDFs included, and every new field is looked for on the web page,
in the search index and in the printed handbook; each wrong value is rejected with
its code, file, line and a Chinese hint; staff markup in the new fields stays text;
version 1 handbooks validate as before.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURES, ROOT, SAMPLE, TODAY, article, missing

from generator.checks.project import load_project
from generator.contract.handbook import Handbook, Service
from generator.contract.validate import validate
from generator.errors import Report, SetupError
from generator.pages import views
from generator.print import handbook as handbook_pdf
from generator.read.yamlfile import load_yaml
from generator.sites.site import build

CHINESE = re.compile(r"[\u4e00-\u9fff]")

# The first service transcribes a real county guide: 湖南省安化县民政局《城乡最低生活保障
# 对象认定办理服务指南》(www.anhua.gov.cn/jc_ah/94/115/content_26088.html): 办理对象,
# 申报材料, 办理程序, 办理地址, 设定依据 and the 咨询/监督 phones as published. Its 法定
# and 承诺 time limits are those of the same service in 宣城's guide; 办件类型, 跑动次数,
# the online address (example.gov.cn), the two routes and the FAQ are written the way
# such guides write them, to exercise every field. The second service transcribes
# 绛县民政局《绛县临时救助办事指南》(www.jiangxian.gov.cn/doc/2024/01/03/411000.shtml),
# whose three routes (一般困难 / 严重困难 / 情况紧急) are what `paths` is for.
HANDBOOK = """\
title: 小村社区便民服务手册
edition: 2026年11月版
categories:
  - id: assistance
    name: 最低生活保障与救助
    services:
      - id: dibao
        name: 城乡最低生活保障对象认定
        summary: 家庭人均收入低于当地低保标准、财产符合规定的，可以申请低保
        for: |
          户籍在本县的城乡居民家庭
          共同生活的家庭成员人均收入低于当地最低生活保障标准
          家庭财产状况符合当地最低生活保障家庭财产状况规定
        documents:
          - 城乡居民最低生活保障申请表（原件1份）
          - 身份证（原件和复印件各1份）
          - 户口本（原件和复印件各1份）
          - 家庭经济状况核查授权委托书（原件1份）
        steps:
          - 个人提出申请（或村委会协助申请）
          - 乡镇组织入户调查和家庭经济状况核对
          - 民主评议
          - 第一榜公示
          - 乡镇审核上报
          - 县级组织入户调查和家庭经济状况核对
          - 第二榜公示
          - 县级审批
          - 资金打卡发放
        paths:
          - when: 材料齐全
            steps: [窗口当场受理, 进入调查核对和公示]
          - when: 材料不齐全
            steps: [窗口一次性告知所缺材料, 补齐后再受理]
        where: 户籍所在地村（居）委会或乡镇人民政府
        legal_time_limit: 44个工作日
        promised_time_limit: 2个工作日
        kind: 承诺件
        visits: 1
        online: https://zwfw.example.gov.cn/item/detail?code=430923-dibao&type=1
        fee: 不收费
        fee_basis: 无
        phone: "0737-0000001"
        phones:
          - {label: 咨询, phone: "0737-7226787"}
          - {label: 监督, phone: "0737-7224401"}
        basis: |
          《社会救助暂行办法》（国务院令第649号）第九条
          《社会救助暂行办法》（国务院令第649号）第十一条
        keywords: [低保, 生活困难]
        faq:
          - q: 户口不在安置点，能在安置点申请吗？
            a: 向**户籍所在地**乡镇人民政府申请，社区可以帮您代办。
          - q: 审批要多久？
            a: 承诺 2 个工作日办结县级审批，法定时限 44 个工作日。
      - id: temp-relief
        name: 临时救助
        summary: 遭遇突发事件、意外伤害、重大疾病等，基本生活暂时出现严重困难的，可以申请临时救助
        paths:
          - when: 一般困难群众
            steps: [提出申请, 乡（镇）人民政府核实, 直接予以救助]
          - when: 严重困难群众
            steps:
              - 个人提出申请，填写《绛县城乡临时救助申请审批表》
              - 乡（镇）人民政府签署意见
              - 在所居住的村（居）民委员会张榜公示
              - 报县民政局审核受理
              - 临时救助专题会议研究决定救助金额
          - when: 意外事件、重大疾病等情况紧急
            steps: [先行救助, 后置审批]
        where: 乡镇人民政府民政办、便民服务中心、社区服务中心
        visits: 最多跑两次
        phone: "0359-6523418"
        basis: 《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）
  - id: hukou
    name: 户籍
    services:
      - id: id-card
        name: 居民身份证申领
        for: 户籍在本县的居民
        documents: [户口簿, 近期免冠照片（窗口可现场采集）]
        steps: [窗口受理并采集指纹, 公安机关审核制证, 领取身份证]
        where: 县公安局户政服务大厅（县政务服务中心一楼）
        time_limit: 自受理之日起60日内
        kind: 承诺件
        fee: 首次申领和到期换领20元，丢失补领或损坏换领40元
        fee_basis: 《关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）
        phones: 0737-7222110（户政）、12345转3
        basis: 《中华人民共和国居民身份证法》
  - id: pension
    name: 社会保险（养老）
    services:
      - id: pension-signup
        name: 城乡居民基本养老保险参保登记
        kind: 即办件
        visits: 0
        legal_time_limit: 20个工作日
        online: https://zwfw.example.gov.cn/item/pension
        documents: [居民身份证或户口簿]
        steps: [提交参保登记, 当场办结]
"""

# Everything a member of staff could paste into the new fields, as text.
EVIL_HANDBOOK = """\
title: 恶意手册
categories:
  - id: evil
    name: 测试
    services:
      - id: evil
        name: 测试服务
        for: |
          <script>alert("for")</script>
          第二行<b>粗</b>
        where: <img src=x onerror=alert("where")>
        legal_time_limit: <i>20</i>个工作日
        promised_time_limit: "{{ 7*7 }}"
        fee_basis: <a href="javascript:alert(1)">收费</a>
        phones: [{label: "<b>投诉</b>", phone: "0737-7224401"}]
        paths:
          - when: <script>alert("when")</script>
            steps: ["<iframe src=//evil.example/></iframe>"]
        basis: |
          <style>body{display:none}</style>
          **不是加粗**
        faq:
          - q: <script>alert("q")</script>
            a: |
              <script>alert("a")</script>[点我](javascript:alert(1))
              ![](https://evil.example/x.png) **真加粗**
"""


def make_tree(root: Path, handbooks: dict[str, str]) -> Path:
    """tests/fixtures/minimal with one settlement per handbook (the first is xiaocun)."""
    data = root / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    profile = (data / "settlements" / "xiaocun" / "settlement.yml").read_text("utf-8")
    for slug, text in handbooks.items():
        folder = data / "settlements" / slug
        folder.mkdir(exist_ok=True)
        if slug != "xiaocun":
            (folder / "settlement.yml").write_text(profile.replace("小村", slug), "utf-8")
        (folder / "handbook.yml").write_text(text, "utf-8")
    return data


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tree(tmp_path_factory.mktemp("v2"), {"xiaocun": HANDBOOK, "evil": EVIL_HANDBOOK})


@pytest.fixture(scope="module")
def site(tree: Path) -> Path:
    out = tree.parent / "site"
    build(tree, out, today=TODAY, pdf=True)
    return out


def service(tree: Path, service_id: str, slug: str = "xiaocun") -> Service:
    project, report = load_project(tree)
    assert project is not None, report.problems
    return next(s for s in project.settlement(slug).handbook.all_services if s.id == service_id)


def card(site: Path, service_id: str, slug: str = "xiaocun") -> Tag:
    """The service's own page (handbook/<id>/), its article."""
    found = article(site / slug / "handbook" / service_id / "index.html")
    assert found.h1 is not None, service_id
    return found


def field(card: Tag, label: str) -> Tag:
    """The <dd> of a <dt> in the card's definition lists."""
    term = card.find("dt", string=label)
    assert term is not None, f"no {label} in the card"
    value = term.find_next_sibling()
    assert value is not None and value.name == "dd", label
    return value


# ---------------------------------------------------------------- the web page

FIELDS = [
    ("dibao", "办理地点", "户籍所在地村（居）委会或乡镇人民政府"),
    ("temp-relief", "办理地点", "乡镇人民政府民政办、便民服务中心、社区服务中心"),
    ("dibao", "办结时限", "承诺 2个工作日（法定 44个工作日）"),
    ("pension-signup", "办结时限", "当场办结（法定 20个工作日）"),
    ("id-card", "办结时限", "不能当场办结，受理后按时限办结自受理之日起60日内"),
    ("dibao", "跑动次数", "最多跑一次"),
    ("temp-relief", "跑动次数", "最多跑 2 次"),
    ("pension-signup", "跑动次数", "全程网办，不用跑"),
    ("dibao", "网上办理", "在网上办：zwfw.example.gov.cn"),
    ("dibao", "收费", "不收费"),
    ("dibao", "收费依据", "无"),
    ("id-card", "收费依据", "《关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"),
    ("dibao", "咨询电话", "0737-0000001"),
    ("dibao", "联系电话", "0737-7226787（咨询）、0737-7224401（监督）"),
    ("id-card", "联系电话", "0737-7222110（户政）、12345转3"),
    ("id-card", "办理对象", "户籍在本县的居民"),
    ("temp-relief", "办理依据", "《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）"),
]


@pytest.mark.parametrize(("service_id", "label", "shown"), FIELDS, ids=lambda v: str(v)[:12])
def test_field_is_shown_in_words(site: Path, service_id: str, label: str, shown: str) -> None:
    assert field(card(site, service_id), label).get_text() == shown


@pytest.mark.parametrize(("key", "label"), [("eligibility", "办理对象"), ("basis", "办理依据")])
def test_several_lines_stay_lines(site: Path, tree: Path, key: str, label: str) -> None:
    written = getattr(service(tree, "dibao"), key)
    lines = [line.strip() for line in written.splitlines()]
    items = field(card(site, "dibao"), label).select("ul.pp-lines > li")
    assert [li.get_text() for li in items] == lines and len(lines) > 1


@pytest.mark.parametrize(
    ("service_id", "label"), [("id-card", "办理对象"), ("temp-relief", "办理依据")]
)
def test_one_line_stays_plain_text(site: Path, service_id: str, label: str) -> None:
    assert field(card(site, service_id), label).find("ul") is None


@pytest.mark.parametrize("service_id", ["dibao", "pension-signup"])
def test_online_address_is_a_plain_link_that_loads_nothing(
    site: Path, tree: Path, service_id: str
) -> None:
    url = service(tree, service_id).online
    link = field(card(site, service_id), "网上办理").find("a")
    assert link["href"] == url and link["rel"] == ["noopener", "noreferrer"]
    assert "target" not in link.attrs and "pp-online" in link["class"]
    page = BeautifulSoup(
        (site / "xiaocun" / "handbook" / service_id / "index.html").read_text("utf-8"),
        "html.parser",
    )
    for element in page.find_all(True):  # the address stands in a link's href, nowhere else
        for attribute, value in element.attrs.items():
            if "zwfw.example.gov.cn" in str(value):
                assert (element.name, attribute) == ("a", "href"), element
                assert element["rel"] == ["noopener", "noreferrer"], element
    assert not page.find_all(["iframe", "object", "embed"])


@pytest.mark.parametrize("service_id", ["dibao", "id-card"])
def test_every_phone_is_a_call_link_and_the_labelled_ones_come_after(
    site: Path, tree: Path, service_id: str
) -> None:
    sv = service(tree, service_id)
    shown = card(site, service_id)
    numbers = [*(sv.phone or []), *(sv.phones or [])]
    assert [a["href"] for a in shown.select("dd a.pp-tel")] == [n.tel for n in numbers]
    terms = [dt.get_text() for dt in shown.select("dt")]
    if sv.phone:
        assert terms.index("咨询电话") + 1 == terms.index("联系电话")


@pytest.mark.parametrize("service_id", ["dibao", "temp-relief"])
def test_paths_are_separate_sequences_headed_by_their_situation(
    site: Path, tree: Path, service_id: str
) -> None:
    sv = service(tree, service_id)
    shown = card(site, service_id)
    heads = shown.select("p.pp-path")
    assert [p.strong.get_text() for p in heads] == [route.when for route in sv.paths]
    for head, route in zip(heads, sv.paths, strict=True):
        steps = head.find_next_sibling("ol", class_="pp-steps")
        assert [li.get_text() for li in steps.select("li")] == route.steps
    label = heads[0].find_previous_sibling("p", class_="pp-service__label").get_text()
    if sv.steps:  # the usual steps first, then the routes
        assert label == "分情况办理："
        first = shown.select_one("ol.pp-steps")
        assert [li.get_text() for li in first.select("li")] == sv.steps
        assert first.find_next_sibling("p", class_="pp-path") is heads[0]
    else:
        assert label == "办理步骤（看您是哪种情况）：" and len(shown.select("ol")) == len(sv.paths)


def test_faq_is_a_question_list_with_markdown_answers(site: Path, tree: Path) -> None:
    sv = service(tree, "dibao")
    faq = card(site, "dibao").select_one("dl.pp-faq")
    assert [dt.get_text() for dt in faq.select("dt")] == [f"问：{item.q}" for item in sv.faq]
    answers = faq.select("dd")
    assert len(answers) == len(sv.faq)
    assert answers[0].strong.get_text() == "户籍所在地"
    assert answers[1].get_text(strip=True) == sv.faq[1].a


def test_card_reads_in_a_residents_order(site: Path) -> None:
    """What to bring and where first, then who and how, time and fee; the questions, then
    the legal basis last."""
    shown = card(site, "dibao")
    order = [e.get_text() for e in shown.find_all(["h2", "dt", "p"])
             if e.name in ("h2", "dt") or e.get("class")]  # fmt: skip
    wanted = ["关键词：", "要带的材料（共 4 项）", "到哪里办、什么时候办", "办理地点", "咨询电话",
              "联系电话", "网上办理", "怎么办", "办理对象", "办理步骤：", "分情况办理：",
              "办结时限", "跑动次数", "收费", "常见问题", "问：户口不在安置点，能在安置点申请吗？",
              "办理依据", "收费依据"]  # fmt: skip
    positions = [next(i for i, text in enumerate(order) if text.startswith(w)) for w in wanted]
    assert positions == sorted(positions), order
    assert [h2.get_text() for h2 in shown.select("h2")][-1] == "办理依据"
    every_dt = shown.select("dt")
    assert all(dt.find_next_sibling() is not None and dt.find_next_sibling().name == "dd"
               for dt in every_dt)  # fmt: skip


@pytest.mark.parametrize(
    ("service_id", "kind"), [("dibao", "承诺件"), ("pension-signup", "即办件")]
)
def test_kind_is_among_the_keywords(site: Path, service_id: str, kind: str) -> None:
    words = card(site, service_id).select_one(".pp-keywords").get_text()
    assert words.startswith("关键词：") and kind in words.split("：", 1)[1].split("、")


def search_doc(site: Path, service_id: str) -> tuple[str, set[str]]:
    """The service's entry in the search index: its text (separators removed) and tokens."""
    index = json.loads((site / "xiaocun" / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(index["config"]["separator"])
    docs = [d for d in index["docs"] if d["location"].startswith(f"handbook/{service_id}/")]
    assert docs and docs[0]["location"] == f"handbook/{service_id}/", service_id
    joined = " ".join(d["title"] + " " + d["text"] for d in docs)  # the page and its sections
    text = re.sub(r"<[^>]+>", "", joined)
    return re.sub(r"[\s\u200b]", "", text), {t for t in separator.split(joined) if t}


SEARCHABLE = [
    ("dibao", "户籍所在地村（居）委会或乡镇人民政府", "乡镇"),  # where
    ("dibao", "户口不在安置点，能在安置点申请吗？", "户口"),  # a faq question
    ("dibao", "审批要多久？", "审批"),
    ("dibao", "材料不齐全", "齐全"),  # a path's situation
    ("temp-relief", "意外事件、重大疾病等情况紧急", "情况紧急"),
    ("temp-relief", "乡镇人民政府民政办", "民政"),
    ("dibao", "承诺件", "承诺"),  # the kind
    ("pension-signup", "即办件", "办件"),
]


@pytest.mark.parametrize(("service_id", "text", "token"), SEARCHABLE, ids=lambda v: str(v)[:10])
def test_new_text_is_in_the_search_index(
    site: Path, service_id: str, text: str, token: str
) -> None:
    found, tokens = search_doc(site, service_id)
    assert text in found and token in tokens


# ---------------------------------------------------------------- the printed handbook


def tool(name: str, *args: str) -> str:
    if shutil.which(name) is None:
        missing(f"{name} is not installed (Debian: poppler-utils, zbar-tools)")
    result = subprocess.run([name, *args], capture_output=True, text=True, check=False)
    assert result.returncode == 0 or name == "zbarimg", result.stderr
    return result.stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def pdf_text(site: Path) -> dict[str, str]:
    """The A5 and A4 handbooks' text in reading order (pdftotext without -layout)."""
    folder = site / "xiaocun" / "downloads"
    return {paper: tool("pdftotext", str(folder / f"xiaocun-handbook-{paper}.pdf"), "-")
            for paper in ("a5", "a4")}  # fmt: skip


# the print says 办理依据：… and 收费依据：… after the steps, like v1's basis
COLON = {"办理依据", "收费依据"}
PRINTED = [
    (sid, label + ("：" if label in COLON else "") + shown)
    for sid, label, shown in FIELDS
    if label != "网上办理"
]
PRINTED += [
    (
        "dibao",
        "问：户口不在安置点，能在安置点申请吗？向户籍所在地乡镇人民政府申请，社区可以帮您代办。",
    ),
    ("dibao", "分情况办理：材料齐全：1.窗口当场受理2.进入调查核对和公示材料不齐全："),
    ("temp-relief", "办理步骤（看您是哪种情况）：一般困难群众：1.提出申请"),
    ("temp-relief", "意外事件、重大疾病等情况紧急：1.先行救助2.后置审批"),
]


@pytest.mark.parametrize("paper", ["a5", "a4"])
@pytest.mark.parametrize(("service_id", "shown"), PRINTED, ids=lambda v: str(v)[:14])
def test_field_is_printed(pdf_text: dict, paper: str, service_id: str, shown: str) -> None:
    text = flat(pdf_text[paper])
    text = re.sub(r"\d{4}年\d{1,2}月版第\d+页/共\d+页", "", text)  # a page's footer
    for caption in ("扫码网上办", "扫码看网上版"):  # a QR code's caption beside the lines
        text = text.replace(caption, "")
    assert flat(shown) in text


@pytest.mark.parametrize("paper", ["a5", "a4"])
@pytest.mark.parametrize("service_id", ["dibao", "pension-signup"])
def test_online_address_is_printed_as_text(
    site: Path, tree: Path, paper: str, service_id: str
) -> None:
    # -raw: the reading-order text would join an address wrapped after a "-" without it
    path = site / "xiaocun" / "downloads" / f"xiaocun-handbook-{paper}.pdf"
    text = flat(tool("pdftotext", "-raw", str(path), "-"))
    assert "输入网址：" + service(tree, service_id).online in text


@pytest.mark.parametrize("paper", ["a5", "a4"])
@pytest.mark.parametrize("key", ["eligibility", "basis"])
def test_several_lines_are_printed_as_lines(
    pdf_text: dict, tree: Path, paper: str, key: str
) -> None:
    for line in getattr(service(tree, "dibao"), key).splitlines():
        assert re.search(rf"^{re.escape(line.strip()[:10])}", pdf_text[paper], re.M), line


@pytest.mark.parametrize("service_id", ["dibao", "pension-signup"])
def test_online_address_is_printed_as_a_qr_code(
    site: Path, tree: Path, service_id: str, tmp_path: Path
) -> None:
    path = site / "xiaocun" / "downloads" / "xiaocun-handbook-a5.pdf"
    url = service(tree, service_id).online
    pages = tool("pdftotext", str(path), "-").split("\f")
    number = next(i for i, page in enumerate(pages, 1) if url.split("?")[0] in flat(page))
    prefix = tmp_path / "page"
    tool("pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-f", str(number),
         "-l", str(number), str(path), str(prefix))  # fmt: skip
    assert url in tool("zbarimg", "-q", "--raw", f"{prefix}.png").split()


@pytest.mark.parametrize("paper", ["a5", "a4"])
def test_printed_type_stays_large(tree: Path, paper: str) -> None:
    """The new blocks keep the body ≥ 12 pt (A5) / 14 pt (A4) and nothing under 10 pt."""
    from collections import Counter

    from weasyprint.formatting_structure.boxes import TextBox

    project, _ = load_project(tree)
    try:
        document = handbook_pdf.render_document(
            project.portal, project.settlement("xiaocun"), paper, TODAY
        )
    except SetupError as exc:
        missing(exc.message)
    sizes: Counter[float] = Counter()
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TextBox) and box.text.strip():
                points = box.style["font_size"] * 0.75
                sizes[round(points, 1)] += len(box.text)
                assert points >= 10, (box.text, points)
                assert box.style["line_height"] >= 1.5, box.text
    assert sizes.most_common(1)[0][0] >= {"a5": 12, "a4": 14}[paper]


# ---------------------------------------------------------------- staff markup stays text


LITERALS = [
    '<script>alert("for")</script>',
    '<img src=x onerror=alert("where")>',
    "<i>20</i>个工作日",
    "{{ 7*7 }}",
    '<a href="javascript:alert(1)">收费</a>',
    "<b>投诉</b>",
    '<script>alert("when")</script>',
    "<iframe src=//evil.example/>",
    "<style>body{display:none}</style>",
    "**不是加粗**",
    '<script>alert("q")</script>',
]


def test_markup_in_new_fields_is_shown_as_text(site: Path) -> None:
    shown = card(site, "evil", "evil")
    text = shown.get_text()
    for literal in LITERALS:
        assert literal in text, literal
    assert not shown.find_all(["script", "img", "iframe", "style", "b", "i"])
    for element in shown.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.startswith("on"), element
            assert "javascript:" not in str(value).lower(), element
    answer = shown.select_one("dl.pp-faq dd")
    assert answer.strong.get_text() == "真加粗", "the answer is Markdown, cleaned"
    assert "alert" not in "".join(str(c) for c in answer.find_all(True) if c.name == "script")


def test_markup_in_new_fields_is_printed_as_text(site: Path) -> None:
    path = site / "evil" / "downloads" / "evil-handbook-a5.pdf"
    text = flat(tool("pdftotext", str(path), "-"))
    for literal in ['<script>alert("for")</script>', '<img src=x onerror=alert("where")>',
                    "{{ 7*7 }}", '<script>alert("when")</script>', "**不是加粗**"]:  # fmt: skip
        assert flat(literal) in text, literal


# ---------------------------------------------------------------- what is accepted


def load_service(tmp_path: Path, lines: str) -> tuple[Service | None, Report, str]:
    """A handbook.yml whose one service has `lines` (indented under it), validated."""
    text = (
        textwrap.dedent(
            """\
        title: 便民服务手册
        categories:
          - id: assistance
            name: 最低生活保障与救助
            services:
              - id: dibao
                name: 城乡最低生活保障对象认定
        """
        )
        + textwrap.indent(textwrap.dedent(lines).strip("\n"), " " * 8)
        + "\n"
    )
    path = tmp_path / "handbook.yml"
    path.write_text(text, "utf-8")
    report = Report()
    located = load_yaml(path, report)
    assert located is not None, report.problems
    handbook = validate(Handbook, located, report)
    return (handbook.all_services[0] if handbook else None), report, text


ACCEPTED = [
    ("kind: 即办件", "kind", "即办件"),
    ("kind: 即办", "kind", "即办件"),
    ("kind: 承诺件", "kind", "承诺件"),
    ("visits: 0", "visits", 0),
    ("visits: 0次", "visits", 0),
    ("visits: 全程网办", "visits", 0),
    ("visits: 最多跑一次", "visits", 1),
    ('visits: "3"', "visits", 3),
    ("online: https://zwfw.example.gov.cn/", "online", "https://zwfw.example.gov.cn/"),
    ("online: http://zwfw.example.gov.cn/item?id=1&type=2#guide", "online",
     "http://zwfw.example.gov.cn/item?id=1&type=2#guide"),
    ("online: https://zwfw.example.gov.cn:8443/a/b%20c", "online",
     "https://zwfw.example.gov.cn:8443/a/b%20c"),
    ("legal_time_limit: 20个工作日", "legal_time_limit", "20个工作日"),
    ("promised_time_limit: 即办", "promised_time_limit", "即办"),
    ("fee_basis: 无", "fee_basis", "无"),
    ("where: 县政务服务中心", "where", "县政务服务中心"),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "key", "value"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_value_is_accepted(tmp_path: Path, lines: str, key: str, value: object) -> None:
    sv, report, _ = load_service(tmp_path, lines)
    assert report.problems == [] and getattr(sv, key) == value


@pytest.mark.parametrize(
    ("lines", "numbers"),
    [
        ("phones: [{label: 咨询, phone: 0743-1234567}, {label: 投诉, phone: 0743-7654321}]",
         ["0743-1234567（咨询）", "0743-7654321（投诉）"]),
        ("phones: 0743-6222412（办公室）、12345转3", ["0743-6222412（办公室）", "12345转3"]),
        ('phones: ["0743-6222412", "0743-6231658"]', ["0743-6222412", "0743-6231658"]),
    ],
)  # fmt: skip
def test_phones_take_labels_lists_and_extensions(
    tmp_path: Path, lines: str, numbers: list[str]
) -> None:
    sv, report, _ = load_service(tmp_path, lines)
    assert report.problems == [] and [str(n) for n in sv.phones] == numbers


@pytest.mark.parametrize(
    ("service_kw", "time_limit"),
    [
        ({"kind": "即办件"}, "当场办结"),
        ({"kind": "即办件", "promised_time_limit": "即办", "legal_time_limit": "20个工作日"},
         "当场办结（承诺 即办，法定 20个工作日）"),
        ({"promised_time_limit": "5个工作日", "legal_time_limit": "20个工作日"},
         "承诺 5个工作日（法定 20个工作日）"),
        ({"promised_time_limit": "5个工作日"}, "承诺 5个工作日"),
        ({"legal_time_limit": "20个工作日"}, "法定 20个工作日"),
        ({"kind": "承诺件"}, "不能当场办结，受理后按时限办结"),
        ({"time_limit": "5个工作日"}, None),  # v1's time limit is shown as written
    ],
)  # fmt: skip
def test_time_limits_read_as_words(service_kw: dict, time_limit: str | None) -> None:
    sv = Service.model_validate({"id": "x", "name": "某事", **service_kw})
    assert views.time_limit_text(sv) == time_limit


@pytest.mark.parametrize(
    ("visits", "words"),
    [
        (0, "全程网办，不用跑"),
        (1, "最多跑一次"),
        (2, "最多跑 2 次"),
        (5, "最多跑 5 次"),
        (None, None),
    ],
)
def test_visits_read_as_words(visits: int | None, words: str | None) -> None:
    assert views.visits_text(visits) == words


# ---------------------------------------------------------------- what is rejected

# Each case: the service's lines with the offending line marked `# <-`, the expected
# code, and the words the message and hint must contain.
REJECTED: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "kind not one of the two": ("kind: 上报件   # <-", "schema.choice",
                                ("上报件", "即办件", "承诺件")),
    "kind in English": ("kind: instant   # <-", "schema.choice", ("instant", "即办件", "承诺件")),
    "visits negative": ("visits: -1   # <-", "schema.invalid", ("负数", "-1")),
    "visits in words": ("visits: 看情况   # <-", "schema.integer", ("看情况", "0 表示")),
    "visits a fraction": ("visits: 1.5   # <-", "schema.integer", ("1.5",)),
    "online without https": ("online: www.example.gov.cn/dibao   # <-", "schema.url",
                             ("https://", "www.example.gov.cn")),
    "online javascript": ('online: "javascript:alert(1)"   # <-', "schema.url", ("https://",)),
    "online with markup": ("""online: 'https://zwfw.example.gov.cn/"><script>'   # <-""",
                           "schema.url", ("引号",)),
    "online with a space": ("online: https://zwfw.example.gov.cn/a b   # <-", "schema.url",
                            ("空格",)),
    "online in Chinese": ("online: https://zwfw.example.gov.cn/低保   # <-", "schema.url",
                          ("中文",)),
    "online a list": ("online: [https://zwfw.example.gov.cn/]   # <-", "schema.text",
                      ("网上办理",)),
    "path without steps": ("paths:\n  - when: 材料齐全\n    steps: []   # <-", "schema.empty",
                           ("办理步骤", "至少写一步")),
    "path without situation": ("paths:\n  - steps: [受理, 办结]   # <-", "schema.missing",
                               ("情形",)),
    "faq without answer": ("faq:\n  - q: 能代办吗？   # <-", "schema.missing", ("回答",)),
    "faq misspelt": ("faq:\n  - q: 能代办吗？\n    answer: 能。   # <-", "schema.unknown",
                     ("answer",)),
    "phones not a number": ("phones: 找社区   # <-", "phone.invalid",
                            ("找社区",)),
}  # fmt: skip


@pytest.mark.parametrize("case", list(REJECTED), ids=list(REJECTED))
def test_wrong_value_is_rejected_with_code_line_and_hint(
    tree: Path, tmp_path: Path, case: str
) -> None:
    lines, code, words = REJECTED[case]
    data = make_tree(tmp_path, {})
    _, _, text = load_service(tmp_path, lines)
    shutil.copy(tmp_path / "handbook.yml", data / "settlements" / "xiaocun" / "handbook.yml")
    project, report = load_project(data)
    assert project is None
    found = [p for p in report.errors if p.code == code]
    assert len(found) == 1, report.problems
    problem = found[0]
    assert problem.file == "data/settlements/xiaocun/handbook.yml"
    assert problem.line == next(i for i, line in enumerate(text.splitlines(), 1) if "# <-" in line)
    assert CHINESE.search(problem.message) and CHINESE.search(problem.hint_text), problem
    for word in words:
        assert word in problem.message + problem.hint_text, (word, problem)


# ---------------------------------------------------------------- version 1 still works

V1_FILES = sorted(SAMPLE.glob("settlements/*/handbook.yml"))
SPEC_EXAMPLE = """\
title: 新天地社区便民服务手册
foreword: |
  为方便搬迁群众办事……
edition: 2025年10月版
categories:
  - id: education
    name: 义务教育
    services:
      - id: school-transfer
        name: 搬迁子女转学入学
        summary: 适龄子女就近在安置点所属学区公办学校入学
        for: 户籍或居住证在本社区的6至15周岁儿童
        documents: [户口簿或居住证, 安置房分配证明, 原学校学籍信息]
        steps: [到教育窗口登记, 学校审核学籍, 领取入学通知]
        window: education
        time_limit: 5个工作日
        fee: 免费
        phone: 0359-0000005
        basis: 《中华人民共和国义务教育法》
        keywords: [上学, 转学, 入学, 孩子读书]
        notes: |
          ……
"""


def _v1_cases() -> list:
    cases = [pytest.param(p.read_text("utf-8"), id=p.parent.name) for p in V1_FILES]
    return [*cases, pytest.param(SPEC_EXAMPLE, id="data-format.md")]


@pytest.mark.parametrize("text", _v1_cases())
def test_version_1_handbook_validates_without_new_fields(tmp_path: Path, text: str) -> None:
    path = tmp_path / "handbook.yml"
    path.write_text(text, "utf-8")
    report = Report()
    handbook = validate(Handbook, load_yaml(path, report), report)
    assert handbook is not None and report.problems == []
    for sv in handbook.all_services:
        assert sv.kind is sv.visits is sv.online is sv.where is sv.phones is None
        assert sv.paths == [] and sv.faq == [] and sv.fee_basis is None
        assert views.time_limit_text(sv) is None and views.visits_text(sv.visits) is None


def test_guide_example_validates(tmp_path: Path) -> None:
    """docs/guide/services.md's full example is a valid service (the guide stays honest)."""
    guide = (ROOT / "docs" / "guide" / "services.md").read_text("utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "- id: dibao" in b)
    path = tmp_path / "handbook.yml"
    path.write_text("title: 便民服务手册\ncategories:\n" + block, "utf-8")
    report = Report()
    handbook = validate(Handbook, load_yaml(path, report), report)
    assert handbook is not None and report.problems == []
    sv = handbook.all_services[0]
    assert sv.kind == "承诺件" and sv.visits == 1 and len(sv.paths) == 2 and len(sv.faq) == 2
    assert len(views.lines(sv.eligibility)) == 3 and len(views.lines(sv.basis)) == 2
