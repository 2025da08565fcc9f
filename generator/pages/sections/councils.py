"""居民公约与七会: the latest decisions of all councils, the charter, then each council.

First 最新议定: the newest decisions of every council in one list (each says which
council took it), then the charter's full text, then the councils one by one.

Each council shows its purpose, term (任期), meeting rhythm, current members, its
standards (红白理事会操办标准) as a table, its decisions (newest first) and its
章程 (rules). A member whose ``until`` month ended before the build's today is
listed apart as 往届成员, without a phone: residents should not call someone
who no longer serves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jinja2

from generator.contract.councils import COUNCIL_KINDS, Council, CouncilMember, Decision
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section

KIND_ORDER = {kind: index for index, kind in enumerate([*COUNCIL_KINDS, "other"])}
_FIRST_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")


@dataclass(frozen=True)
class CouncilView:
    council: Council
    anchor: str  # the section's id on the page
    decisions: tuple[Decision, ...]  # newest first
    members: tuple[CouncilMember, ...] = ()  # serving on the build's today, in staff's order
    former: tuple[CouncilMember, ...] = ()  # 往届: their until month had ended

    @property
    def standards_title(self) -> str:
        return "操办标准" if self.council.kind == "weddings_funerals" else "标准"


def council_views(councils: list[Council], today: dt.date) -> tuple[CouncilView, ...]:
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
        current = tuple(m for m in council.members if not m.former(today))
        former = tuple(m for m in council.members if m.former(today))
        views.append(CouncilView(council, anchor, tuple(decisions), current, former))
    return tuple(views)


LATEST = 8  # decisions in the combined 最新议定 list; each council lists all of its own


@dataclass(frozen=True)
class LatestDecision:
    """A decision in the combined list: which council took it, and where that council is."""

    decision: Decision
    council: str  # its display name
    anchor: str  # the council's section on the page


def latest_decisions(views: tuple[CouncilView, ...], count: int = LATEST) -> list[LatestDecision]:
    """The newest decisions across all councils, newest first (same day: page order)."""
    every = [
        LatestDecision(d, v.council.display_name, v.anchor) for v in views for d in v.decisions
    ]
    return sorted(every, key=lambda item: item.decision.date, reverse=True)[:count]


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
    views = council_views(s.councils.councils, context.today)
    text = render_template(
        env,
        "portal/councils.md.j2",
        context,
        charter=charter,
        charter_text=charter_body(s.charter, charter.title),
        councils=views,
        latest=latest_decisions(views),
        decisions=sum(len(v.decisions) for v in views),
    )
    return [Page("councils.md", SECTION.title, text)]


SECTION = Section(
    slug="councils",
    title="居民公约与七会",
    description="最新议定事项，居民公约全文，七个议事组织",
    order=50,
    present=lambda s: s.councils is not None,
    render=render,
)
