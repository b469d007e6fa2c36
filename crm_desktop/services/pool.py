"""The shared pool (公海池): customers anyone on the team may claim, online or not.

In the pool: live customers nobody owns, and those nobody has contacted for the team's number of days
(a team setting, :data:`DEFAULT_AFTER_DAYS` until set; 0 means only unowned customers).  Claiming makes
me their owner with a stamped edit: when two people claim one customer on their own laptops, the merge
keeps the later claim everywhere (whatever the order the backups are merged in) and the merge preview names
both (:func:`claim_clashes`).  Customers marked do-not-contact are never in the pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from crm_desktop.db import pool as q
from crm_desktop.db import settings as team
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.people import person_key
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext

SETTING_AFTER_DAYS = "pool.after_days"
DEFAULT_AFTER_DAYS = 90
MAX_AFTER_DAYS = 3650

PoolCustomer = q.PoolRow


class NoNameToClaimWith(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Set your name first (Settings › Your name…): a claim makes you the owner."))


@dataclass(frozen=True, slots=True)
class Claimed:
    """What a claim wrote: each claimed customer's owner before (for undo), and the changes."""

    previous: dict[str, str]
    changes: Changes


class PoolService:
    """The pool of one book: who is in it, the team's rule, and claims."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def after_days(self) -> int:
        """Days without any contact after which an owned customer is back in the pool (0: never)."""
        with self.ctx.db.reading() as tx:
            stored = team.read_settings(tx, SETTING_AFTER_DAYS)
        try:
            return max(0, min(MAX_AFTER_DAYS, int(stored.get("", DEFAULT_AFTER_DAYS))))
        except (TypeError, ValueError):
            return DEFAULT_AFTER_DAYS  # a value this version cannot read (e.g. from a newer one)

    def set_after_days(self, days: int) -> Changes:
        """Store the team's rule (a team setting that travels with backups)."""
        days = max(0, min(MAX_AFTER_DAYS, int(days)))
        with self.ctx.db.writing() as tx:
            changed = team.write_setting(tx, SETTING_AFTER_DAYS, days, self.ctx.stamp())
        return Changes.of(Kind.SETTING, Kind.CUSTOMER, customers=None) if changed else Changes()

    def customers(self, now: datetime | None = None, limit: int = 5000) -> list[PoolCustomer]:
        """Who is in the pool at *now*: the longest quiet first."""
        now = now or self.ctx.now()
        days = self.after_days()
        quiet_since = now - timedelta(days=days) if days else None
        with self.ctx.db.reading() as tx:
            return q.pool_rows(tx, quiet_since, limit)

    def claim(self, customer_ids: list[str]) -> Claimed:
        """Make me the owner of *customer_ids* (one transaction, one stamp)."""
        me = (self.ctx.user or "").strip()
        if not person_key(me):
            raise NoNameToClaimWith()
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            mine = owners.me(tx, self.ctx.person_id, me, stamp)
            before = q.owners_of(tx, customer_ids)
            changed = q.set_owners(tx, {cid: mine for cid in before}, stamp)
        previous = {cid: before[cid] for cid in changed}
        return Claimed(previous, Changes.of(Kind.CUSTOMER, customers=previous) if previous else Changes())

    def unclaim(self, claimed: Claimed) -> Changes:
        """Undo a claim: each customer's owner as it was, as a new edit (the claim may have reached a
        teammate already, so only a later edit can win over it); the pool's clock starts again from it."""
        if not claimed.previous:
            return Changes()
        with self.ctx.db.writing() as tx:
            q.set_owners(tx, dict(claimed.previous), self.ctx.stamp())
        return claimed.changes
