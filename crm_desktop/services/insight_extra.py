"""More of the dashboard's figures: the last week in words, why customers left (churn reasons) with the
win-back list, complaints by category and by month, and the relationship stage beside what customers buy.

Pure functions over the scoring run and plain rows, apart from :mod:`crm_desktop.services.insight` to keep
that module small; :class:`~crm_desktop.services.insight.Figures` holds what they return.  Money in minor
units; nothing here formats or translates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from crm_desktop.domain.complaints import ComplaintRow
from crm_desktop.lazy import LazyModule
from crm_desktop.services.winback import REASONS, winback_indices

if TYPE_CHECKING:
    from crm_desktop.scoring import BookScores

np = LazyModule("numpy")  # imported on first use: the window shows without numpy

WEEK_NOTES = ("mvc_at_risk", "came_back", "new_buyers", "joined_mvc", "left_mvc", "lost")
"""Kinds of :class:`WeekNote`, in the order they are told."""
WEEK_DAYS = 7


@dataclass(frozen=True)
class WeekNote:
    """One thing that changed in the last week, as a kind (:data:`WEEK_NOTES`) and a count."""

    kind: str
    customers: int


@dataclass(frozen=True)
class ChurnFigure:
    """Customers who said they left for ``reason``, and what they had spent so far."""

    reason: str
    customers: int
    spent: float


@dataclass(frozen=True)
class CategoryFigure:
    """Complaints of one category: all of them, and those open now."""

    category: str
    total: int
    open: int


@dataclass(frozen=True)
class ComplaintMonthFigure:
    """Complaints opened and complaints resolved in one calendar month."""

    year: int
    month: int
    opened: int
    resolved: int


def week_notes(now: BookScores, before: BookScores, orders: Any) -> tuple[WeekNote, ...]:
    """What changed between *before* (a week ago) and *now*, for customers in both runs (counts > 0 only)."""
    seg_now, seg_then = np.asarray(now.segment).astype(str), np.asarray(before.segment).astype(str)
    st_now, st_then = np.asarray(now.lifecycle).astype(str), np.asarray(before.lifecycle).astype(str)
    has_now, has_then = np.asarray(now.has_orders, bool), np.asarray(before.has_orders, bool)
    at_risk_now = np.isin(st_now, ("at_risk", "dormant"))
    at_risk_then = np.isin(st_then, ("at_risk", "dormant", "lost"))
    ordered = np.zeros(has_now.shape, bool)
    if orders is not None and orders.customer_index.size:
        recent = orders.ordered_days >= float(now.as_of_day) - WEEK_DAYS
        ordered[np.unique(orders.customer_index[recent & (orders.ordered_days < float(now.as_of_day) + 1)])] = True
    counts = {
        "mvc_at_risk": int(((seg_now == "MVC") & at_risk_now & has_then & ~at_risk_then).sum()),
        "came_back": int((np.isin(st_then, ("dormant", "lost")) & ordered).sum()),
        "new_buyers": int((has_now & ~has_then).sum()),
        "joined_mvc": int(((seg_now == "MVC") & has_then & (seg_then != "MVC")).sum()),
        "left_mvc": int(((seg_now != "MVC") & (seg_then == "MVC") & has_then).sum()),
        "lost": int(((st_now == "lost") & has_then & (st_then != "lost")).sum()),
    }
    return tuple(WeekNote(k, counts[k]) for k in WEEK_NOTES if counts[k] > 0)


def churn_figures(s: BookScores, reasons: Mapping[str, str]) -> tuple[ChurnFigure, ...]:
    """Per churn reason (every one, in the pickers' order), the customers of *reasons* (id → reason) and
    what they spent so far in the run *s* (0 for a customer the run does not know)."""
    spent = dict(zip(s.customer_ids.tolist(), np.asarray(s.total_spent, float).tolist()))
    counts = {r: [0, 0.0] for r in REASONS}
    for cid, reason in reasons.items():
        if reason in counts:
            counts[reason][0] += 1
            counts[reason][1] += spent.get(cid, 0.0)
    return tuple(ChurnFigure(r, int(c), float(v)) for r, (c, v) in counts.items())


def winback_total(s: BookScores) -> tuple[int, float]:
    """How many win-back customers the run *s* has, and what they spent so far."""
    idx = winback_indices(s)
    return int(idx.shape[0]), float(np.asarray(s.total_spent, float)[idx].sum())


def churn_members(s: BookScores, reasons: Mapping[str, str], reason: str) -> list[str]:
    """Ids of the customers who left for *reason*, biggest spenders first (unscored ones last)."""
    spent = dict(zip(s.customer_ids.tolist(), np.asarray(s.total_spent, float).tolist()))
    ids = [c for c, r in reasons.items() if r == reason]
    return sorted(ids, key=lambda c: (-spent.get(c, -1.0), c))


def complaint_breakdown(rows: Iterable[ComplaintRow], categories: Iterable[str], today: date,
                        tz: tzinfo | None = None, months: int = 12
                        ) -> tuple[tuple[CategoryFigure, ...], tuple[ComplaintMonthFigure, ...]]:
    """Complaints per category (the team's categories first, in their order, then any others) and per month
    of the last *months* months up to *today*'s (opened, and resolved), months in *tz* (None: the computer's)."""
    rows = list(rows)
    order = list(dict.fromkeys(categories))
    order += sorted({r.category for r in rows} - set(order))
    cats = tuple(CategoryFigure(c, sum(1 for r in rows if r.category == c),
                                sum(1 for r in rows if r.category == c and r.resolved_at is None
                                    and r.closed_at is None)) for c in order if any(r.category == c for r in rows))
    keys = []
    y, m = today.year, today.month
    for _ in range(months):
        keys.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    keys.reverse()

    def month_of(at: datetime | None) -> tuple[int, int] | None:
        if at is None:
            return None
        local = at.astimezone(tz)
        return local.year, local.month

    opened = [month_of(r.opened_at) for r in rows]
    resolved = [month_of(r.resolved_at) for r in rows]
    return cats, tuple(ComplaintMonthFigure(y, m, opened.count((y, m)), resolved.count((y, m))) for y, m in keys)


# --- the list's score columns -------------------------------------------------------------------------------
class ScoreCells(NamedTuple):
    """What the customer list shows of one customer's scores: segment, decile, stage, expected value (minor
    units), P(active) and RFM (each 1–5, 0 for prospects)."""

    segment: str
    decile: int
    stage: str
    expected_value: float
    p_alive: float
    recency: int
    frequency: int
    monetary: int

    @property
    def rfm(self) -> str:
        """"R5 F3 M4" ("" for prospects)."""
        return f"R{self.recency} F{self.frequency} M{self.monetary}" if self.recency else ""


def score_cells(s: BookScores) -> dict[str, ScoreCells]:
    """Every scored customer's :class:`ScoreCells` (segments only for customers with orders)."""
    has = np.asarray(s.has_orders, bool).tolist()
    seg = np.asarray(s.segment).astype(str).tolist()
    return {cid: ScoreCells(sg if h else "", d, st, ev, pa, r, f, m) for cid, h, sg, d, st, ev, pa, r, f, m in zip(
        s.customer_ids.tolist(), has, seg, np.asarray(s.decile, int).tolist(),
        np.asarray(s.lifecycle).astype(str).tolist(), np.asarray(s.expected_value, float).tolist(),
        np.asarray(s.p_alive, float).tolist(), np.asarray(s.rfm_recency, int).tolist(),
        np.asarray(s.rfm_frequency, int).tolist(), np.asarray(s.rfm_monetary, int).tolist())}


