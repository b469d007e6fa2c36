"""Deals (商机) as plain data: stages, lost reasons, what a deal holds, and the rules about them.

A deal belongs to a customer (optionally a contact) and moves through the team's
*stages* (a team setting, :class:`DealSettings`): the open stages in order, then
one "won" and one "lost" stage.  The default stages are 初步接洽 → 需求确认 →
方案报价 → 谈判 → 赢单 / 输单; their names are translated (context ``deals``),
a stage the team renamed or added shows the name as typed.

A deal *goes quiet* (:func:`quiet_deal`) when nobody logged a contact with its
customer for longer than its stage usually takes: the median number of days deals
of the team's own closed history spent in that stage (:func:`usual_days`, once
there are ``min_history`` examples), else the stage's ``usual_days`` setting.

A deal's *win probability* is learned the same way (:func:`win_rates`): per open stage, the share of the team's
closed deals that went through the stage and were won, once ``min_history`` closed deals went through it, else
the stage's ``win_percent`` setting (the prior until there is history).  The weighted pipeline
(:func:`pipeline`) sums the open deals' amounts times their stage's probability.

Standard library only.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from operator import attrgetter

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, Translate
from crm_desktop.domain.products import LineInput

CONTEXT = "deals"
"""Translation context of the deal texts."""

OPEN, WON, LOST = "open", "won", "lost"
OUTCOMES = (OPEN, WON, LOST)

STAGE_NAMES: dict[str, str] = {
    "contact": QT_TRANSLATE_NOOP("deals", "Contact made"),
    "needs": QT_TRANSLATE_NOOP("deals", "Needs confirmed"),
    "proposal": QT_TRANSLATE_NOOP("deals", "Proposal/quote"),
    "negotiation": QT_TRANSLATE_NOOP("deals", "Negotiation"),
    "won": QT_TRANSLATE_NOOP("deals", "Won"),
    "lost": QT_TRANSLATE_NOOP("deals", "Lost"),
}
"""Names of the default stages (English source text, translated in context ``deals``)."""

LOST_REASONS: dict[str, str] = {
    "price": QT_TRANSLATE_NOOP("deals", "Price"),
    "competitor": QT_TRANSLATE_NOOP("deals", "Competitor"),
    "timing": QT_TRANSLATE_NOOP("deals", "Timing"),
    "no_budget": QT_TRANSLATE_NOOP("deals", "No budget"),
    "other": QT_TRANSLATE_NOOP("deals", "Other"),
}
"""Why a deal was lost: key → label (feeds the team's figures)."""

MAX_STAGES = 12
MAX_USUAL_DAYS = 365
MAX_TITLE = 200


@dataclass(frozen=True)
class Stage:
    """One stage: ``key`` (stored on deals), ``name`` ("" = the default name of the key, translated),
    ``outcome`` (open / won / lost), ``usual_days`` (how long a deal usually stays, until the history says),
    ``win_percent`` (the chance a deal in it is won, until the history says)."""

    key: str
    name: str = ""
    outcome: str = OPEN
    usual_days: int = 7
    win_percent: int = 20

    def label(self, translate: Translate | None = None) -> str:
        """The stage's name in the reader's language."""
        if self.name:
            return self.name
        default = STAGE_NAMES.get(self.key, self.key)
        return translate(CONTEXT, default) if translate else default


DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage("contact", usual_days=7, win_percent=10), Stage("needs", usual_days=7, win_percent=25),
    Stage("proposal", usual_days=5, win_percent=50), Stage("negotiation", usual_days=10, win_percent=70),
    Stage("won", outcome=WON, usual_days=0, win_percent=100), Stage("lost", outcome=LOST, usual_days=0, win_percent=0),
)
DEFAULT_WIN_PERCENT = {s.key: s.win_percent for s in DEFAULT_STAGES}
"""The prior of a default stage stored before stages had one."""


