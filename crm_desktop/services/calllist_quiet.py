"""Quiet deals and stage mismatches as call-list reasons, found once a day and kept until something they
depend on changes.

A deal goes quiet in days, so the reasons are found once per calendar day; deals, names or settings
written drop them, and a logged contact re-reads only the customers it names
(:meth:`crm_desktop.services.deals.DealService.quiet_deals` says which deals are quiet).

A stage mismatch (:data:`crm_desktop.domain.calllist.STAGE_MISMATCH`) sets the relationship stage a
salesperson chose beside the lifecycle the day's scores computed; the committed customers are read once and
again after any customer edit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from crm_desktop.db import calllist as q
from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import CallListSettings, Reason
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.lazy import LazyModule
from crm_desktop.services.context import ServiceContext

if TYPE_CHECKING:
    import numpy as np

    from crm_desktop.services import calllist_ranking as ranking
    from crm_desktop.services.calllist_ranking import DayFit
    from crm_desktop.services.deals import DealService
else:
    np = LazyModule("numpy")  # imported on first use: the window shows without numpy
    ranking = LazyModule("crm_desktop.services.calllist_ranking")


class QuietDeals:
    """The strongest quiet-deal reason per customer, for one book."""

    def __init__(self, ctx: ServiceContext, tz: tzinfo | None = None) -> None:
        self.ctx = ctx
        self.tz = tz
        self._lock = threading.RLock()
        self._deals: DealService | None = None
        self._cached: tuple[date, dict[str, Reason]] | None = None
        self._touched: set[str] = set()

    def invalidate(self, changes: Changes) -> None:
        """Drop what *changes* may have made stale (see the module docstring)."""
        with self._lock:
            if changes.touches(Kind.DEAL, Kind.SETTING, Kind.CUSTOMER):
                self._cached = None
                if self._deals is not None:
                    self._deals.invalidate()
            if changes.touches(Kind.INTERACTION):
                if changes.customers is None:
                    self._cached = None
                else:
                    self._touched.update(changes.customers)

    def touch(self, customer_ids: Iterable[str]) -> None:
        """These customers' contacts changed: their deals are looked at again."""
        with self._lock:
            self._touched.update(customer_ids)

    def reasons(self, now: datetime, st: CallListSettings) -> dict[str, Reason]:
        """Customer id → their strongest quiet-deal reason at *now*."""
        day = d.local_day(now, self.tz)
        with self._lock:
            if self._deals is None:
                from crm_desktop.services.deals import DealService

                self._deals = DealService(self.ctx)
            deals, cached, touched = self._deals, self._cached, set(self._touched)
            self._touched.clear()
        if cached is not None and cached[0] == day:
            if not touched:
                return cached[1]
            out = {cid: r for cid, r in cached[1].items() if cid not in touched}
            found = deals.quiet_deals(now, touched)
        else:
            out, found = {}, deals.quiet_deals(now)
        min_history = deals.settings().min_history
        for quiet in found:
            r = ranking.quiet_deal_reason(quiet, st, min_history)
            old = out.get(quiet.deal.customer_id)
            if old is None or r.score > old.score:
                out[quiet.deal.customer_id] = r
        with self._lock:
            self._cached = (day, out)
        return out


class StageMismatches:
    """Customers whose relationship stage promises buying while their lifecycle says they stopped."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._lock = threading.RLock()
        self._stages: dict[str, str] | None = None
        self._found: tuple[DayFit, dict[str, Reason]] | None = None
        """The reasons found for one day's fit (a logged contact rebuilds the list without re-finding them)."""

    def invalidate(self, changes: Changes) -> None:
        """A customer edit may have changed a relationship stage: read them again on the next build."""
        if changes.touches(Kind.CUSTOMER):
            with self._lock:
                self._stages, self._found = None, None

    def reasons(self, fit: DayFit) -> dict[str, Reason]:
        """Customer id → their mismatch reason under the day's scores *fit*."""
        with self._lock:
            stages, found = self._stages, self._found
        if found is not None and found[0] is fit:
            return found[1]
        if stages is None:
            with self.ctx.db.reading() as tx:
                stages = q.committed_stages(tx, d.MISMATCH_STAGES)
            with self._lock:
                self._stages = stages
        out = {}
        weight = fit.settings.w_stage_mismatch
        if weight > 0 and stages:
            # the customers whose lifecycle says they stopped, looked at once for the whole book (one
            # numpy element read per customer costs more than the rest of the loop)
            lifecycle = fit.scores.lifecycle
            stopped = np.flatnonzero(np.isin(lifecycle, list(d.MISMATCH_LIFECYCLES)))
            lifecycles = dict(zip(fit.ids[stopped].tolist(), lifecycle[stopped].tolist()))
            for cid, stage in stages.items():
                life = lifecycles.get(cid)
                if life is not None:
                    out[cid] = Reason(d.STAGE_MISMATCH, {"stage": stage, "lifecycle": str(life)}, float(weight))
        with self._lock:
            if self._stages is stages:
                self._found = (fit, out)
        return out
