"""The loaded data: what one settlement's files hold, typed, and the whole tree.

``Loaded`` is whatever could be read of a settlement, whatever failed (the
checks' input); ``SettlementData`` is a settlement with no mistakes (what is
published); ``Project`` is the hub's settings with every settlement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.contract.councils import Councils
from generator.contract.fund_periods import Budget, PeriodHeader
from generator.contract.funds import Account
from generator.contract.grids import Grids
from generator.contract.handbook import Handbook
from generator.contract.lists import ListMeta, ListPerson
from generator.contract.notices import NoticeMeta
from generator.contract.portal import Portal
from generator.contract.sanzi import Assets, Contracts, Resources
from generator.contract.settlement import Settlement
from generator.contract.windows import Windows
from generator.read.ledger import Ledger
from generator.read.located import Located


@dataclass(frozen=True)
class Notice:
    """A notice (通知公告): its front matter and Markdown body."""

    path: Path
    meta: NoticeMeta
    body: str


@dataclass(frozen=True)
class PostedList:
    """A beneficiary list (名单公示): its header and its people, from the YAML or its table."""

    path: Path
    meta: ListMeta
    people: tuple[ListPerson, ...]


@dataclass(frozen=True)
class FundPeriod:
    """One disclosed month or quarter: the header staff wrote and the ledger it names."""

    header: PeriodHeader
    path: Path
    ledger: Ledger
    source: Located | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class FundBudget:
    """One year's plan (budget-<year>.yml) and, at year end, its 决算."""

    budget: Budget
    path: Path
    source: Located | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Funds:
    account: Account
    periods: tuple[FundPeriod, ...]  # oldest first
    budgets: tuple[FundBudget, ...] = ()  # oldest first


@dataclass(frozen=True)
class Sanzi:
    """三资公开: whichever of sanzi/assets.yml, contracts.yml and resources.yml there are."""

    assets: Assets | None = None
    contracts: Contracts | None = None
    resources: Resources | None = None
    # where each file's values stand (by stem), for the checks' messages
    sources: Mapping[str, Located] = field(default_factory=dict, compare=False, repr=False)
    paths: Mapping[str, Path] = field(default_factory=dict, compare=False, repr=False)

    @property
    def present(self) -> bool:
        return any((self.assets, self.contracts, self.resources))


@dataclass(frozen=True)
class SettlementData:
    """Everything published for one settlement; only the profile is required."""

    slug: str
    folder: Path
    profile: Settlement
    handbook: Handbook | None = None
    windows: Windows | None = None
    grids: Grids | None = None
    councils: Councils | None = None
    charter: str | None = None
    funds: Funds | None = None
    notices: tuple[Notice, ...] = ()
    lists: tuple[PostedList, ...] = ()  # every valid list; posted(today) says which are shown
    sanzi: Sanzi | None = None  # None without a sanzi/ folder holding any of its files


@dataclass(frozen=True)
class Document:
    """A file as it was read, for the checks that look at its text (the privacy scan).

    A YAML file (or a notice's front matter) is ``located``, with the model it is
    validated against (which says where a staff member's phone may stand); a
    Markdown body is ``text`` starting at ``first_line``; a table (a list's people
    file) is ``cells``: (line, column, value) as read.
    """

    path: Path
    located: Located | None = None
    model: type[BaseModel] | None = None
    text: str | None = None
    first_line: int = 1
    cells: tuple[tuple[int, int, object], ...] | None = None


@dataclass(frozen=True)
class Loaded:
    """What could be read of one settlement, whatever failed: the cross-file checks' input.

    ``failed`` names the parts with mistakes ("settlement", "handbook", "windows",
    "grids", "councils", "charter", "funds", "notices", "lists", "sanzi"); a rule whose
    input failed is skipped, and says so.
    """

    slug: str
    folder: Path
    profile: Settlement | None
    handbook: Handbook | None = None
    windows: Windows | None = None
    grids: Grids | None = None
    councils: Councils | None = None
    charter: str | None = None
    account: Account | None = None
    periods: tuple[FundPeriod, ...] = ()  # oldest first; a ledger may be incomplete
    budgets: tuple[FundBudget, ...] = ()
    has_funds: bool = False  # the funds/ folder exists
    notices: tuple[Notice, ...] = ()
    lists: tuple[PostedList, ...] = ()
    sanzi: Sanzi | None = None
    # where each YAML file's values stand, for the cross-file checks' messages
    sources: Mapping[str, Located] = field(default_factory=dict, compare=False, repr=False)
    documents: tuple[Document, ...] = field(default=(), compare=False, repr=False)
    failed: frozenset[str] = frozenset()

    @property
    def funds(self) -> Funds | None:
        if not self.has_funds or self.account is None:
            return None
        return Funds(self.account, self.periods, self.budgets)

    def complete(self) -> SettlementData | None:
        """The settlement as published, when every part loaded; else None."""
        if self.failed or self.profile is None:  # a ledger with mistakes fails "funds"
            return None
        return SettlementData(
            self.slug,
            self.folder,
            self.profile,
            handbook=self.handbook,
            windows=self.windows,
            grids=self.grids,
            councils=self.councils,
            charter=self.charter,
            funds=self.funds,
            notices=self.notices,
            lists=self.lists,
            sanzi=self.sanzi,
        )


@dataclass(frozen=True)
class Project:
    """The hub's settings and every settlement, validated."""

    root: Path
    portal: Portal
    settlements: tuple[SettlementData, ...]

    def settlement(self, slug: str) -> SettlementData:
        return next(s for s in self.settlements if s.slug == slug)
