"""The printed handbook read back with poppler and zbar. Under CI=true a missing tool or
font fails; elsewhere the test is skipped."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import NoReturn

import pytest
from conftest import SAMPLE, TODAY, article, missing

from generator.checks.project import load_project
from generator.contract.data import SettlementData
from generator.errors import SetupError
from generator.print import handbook as handbook_pdf
from generator.sites.site import build

PROJECT, _ = load_project(SAMPLE)
CASES = [("xintiandi", "a5"), ("xintiandi", "a4"), ("longquan", "a5"), ("anjiayuan", "a4")]
SIZES = {"a5": (419.53, 595.28), "a4": (595.28, 841.89)}  # points: 148×210 mm, 210×297 mm
TOC_LINE = re.compile(r"^(\S.*?)\s*\.{3,}\s*(\d+)$")


def absent(what: str) -> NoReturn:
    missing(f"{what} is not installed (Debian: poppler-utils, zbar-tools, fonts-noto-cjk)")


def tool(name: str, *args: str) -> str:
    if shutil.which(name) is None:
        absent(name)
    result = subprocess.run([name, *args], capture_output=True, text=True, check=False)
    assert result.returncode == 0 or name == "zbarimg", result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    try:
        handbook_pdf.check_fonts()
    except SetupError as exc:
        absent(exc.message)
    folder = tmp_path_factory.mktemp("handbooks")
    found = {}
    for slug, paper in CASES:
        printed = handbook_pdf.printed(PROJECT.portal, PROJECT.settlement(slug), paper, TODAY)
        found[slug, paper] = folder / printed.file_name
        found[slug, paper].write_bytes(printed.data)
    return found


def pages(path: Path) -> list[str]:
    """The text of every page (pdftotext separates pages with a form feed)."""
    return tool("pdftotext", "-layout", str(path), "-").split("\f")[:-1]


def flat(text: str) -> str:
    """Text without spaces and line breaks: a name that wrapped still matches."""
    return re.sub(r"\s+", "", text)


def phones(s: SettlementData) -> set[str]:
    windows = s.windows.windows if s.windows else []
    grids = s.grids.grids if s.grids else []
    people = [p for w in windows for p in w.staff]
    people += [p for g in grids for p in (g.leader, g.police, *g.members) if p]
    found = {e.phone for e in s.profile.emergency} | {p.phone for p in people}
    found |= {sv.phone for sv in s.handbook.all_services} | {w.phone for w in windows}
    found |= {s.profile.office_phone, s.profile.supervision_phone}
    found |= {s.grids.supervision_phone} if s.grids else set()
    found = {str(n) for phones in found if phones for n in phones}
    return found - {None}


def toc(text: list[str]) -> dict[str, int]:
    entries = {}
    for page in text[1:4]:
        for line in page.splitlines():
            match = TOC_LINE.match(line.strip())
            if match:
                entries[flat(match.group(1))] = int(match.group(2))
    return entries


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_every_service_window_grid_and_phone_is_in_the_text(pdfs: dict, case: tuple) -> None:
    s = PROJECT.settlement(case[0])
    every_page = pages(pdfs[case])
    text = flat("".join(every_page))
    for service in s.handbook.all_services:
        assert flat(service.name) in text, service.name
        for document in service.documents:
            assert "□" + flat(document) in text, (service.id, document)  # a checklist item
    for window in s.windows.windows:
        assert flat(f"{window.number}号窗口{window.name}") in text, window.id
    for grid in s.grids.grids if s.grids else []:
        assert flat(grid.name) in text and flat(grid.leader.name) in text
    assert not {p for p in phones(s) if p not in text}
    assert all(s.handbook.edition in flat(page) for page in every_page), "the edition on every page"


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_toc_page_numbers_are_where_sections_and_services_start(pdfs: dict, case: tuple) -> None:
    s = PROJECT.settlement(case[0])
    text = pages(pdfs[case])
    entries = toc(text)
    for category in s.handbook.categories:
        start = entries[flat(category.name)]
        assert flat(category.name) in flat(text[start - 1]), category.id
        previous = text[start - 2].splitlines()
        assert category.name not in "".join(previous[:3]), f"{category.id} starts a new page"
        for service in category.services:
            page = flat(text[entries[flat(service.name)] - 1])
            assert flat(service.name) in page, service.id
            # the heading is never split from its checklist
            for document in service.documents:
                assert "□" + flat(document) in page, (service.id, document)
    assert entries[flat("紧急和常用电话")] == len(text), "the emergency numbers are the back cover"
    footer = re.compile(r"第 (\d+) 页 / 共 (\d+) 页")
    for number, page in enumerate(text, 1):
        assert footer.search(page).groups() == (str(number), str(len(text)))


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_fonts_are_embedded_and_page_size_and_metadata(pdfs: dict, case: tuple) -> None:
    rows = tool("pdffonts", str(pdfs[case])).splitlines()[2:]
    assert rows and all("Noto-Sans-CJK-SC" in row for row in rows), "no glyph fell back"
    for row in rows:
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row)
        assert emb and emb.group(1) == "yes", row
    info = dict(
        line.split(":", 1) for line in tool("pdfinfo", str(pdfs[case])).splitlines() if ":" in line
    )
    s = PROJECT.settlement(case[0])
    assert info["Title"].strip() == s.handbook.title
    assert info["Author"].strip() == s.profile.name
    size = map(float, re.findall(r"[\d.]+", info["Page size"])[:2])
    assert all(abs(a - b) <= 1 for a, b in zip(size, SIZES[case[1]], strict=True)), info


SUBJECTS = {  # who publishes it, then the title in 《》: the two names never run together
    "xintiandi": "示范县新天地易地扶贫搬迁集中安置点社区《新天地社区便民服务手册》"
    "（2026年10月版），网上版：https://example.org/anzhi/xintiandi/",
    "longquan": "示范县龙泉乡龙泉新村易地扶贫搬迁集中安置点《龙泉新村便民服务手册》"
    "（2026年6月版），网上版：https://example.org/anzhi/longquan/",
    "anjiayuan": "示范县石门镇安家园易地扶贫搬迁集中安置点社区《安家园社区便民服务手册》"
    "（2026年9月版），网上版：https://example.org/anzhi/anjiayuan/",
}


def catalog(path: Path) -> bytes:
    """The PDF's compressed object streams, inflated: the catalog and its entries live there."""
    data = path.read_bytes()
    found = b""
    for match in re.finditer(rb"/Type\s*/ObjStm[^>]*>>\s*stream\r?\n", data):
        found += zlib.decompressobj().decompress(data[match.end() :])
    return found


