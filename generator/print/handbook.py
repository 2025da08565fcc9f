"""The printed 便民服务手册: one PDF per settlement and paper size, rendered by WeasyPrint.

The PDF comes from its own print template (templates/print/handbook.html.j2 and
handbook.css), not from the web page: a cover with a QR code back to the portal,
a table of contents with page numbers, one chapter per category, the hall's hours
and windows, the grid contacts and the emergency numbers on the back cover.

WeasyPrint needs pango (a system library) and the Noto CJK fonts (Debian's
fonts-noto-cjk, found through fontconfig); when either is missing the render raises
a SetupError that names the package to install, never a traceback.

The PDF is tagged PDF/UA-1 (PDF_OPTIONS) with its title, subject and language zh-CN.

A PDF is keyed on what it is made of: its HTML and stylesheet, the PDF options, the fonts
fontconfig picks and the versions of the libraries that lay it out. Within a
process the home, handbook and downloads pages share ``printed``'s memory; across
builds and days a shelf (generator/sites/checked.py) keeps each settlement's
latest PDFs, so a new day or a change elsewhere never renders an unchanged one.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import warnings
from collections import OrderedDict
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from generator.contract.data import Project, SettlementData
from generator.contract.portal import Portal
from generator.errors import SetupError
from generator.pages.templates import environment, render_template
from generator.pages.types import PrintedHandbook, handbook_file_name
from generator.paths import TEMPLATES
from generator.print.context import PAPERS, print_context

if TYPE_CHECKING:
    import weasyprint

TEMPLATE = "print/handbook.html.j2"
STYLESHEET = TEMPLATES / "print" / "handbook.css"
FONTS = ("Noto Sans CJK SC",)  # the CSS names Noto Serif CJK SC only as a fallback
NO_PDF_HINT = "也可以先用 portal build --no-pdf 生成不含打印版手册的网站。"
_CACHE_SIZE = 12
# the libraries whose version can change a PDF's bytes
LAYOUT_PACKAGES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "pillow")
# Tagged PDF/UA-1: a screen reader follows headings, lists and tables in reading order,
# the language (zh-CN, from <html lang>) and the title come with it. The variant implies
# the tags (WeasyPrint 70 adds them when writing); pdf_tags is named anyway, since render()
# fills in a variant's defaults only for options left at None and pdf_tags defaults to
# False. Part of every PDF's key: an untagged PDF on the shelf is never handed out again.
PDF_OPTIONS: dict[str, str | bool] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


class Shelf(Protocol):
    """Where rendered handbooks are kept between builds, by name."""

    def get(self, name: str) -> object | None: ...

    def put(self, name: str, value: object) -> None: ...


def file_name(slug: str, paper: str) -> str:
    return handbook_file_name(slug, paper)


def render_handbook(
    project: Project, settlement: SettlementData, paper: str, today: dt.date
) -> bytes:
    """The handbook of one settlement as PDF bytes on A5 or A4 paper."""
    return printed(project.portal, settlement, paper, today).data


def printed(
    portal: Portal,
    settlement: SettlementData,
    paper: str,
    today: dt.date,
    shelf: Shelf | None = None,
) -> PrintedHandbook:
    """The rendered handbook with its page count; the same HTML is laid out only once."""
    html, css = _source(portal, settlement, paper, today)
    made_of = [settlement.slug, paper, css, html, _options_stamp(), *_layout_stamp()]
    key = hashlib.sha256("\0".join(made_of).encode()).hexdigest()
    found = _CACHE.get(key)
    if found is not None:
        _CACHE.move_to_end(key)
        if shelf is not None and shelf.get(f"{paper}-{key}") is None:
            shelf.put(f"{paper}-{key}", found)  # laid out in this process for another shelf
        return found
    kept = shelf.get(f"{paper}-{key}") if shelf is not None else None
    if isinstance(kept, PrintedHandbook) and (kept.slug, kept.paper) == (settlement.slug, paper):
        result = kept
    else:
        document = _layout(html, css)
        name = PAPERS[paper].name
        result = PrintedHandbook(
            settlement.slug, paper, name, document.write_pdf(**PDF_OPTIONS), len(document.pages)
        )
        if shelf is not None:
            shelf.put(f"{paper}-{key}", result)
    _CACHE[key] = result
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


# The PDF depends on nothing but its HTML and CSS (and the installed fonts), so those
# are the key: a build, and every rebuild of `portal serve`, renders a handbook once.
_CACHE: OrderedDict[str, PrintedHandbook] = OrderedDict()


def downloads(
    portal: Portal,
    settlement: SettlementData,
    today: dt.date,
    pdf: bool = True,
    shelf: Shelf | None = None,
) -> tuple[PrintedHandbook, ...]:
    """Both papers' PDFs of a settlement with a handbook; none when the build has no PDFs."""
    if not pdf or settlement.handbook is None:
        return ()
    return tuple(printed(portal, settlement, paper, today, shelf) for paper in PAPERS)


