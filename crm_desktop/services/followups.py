"""Follow-ups: promised next steps that fall due, plus birthdays and anniversaries.

An open follow-up is an :class:`~crm_desktop.db.models.Interaction` with
``next_due_at`` set and ``next_done`` false.  Snoozing moves ``next_due_at``
(a stamped edit, so it merges); marking done sets ``next_done`` and, in the
same transaction, logs the contact that carried it out (with its outcome and
perhaps a new next step) as a new interaction.

Buckets are computed from a given ``now`` and the user's time zone ``tz``:
*overdue* (due before now), *today* (before local midnight), *week* (within
the next seven local days), *later*.

Birthdays and anniversaries (customers' and contacts') are not stored as rows:
they are derived each time for the next :data:`OCCASION_DAYS` days.  Greeting
someone logs a contact whose id is derived from (occasion, person, date)
(``stable_id``), so the occasion disappears once greeted, on every laptop
after a merge, and comes back if that contact is deleted.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from crm_desktop.db import timeline as q
from crm_desktop.db.database import Tx
from crm_desktop.db.models import Interaction
from crm_desktop.db.sync import insert_row, set_deleted, stable_id, update_row
from crm_desktop.db.types import parse_ts_required
from crm_desktop.domain.changes import Changes, Created, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.followups import FollowUp, bucket_of, local_tz, occasion_days
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.timeline import (
    ContactLogInput,
    InvalidContact,
    NotFound,
    contact_values,
    validate_contact,
)

OCCASION_DAYS = 7
"""Birthdays and anniversaries show up this many days ahead."""

LIST_LIMIT = 5000
"""At most this many open follow-ups are listed (soonest first)."""

@dataclass(frozen=True)
class CompleteResult:
    """What marking done did: ``new_id`` the logged contact (or None); ``satisfaction`` whether a
    complaint satisfaction score was recorded (None: none asked; False: the complaints module is absent);
    ``changes`` what was written."""

    new_id: str | None
    satisfaction: bool | None = None
    changes: Changes = Changes()


@dataclass(frozen=True)
class Rescheduled:
    """A follow-up moved from ``previous`` to ``due`` (both aware), and the change."""

    previous: datetime
    due: datetime
    changes: Changes


class PastDate(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Pick a time in the future."))


class AlreadyDone(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This follow-up is already done."))


class FollowUpService:
    """Open follow-ups and occasions; snooze, mark done, greet.

    Reads take ``owner``: the salesperson whose follow-ups they are (None: the whole team's).  A
    person's follow-ups are the steps on customers they own and the steps they logged, names compared
    by :func:`crm_desktop.domain.people.same_person` (see :meth:`owners_of`).
    """

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._lock = threading.Lock()
        self._step_owners: list[str] | None = None

    def invalidate(self) -> None:
        """Data changed elsewhere (a merge, an import, another window's write): names are read again."""
        with self._lock:
            self._step_owners = None

    # --- reading -----------------------------------------------------------------
    def owners_of(self, tx: Tx, owner: str | None) -> tuple[str, ...] | None:
        """The stored owners that are *owner* (a name; None: everyone) — what "mine" means, in one place.

        The owners on customers are read each time (a skip-scan); those that logged open steps are
        kept until :meth:`invalidate` or a write of this service (my own person id is always among the
        answer, so what I log is mine at once).
        """
        if owner is None:
            return None
        with self._lock:
            steps = self._step_owners
        if steps is None:
            steps = q.step_owners(tx)
            with self._lock:
                self._step_owners = steps
        return owners.values_of(tx, owner, also=steps)

    def upcoming(self, owner: str | None = None, *, tz: tzinfo | None = None, days: int | None = OCCASION_DAYS,
                 limit: int = LIST_LIMIT, due_before: datetime | None = None,
                 due_from: datetime | None = None, reachable_only: bool = False) -> list[FollowUp]:
        """Open next steps (of *owner*, or everyone's when None) and occasions in the next *days* days
        (None: no occasions), soonest first; *due_from*/*due_before* bound the next steps' due time.
        *reachable_only*: leave out do-not-contact customers (the calendar export: a list for reaching them)."""
        now = self.ctx.now()
        tz = tz or local_tz()
        today = now.astimezone(tz).date()
        with self.ctx.db.reading() as tx:
            owners = self.owners_of(tx, owner)
            items = q.open_followups(tx, owners=owners, due_from=due_from, due_before=due_before, limit=limit,
                                     reachable_only=reachable_only, bucket=lambda due: bucket_of(due, now, tz))
            wanted = occasion_days(today, days) if days is not None else {}
            occ = q.occasions(tx, list(wanted), owners, reachable_only=reachable_only)
            ids = {self._occasion_id(r, wanted) for r in occ}
            greeted = q.live_ids(tx, "interaction", sorted(ids))
        for r in occ:
            oid = self._occasion_id(r, wanted)
            if oid in greeted:
                continue
            kind, cid, contact_id, person, cname, born, phone, preferred = r
            day = wanted[born[5:10]]
            due = datetime.combine(day, time(), tz).astimezone(UTC)
            if due_before is not None and due >= due_before:
                continue
            year = int(born[:4])
            years = day.year - year if 1900 < year <= day.year else None
            items.append(FollowUp(kind, oid, cid, cname, due, "today" if day == today else "week",
                                  channel=preferred, phone=phone or "", person_name=person, contact_id=contact_id,
                                  occasion_date=day, years=years))
        items.sort(key=lambda f: (f.due, f.kind, f.id))
        return items

    @staticmethod
    def _occasion_id(row: tuple[Any, ...], wanted: dict[str, date]) -> str:
        kind, cid, contact_id = row[0], row[1], row[2]
        return stable_id("occasion", kind, cid, contact_id or "", wanted[row[5][5:10]].isoformat())

    def due_now(self, owner: str | None = None, *, tz: tzinfo | None = None, since: datetime | None = None,
                occasions: bool = True) -> list[FollowUp]:
        """What to remind of: next steps due by now (and not before *since*, so a periodic check reads
        only what fell due since the last one, through the partial index) and, when *occasions*,
        today's birthdays and anniversaries not yet greeted (a scan of the customers: do it once a day)."""
        now = self.ctx.now()
        return self.upcoming(owner, tz=tz, days=0 if occasions else None,
                             due_before=now + timedelta(microseconds=1), due_from=since)

    # --- writing -----------------------------------------------------------------
    def _open(self, tx: Tx, interaction_id: str) -> dict[str, Any]:
        d = q.interaction(tx, interaction_id)
        if d is None or d["deleted_stamp"] is not None or d["next_due_at"] is None:
            raise NotFound()
        if d["next_done"]:
            raise AlreadyDone()
        return d

    def snooze(self, interaction_id: str, until: datetime) -> Rescheduled:
        """Move an open follow-up to *until* (must be in the future)."""
        if until.tzinfo is None:
            raise ValueError("until must be timezone-aware")
        if until <= self.ctx.now():
            raise PastDate()
        with self.ctx.db.writing() as tx:
            d = self._open(tx, interaction_id)
            update_row(tx, Interaction, interaction_id, {"next_due_at": until.astimezone(UTC)},
                       self.ctx.stamp())
        return Rescheduled(parse_ts_required(d["next_due_at"]), until, _written(d["customer_id"]))

    def snooze_by(self, interaction_id: str, delta: timedelta) -> Rescheduled:
        """Snooze by *delta* from the later of now and the current due time."""
        with self.ctx.db.reading() as tx:
            d = self._open(tx, interaction_id)
        return self.snooze(interaction_id, max(parse_ts_required(d["next_due_at"]), self.ctx.now()) + delta)

    def reschedule_back(self, interaction_id: str, due: datetime) -> Changes:
        """Put a snoozed follow-up back to *due* (the undo of a snooze; the past is allowed here)."""
        with self.ctx.db.writing() as tx:
            d = self._open(tx, interaction_id)
            update_row(tx, Interaction, interaction_id, {"next_due_at": due.astimezone(UTC)},
                       self.ctx.stamp())
        return _written(d["customer_id"])

    def complete(self, interaction_id: str, log: ContactLogInput | None = None,
                 satisfaction: int | None = None) -> CompleteResult:
        """Mark a follow-up done and log *log* (the contact that did it) in one transaction.

        When the follow-up belongs to a complaint and *satisfaction* (1–5) is given, it is
        recorded through the complaints module (if installed) after the commit.
        """
        now = self.ctx.now()
        if log is not None:
            errors = validate_contact(log, now)
            if errors:
                raise InvalidContact(errors)
        if satisfaction is not None and not 1 <= satisfaction <= 5:
            raise ValueError("satisfaction must be 1..5")
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            d = self._open(tx, interaction_id)
            update_row(tx, Interaction, interaction_id, {"next_done": True}, stamp)
            new_id = None
            if log is not None:
                values = contact_values(replace(log, customer_id=d["customer_id"],
                                                complaint_id=log.complaint_id or d["complaint_id"]), now)
                values.update(customer_id=d["customer_id"], next_done=False,
                              owner=owners.me(tx, self.ctx.person_id, self.ctx.user, stamp))
                new_id = insert_row(tx, Interaction, values, stamp)
        changes = _written(d["customer_id"])
        recorded = None
        if d["complaint_id"] and satisfaction is not None:
            recorded = record_satisfaction(self.ctx, d["complaint_id"], satisfaction)
            if recorded:
                changes |= Changes.of(Kind.COMPLAINT, customers=[d["customer_id"]])
        return CompleteResult(new_id, recorded, changes)

    def reopen(self, interaction_id: str, logged_id: str | None = None) -> Changes:
        """Undo a mark-done: the follow-up is open again and the contact logged with it is deleted."""
        self.invalidate()  # the step back may have been logged under a spelling not seen among open steps
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            d = q.interaction(tx, interaction_id)
            if d is None:
                raise NotFound()
            update_row(tx, Interaction, interaction_id, {"next_done": False}, stamp)
            if logged_id:
                set_deleted(tx, Interaction, logged_id, True, stamp)
        return _written(d["customer_id"])

    def greet(self, occasion: FollowUp, log: ContactLogInput) -> Created:
        """Log the greeting for a birthday/anniversary; the contact gets the occasion's id (see module doc)."""
        now = self.ctx.now()
        errors = validate_contact(log, now)
        if errors:
            raise InvalidContact(errors)
        values = contact_values(replace(log, customer_id=occasion.customer_id,
                                        contact_id=log.contact_id or occasion.contact_id), now)
        values.update(customer_id=occasion.customer_id, next_done=False)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            values["owner"] = owners.me(tx, self.ctx.person_id, self.ctx.user, stamp)
            existing = q.interaction(tx, occasion.id)
            if existing is None:
                insert_row(tx, Interaction, {**values, "id": occasion.id}, stamp)
            else:  # greeted before, then deleted: bring it back with the new text
                update_row(tx, Interaction, occasion.id, values, stamp)
                set_deleted(tx, Interaction, occasion.id, False, stamp)
        return Created(occasion.id, _written(occasion.customer_id))

    def count_due(self, owner: str | None = None) -> int:
        """How many of *owner*'s next steps are due by now (the badge, the status bar, the page's "due now")."""
        with self.ctx.db.reading() as tx:
            return q.count_due(tx, owners=self.owners_of(tx, owner),
                               due_before=self.ctx.now() + timedelta(microseconds=1))


def _written(customer_id: str) -> Changes:
    """A next step (or a logged contact) of *customer_id* was written."""
    return Changes.of(Kind.INTERACTION, customers=[customer_id])


def record_satisfaction(ctx: ServiceContext, complaint_id: str, score: int) -> bool:
    """Record a complaint's satisfaction score through the complaints module; False when it is not installed."""
    try:
        from crm_desktop.services.complaints import ComplaintService
    except ImportError:
        return False
    ComplaintService(ctx).record_satisfaction(complaint_id, score)
    return True
