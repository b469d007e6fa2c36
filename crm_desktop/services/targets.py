"""Sales targets and their forecast (业绩目标): how far a month is, and whom to call to close the gap.

The targets are a team setting (:mod:`crm_desktop.domain.targets`).  :meth:`TargetService.progress` measures
one person's month (or the team's): achieved = their customers' orders dated in the month; pipeline = their
open deals expected to close by the month's end, weighted by each stage's chance of winning
(:meth:`crm_desktop.services.deals.DealService.win_rates`); repeat = what the day's scoring run
(BG/NBD × Gamma-Gamma, shared with the call list) expects their customers to buy in the rest of the month
(:func:`crm_desktop.scoring.analysis.expected_revenue_within`).  The customers most expected to reorder who
were not contacted in the last week are the actions that close the gap.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from crm_desktop.db import calllist as cq
from crm_desktop.db import settings as team
from crm_desktop.db import targets as q
from crm_desktop.domain import calllist as dc
from crm_desktop.domain import targets as d
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.deals import pipeline as weigh
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.people import same_person
from crm_desktop.services import owners as owners_mod
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.deals import DealService

if TYPE_CHECKING:
    from crm_desktop.services import Services
    from crm_desktop.services.calllist_ranking import DayFit

SETTING_KEY = "targets.monthly"
REPEATERS = 6
"""Customers named as the actions of a gap."""
RESTED_DAYS = 7
"""A customer contacted this recently is not named again."""


class TargetOutOfRange(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "A target is a positive amount up to 100,000,000,000."))


class TargetService:
    """Targets of the open book and the month's forecast.  Thread-safe as its parts are."""

    def __init__(self, ctx: ServiceContext, calllist: CallListService | None = None,
                 deals: DealService | None = None) -> None:
        self.ctx = ctx
        self.calllist = calllist or CallListService(ctx)
        self.deals = deals or DealService(ctx)

    @classmethod
    def from_services(cls, services: Services) -> TargetService:
        """The one instance sharing the window's call list (its daily fit) and deals (their win rates)."""
        return cls(services.ctx, services.get(CallListService), services.get(DealService))

    @property
    def tz(self) -> tzinfo:
        """The calendar months are counted in (the call list's time zone, else this computer's)."""
        return self.calllist.tz or datetime.now().astimezone().tzinfo or UTC

    # --- the setting --------------------------------------------------------------------------------------
    def targets(self) -> d.Targets:
        with self.ctx.db.reading() as tx:
            return d.targets_from_json(team.read_settings(tx, "targets.").get("monthly"))

    def set_target(self, month: str, person: str, amount_minor: int) -> Changes:
        """Set *person*'s ("" = the team's) target for *month* (0 removes it); a stamped team setting."""
        return self.set_targets(month, {person: amount_minor})

    def set_targets(self, month: str, amounts: dict[str, int]) -> Changes:
        """Set the targets of *month*, person ("" = the team) → amount in minor units (0 removes one), in one
        write; nothing is written when one is out of range."""
        if any(v < 0 or v > d.MAX_TARGET_MINOR for v in amounts.values()):
            raise TargetOutOfRange()
        new = self.targets()
        for person, amount in amounts.items():
            new = d.with_target(new, month, person.strip(), amount)
        with self.ctx.db.writing() as tx:
            changed = team.write_setting(tx, SETTING_KEY, new, self.ctx.stamp())
        return Changes.of(Kind.SETTING) if changed else Changes()

    def people(self) -> list[str]:
        """The salespeople a target can be set for (the names the book's customers carry, and me)."""
        found = set(self.calllist.people())
        if self.ctx.user:
            found.add(self.ctx.user)
        return sorted(found)

    def progress_month(self, now: datetime | None = None) -> str:
        """The month a forecast is made for at *now* (``YYYY-MM``, in :attr:`tz`)."""
        return d.month_key((now or self.ctx.now()).astimezone(self.tz).date())

    # --- the forecast -------------------------------------------------------------------------------------
    def progress(self, person: str = d.TEAM, now: datetime | None = None, month: str | None = None
                 ) -> d.TargetProgress:
        """Where *person*'s month (the team's for "") stands at *now* (module docstring)."""
        now = now or self.ctx.now()
        month = month or self.progress_month(now)
        start, end = d.month_bounds(month, self.tz)
        fit = self.calllist.day_fit(now)
        currency = fit.currency
        with self.ctx.db.reading() as tx:
            owners = None if person == d.TEAM else owners_mod.values_of(tx, person)
            achieved = q.order_total(tx, start, end, currency, owners)
            mine = None if owners is None else q.owned_customers(tx, owners)
        target = self.targets().get(month, {}).get(person, 0)
        days_left = max(0.0, (end - max(now, start)).total_seconds() / 86400.0)
        pipeline = self._pipeline(person, end, currency)
        repeat, repeaters, value = self._repeat(fit, mine, days_left, now)
        return d.TargetProgress(month, person, currency, target, achieved, pipeline, repeat,
                                int(round(days_left)), repeaters, value)

    def _pipeline(self, person: str, end: datetime, currency: str) -> int:
        rates = self.deals.win_rates()
        last_day = (end - timedelta(days=1)).date()
        rows = [r for r in self.deals.open_deals() if r.currency == currency and r.expected_close is not None
                and r.expected_close <= last_day and (person == d.TEAM or same_person(r.owner, person))]
        return sum(p.weighted_minor for p in weigh(rows, rates))

    def _repeat(self, fit: DayFit, mine: set[str] | None, days_left: float, now: datetime
                ) -> tuple[int, tuple[d.Repeater, ...], int]:
        from crm_desktop.scoring.analysis import expected_revenue_within

        scores = fit.scores
        expected = expected_revenue_within(scores, days_left)
        ids = scores.customer_ids.tolist()
        values = expected.tolist()
        pairs = [(v, c) for c, v in zip(ids, values) if v > 0 and (mine is None or c in mine)]
        total = int(round(sum(v for v, _c in pairs)))
        pairs.sort(reverse=True)
        top = pairs[:REPEATERS * 8]
        with self.ctx.db.reading() as tx:
            facts = cq.customer_facts(tx, [c for _v, c in top])
            last = cq.last_contacts(tx, [c for _v, c in top], until=now)
        since = dc.epoch_days(now) - RESTED_DAYS
        chosen = []
        for v, c in top:
            f = facts.get(c)
            if f is None or f.deleted or f.do_not_contact or last.get(c, -1e9) >= since:
                continue
            chosen.append(d.Repeater(c, f.name, int(round(v))))
            if len(chosen) == REPEATERS:
                break
        return total, tuple(chosen), sum(r.expected_minor for r in chosen)
