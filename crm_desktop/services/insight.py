"""The value analysis where people look: the dashboard's figures and one customer's scores.

Every figure comes from the scoring run the call list already made today
(:meth:`CallListService.day_fit <crm_desktop.services.calllist.CallListService.day_fit>`:
one fit per day and settings, dropped when orders change), never from a second fit of the
same day.  Two comparison runs score the same order arrays as of a week and a month ago (a
segment and a lifecycle stage *then*), for "movement since last month" and "what changed
since last week".

:class:`Figures` holds, for one book and day: the decile table (十分制), the Pareto curve
with the 20 % mark, customers and value per segment (MVC / MGC / BZ / migrator) and their
movement since a month ago, per lifecycle stage (prospect → new → active → at risk →
dormant → lost), sales by month (this year and the same months last year, new and repeat
business), by owner and by lead source, open and overdue complaints by severity with the
share resolved within the deadline, complaints by category and by month (opened and resolved), why
customers left (churn reasons) with the win-back list's size, and the notes on the last week (those
parts in :mod:`crm_desktop.services.insight_extra`).  Money is in minor
units of ``currency``; nothing here formats or translates (the notes are kinds and counts).

The figures are cached in the database per day (``insight_figures``, derived and local:
see :mod:`crm_desktop.db.insight`), so the dashboard's first paint reads one row;
:meth:`InsightService.cached` says whether that row still matches the book.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from crm_desktop.db import calllist as cq
from crm_desktop.db import insight as q
from crm_desktop.db import winback as wq
from crm_desktop.domain import calllist as d
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.complaints import SEVERITIES
from crm_desktop.lazy import LazyModule
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.complaints import ComplaintService
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.insight_extra import (
    RELATIONSHIP_STAGES,
    WEEK_DAYS,
    CategoryFigure,
    ChurnFigure,
    ComplaintMonthFigure,
    RelationshipFigure,
    ScoreCells,
    WeekNote,
    churn_figures,
    churn_members,
    complaint_breakdown,
    relationship_figures,
    relationship_members,
    score_cells,
    week_notes,
    winback_total,
)
from crm_desktop.services.winback import winback_indices

if TYPE_CHECKING:
    from crm_desktop.scoring import BookScores
    from crm_desktop.services import Services
    from crm_desktop.services.calllist_ranking import DayFit

np = LazyModule("numpy")  # imported on first use: the window shows without numpy
score_store = LazyModule("crm_desktop.services.score_store")

FIGURES_VERSION = 3
"""Bumped when :class:`Figures` changes shape: a cached row of another version is rebuilt, never read."""

SEGMENTS = ("MVC", "MGC", "migrator", "BZ")
"""Segments in the order the dashboard shows them (keep, grow, the rest, cost more than they bring)."""
STAGES = ("prospect", "new", "active", "at_risk", "dormant", "lost")
KINDS = ("decile", "segment", "stage", "churn", "winback", "relationship")
"""What a click on a bar selects customers by (:meth:`InsightService.members`)."""

MONTH_DAYS = 30


@dataclass(frozen=True)
class DecileFigure:
    """One 十分制 group (1 = the most valuable tenth by expected value over the horizon)."""

    decile: int
    customers: int
    revenue: float
    expected_value: float
    share: float
    cumulative_share: float
    average_order: float
    p_alive: float


@dataclass(frozen=True)
class GroupFigure:
    """Customers of a segment or stage, spent so far, expected over the horizon, and how many a month ago."""

    group: str
    customers: int
    revenue: float
    expected_value: float
    customers_before: int


@dataclass(frozen=True)
class Move:
    """``customers`` went from segment (or stage) ``before`` a month ago to ``after`` today."""

    before: str
    after: str
    customers: int


@dataclass(frozen=True)
class MonthFigure:
    """Sales of one calendar month, split into first orders and repeat orders, and the same month a year before.

    The fields of :class:`crm_desktop.scoring.analysis.MonthRow`, apart so that reading cached figures at start
    does not import numpy (scoring does)."""

    year: int
    month: int
    revenue: int
    new_revenue: int
    repeat_revenue: int
    last_year: int


@dataclass(frozen=True)
class LabelFigure:
    """Customers, buying customers and revenue carrying one label (an owner, a lead source; "" = none)."""

    label: str
    customers: int
    buying_customers: int
    revenue: float


@dataclass(frozen=True)
class SeverityFigure:
    """Open and overdue complaints of one severity."""

    severity: str
    open: int
    overdue: int


@dataclass(frozen=True)
class Figures:
    """The dashboard of one book and day (module docstring); money in minor units of ``currency``.

    ``pareto_x``/``pareto_y``: share of customers with orders (best first) against the share of expected
    value they hold; ``pareto_at_20``: the share the top 20 % hold; ``pareto_historical_at_20``: the same
    for what they spent so far.  ``sla_kept``: share of resolved complaints resolved by their deadline
    (None: none resolved yet).
    """

    day: str
    built_at: datetime
    currency: str
    model: str
    horizon_months: int
    customers: int
    buyers: int
    deciles: tuple[DecileFigure, ...]
    pareto_x: tuple[float, ...]
    pareto_y: tuple[float, ...]
    pareto_at_20: float
    pareto_historical_at_20: float
    segments: tuple[GroupFigure, ...]
    segment_moves: tuple[Move, ...]
    stages: tuple[GroupFigure, ...]
    months: tuple[MonthFigure, ...]
    new_revenue: int
    repeat_revenue: int
    owners: tuple[LabelFigure, ...]
    sources: tuple[LabelFigure, ...]
    complaints: tuple[SeverityFigure, ...]
    complaints_open: int
    complaints_overdue: int
    sla_kept: float | None
    week: tuple[WeekNote, ...] = field(default=())
    churn: tuple[ChurnFigure, ...] = field(default=())
    winback_customers: int = 0
    winback_spent: float = 0.0
    complaint_categories: tuple[CategoryFigure, ...] = field(default=())
    complaint_months: tuple[ComplaintMonthFigure, ...] = field(default=())
    relationship: tuple[RelationshipFigure, ...] = field(default=())


@dataclass(frozen=True)
class CustomerScores:
    """One customer's place in today's scoring run, for the line on the card.

    ``usual_gap_days``: their usual gap between orders (``gap_is_own`` False: the book's median, they
    have not bought twice); ``expected_value``: over ``horizon_months``, in minor units of ``currency``;
    ``model``: which model scored the book (see :func:`crm_desktop.scoring.score_book`).
    """

    customer_id: str
    has_orders: bool
    segment: str
    decile: int
    stage: str
    p_alive: float
    usual_gap_days: float
    gap_is_own: bool
    expected_value: float
    horizon_months: int
    currency: str
    model: str
    orders: int
    days_since_last_order: float


# --- building ----------------------------------------------------------------------------------------------
def _comparison(s: BookScores, orders: Any, days_back: int, rules: Any = None) -> BookScores:
    """The same orders scored as of *days_back* days before *s* (what a segment or stage was then), with
    the same segment *rules*."""
    from crm_desktop.scoring import score_book

    as_of_day = float(s.as_of_day) - days_back
    return score_book(orders.customer_ids, orders.customer_index, orders.ordered_days, orders.amount_minor,
                      np.datetime64(int(math.floor(as_of_day)), "D"), horizon_days=s.horizon_days,
                      segment_rules=rules)


ComparisonKey = tuple[float, float, int, int, int, int]


def comparison_key(s: BookScores, orders: Any, days_back: int) -> ComparisonKey:
    """What a comparison run depends on: its day and horizon, the customers, and the orders placed before
    that day (an order written today leaves last month's run as it was)."""
    cutoff = math.floor(float(s.as_of_day) - days_back) + 1.0
    n = int(s.customer_ids.shape[0])
    if orders is None or not orders.customer_index.size:
        return (cutoff, float(s.horizon_days), n, 0, 0, 0)
    before = orders.ordered_days < cutoff
    return (cutoff, float(s.horizon_days), n, int(before.sum()), int(orders.amount_minor[before].sum()),
            int(orders.customer_index[before].sum()))


Compare = Callable[["BookScores", Any, int], "BookScores"]


def build_figures(fit: DayFit, labels: Mapping[str, tuple[str, ...]], severities: Sequence[SeverityFigure],
                  sla_kept: float | None, built_at: datetime, compare: Compare | None = None) -> Figures:
    """The figures of *fit* (today's scoring run and the orders it was fitted on; pure numpy).

    *labels*: owner and lead source per customer id; *severities*/*sla_kept*: the complaint figures;
    *compare*: the run *n* days back (default: scored now; the service keeps them between refreshes).
    """
    from crm_desktop.scoring import analysis

    s = fit.scores
    orders = fit.orders
    ids = s.customer_ids.tolist()
    has = np.asarray(s.has_orders, bool)
    dec = analysis.decile_table(s.decile, s.total_spent, s.n_orders, s.expected_value, s.p_alive)
    curve = analysis.pareto_curve(s.expected_value, points=51, mask=has)
    compare = compare or _comparison
    month_ago = compare(s, orders, MONTH_DAYS)
    week_ago = compare(s, orders, WEEK_DAYS)

    def groups(now_groups: Any, then_groups: Any, names: tuple[str, ...]) -> tuple[GroupFigure, ...]:
        rows = analysis.group_summary(now_groups, s.total_spent, s.expected_value, names)
        then = np.asarray(then_groups).astype(str)
        return tuple(GroupFigure(r.group, r.customers, r.revenue, r.expected_value, int((then == r.group).sum()))
                     for r in rows)

    then_has = np.asarray(month_ago.has_orders, bool)
    seg_then = np.where(then_has, month_ago.segment, "")
    seg_now = np.asarray(s.segment).astype(str)
    moved = analysis.movement({c: g for c, g, h in zip(ids, seg_then.tolist(), then_has.tolist()) if h},
                              {c: g for c, g, h in zip(ids, seg_now.tolist(), has.tolist()) if h})
    moves = tuple(sorted((Move(a, b, n) for (a, b), n in moved.items()), key=lambda m: (-m.customers, m.before)))

    if orders is not None and orders.customer_index.size:
        month_rows = analysis.monthly_sales(orders.customer_index, orders.ordered_days, orders.amount_minor,
                                            float(s.as_of_day), months=12)
    else:
        month_rows = analysis.monthly_sales([], [], [], float(s.as_of_day), months=12)
    months = tuple(MonthFigure(r.year, r.month, r.revenue, r.new_revenue, r.repeat_revenue, r.last_year)
                   for r in month_rows)

    owner = [labels.get(c, ("", ""))[0] for c in ids]
    source = [labels.get(c, ("", ""))[1] for c in ids]

    def by_label(values: list[str]) -> tuple[LabelFigure, ...]:
        if not values:
            return ()
        return tuple(LabelFigure(r.label, r.customers, r.buying_customers, r.revenue)
                     for r in analysis.sums_by(values, s.total_spent, has))

    open_ = sum(x.open for x in severities)
    overdue = sum(x.overdue for x in severities)
    return Figures(
        day=_day_text(s.as_of_day), built_at=built_at, currency=fit.currency, model=s.model,
        horizon_months=max(1, int(round(s.horizon_days / 30.4))), customers=len(ids), buyers=int(has.sum()),
        deciles=tuple(DecileFigure(r.decile, r.customers, r.revenue, r.expected_value, r.share, r.cumulative_share,
                                   r.average_order, r.p_alive) for r in dec),
        pareto_x=curve.customer_share, pareto_y=curve.value_share, pareto_at_20=curve.at_20,
        pareto_historical_at_20=float(s.pareto_share_historical),
        segments=groups(np.where(has, seg_now, ""), seg_then, SEGMENTS), segment_moves=moves,
        stages=groups(s.lifecycle, month_ago.lifecycle, STAGES), months=months,
        new_revenue=sum(m.new_revenue for m in months), repeat_revenue=sum(m.repeat_revenue for m in months),
        owners=by_label(owner), sources=by_label(source), complaints=tuple(severities),
        complaints_open=open_, complaints_overdue=overdue, sla_kept=sla_kept,
        week=week_notes(s, week_ago, orders))


def _day_text(as_of_day: float) -> str:
    return (date(1970, 1, 1) + timedelta(days=int(math.floor(as_of_day)))).isoformat()


def members_of(s: BookScores, kind: str, key: str) -> list[str]:
    """Ids of the customers of one bar: ``kind`` "decile" (key "1".."10"), "segment" or "stage";
    best expected value first."""
    if kind == "decile":
        try:
            sel = np.asarray(s.decile, int) == int(key)
        except ValueError:
            return []
    elif kind == "segment":
        sel = (np.asarray(s.segment).astype(str) == key) & np.asarray(s.has_orders, bool)
    elif kind == "stage":
        sel = np.asarray(s.lifecycle).astype(str) == key
    else:
        return []
    idx = np.flatnonzero(sel)
    idx = idx[np.argsort(-np.asarray(s.expected_value, float)[idx], kind="stable")]
    return [str(c) for c in s.customer_ids[idx].tolist()]


# --- the cache's JSON ----------------------------------------------------------------------------------------
def to_json(f: Figures) -> str:
    """*f* as the JSON the cache stores."""
    data = asdict(f)
    data["built_at"] = f.built_at.isoformat()
    data["version"] = FIGURES_VERSION
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def from_json(text: str) -> Figures | None:
    """The figures of a cached row; None when it is of another version or not readable (it is rebuilt)."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.pop("version", None) != FIGURES_VERSION:
            return None
        rows: dict[str, type] = {"deciles": DecileFigure, "segments": GroupFigure, "segment_moves": Move,
                                 "stages": GroupFigure, "months": MonthFigure, "owners": LabelFigure,
                                 "sources": LabelFigure, "complaints": SeverityFigure, "week": WeekNote,
                                 "churn": ChurnFigure, "complaint_categories": CategoryFigure,
                                 "complaint_months": ComplaintMonthFigure, "relationship": RelationshipFigure}
        for name, cls in rows.items():
            data[name] = tuple(cls(**r) for r in data[name])
        for name in ("pareto_x", "pareto_y"):
            data[name] = tuple(float(x) for x in data[name])
        data["built_at"] = datetime.fromisoformat(data["built_at"])
        return Figures(**data)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


# --- the service -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Cached:
    """Figures read from the cache; ``current``: they are today's and match the book as it is now."""

    figures: Figures
    current: bool


REFRESH_KINDS = (Kind.ORDER, Kind.CUSTOMER, Kind.COMPLAINT, Kind.SETTING)
"""Writes that change the figures: orders, customers (owner, lead source), complaints, team settings."""


class InsightService:
    """The dashboard's figures and a customer's scores, from the call list's scoring run (module docstring).

    Thread-safe like the call list: built on the UI's worker thread.
    """

    def __init__(self, ctx: ServiceContext, calllist: CallListService | None = None,
                 complaints: ComplaintService | None = None) -> None:
        self.ctx = ctx
        self.calllist = calllist or CallListService(ctx)
        self.complaints = complaints or ComplaintService(ctx)
        self._lock = threading.Lock()
        self._figures: Figures | None = None
        self._fingerprint: str | None = None
        self._comparisons: dict[ComparisonKey, BookScores] = {}
        self._cells: tuple[DayFit, dict[str, ScoreCells]] | None = None
        self._labels: Mapping[str, tuple[str, ...]] | None = None
        """Every customer's owner, lead source and relationship stage, kept until a write touches customers."""

    @classmethod
    def from_services(cls, services: Services) -> InsightService:
        """The one instance sharing the window's call list (its daily fit) and complaints service."""
        return cls(services.ctx, services.get(CallListService), services.get(ComplaintService))

    def _today(self, now: datetime) -> str:
        return d.local_day(now, self.calllist.tz).isoformat()

    def cached(self, now: datetime | None = None) -> Cached | None:
        """The newest figures without computing anything (the dashboard's first paint), or None."""
        now = now or self.ctx.now()
        with self._lock:
            mine = self._figures
        with self.ctx.db.reading() as tx:
            fp = q.fingerprint(tx)
            if mine is not None and self._fingerprint == fp:
                return Cached(mine, mine.day == self._today(now))
            row = q.latest_figures(tx)
        if row is None:
            return None
        figures = from_json(row.payload)
        if figures is None:
            return None
        return Cached(figures, row.day == self._today(now) and row.fingerprint == fp)

    def refresh(self, now: datetime | None = None, progress: Callable[[int, int], None] | None = None) -> Figures:
        """Compute today's figures from the call list's fit (fitted now if it is not yet) and cache them."""
        now = now or self.ctx.now()
        with self._lock:
            labels = self._labels
        with self.ctx.db.reading() as tx:
            fp = q.fingerprint(tx)
            if labels is None:  # one scan of 100,000 customers: not again after an order or a complaint
                labels = q.customer_labels(tx)
            reasons = wq.churn_reasons(tx)
        with self._lock:
            self._labels = labels
        fit = score_store.with_orders(self.ctx, self.calllist.day_fit(
            now, (lambda a, b: progress(a, b + 2)) if progress else None), d.next_local_midnight(now, self.calllist.tz))
        severities, sla = self._complaint_figures(now)
        figures = build_figures(fit, labels, severities, sla, now, self._compare)
        cats, months = complaint_breakdown(self.complaints.all_rows(), self.complaints.settings().categories,
                                           d.local_day(now, self.calllist.tz), self.calllist.tz)
        n, spent = winback_total(fit.scores)
        figures = replace(figures, churn=churn_figures(fit.scores, reasons), winback_customers=n,
                          winback_spent=spent, complaint_categories=cats, complaint_months=months,
                          relationship=relationship_figures(fit.scores, labels))
        if progress:
            progress(5, 6)
        with self.ctx.db.writing() as tx:
            q.store_figures(tx, figures.day, fp, now, to_json(figures))
        with self._lock:
            self._figures, self._fingerprint = figures, fp
        return figures

    def _compare(self, s: BookScores, orders: Any, days_back: int) -> BookScores:
        """The run *days_back* days before *s*, kept while what it depends on is unchanged."""
        key = comparison_key(s, orders, days_back)
        with self._lock:
            found = self._comparisons.get(key)
        if found is None:
            found = _comparison(s, orders, days_back, self.calllist.segment_rules(s.horizon_days))
            with self._lock:
                if len(self._comparisons) >= 4:
                    self._comparisons.clear()
                self._comparisons[key] = found
        return found

    def _complaint_figures(self, now: datetime) -> tuple[list[SeverityFigure], float | None]:
        opened = self.complaints.open_complaints(now)
        rows = [SeverityFigure(sev, sum(1 for c in opened if c.severity == sev),
                               sum(1 for c in opened if c.severity == sev and c.overdue)) for sev in SEVERITIES]
        figures = self.complaints.figures(now, months=0)
        return rows, figures[0].resolved_in_time if figures else None

    def invalidate(self, changes: Changes | None = None) -> bool:
        """*changes* were written: drop what they change (the call list's fit itself follows orders).
        Returns whether the figures are now stale."""
        changes = Changes.everything() if changes is None else changes
        if not changes.touches(*REFRESH_KINDS):
            return False
        self.calllist.invalidate(changes)
        if changes.touches(Kind.COMPLAINT, Kind.CUSTOMER):
            self.complaints.invalidate()
        with self._lock:
            self._figures, self._fingerprint = None, None
            if changes.touches(Kind.CUSTOMER):
                self._labels = None
        return True

    def members(self, kind: str, key: str, now: datetime | None = None) -> list[str]:
        """Ids of the customers behind one bar (see :func:`members_of`; ``kind`` "churn": who left for the
        reason *key*, "winback": the win-back list), from today's scoring run."""
        s = self.calllist.day_fit(now or self.ctx.now()).scores
        if kind == "churn":
            with self.ctx.db.reading() as tx:
                return churn_members(s, wq.churn_reasons(tx), key)
        if kind == "winback":
            return [str(c) for c in s.customer_ids[winback_indices(s)].tolist()]
        if kind == "relationship":
            with self.ctx.db.reading() as tx:
                stages = cq.committed_stages(tx, [st for st in RELATIONSHIP_STAGES if st])
                return relationship_members(s, stages, key)
        return members_of(s, kind, key)

    def score_table(self, now: datetime | None = None) -> dict[str, ScoreCells]:
        """Every customer's scores for the list's columns, from today's run (made once per fit)."""
        fit = self.calllist.day_fit(now or self.ctx.now())
        with self._lock:
            cached = self._cells
        if cached is not None and cached[0] is fit:
            return cached[1]
        cells = score_cells(fit.scores)
        with self._lock:
            self._cells = (fit, cells)
        return cells

    def customer_scores(self, customer_id: str, now: datetime | None = None) -> CustomerScores | None:
        """*customer_id*'s segment, decile, stage, P(active), rhythm and expected value today (None: not
        scored, e.g. created after today's run)."""
        fit = self.calllist.day_fit(now or self.ctx.now())
        i = fit.index.get(customer_id)
        if i is None:
            return None
        s = fit.scores
        return CustomerScores(
            customer_id=customer_id, has_orders=bool(s.has_orders[i]), segment=str(s.segment[i]),
            decile=int(s.decile[i]), stage=str(s.lifecycle[i]), p_alive=float(s.p_alive[i]),
            usual_gap_days=float(s.usual_gap_days[i]), gap_is_own=bool(s.usual_gap_is_own[i]),
            expected_value=float(s.expected_value[i]), horizon_months=max(1, int(round(s.horizon_days / 30.4))),
            currency=fit.currency, model=s.model, orders=int(s.n_orders[i]),
            days_since_last_order=float(s.days_since_last_order[i]))

