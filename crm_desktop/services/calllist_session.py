"""A call session: calling through a chosen set of customers (a saved view, a dashboard bar, a list).

Unlike today's list, a session is not cut to the best few: it holds every live customer of the set who
may be contacted.  Do-not-contact and snoozed customers are left out and counted (the panel says "3 left
out: do not contact").  The rest are ranked like the call list — those with today's reasons first, by the
same score (a customer resting after a contact keeps only their commitments), then the others by expected
value — and each carries its reasons, or, when it has none, one saying why it is in the session ("In
“My sleeping MVCs”") and its value line.  Customers contacted since the session began are *done* and go to
the end, so the next one to call is always at the top.

The ranking (:func:`session_order`) is pure; :func:`build_session` reads the customers' facts and last
contacts fresh and reuses the call list's cached day fit, follow-ups and quiet deals, so a session of
thousands builds in a fraction of a second once the day's fit exists.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from crm_desktop.db import calllist as q
from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import CallListEntry, Reason

if TYPE_CHECKING:
    from crm_desktop.services.calllist import CallListService
    from crm_desktop.services.calllist_ranking import DayFit


@dataclass(frozen=True)
class CallSession:
    """One build of a session: ``entries`` ranked (done ones last), ``left_out`` the customers of the set
    who may not be called, by why-not kind (:data:`~crm_desktop.domain.calllist.WHY_DO_NOT_CONTACT`,
    :data:`~crm_desktop.domain.calllist.WHY_SNOOZED`)."""

    title: str
    started_at: datetime
    entries: tuple[CallListEntry, ...]
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> int:
        """How many of the entries were contacted since the session began."""
        return sum(1 for e in self.entries if e.done)


class SessionRow(NamedTuple):
    """What ranking needs of one session customer: their call-list score (0: no reason today), expected
    value, name and whether they are done."""

    customer_id: str
    name: str
    score: float
    expected_value: float
    done: bool


def session_key(r: SessionRow) -> tuple[bool, bool, float, str, str]:
    """The sort key of the calling order (see :func:`session_order`)."""
    value = r.expected_value if math.isfinite(r.expected_value) else 0.0
    return (r.done, r.score <= 0, -(r.score if r.score > 0 else value), r.name, r.customer_id)


def session_order(rows: Iterable[SessionRow]) -> list[SessionRow]:
    """*rows* in calling order: not done before done; within each, customers with today's reasons by score,
    then the others by expected value (highest first); ties by name, then id."""
    return sorted(rows, key=session_key)


def value_reason(fit: DayFit | None, i: int | None) -> Reason:
    """The value line of customer *i* of *fit*: expected value over the horizon and P(active), or "no orders
    yet" (also for a customer created after the fit)."""
    if fit is None or i is None or not bool(fit.scores.has_orders[i]):
        return Reason(d.SESSION_VALUE, {"has_orders": False})
    s = fit.scores
    value = float(s.expected_value[i])
    return Reason(d.SESSION_VALUE, {
        "has_orders": True, "value_minor": int(round(value)) if math.isfinite(value) else 0,
        "currency": fit.currency, "months": max(1, int(round(fit.settings.horizon_days / 30.4))),
        "p_alive": float(s.p_alive[i])})


def build_session(service: CallListService, customer_ids: Sequence[str], title: str, now: datetime,
                  started_at: datetime, done_ids: Iterable[str] = ()) -> CallSession:
    """The session through *customer_ids* named *title* at *now* (see the module docstring).

    *started_at*: when the session began (contacts since then make a customer done); *done_ids*: customers
    logged during the session whatever time their contact was given.  Unknown and deleted ids are skipped.
    """
    fit = service.day_fit(now)
    st = fit.settings
    ids = list(dict.fromkeys(customer_ids))
    with service.ctx.db.reading() as tx:
        fu, others = service.reasons_now(tx, fit, now)
        facts = q.customer_facts(tx, ids)
        # only recent contacts matter: resting (within the rest period) and done (since the start)
        last = q.last_contacts(tx, ids, until=now, since=min(now - timedelta(days=st.rest_days), started_at))
    now_days, start_days = d.epoch_days(now), d.epoch_days(started_at)
    done_set = set(done_ids)
    left: dict[str, int] = {}
    rows: list[tuple[SessionRow, q.CustomerFacts, list[Reason]]] = []
    ev = fit.scores.expected_value
    for cid in ids:
        f = facts.get(cid)
        if f is None or f.deleted:
            continue
        if f.do_not_contact or (f.snoozed_until is not None and f.snoozed_until > now):
            kind = d.WHY_DO_NOT_CONTACT if f.do_not_contact else d.WHY_SNOOZED
            left[kind] = left.get(kind, 0) + 1
            continue
        seen = last.get(cid)
        mine = service.reasons_of(fit, cid, fu, others, seen is not None and now_days - seen < st.rest_days)
        i = fit.index.get(cid)
        if not mine:
            mine = [Reason(d.IN_SESSION, {"title": title}), value_reason(fit, i)]
        done = cid in done_set or (seen is not None and seen >= start_days)
        row = SessionRow(cid, f.name, sum(r.score for r in mine), 0.0 if i is None else float(ev[i]), done)
        rows.append((row, f, mine))
    rows.sort(key=lambda x: session_key(x[0]))
    entries = tuple(CallListEntry(r.customer_id, f.name, f.phone, r.score, tuple(mine[:st.max_reasons]), rank,
                                  f.preferred_channel, f.owner, r.done)
                    for rank, (r, f, mine) in enumerate(rows, 1))
    return CallSession(title, started_at, entries, left)
