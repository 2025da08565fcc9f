"""居民公约与七会: the charter's full text and each council's members and decisions."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2

from generator.contract.councils import COUNCIL_KINDS, Council, Decision
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section

KIND_ORDER = {kind: index for index, kind in enumerate([*COUNCIL_KINDS, "other"])}
_FIRST_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")


@dataclass(frozen=True)
class CouncilView:
    council: Council
    anchor: str  # the section's id on the page
    decisions: tuple[Decision, ...]  # newest first


def council_views(councils: list[Council]) -> tuple[CouncilView, ...]:
    """The seven in the contract's order, then the others in the order staff wrote them."""
    ordered = sorted(councils, key=lambda c: KIND_ORDER[c.kind])  # stable: others keep order
    views = []
    others = 0
    for council in ordered:
        if council.kind == "other":
            others += 1
            anchor = f"council-other-{others}"
        else:
            anchor = f"council-{council.kind.replace('_', '-')}"
        decisions = sorted(council.decisions, key=lambda d: d.date, reverse=True)
        views.append(CouncilView(council, anchor, tuple(decisions)))
    return tuple(views)


def charter_body(text: str | None, title: str) -> str:
    """The charter's text without its own title line when it repeats the title shown above."""
    if not text:
        return ""
    match = _FIRST_HEADING.match(text)
    if match and "".join(match.group(1).split()) == "".join(title.split()):
        return text[match.end() :]
    return text


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    s = context.settlement
    assert s.councils is not None
    charter = s.councils.charter
    text = render_template(
        env,
        "portal/councils.md.j2",
        context,
        charter=charter,
        charter_text=charter_body(s.charter, charter.title),
        councils=council_views(s.councils.councils),
    )
    return [Page("councils.md", SECTION.title, text)]


SECTION = Section(
    slug="councils",
    title="居民公约与七会",
    description="居民公约全文，七个议事组织和它们的决定",
    order=50,
    present=lambda s: s.councils is not None,
    render=render,
)
