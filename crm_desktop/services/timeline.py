"""The interaction timeline: one customer's contacts, orders, complaint events and stage, newest first;
logging, editing and deleting contacts; the card header (last contact, open next step).

A dialogue with a customer resumes where it stopped: every logged
contact may promise a *next step* with a due date; an :class:`Interaction`
with ``next_due_at`` set and ``next_done`` false is an open follow-up
(:mod:`crm_desktop.services.followups` lists them).

Relationship-stage changes are kept as rows (``customer_stage_change``, written
with every edit of the stage), so the timeline shows each step with who made it.
A customer whose stage was set before that history existed (or by an import)
gets one derived entry instead, "current stage since <date>", dated by the
field's stamp (or by the customer's creation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from crm_desktop.db import timeline as q
from crm_desktop.db.database import Tx
from crm_desktop.db.models import Interaction
from crm_desktop.db.sync import insert_row, set_deleted, update_row
from crm_desktop.db.types import parse_ts, parse_ts_required, ts_text
from crm_desktop.domain.changes import Changes, Created, Kind
from crm_desktop.domain.enums import Channel, Direction, Outcome
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, InvalidFields, UserError, ValidationError
from crm_desktop.domain.hlc import Stamp
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext

ALL_KINDS = ("interaction", "order", "complaint", "deal", "stage")
"""Timeline entry kinds a user can filter on."""

PAGE_SIZE = 100

FUTURE_SLACK = timedelta(minutes=10)
"""A contact may be logged this far in the future (clock skew); later dates are plans, i.e. next steps."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of the timeline.

    ``kind``: "interaction", "order", "complaint" (a complaint event), "deal" (a deal's stage change: ``body``
    its title, ``from_status`` → ``outcome`` the stages, as their keys or the names the team gave them),
    "quote" (a quote of a deal, shown with the deals: ``body`` the deal's title, ``outcome`` the version number,
    ``amount_minor`` the gross total, ``from_status`` "sent" once sent) or "stage".
    ``body``: the contact summary, order description or complaint-event note.
    ``outcome``: the contact's outcome, or the complaint's new status.
    ``from_status``: the complaint's previous status (kind "stage": the relationship stage before).
    ``stage``: the relationship stage (kind "stage": the one set then; None when it was cleared;
    :attr:`derived`: the current one, set before the stage kept its history).  Money is ``amount_minor`` + ``currency``.
    On a complaint's newest event, ``status_now``, ``resolution`` and ``satisfaction``
    say where the complaint stands (its current status, what was done, the 1–5 score);
    they are empty on every other entry.
    """

    kind: str
    id: str
    at: datetime
    actor: str = ""
    channel: str | None = None
    direction: str | None = None
    body: str = ""
    outcome: str | None = None
    next_step: str = ""
    next_due_at: datetime | None = None
    next_done: bool = False
    amount_minor: int | None = None
    currency: str | None = None
    complaint_id: str | None = None
    from_status: str | None = None
    stage: str | None = None
    status_now: str | None = None
    resolution: str = ""
    satisfaction: int | None = None

    @property
    def derived(self) -> bool:
        """The one "current stage since" entry of a stage without history (not a stored change)."""
        return self.kind == "stage" and self.id.startswith("stage:")


@dataclass(frozen=True)
class TimelinePage:
    """A page of entries; ``cursor`` continues after the last one; ``has_more`` says if there is more."""

    entries: tuple[TimelineEntry, ...]
    cursor: tuple[str, str] | None
    has_more: bool


@dataclass(frozen=True, slots=True)
class InteractionRow:
    """A logged contact.  ``next_due_at`` with ``next_done`` false is an open follow-up."""

    id: str
    customer_id: str
    contact_id: str | None
    owner: str
    channel: str
    direction: str
    occurred_at: datetime
    summary: str
    outcome: str | None
    next_step: str
    next_due_at: datetime | None
    next_done: bool
    complaint_id: str | None


@dataclass
class ContactLogInput:
    """A contact as typed in the log dialog.

    ``occurred_at`` when it happened (aware); ``outcome`` one of :class:`Outcome` or None;
    ``next_step`` + ``next_due_at`` the promised next step (both or neither);
    ``complaint_id`` links a complaint follow-up.
    """

    customer_id: str
    channel: str = Channel.PHONE.value
    direction: str = Direction.OUTBOUND.value
    occurred_at: datetime | None = None
    summary: str = ""
    outcome: str | None = None
    next_step: str = ""
    next_due_at: datetime | None = None
    contact_id: str | None = None
    complaint_id: str | None = None
    answers: tuple[str, ...] = ()
    """Ids of the customer's open next steps this contact deals with: they are marked done with it."""