@dataclass(frozen=True)
class DealSettings:
    """The team's deal settings: the stages in order (open ones first, then won, then lost) and how many
    closed deals a stage needs before its usual time is learned from them (``min_history``)."""

    stages: tuple[Stage, ...] = DEFAULT_STAGES
    min_history: int = 5

    @property
    def open_stages(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.outcome == OPEN)

    @property
    def won(self) -> Stage:
        return next(s for s in self.stages if s.outcome == WON)

    @property
    def lost(self) -> Stage:
        return next(s for s in self.stages if s.outcome == LOST)

    def stage(self, key: str) -> Stage:
        """The stage *key*; a key the settings no longer have (a stage removed, or a teammate's) counts as the
        first open stage."""
        for s in self.stages:
            if s.key == key:
                return s
        return self.open_stages[0]

    def outcome(self, key: str) -> str:
        return self.stage(key).outcome

    def next_open(self, key: str) -> Stage | None:
        """The open stage after *key* (None after the last one, or for a closed deal)."""
        opened = self.open_stages
        keys = [s.key for s in opened]
        if key not in keys:
            return opened[0] if self.outcome(key) == OPEN else None
        i = keys.index(key)
        return opened[i + 1] if i + 1 < len(opened) else None


def new_stage_key() -> str:
    """A key for a stage the team adds (the same on every laptop once merged: it travels in the setting)."""
    return "s" + uuid.uuid4().hex[:10]


def stages_to_json(stages: Sequence[Stage]) -> list[dict[str, object]]:
    return [{"key": s.key, "name": s.name, "outcome": s.outcome, "usual_days": s.usual_days,
             "win_percent": s.win_percent} for s in stages]


def stages_from_json(value: object) -> tuple[Stage, ...] | None:
    """Stages as stored in the team setting; None when the value is not a usable list of stages."""
    if not isinstance(value, list):
        return None
    out = []
    for item in value:
        if not isinstance(item, dict):
            return None
        key, name, outcome, days = item.get("key"), item.get("name", ""), item.get("outcome"), item.get("usual_days")
        if not isinstance(key, str) or not key or len(key) > 16 or not isinstance(name, str) or len(name) > 40:
            return None
        if outcome not in OUTCOMES or not isinstance(days, int) or isinstance(days, bool):
            return None
        win = item.get("win_percent", DEFAULT_WIN_PERCENT.get(key, 20))
        if not isinstance(win, int) or isinstance(win, bool):
            return None
        win = 100 if outcome == WON else 0 if outcome == LOST else max(0, min(100, win))
        out.append(Stage(key, name.strip(), str(outcome), max(0, min(MAX_USUAL_DAYS, days)), win))
    stages = tuple(out)
    return stages if not stage_errors(stages) else None


def stage_errors(stages: Sequence[Stage]) -> list[str]:
    """What is wrong with *stages* as the team's stages (English source texts, context ``errors``)."""
    errors = []
    opened = [s for s in stages if s.outcome == OPEN]
    if not opened:
        errors.append(QT_TRANSLATE_NOOP("errors", "Keep at least one open stage."))
    if len(opened) > MAX_STAGES:
        errors.append(QT_TRANSLATE_NOOP("errors", "Twelve open stages at most."))
    closed = tuple(s for s in stages if s.outcome != OPEN)
    if [s.outcome for s in closed] != [WON, LOST] or tuple(stages[-2:]) != closed:
        errors.append(QT_TRANSLATE_NOOP("errors", "The stages end with one Won and one Lost stage."))
    if len({s.key for s in stages}) != len(stages):
        errors.append(QT_TRANSLATE_NOOP("errors", "Two stages have the same key."))
    labels = [s.name or s.key for s in stages]
    if len(set(labels)) != len(labels):
        errors.append(QT_TRANSLATE_NOOP("errors", "Two stages have the same name."))
    if any(s.outcome == OPEN and not 1 <= s.usual_days <= MAX_USUAL_DAYS for s in stages):
        errors.append(QT_TRANSLATE_NOOP("errors", "A stage usually takes between 1 and 365 days."))
    return errors


# --- deals ----------------------------------------------------------------------------------------------------


@dataclass
class DealInput:
    """A deal as typed in its dialog.  ``amount`` is text as typed ("12,800.50"); ``stage`` a stage key
    (None: the first open stage); ``lines`` the products on it (:class:`crm_desktop.domain.products.LineInput`;
    None: leave the stored lines as they are).  A deal with lines has their total as its amount."""

    customer_id: str
    title: str = ""
    amount: str = ""
    currency: str = "CNY"
    expected_close: date | None = None
    stage: str | None = None
    contact_id: str | None = None
    owner: str = ""
    source: str = ""
    notes: str = ""
    lines: tuple[LineInput, ...] | None = None


