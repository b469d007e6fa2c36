"""Reviewing the "2 versions" a merge kept: who wrote each, when, and a decision that merges on.

When both sides edited the same field, the merge keeps the later edit and files the other one
(:mod:`crm_desktop.services.merge.join`).  Here a person sees each such field with both values, who
wrote them and when, and decides: keep what the book has, take the other version, or type a third value.
Taking or typing is an ordinary stamped edit, so the decision travels with the next backup and wins over
both old versions everywhere; keeping changes no data.  Every decision can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from crm_desktop.db import conflicts as q
from crm_desktop.db.customers import set_updated_at
from crm_desktop.db.database import Tx
from crm_desktop.db.search import reindex_customers
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.hlc import Stamp, is_stamp
from crm_desktop.domain.people import owner_label
from crm_desktop.services import owners
from crm_desktop.services.backup.book import META_SITE_NAME
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.validation import normalize_email, normalize_phone

TYPED_FIELDS = frozenset({
    "name", "company", "phone", "phone2", "email", "wechat", "address", "industry", "owner", "needs", "notes",
    "external_id", "title", "summary", "next_step", "description", "resolution", "note",
})
"""Fields a person may type a third value into (free text; phones and e-mails are checked as on the card)."""

_KIND_OF_TABLE = {
    "customer": Kind.CUSTOMER, "contact": Kind.CONTACT, "interaction": Kind.INTERACTION,
    "sales_order": Kind.ORDER, "complaint": Kind.COMPLAINT, "complaint_event": Kind.COMPLAINT,
    "tag": Kind.TAG, "customer_tag": Kind.TAG, "setting": Kind.SETTING,
    "deal": Kind.DEAL, "deal_stage_change": Kind.DEAL,
    "customer_stage_change": Kind.CUSTOMER, "person": Kind.PERSON,
    "product": Kind.PRODUCT, "price_list": Kind.PRODUCT, "price_list_item": Kind.PRODUCT,
    "price_list_customer": Kind.PRODUCT, "deal_line": Kind.DEAL, "quote": Kind.DEAL, "order_line": Kind.ORDER,
}


class ConflictGone(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This record no longer exists, so there is nothing to decide."))


class NotTypable(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "Only a text field can take a typed value; keep one of the two versions instead."))


@dataclass(frozen=True, slots=True)
class Version:
    """One side of a conflict: the stored ``value`` (text, None for empty), ``by`` whom (a name, or ""
    when the book never learned it; ``mine``: this laptop) and ``at`` when (None: unreadable stamp)."""

    value: str | None
    by: str
    mine: bool
    at: datetime | None


@dataclass(frozen=True, slots=True)
class ConflictItem:
    """A field both sides edited: the ``kept`` version the book holds and the ``other`` one that lost.
    ``current`` is what the field holds now (it may have been edited since); ``typable``: a third value
    may be typed."""

    id: str
    table_name: str
    row_id: str
    field: str
    customer_id: str | None
    customer_name: str
    record_text: str
    kept: Version
    other: Version
    current: str | None
    detected_at: datetime
    typable: bool


@dataclass(frozen=True, slots=True)
class Decision:
    """What a decision did, to undo it: the field's stored value before (``before``), whether it wrote
    (``wrote``) and what it changed."""

    conflict_id: str
    before: str | None
    wrote: bool
    changes: Changes


class ConflictService:
    """The kept versions of one book, and the decisions on them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def count(self) -> int:
        """How many fields wait for a decision."""
        with self.ctx.db.reading() as tx:
            return q.count_pending(tx)

    def pending(self, limit: int = 1000) -> list[ConflictItem]:
        """The fields waiting for a decision, newest merge first."""
        with self.ctx.db.reading() as tx:
            rows = q.pending(tx, limit)
            names = q.meta_names(tx, META_SITE_NAME)
            people = owners.people(tx)
        return [self._item(r, names, people) for r in rows]

    def _item(self, r: q.StoredConflict, names: dict[str, str], people: dict[str, str]) -> ConflictItem:
        def shown(value: str | None) -> str | None:  # an owner is stored as a person id, shown by name
            return (owner_label(value, people) or None) if r.field == "owner" else value

        return ConflictItem(
            r.id, r.table_name, r.row_id, r.field, r.customer_id, r.customer_name, r.record_text,
            self._version(shown(r.kept_value), r.kept_stamp, names),
            self._version(shown(r.lost_value), r.lost_stamp, names),
            shown(r.current), r.detected_at, r.field in TYPED_FIELDS)

    def _version(self, value: str | None, stamp: str, names: dict[str, str]) -> Version:
        if not is_stamp(stamp):
            return Version(value or None, "", False, None)
        s = Stamp.decode(stamp)
        mine = s.site_id == self.ctx.db.site_id
        by = self.ctx.user if mine else names.get(s.site_id, "")
        return Version(value or None, by, mine, datetime.fromtimestamp(s.wall_ms / 1000, UTC))

    # --- decisions ---------------------------------------------------------------------------------
    def keep(self, conflict_id: str) -> Decision:
        """Keep what the book holds: nothing is written but the review mark."""
        return self._decide(conflict_id, None, write=False)

    def take_other(self, conflict_id: str) -> Decision:
        """Write the version that lost, as a new edit (it then wins everywhere at the next merge)."""
        with self.ctx.db.reading() as tx:
            found = q.get(tx, conflict_id)
        if found is None:
            raise ConflictGone()
        return self._decide(conflict_id, found.lost_value, write=True)

    def type_value(self, conflict_id: str, typed: str) -> Decision:
        """Write a third value the person typed (phones and e-mails checked as the card checks them)."""
        with self.ctx.db.reading() as tx:
            found = q.get(tx, conflict_id)
        if found is None:
            raise ConflictGone()
        if found.field not in TYPED_FIELDS:
            raise NotTypable()
        value = typed.strip()
        if value and found.field in ("phone", "phone2"):
            value = normalize_phone(value, found.field)
        elif value and found.field == "email":
            value = normalize_email(value)
        return self._decide(conflict_id, value, write=True, owner=found.field == "owner")

    def undo(self, decision: Decision) -> Changes:
        """Put the field back as it was before *decision* (a new edit) and the conflict back for review."""
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            found = q.get(tx, decision.conflict_id)
            if found is None:
                raise ConflictGone()
            if decision.wrote:
                q.write_stored(tx, found.table_name, found.row_id, found.field, decision.before, stamp)
                self._after_write(tx, found)
            q.set_reviewed(tx, [decision.conflict_id], None)
        return decision.changes

    def _decide(self, conflict_id: str, value: str | None, *, write: bool, owner: bool = False) -> Decision:
        """*owner*: *value* is a typed name, stored as the person it names."""
        stamp = self.ctx.stamp() if write else ""
        with self.ctx.db.writing() as tx:
            found = q.get(tx, conflict_id)
            if found is None:
                raise ConflictGone()
            if owner and value:
                value = owners.to_store(tx, value, stamp)
            before = found.current
            wrote = False
            if write and value != before:
                if not q.write_stored(tx, found.table_name, found.row_id, found.field, value, stamp):
                    raise ConflictGone()
                wrote = True
                self._after_write(tx, found)
            q.set_reviewed(tx, [conflict_id], self.ctx.now())
        changes = Changes.of(Kind.CONFLICT)
        if wrote:
            kind = _KIND_OF_TABLE.get(found.table_name, Kind.CUSTOMER)
            changes = changes | Changes.of(kind, customers=[found.customer_id] if found.customer_id else None)
        return Decision(conflict_id, before, wrote, changes)

    def _after_write(self, tx: Tx, found: q.StoredConflict) -> None:
        """A customer's own field moved: its list row and search text follow."""
        if found.table_name in ("customer", "contact") and found.customer_id:
            set_updated_at(tx, [found.customer_id], self.ctx.now())
            reindex_customers(tx, [found.customer_id])