@dataclass(frozen=True)
class CustomerHeader:
    """What the card header shows: the last contact, the soonest open next step, how many are open."""

    customer_id: str
    last_contact: InteractionRow | None
    next_step: InteractionRow | None
    open_count: int


@dataclass(frozen=True)
class LogDefaults:
    """What the log dialog is prefilled with: the customer's name and preferred channel, their open
    next steps (soonest due first: the first is the one a call usually answers) and contacts
    (id, name, buying role) to say whom the person spoke to."""

    customer_id: str
    name: str
    channel: str
    open_steps: tuple[InteractionRow, ...] = ()
    contacts: tuple[tuple[str, str, str | None], ...] = ()


class NotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This entry no longer exists."))


class CustomerGone(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This customer no longer exists."))


class InvalidContact(InvalidFields):
    """Raised when a contact cannot be saved; ``errors`` lists each field's problem (nothing was saved)."""


def _row(d: dict[str, Any]) -> InteractionRow:
    return InteractionRow(
        id=d["id"], customer_id=d["customer_id"], contact_id=d["contact_id"], owner=d["owner_name"] or "",
        channel=d["channel"], direction=d["direction"], occurred_at=parse_ts_required(d["occurred_at"]),
        summary=d["summary"] or "", outcome=d["outcome"], next_step=d["next_step"] or "",
        next_due_at=parse_ts(d["next_due_at"]), next_done=bool(d["next_done"]), complaint_id=d["complaint_id"])


def validate_contact(data: ContactLogInput, now: datetime) -> list[ValidationError]:
    """Problems with *data* by field (empty: it can be saved)."""
    errors: list[ValidationError] = []
    if data.channel not in {c.value for c in Channel}:
        errors.append(ValidationError("channel", QT_TRANSLATE_NOOP("errors", "Choose a channel.")))
    if data.direction not in {d.value for d in Direction}:
        errors.append(ValidationError("direction", QT_TRANSLATE_NOOP("errors", "Choose inbound or outbound.")))
    if data.outcome is not None and data.outcome not in {o.value for o in Outcome}:
        errors.append(ValidationError("outcome", QT_TRANSLATE_NOOP("errors", "Choose an outcome from the list.")))
    if data.occurred_at is not None:
        if data.occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be timezone-aware")
        if data.occurred_at > now + FUTURE_SLACK:
            errors.append(ValidationError("occurred_at", QT_TRANSLATE_NOOP(
                "errors", "A contact cannot be logged in the future; put plans in the next step.")))
    if not (data.summary or "").strip() and not data.outcome:
        errors.append(ValidationError("summary", QT_TRANSLATE_NOOP(
            "errors", "Say what happened: write a summary or choose an outcome.")))
    if (data.next_step or "").strip() and data.next_due_at is None:
        errors.append(ValidationError("next_due_at", QT_TRANSLATE_NOOP("errors", "Give the next step a due date.")))
    if data.next_due_at is not None and not (data.next_step or "").strip():
        errors.append(ValidationError("next_step", QT_TRANSLATE_NOOP("errors", "Describe the next step.")))
    if data.next_due_at is not None and data.next_due_at.tzinfo is None:
        raise ValueError("next_due_at must be timezone-aware")
    return errors


def contact_values(data: ContactLogInput, now: datetime) -> dict[str, Any]:
    """Storage values of a validated contact (see :func:`validate_contact`)."""
    return {
        "channel": data.channel, "direction": data.direction,
        "occurred_at": (data.occurred_at or now).astimezone(UTC),
        "summary": (data.summary or "").strip(), "outcome": data.outcome or None,
        "next_step": (data.next_step or "").strip(),
        "next_due_at": data.next_due_at.astimezone(UTC) if data.next_due_at else None,
        "contact_id": data.contact_id, "complaint_id": data.complaint_id,
    }


def _stage_names(tx: Tx) -> dict[str, str]:
    """Key → name of the deal stages the team named itself (the default stages are named by the reader)."""
    from crm_desktop.db.settings import read_settings
    from crm_desktop.domain.deals import stages_from_json

    stages = stages_from_json(read_settings(tx, "deals.").get("stages")) or ()
    return {s.key: s.name for s in stages if s.name}


class TimelineService:
    """Timeline reads and contact writes for the salesperson in ``ctx.user``."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading -----------------------------------------------------------------
    def page(self, customer_id: str, kinds: Iterable[str] = ALL_KINDS, cursor: tuple[str, str] | None = None,
             limit: int = PAGE_SIZE) -> TimelinePage:
        """Entries of *kinds* older than *cursor* (None: the newest), newest first."""
        kinds = set(kinds)
        if "deal" in kinds:
            kinds.add("quote")  # a deal's quotes show with its stage moves
        with self.ctx.db.reading() as tx:
            rows = q.timeline_page(tx, customer_id, kinds, cursor, limit + 1)
            stage = q.customer_stage(tx, customer_id) if "stage" in kinds else None
            names = _stage_names(tx) if any(r[0] == "deal" for r in rows) else {}
        if names:
            rows = [(*r[:7], names.get(r[7], r[7]), *r[8:14], names.get(r[14], r[14]), *r[15:]) if r[0] == "deal"
                    else r for r in rows]
        more = len(rows) > limit
        rows = rows[:limit]
        keyed: list[tuple[tuple[str, str], TimelineEntry]] = [((str(r[2]), r[1]), self._entry(r)) for r in rows]
        derived = self._stage_entry(customer_id, stage)
        if derived is not None:
            # the one derived entry joins the keyset like any row: on the page where its time falls
            key = derived[0]
            if (cursor is None or key < tuple(cursor)) and (not more or key > keyed[-1][0]):
                keyed.append(derived)
                keyed.sort(key=lambda k: k[0], reverse=True)
                if len(keyed) > limit:
                    keyed.pop()
                    more = True
        next_cursor = keyed[-1][0] if keyed else None
        return TimelinePage(tuple(e for _k, e in keyed), next_cursor, more)

    @staticmethod
    def _entry(r: tuple[Any, ...]) -> TimelineEntry:
        (kind, rid, at, actor, channel, direction, body, outcome, next_step, next_due_at, next_done, amount,
         currency, complaint_id, from_status, status_now, resolution, satisfaction, latest) = r
        if not latest:
            status_now, resolution, satisfaction = None, "", None
        if kind == "stage":  # a change of the relationship stage: to → stage, from → from_status
            return TimelineEntry(kind=kind, id=rid, at=parse_ts_required(at), actor=actor or "", stage=outcome,
                                 from_status=from_status)
        return TimelineEntry(kind=kind, id=rid, at=parse_ts_required(at), actor=actor or "", channel=channel,
                             direction=direction, body=body or "", outcome=outcome, next_step=next_step or "",
                             next_due_at=parse_ts(next_due_at), next_done=bool(next_done), amount_minor=amount,
                             currency=currency, complaint_id=complaint_id, from_status=from_status,
                             status_now=status_now, resolution=resolution or "",
                             satisfaction=None if satisfaction is None else int(satisfaction))

    @staticmethod
    def _stage_entry(customer_id: str, stage: tuple[str | None, str | None, str, object] | None
                     ) -> tuple[tuple[str, str], TimelineEntry] | None:
        if not stage or not stage[0]:
            return None
        value, field_stamp, _created_stamp, created_at = stage
        if field_stamp:
            at = datetime.fromtimestamp(Stamp.decode(field_stamp).wall_ms / 1000, UTC)
        else:
            at = parse_ts_required(created_at)
        eid = "stage:" + customer_id
        return (ts_text(at), eid), TimelineEntry(kind="stage", id=eid, at=at, stage=value)

    def get(self, interaction_id: str) -> InteractionRow:
        with self.ctx.db.reading() as tx:
            d = q.interaction(tx, interaction_id)
        if d is None or d["deleted_stamp"] is not None:
            raise NotFound()
        return _row(d)

    def header(self, customer_id: str) -> CustomerHeader:
        """The last contact and the soonest open next step of a customer (for the card header)."""
        with self.ctx.db.reading() as tx:
            last = q.last_contact(tx, customer_id)
            opened = q.open_next_steps(tx, customer_id, limit=50)
        return CustomerHeader(customer_id, _row(last) if last else None, _row(opened[0]) if opened else None,
                              len(opened))

    def defaults(self, customer_id: str) -> LogDefaults:
        """Prefill for the log dialog: the customer's name and preferred channel (phone when none)."""
        with self.ctx.db.reading() as tx:
            brief = q.customer_brief(tx, customer_id)
            if brief is None:
                raise CustomerGone()
            steps = tuple(_row(d) for d in q.open_next_steps(tx, customer_id, limit=20))
            contacts = tuple(q.customer_contacts(tx, customer_id))
        return LogDefaults(customer_id, brief[0], brief[1] or Channel.PHONE.value, steps, contacts)

    # --- writing -----------------------------------------------------------------
    def log_contact(self, data: ContactLogInput) -> Created:
        """Save a contact (and its next step); raises InvalidContact with nothing saved when a field is wrong."""
        now = self.ctx.now()
        errors = validate_contact(data, now)
        if errors:
            raise InvalidContact(errors)
        values = contact_values(data, now)
        values.update(customer_id=data.customer_id, owner=self.ctx.user, next_done=False)
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            if q.customer_brief(tx, data.customer_id) is None:
                raise CustomerGone()
            values["owner"] = owners.me(tx, self.ctx.person_id, self.ctx.user, stamp)
            new_id = insert_row(tx, Interaction, values, stamp)
            self._set_done(tx, data.customer_id, data.answers, True, stamp)
        return Created(new_id, _written(data.customer_id))

    def set_steps_done(self, customer_id: str, step_ids: Iterable[str], done: bool) -> Changes:
        """Mark next steps of *customer_id* done (or open again: the undo of answering them)."""
        with self.ctx.db.writing() as tx:
            changed = self._set_done(tx, customer_id, step_ids, done, self.ctx.stamp())
        return _written(customer_id) if changed else Changes()

    @staticmethod
    def _set_done(tx: Tx, customer_id: str, step_ids: Iterable[str], done: bool, stamp: str) -> bool:
        changed = False
        for step_id in step_ids:
            d = q.interaction(tx, step_id)
            if d is None or d["customer_id"] != customer_id or d["next_due_at"] is None:
                raise NotFound()
            if bool(d["next_done"]) != done:
                changed |= update_row(tx, Interaction, step_id, {"next_done": done}, stamp)
        return changed

    def update(self, interaction_id: str, data: ContactLogInput) -> Changes:
        """Save edits to a contact; only changed fields get a stamp.  Returns what changed (empty: nothing)."""
        now = self.ctx.now()
        errors = validate_contact(data, now)
        if errors:
            raise InvalidContact(errors)
        values = contact_values(data, now)
        with self.ctx.db.writing() as tx:
            d = q.interaction(tx, interaction_id)
            if d is None or d["deleted_stamp"] is not None:
                raise NotFound()
            current = _row(d)
            values["contact_id"] = data.contact_id if data.contact_id is not None else current.contact_id
            values["complaint_id"] = data.complaint_id if data.complaint_id is not None else current.complaint_id
            if values["next_due_at"] is None:
                values["next_done"] = False
            changed = update_row(tx, Interaction, interaction_id, values, self.ctx.stamp())
        return _written(current.customer_id) if changed else Changes()

    def delete(self, interaction_id: str) -> Changes:
        """Tombstone a contact (undo with :meth:`restore`)."""
        with self.ctx.db.writing() as tx:
            d = q.interaction(tx, interaction_id)
            if d is None or d["deleted_stamp"] is not None:
                raise NotFound()
            set_deleted(tx, Interaction, interaction_id, True, self.ctx.stamp())
        return _written(d["customer_id"])

    def restore(self, interaction_id: str) -> Changes:
        """Bring a deleted contact back (the undo of delete)."""
        with self.ctx.db.writing() as tx:
            d = q.interaction(tx, interaction_id)
            if d is None:
                raise NotFound()
            set_deleted(tx, Interaction, interaction_id, False, self.ctx.stamp())
        return _written(d["customer_id"])


def _written(customer_id: str) -> Changes:
    """A logged contact (or its next step) of *customer_id* was written."""
    return Changes.of(Kind.INTERACTION, customers=[customer_id])