@pytest.mark.parametrize("case", CASES, ids="-".join)
def test_the_pdf_is_tagged_pdf_ua_with_its_title_subject_and_language(
    pdfs: dict, case: tuple
) -> None:
    """pdfinfo reads Tagged: yes, the exact Title and Subject; the catalog says zh-CN, marked
    content with a structure tree, and the viewer shows the title (PDF/UA-1, in the XMP)."""
    info = dict(
        line.split(":", 1) for line in tool("pdfinfo", str(pdfs[case])).splitlines() if ":" in line
    )
    s = PROJECT.settlement(case[0])
    assert info["Tagged"].strip() == "yes"
    assert info["Title"].strip() == s.handbook.title
    assert info["Subject"].strip() == SUBJECTS[case[0]]
    assert 'pdfuaid:part="1"' in tool("pdfinfo", "-meta", str(pdfs[case]))
    objects = catalog(pdfs[case])
    assert b"/Lang (zh-CN)" in objects
    assert b"/MarkInfo <</Marked true>>" in objects and b"/StructTreeRoot " in objects
    assert b"/DisplayDocTitle true" in objects


def test_an_untagged_pdf_on_the_shelf_is_never_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF options are part of a handbook's key: after tagging was turned on, the shelf's
    untagged PDF of the same HTML is not handed out again."""

    class Laid:
        pages = (None,)

        def write_pdf(self, **options: object) -> bytes:
            return repr(sorted(options.items())).encode()

    shelf: dict[str, object] = {}

    class Shelf:
        def get(self, name: str) -> object | None:
            return shelf.get(name)

        def put(self, name: str, value: object) -> None:
            shelf[name] = value

    monkeypatch.setattr(handbook_pdf, "_layout", lambda html, css: Laid())
    monkeypatch.setattr(handbook_pdf, "_CACHE", type(handbook_pdf._CACHE)())
    s = PROJECT.settlement("longquan")
    monkeypatch.setattr(handbook_pdf, "PDF_OPTIONS", {})  # as built before the tags
    untagged = handbook_pdf.printed(PROJECT.portal, s, "a5", TODAY, Shelf())
    assert untagged.data == b"[]" and len(shelf) == 1
    monkeypatch.undo()
    monkeypatch.setattr(handbook_pdf, "_layout", lambda html, css: Laid())
    monkeypatch.setattr(handbook_pdf, "_CACHE", type(handbook_pdf._CACHE)())
    tagged = handbook_pdf.printed(PROJECT.portal, s, "a5", TODAY, Shelf())
    assert b"pdf/ua-1" in tagged.data and b"('pdf_tags', True)" in tagged.data
    assert len(shelf) == 2, "kept under a key of its own"
    assert handbook_pdf.printed(PROJECT.portal, s, "a5", TODAY, Shelf()) is tagged


def decode_page(pdf: Path, number: int, folder: Path) -> list[str]:
    """Every QR code on one page of the PDF, decoded by zbar."""
    prefix = folder / f"page{number}"
    tool("pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-f", str(number),
         "-l", str(number), str(pdf), str(prefix))  # fmt: skip
    return tool("zbarimg", "-q", "--raw", f"{prefix}.png").split()


@pytest.mark.parametrize("case", [("xintiandi", "a5"), ("anjiayuan", "a4")], ids="-".join)
def test_qr_codes_lead_to_the_portal_each_category_and_each_service_page(
    pdfs: dict, case: tuple, tmp_path: Path
) -> None:
    """The cover's code opens the portal; a category's opens its list on the 办事指南 index;
    each service's opens that service's own page (handbook/<id>/)."""
    home = f"{PROJECT.portal.base_url}{case[0]}/"
    entries = toc(pages(pdfs[case]))
    categories = PROJECT.settlement(case[0]).handbook.categories
    assert decode_page(pdfs[case], 1, tmp_path) == [home]
    for c in (categories[0], categories[-1]):
        number = entries[flat(c.name)]
        decoded = decode_page(pdfs[case], number, tmp_path)
        on_page = [sv for sv in c.services if entries[flat(sv.name)] == number]
        assert on_page, c.id
        wanted = {f"{home}handbook/#cat-{c.id}"} | {f"{home}handbook/{sv.id}/" for sv in on_page}
        assert wanted <= set(decoded), (number, decoded)


def test_every_service_has_a_code_to_its_page(pdfs: dict, tmp_path: Path) -> None:
    """龙泉新村's A5 handbook: every service page decodes from the page its heading is on."""
    s = PROJECT.settlement("longquan")
    home = f"{PROJECT.portal.base_url}{s.slug}/"
    entries = toc(pages(pdfs["longquan", "a5"]))
    found: set[str] = set()
    for number in sorted({entries[flat(sv.name)] for sv in s.handbook.all_services}):
        found |= set(decode_page(pdfs["longquan", "a5"], number, tmp_path))
    for sv in s.handbook.all_services:
        assert f"{home}handbook/{sv.id}/" in found, sv.id