@dataclass(slots=True)
class DealRow:
    """A deal as the board, the list and the customer's tab show it.  Read-only by convention (changes make a
    new row with :func:`dataclasses.replace`): not frozen, because a frozen one costs nearly three times as much
    to build, and the board builds tens of thousands."""

    id: str
    customer_id: str
    customer_name: str
    contact_id: str | None
    title: str
    amount_minor: int
    currency: str
    expected_close: date | None
    stage: str
    owner: str
    source: str
    notes: str
    created_at: datetime
    stage_since: datetime
    closed_at: datetime | None = None
    lost_reason: str | None = None

    def days_in_stage(self, now: datetime) -> int:
        """Whole days since the deal entered its stage."""
        return max(0, (now - self.stage_since).days)


@dataclass(frozen=True, slots=True)
class StageChange:
    """One move of a deal: from stage (None at creation) to stage, when and by whom."""

    deal_id: str
    at: datetime
    actor: str
    from_stage: str | None
    to_stage: str


def board_columns(rows: Iterable[DealRow], settings: DealSettings) -> dict[str, list[DealRow]]:
    """The open deals by open stage (every open stage has its list, oldest in stage first); a deal of a stage
    the settings do not have goes to the first open stage."""
    cols: dict[str, list[DealRow]] = {s.key: [] for s in settings.open_stages}
    first = settings.open_stages[0].key
    closed = {s.key for s in settings.stages if s.outcome != OPEN}
    for r in rows:
        col = cols.get(r.stage)
        if col is not None:
            col.append(r)
        elif r.stage not in closed:
            cols[first].append(r)
    by_age = attrgetter("stage_since", "id")
    for lst in cols.values():
        lst.sort(key=by_age)
    return cols


SORT_KEYS = ("customer", "title", "amount", "stage", "days", "expected_close", "owner")


def validate_title(title: str) -> str | None:
    if not title.strip():
        return QT_TRANSLATE_NOOP("errors", "Give the deal a title.")
    if len(title) > MAX_TITLE:
        return QT_TRANSLATE_NOOP("errors", "The title is too long (200 characters at most).")
    return None


# --- quiet deals (the call list) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class UsualDays:
    """How long deals usually stay in a stage: ``days``, and ``sample`` closed deals it was learned from
    (0: the team's setting)."""

    days: float
    sample: int = 0


def stage_durations(changes: Iterable[StageChange], closed: Mapping[str, str]) -> dict[str, list[float]]:
    """Days each closed deal spent in each open stage it left: stage key → durations.

    *changes*: stage changes of many deals, any order; *closed*: deal id → its won/lost stage key, for the
    deals that are closed (only their history counts: an open deal's current stage has no end yet)."""
    by_deal: dict[str, list[StageChange]] = {}
    for c in changes:
        if c.deal_id in closed:
            by_deal.setdefault(c.deal_id, []).append(c)
    out: dict[str, list[float]] = {}
    for hist in by_deal.values():
        hist.sort(key=lambda c: c.at)
        for before, after in zip(hist, hist[1:]):
            if after.from_stage is not None and after.from_stage != before.to_stage:
                continue  # a merged history with a gap: this span is not one stay
            out.setdefault(before.to_stage, []).append(max(0.0, (after.at - before.at).total_seconds() / 86400.0))
    return out


def usual_days(settings: DealSettings, durations: Mapping[str, Sequence[float]]) -> dict[str, UsualDays]:
    """Per open stage: the median of the team's closed history when it has at least ``min_history`` examples
    (at least a day: deals clicked through a stage in minutes do not make every open deal quiet at once),
    else the stage's setting."""
    out = {}
    for s in settings.open_stages:
        found = durations.get(s.key, ())
        if len(found) >= max(1, settings.min_history):
            out[s.key] = UsualDays(max(1.0, float(statistics.median(found))), len(found))
        else:
            out[s.key] = UsualDays(float(s.usual_days), 0)
    return out


@dataclass(frozen=True)
class QuietDeal:
    """An open deal nobody followed up: ``days_in_stage`` so far, ``quiet_days`` since the customer's last
    contact (or since the deal entered its stage, when later), the stage's ``usual``; ``stage`` the stage it
    counts in (a stage the settings lost counts as the first) and ``stage_name`` the team's name for it
    ("" for a default stage, which the reader's language names)."""

    deal: DealRow
    days_in_stage: int
    quiet_days: int
    usual: UsualDays
    stage: str = ""
    stage_name: str = ""