def _options_stamp() -> str:
    """The PDF options as text, for the key (sorted, so their order never matters)."""
    return json.dumps(PDF_OPTIONS, sort_keys=True)


@functools.lru_cache(maxsize=1)
def _layout_stamp() -> tuple[str, ...]:
    """The layout libraries' versions and the font files fontconfig picks (name, size, time)."""
    stamp = [f"{name}=={version(name)}" for name in LAYOUT_PACKAGES]
    for family in FONTS:
        for path in sorted(_matched(family)[1]):
            try:
                info = Path(path).stat()
            except OSError:
                continue
            stamp.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return tuple(stamp)


def render_document(
    portal: Portal, settlement: SettlementData, paper: str, today: dt.date
) -> weasyprint.Document:
    """The laid-out document (pages, boxes, bookmarks), before it is written as PDF."""
    return _layout(*_source(portal, settlement, paper, today))


def _source(
    portal: Portal, settlement: SettlementData, paper: str, today: dt.date
) -> tuple[str, str]:
    """The handbook's HTML and its stylesheet (the shared one plus the paper's)."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {sorted(PAPERS)}")
    if settlement.handbook is None:
        raise ValueError(f"{settlement.slug} has no handbook")
    context = print_context(portal, settlement, PAPERS[paper], today)
    html = render_template(environment(), TEMPLATE, context)
    return html, STYLESHEET.read_text(encoding="utf-8") + "\n" + PAPERS[paper].css


def _layout(html: str, css: str) -> weasyprint.Document:
    weasyprint = _weasyprint()
    check_fonts()
    from weasyprint.urls import URLFetcher

    # data: URIs only (the QR codes): a staff member's Markdown never makes the build
    # fetch anything from the network or read a file
    fetcher = URLFetcher(allowed_protocols={"data"})
    base = str(STYLESHEET.parent)
    stylesheet = weasyprint.CSS(string=css, base_url=base, url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
    return document.render(stylesheets=[stylesheet], **PDF_OPTIONS)


def _weasyprint() -> Any:
    """The weasyprint module; a missing system library becomes a SetupError."""
    try:
        with warnings.catch_warnings():  # "No fonts configured": check_fonts says it in Chinese
            warnings.simplefilter("ignore", UserWarning)
            import weasyprint
    except OSError as exc:  # cffi could not open libpango / libgobject / libharfbuzz
        raise SetupError(
            f"生成打印版手册需要的系统库没有安装（{exc}）",
            "请安装 pango：sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0。" + NO_PDF_HINT,
        ) from None
    except ImportError:
        raise SetupError(
            "没有安装生成打印版手册用的 weasyprint",
            "请在项目文件夹运行 make setup（或 .venv/bin/pip install -e .）。" + NO_PDF_HINT,
        ) from None
    return weasyprint


@functools.lru_cache(maxsize=1)
def check_fonts() -> None:
    """Raise SetupError unless fontconfig finds every CJK font the template names."""
    missing = [family for family in FONTS if family not in _matched(family)[0]]
    if missing:
        raise SetupError(
            f"找不到打印版手册要嵌入的中文字体：{'、'.join(missing)}",
            "请安装思源（Noto CJK）字体：sudo apt-get install fonts-noto-cjk，"
            "装好后运行 fc-list :lang=zh 应能看到 Noto Sans CJK SC。" + NO_PDF_HINT,
        )


def _matched(family: str) -> tuple[set[str], set[str]]:
    """The family names and the file of the font fontconfig picks for `family` (its best
    substitute)."""
    _weasyprint()
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    pattern = fontconfig.FcPatternCreate()
    names: set[str] = set()
    files: set[str] = set()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcPatternAddString(pattern, b"lang", b"zh-cn")
        fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return names, files
        value = ffi.new("FcChar8 **")
        index = 0
        while fontconfig.FcPatternGetString(match, b"family", index, value) == 0:
            names.add(ffi.string(value[0]).decode("utf-8", "replace"))
            index += 1
        if fontconfig.FcPatternGetString(match, b"file", 0, value) == 0:
            files.add(ffi.string(value[0]).decode("utf-8", "replace"))
        fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)
        fontconfig.FcConfigDestroy(config)
    return names, files