@pytest.mark.parametrize("paper", ["a5", "a4"])
def test_type_is_large_black_and_well_spaced(paper: str) -> None:
    """Body ≥ 12 pt (A5) / 14 pt (A4), nothing below 10 pt, line height ≥ 1.5, black text."""
    from weasyprint.formatting_structure.boxes import TextBox

    try:
        document = handbook_pdf.render_document(
            PROJECT.portal, PROJECT.settlement("longquan"), paper, TODAY
        )
    except SetupError as exc:
        absent(exc.message)
    sizes: Counter[float] = Counter()
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, TextBox) and box.text.strip():
                style = box.style
                points = style["font_size"] * 0.75
                sizes[round(points, 1)] += len(box.text)
                assert points >= 10, (box.text, points)
                assert isinstance(style["line_height"], float), box.text
                assert style["line_height"] >= 1.5, box.text
                assert tuple(style["color"].coordinates) == (0, 0, 0), box.text
    assert sizes.most_common(1)[0][0] >= {"a5": 12, "a4": 14}[paper], "the body size"
    assert document.metadata.lang == "zh-CN"
    bookmarks = [label for label, *_ in document.make_bookmark_tree()]
    categories = [c.name for c in PROJECT.settlement("longquan").handbook.categories]
    assert set(categories) <= set(bookmarks) and "紧急和常用电话" in bookmarks


