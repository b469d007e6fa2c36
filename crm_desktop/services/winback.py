"""The win-back list: formerly valuable customers who stopped buying, and why they stopped.

Who is on it (:func:`winback_indices`): customers with orders whose lifecycle stage is *lost* or
*dormant* and who were valuable: value segment MVC or MGC, or in the top three deciles by money spent
so far.  The second rule is what finds most of them: segments rank by expected value *from now on*,
which P(active) near zero brings near zero, so a big spender who stopped buying long ago is rarely
MVC any more (and in a book with too few orders nobody is).
They are ranked by what they spent so far × P(active): a big spender with a chance of coming back
first.  Everything comes from the call list's scoring run of the day
(:meth:`~crm_desktop.services.calllist.CallListService.day_fit`), never from a fit of its own.

The churn reason (``customer.churn_reason``, :class:`~crm_desktop.domain.enums.ChurnReason`) is asked
on the first call to a win-back customer and written as a stamped customer edit (merged field by field
like every customer field).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from crm_desktop.db import winback as q
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.enums import ChurnReason
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.lazy import LazyModule
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.whose import customers_of

if TYPE_CHECKING:
    from crm_desktop.scoring import BookScores
    from crm_desktop.services import Services

np = LazyModule("numpy")  # imported on first use: the window shows without numpy

STAGES = ("lost", "dormant")
"""Lifecycle stages of customers who stopped buying."""
SEGMENTS = ("MVC", "MGC")
"""Value segments of formerly valuable customers."""
TOP_SPENT_SHARE = 0.3
"""Or among the top three deciles by money spent so far."""
REASONS = tuple(r.value for r in ChurnReason)


class UnknownChurnReason(UserError):
    def __init__(self, reason: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "“{reason}” is not a reason for leaving."), reason=reason)


class CustomerGone(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This customer no longer exists (deleted meanwhile)."))


@dataclass(frozen=True)
class WinBackRow:
    """One customer of the win-back list; money in minor units of ``currency``; ``churn_reason`` None:
    not asked yet; ``last_order`` None only if the scores do not know it."""

    customer_id: str
    name: str
    owner: str
    segment: str
    stage: str
    spent: float
    last_order: date | None
    p_alive: float
    churn_reason: str | None
    currency: str

    @property
    def rank_value(self) -> float:
        """What the list is ranked by: spent so far × P(active)."""
        return self.spent * self.p_alive


def winback_mask(s: BookScores) -> Any:
    """Who of the run *s* is a win-back customer (module docstring), as a boolean array."""
    has = np.asarray(s.has_orders, bool)
    stopped = has & np.isin(np.asarray(s.lifecycle).astype(str), STAGES)
    valued = has & np.isin(np.asarray(s.segment).astype(str), SEGMENTS)
    m = int(has.sum())
    if not m:
        return stopped
    spent = np.where(has, np.nan_to_num(np.asarray(s.total_spent, float)), -np.inf)
    order = np.argsort(-spent, kind="stable")
    rank = np.empty(spent.shape[0])
    rank[order] = np.arange(1, spent.shape[0] + 1)
    return stopped & (valued | (has & (rank / m <= TOP_SPENT_SHARE + 1e-9)))


def winback_indices(s: BookScores) -> Any:
    """Indices into *s* of the win-back customers, best first (spent so far × P(active), then spent)."""
    idx = np.flatnonzero(winback_mask(s))
    spent = np.asarray(s.total_spent, float)[idx]
    value = spent * np.asarray(s.p_alive, float)[idx]
    return idx[np.lexsort((-spent, -value))]


def last_order_day(s: BookScores, i: int) -> date | None:
    """The day of customer *i*'s last order in the run *s*."""
    since = float(s.days_since_last_order[i])
    if not np.isfinite(since):
        return None
    return date(1970, 1, 1) + timedelta(days=int(np.floor(float(s.as_of_day) - since + 1e-9)))


class WinBackService:
    """The win-back list and churn reasons (module docstring).  Thread-safe: it only reads the call list's
    fit and the database."""

    def __init__(self, ctx: ServiceContext, calllist: CallListService | None = None) -> None:
        self.ctx = ctx
        self.calllist = calllist or CallListService(ctx)

    @classmethod
    def from_services(cls, services: Services) -> WinBackService:
        """The one instance sharing the window's call list (its daily fit)."""
        return cls(services.ctx, services.get(CallListService))

    def ids(self, now: datetime | None = None) -> list[str]:
        """Ids of today's win-back customers, best first."""
        s = self.calllist.day_fit(now or self.ctx.now()).scores
        return [str(c) for c in s.customer_ids[winback_indices(s)].tolist()]

    def rows(self, now: datetime | None = None, whose: str | None = None) -> list[WinBackRow]:
        """Today's win-back list, best first; *whose*: only that salesperson's customers and nobody's
        (see :func:`~crm_desktop.services.whose.customers_of`; None: everyone's)."""
        fit = self.calllist.day_fit(now or self.ctx.now())
        s = fit.scores
        idx = winback_indices(s).tolist()
        allowed = customers_of(self.ctx, whose)
        ids = [str(s.customer_ids[i]) for i in idx]
        with self.ctx.db.reading() as tx:
            facts = q.customer_facts(tx, ids)
        out = []
        for i, cid in zip(idx, ids):
            if cid not in facts or (allowed is not None and cid not in allowed):
                continue
            name, owner, reason = facts[cid]
            out.append(WinBackRow(cid, name, owner, str(s.segment[i]), str(s.lifecycle[i]),
                                  float(s.total_spent[i]), last_order_day(s, i), float(s.p_alive[i]),
                                  reason, fit.currency))
        return out

    def asks_churn(self, customer_id: str, now: datetime | None = None) -> bool:
        """Whether a contact logged with *customer_id* should ask why they stopped buying: a win-back
        customer whose reason nobody has asked yet."""
        with self.ctx.db.reading() as tx:
            live, reason = q.churn_reason_of(tx, customer_id)
        if not live or reason is not None:
            return False
        fit = self.calllist.day_fit(now or self.ctx.now())
        i = fit.index.get(customer_id)
        return i is not None and bool(winback_mask(fit.scores)[i])

    def churn_reason(self, customer_id: str) -> str | None:
        """*customer_id*'s churn reason (None: not asked yet)."""
        with self.ctx.db.reading() as tx:
            live, reason = q.churn_reason_of(tx, customer_id)
        if not live:
            raise CustomerGone()
        return reason

    def set_churn_reason(self, customer_id: str, reason: str | None) -> tuple[str | None, Changes]:
        """Write why *customer_id* stopped buying (None: forget it; the undo of setting it) as a stamped
        customer edit.  Returns the reason it replaces and what changed (empty: it was already that)."""
        if reason is not None and reason not in REASONS:
            raise UnknownChurnReason(reason)
        with self.ctx.db.writing() as tx:
            live, before = q.churn_reason_of(tx, customer_id)
            if not live:
                raise CustomerGone()
            changed = q.set_churn_reason(tx, customer_id, reason, self.ctx.stamp())
        return before, Changes.of(Kind.CUSTOMER, customers=[customer_id]) if changed else Changes()
