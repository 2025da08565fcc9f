"""手册下载: the printed handbook as PDF, on A5 (booklet) and A4 paper."""

from __future__ import annotations

import jinja2

from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, PrintedHandbook, Section

FOLDER = "downloads"


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    pdfs: tuple[PrintedHandbook, ...] = context.handbook_pdfs
    text = render_template(env, "portal/downloads.md.j2", context, pdfs=pdfs)
    files: list[Page | File] = [File(f"{FOLDER}/{pdf.file_name}", pdf.data) for pdf in pdfs]
    return [Page(f"{FOLDER}.md", SECTION.title, text), *files]


SECTION = Section(
    slug=FOLDER,
    title="手册下载",
    description="打印版便民服务手册（PDF）",
    order=90,
    present=lambda s: s.handbook is not None,
    render=render,
)