# --- the relationship stage a salesperson sets, beside the lifecycle the scores compute ---------------------
RELATIONSHIP_STAGES = ("awareness", "exploration", "expansion", "commitment", "dissolution", "")
"""Relationship stages in their order (认知 → 探测 → 扩大 → 承诺, 解除), then "" for customers without one."""
BUYING_GROUPS = {"prospect": "prospect", "new": "buying", "active": "buying", "at_risk": "slipping",
                 "dormant": "stopped", "lost": "stopped"}
"""Lifecycle stages grouped by what the customer does: not bought yet, buying, slipping, stopped."""


@dataclass(frozen=True)
class RelationshipFigure:
    """Customers at one relationship stage ("" = none set), by what they buy (:data:`BUYING_GROUPS`)."""

    stage: str
    prospect: int
    buying: int
    slipping: int
    stopped: int

    @property
    def customers(self) -> int:
        return self.prospect + self.buying + self.slipping + self.stopped


def relationship_figures(s: BookScores, stages: Mapping[str, str]) -> tuple[RelationshipFigure, ...]:
    """Per relationship stage (*stages*: customer id → the stage set; others have none), the customers of the
    run *s* by buying group; stages nobody is at are left out, "none set" always counts."""
    counts: dict[str, dict[str, int]] = {st: dict.fromkeys(("prospect", "buying", "slipping", "stopped"), 0)
                                         for st in RELATIONSHIP_STAGES}
    for cid, life in zip(s.customer_ids.tolist(), np.asarray(s.lifecycle).astype(str).tolist()):
        stage = stages.get(cid, "")
        counts[stage if stage in counts else ""][BUYING_GROUPS.get(life, "prospect")] += 1
    return tuple(RelationshipFigure(st, **c) for st, c in counts.items() if st == "" or any(c.values()))


def relationship_members(s: BookScores, stages: Mapping[str, str], stage: str) -> list[str]:
    """Ids of the scored customers at relationship stage *stage* ("" = none set), most valuable first."""
    value = np.asarray(s.expected_value, float).tolist()
    ids = [(-v, c) for c, v in zip(s.customer_ids.tolist(), value) if stages.get(c, "") == stage]
    return [c for _v, c in sorted(ids)]