def quiet_deal(deal: DealRow, last_contact: datetime | None, usual: Mapping[str, UsualDays],
               settings: DealSettings, now: datetime) -> QuietDeal | None:
    """The deal as a quiet deal when no contact was logged with its customer for longer than its stage usually
    takes (counted from the later of the last contact and entering the stage), else None."""
    stage = settings.stage(deal.stage)
    if stage.outcome != OPEN:
        return None
    u = usual.get(stage.key) or UsualDays(float(stage.usual_days))
    since = deal.stage_since if last_contact is None else max(last_contact, deal.stage_since)
    quiet = (now - since).total_seconds() / 86400.0
    if quiet <= u.days:
        return None
    return QuietDeal(deal, deal.days_in_stage(now), int(quiet), u, stage.key, stage.name)


def with_stage(deal: DealRow, stage: str, at: datetime, closed: bool, lost_reason: str | None) -> DealRow:
    """*deal* moved to *stage* at *at* (what the board shows before reading it back)."""
    return replace(deal, stage=stage, stage_since=at, closed_at=at if closed else None,
                   lost_reason=lost_reason if closed else None)


@dataclass(frozen=True)
class MoveUndo:
    """What a move changed, so undo can put it back: the deal's previous stage fields and the history row."""

    deal_id: str
    customer_id: str
    stage: str
    stage_since: datetime
    closed_at: datetime | None
    lost_reason: str | None
    change_id: str
    extra: dict[str, object] = field(default_factory=dict)


# --- win probability and the weighted pipeline -----------------------------------------------------------------


@dataclass(frozen=True)
class WinRate:
    """The chance a deal in a stage is won: ``percent``, learned from ``sample`` closed deals that went through
    the stage (``learned``), or the stage's setting while fewer than ``min_history`` did (``sample`` then says
    how many there are so far)."""

    percent: float
    sample: int
    learned: bool


def stage_outcomes(settings: DealSettings, changes: Iterable[StageChange], closed: Mapping[str, str]
                   ) -> dict[str, tuple[int, int]]:
    """Per stage: (closed deals that entered it, of those won), from their histories (*changes*; *closed*: deal
    id → its won/lost stage key).  What :func:`crm_desktop.db.deals.stage_outcomes` counts in SQL."""
    through: dict[str, set[str]] = {}
    for c in changes:
        if c.deal_id in closed:
            through.setdefault(c.to_stage, set()).add(c.deal_id)
    won = settings.won.key
    return {stage: (len(deals), sum(1 for x in deals if closed[x] == won)) for stage, deals in through.items()}


def win_rates(settings: DealSettings, outcomes: Mapping[str, tuple[int, int]]) -> dict[str, WinRate]:
    """Per open stage: of the closed deals that went through it (*outcomes*: stage → (deals, won)), the share
    that was won — once at least ``min_history`` did — else the stage's ``win_percent``."""
    out = {}
    for s in settings.open_stages:
        n, won = outcomes.get(s.key, (0, 0))
        if n >= max(1, settings.min_history):
            out[s.key] = WinRate(100.0 * won / n, n, True)
        else:
            out[s.key] = WinRate(float(s.win_percent), n, False)
    return out


@dataclass(frozen=True)
class Pipeline:
    """Open deals in one currency: how many, their amount and the amount weighted by win probability (minor
    units)."""

    currency: str
    deals: int
    amount_minor: int
    weighted_minor: int


def pipeline(rows: Iterable[DealRow], rates: Mapping[str, WinRate]) -> list[Pipeline]:
    """The open *rows* summed per currency (largest amount first), each weighted by its stage's rate (a stage
    without a rate, e.g. one removed since, counts at 0 %)."""
    sums: dict[str, list[float]] = {}
    for r in rows:
        rate = rates.get(r.stage)
        acc = sums.setdefault(r.currency, [0, 0, 0.0])
        acc[0] += 1
        acc[1] += r.amount_minor
        acc[2] += r.amount_minor * (rate.percent / 100.0 if rate else 0.0)
    return sorted((Pipeline(c, int(v[0]), int(v[1]), int(round(v[2]))) for c, v in sums.items()),
                  key=lambda p: -p.amount_minor)