def test_handbook_alone_with_staff_markup_prints_literally(tmp_path: Path) -> None:
    """No windows.yml, no grids.yml, no edition: the handbook still prints, text as written."""
    s = PROJECT.settlement("longquan")
    odd = "身份证<b>代办</b>&amp;{{ x }}"
    categories = [
        c.model_copy(update={"services": [
            sv.model_copy(update={"window": None, "name": odd if i == 0 else sv.name})
            for i, sv in enumerate(c.services)
        ]})
        for c in s.handbook.categories
    ]  # fmt: skip
    handbook = s.handbook.model_copy(update={"categories": categories, "edition": None})
    alone = dataclasses.replace(s, handbook=handbook, windows=None, grids=None)
    try:
        printed = handbook_pdf.printed(PROJECT.portal, alone, "a5", TODAY)
    except SetupError as exc:
        absent(exc.message)
    path = tmp_path / "alone.pdf"
    path.write_bytes(printed.data)
    text = pages(path)
    assert odd in "".join(text)
    # without 版次 the edition is the month of the data's last update, not of the print run
    updated = s.profile.updated
    assert f"{updated.year}年{updated.month}月版" in text[-1]
    entries = toc(text)
    assert "办公时间和服务窗口" not in entries and "网格和联系人" not in entries
    assert entries["紧急和常用电话"] == len(text) == printed.pages


def test_sample_site_offers_both_pdfs_with_size_and_pages(sample_site: Path) -> None:
    for s in PROJECT.settlements:
        listed = article(sample_site / s.slug / "downloads" / "index.html").get_text(" ")
        for paper in ("a5", "a4"):
            path = sample_site / s.slug / "downloads" / handbook_pdf.file_name(s.slug, paper)
            assert path.read_bytes().startswith(b"%PDF-")
            printed = handbook_pdf.printed(PROJECT.portal, s, paper, TODAY)
            assert len(printed.data) == path.stat().st_size
            assert f"下载打印版手册（{printed.label}）" in listed
            assert f"{printed.pages} 页" in printed.label and printed.size_text[-2:] in "KBMB"
        a5 = handbook_pdf.file_name(s.slug, "a5")
        home = article(sample_site / s.slug / "index.html")
        assert "下载打印版手册（A5" in home.find("a", href=f"downloads/{a5}").get_text()
        guide = article(sample_site / s.slug / "handbook" / "index.html")
        assert guide.find("a", href=f"../downloads/{a5}") is not None


def test_no_pdf_build_says_so(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(SAMPLE, out, only=["longquan"], today=TODAY, pdf=False)
    assert not list(out.rglob("*.pdf"))
    page = article(out / "longquan" / "downloads" / "index.html").get_text()
    assert "没有包含打印版手册" in page
    assert "下载打印版手册" not in article(out / "longquan" / "index.html").get_text()


def portal(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    command = [sys.executable, "-m", "generator.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env=environ, timeout=300)


def test_cli_writes_the_pdf(tmp_path: Path) -> None:
    help_text = portal("handbook", "--help").stdout
    assert "例子" in help_text and "portal handbook" in help_text
    target = tmp_path / "out" / "龙泉手册.pdf"
    result = portal("handbook", "longquan", "--paper", "a4", "-o", str(target),
                    "--data", str(SAMPLE), "--today", TODAY.isoformat())  # fmt: skip
    if result.returncode == 2 and "fonts-noto-cjk" in result.stderr:
        absent("fonts-noto-cjk")
    assert result.returncode == 0, result.stderr
    assert "已生成" in result.stdout and "A4，" in result.stdout
    assert target.read_bytes().startswith(b"%PDF-")


def test_missing_font_is_a_chinese_setup_error(tmp_path: Path) -> None:
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n")
    target = tmp_path / "x.pdf"
    result = portal("handbook", "longquan", "--data", str(SAMPLE), "-o", str(target),
                    env={"FONTCONFIG_FILE": str(conf)})  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "中文字体" in result.stderr and "fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not target.exists()


def test_missing_pango_is_a_chinese_setup_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = __import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr("builtins.__import__", no_pango)
    with pytest.raises(SetupError) as raised:
        handbook_pdf._weasyprint()
    assert "libpango-1.0-0" in raised.value.hint and "系统库" in raised.value.message


def test_settlement_without_handbook_is_a_data_error(data_copy: Path) -> None:
    (data_copy / "settlements" / "longquan" / "handbook.yml").unlink()
    result = portal("handbook", "longquan", "--data", str(data_copy))
    assert result.returncode == 1
    assert "handbook.yml" in result.stderr and "Traceback" not in result.stderr
