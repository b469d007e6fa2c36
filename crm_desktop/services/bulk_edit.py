"""Bulk edits and handover: one change to many customers, previewed, written in one transaction, undone in one step.

A :class:`BulkEdit` is one of: reassign the owner, add a tag, remove a tag, set
or clear do-not-contact.  :meth:`BulkEditService.preview` says how many of the
customers it would change and how many already have that value (and, for an
owner, how many open follow-ups and complaints would follow);
:meth:`BulkEditService.apply` writes it in one transaction, chunk by chunk with
progress (a cancel rolls everything back), and returns a :class:`BulkRecord`:
the previous value of everything it wrote.  :meth:`BulkEditService.undo` puts
those values back, in one transaction.  Callers tell the customer list (``Changes``: its in-memory
index is rebuilt on the next search).

**Stamps.**  The edit stamps each field it writes, like any edit, so it merges
field by field.  The undo is an edit too: it writes the previous values with a
newer stamp, so a teammate's book that already merged the bulk edit takes the
undo on the next merge instead of bringing the edit back.  It writes only
fields that still carry the bulk edit's stamp: a customer edited (or merged)
meanwhile keeps that later value.  Fields the edit did not touch keep their
stamps exactly.

**Handover** (all of 李娜's customers to 王磊) is an owner edit of the
customers :meth:`BulkEditService.owned_by` 李娜.  With ``followups`` /
``complaints``, the open follow-ups and open complaints of each changed
customer whose owner was the customer's owner move with the customer; those of
another colleague stay theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from crm_desktop.db import bulk_edit as q
from crm_desktop.db.customers import load_rows
from crm_desktop.db.ids import chunks
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.models import CustomerRow
from crm_desktop.services import owners as owners_mod
from crm_desktop.services.context import ServiceContext

OWNER_MAX = 100
"""Longest owner name the book stores."""

TAG_MAX = 60
"""Longest tag name the book stores."""

SAMPLE = 8
"""Customers a preview shows by name."""

MANY = 500
"""A write that changed more customers than this announces "anyone's" (the list reloads everything once)
instead of every id."""

Report = Callable[[int, int], None]
"""``report(done, total)``: progress of a long write; raising in it (a cancel) rolls the write back."""


class EditKind(StrEnum):
    OWNER = "owner"
    ADD_TAG = "add_tag"
    REMOVE_TAG = "remove_tag"
    DO_NOT_CONTACT = "do_not_contact"


@dataclass(frozen=True)
class BulkEdit:
    """One change to many customers.  ``value``: the owner's name, the tag's name, or the do-not-contact flag;
    ``followups`` / ``complaints`` (owner only): the customers' open follow-ups / complaints follow them."""

    kind: EditKind
    value: str | bool
    followups: bool = False
    complaints: bool = False


@dataclass(frozen=True)
class BulkPreview:
    """What :meth:`BulkEditService.apply` would do: of ``total`` live customers, ``changing`` change and
    ``already`` have that value; ``followups`` / ``complaints``: open ones that would follow; ``sample``:
    the first customers, as list rows."""

    total: int
    changing: int
    already: int
    followups: int = 0
    complaints: int = 0
    sample: tuple[CustomerRow, ...] = ()


@dataclass(frozen=True)
class BulkRecord:
    """What one apply wrote, to undo it: ``previous`` (table → ((row id, value before), …)) for owner and
    do-not-contact edits, the tag links it made, brought back or removed, and ``stamp``, the apply's stamp."""

    edit: BulkEdit
    ids: tuple[str, ...]
    stamp: str
    changed: int
    changes: Changes
    previous: dict[str, tuple[tuple[str, object], ...]] = field(default_factory=dict)
    links_added: tuple[str, ...] = ()
    links_removed: tuple[str, ...] = ()

    @property
    def moved_followups(self) -> int:
        return len(self.previous.get("interaction", ()))

    @property
    def moved_complaints(self) -> int:
        return len(self.previous.get("complaint", ()))


class BulkEditRefused(UserError):
    pass


def clean_edit(edit: BulkEdit) -> BulkEdit:
    """*edit* with its name trimmed; raises BulkEditRefused (one sentence) when it cannot be applied."""
    if edit.kind == EditKind.DO_NOT_CONTACT:
        return BulkEdit(edit.kind, bool(edit.value))
    name = str(edit.value).strip()
    if edit.kind == EditKind.OWNER:
        if len(name) > OWNER_MAX:
            raise BulkEditRefused(QT_TRANSLATE_NOOP("errors", "An owner's name can have at most {n} characters."),
                                  n=OWNER_MAX)
        return BulkEdit(edit.kind, name, edit.followups, edit.complaints)
    if not name:
        raise BulkEditRefused(QT_TRANSLATE_NOOP("errors", "Type the name of the tag."))
    if "," in name or "，" in name:  # the customer dialog reads its tags as a comma-separated list
        raise BulkEditRefused(QT_TRANSLATE_NOOP("errors", "A tag cannot contain a comma."))
    if len(name) > TAG_MAX:
        raise BulkEditRefused(QT_TRANSLATE_NOOP("errors", "A tag can have at most {n} characters."), n=TAG_MAX)
    return BulkEdit(edit.kind, name)


def stored(edit: BulkEdit) -> object:
    """The value the edit writes, as the column stores it (do-not-contact as 0/1)."""
    return int(bool(edit.value)) if edit.kind == EditKind.DO_NOT_CONTACT else edit.value


def split(current: dict[str, object], new: object) -> tuple[list[tuple[str, object]], int]:
    """``(rows that change with their value before, how many already have *new*)``, in the order of *current*."""
    changing = [(rid, old) for rid, old in current.items() if old != new]
    return changing, len(current) - len(changing)


def _column(edit: BulkEdit) -> str:
    return "owner" if edit.kind == EditKind.OWNER else "do_not_contact"


def _announce(kinds: set[Kind], ids: Sequence[str]) -> Changes:
    if not kinds:
        return Changes()
    return Changes.of(*kinds, customers=None if len(ids) > MANY else ids)


class BulkEditService:
    """Bulk edits of the open book (see the module docstring)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def owned_by(self, owner: str) -> list[str]:
        """Ids of the live customers whose owner is *owner* (what a handover moves), in name order."""
        with self.ctx.db.reading() as tx:
            return q.owned_by(tx, owners_mod.values_of(tx, owner))

    def left_under(self, old: str) -> list[str]:
        """After I renamed myself from *old*, or became another person: the customers still under the person
        *old* names who is not me now (renaming my own person keeps my customers mine: then none)."""
        with self.ctx.db.reading() as tx:
            values = [v for v in owners_mod.values_of(tx, old) if v != self.ctx.person_id]
            return q.owned_by(tx, values)

    def preview(self, ids: Sequence[str], edit: BulkEdit, *, sample: int = SAMPLE) -> BulkPreview:
        """How many of *ids* :meth:`apply` would change, and the first *sample* of them as rows."""
        edit = clean_edit(edit)
        total = changing_n = already = followups = complaints = 0
        with self.ctx.db.reading() as tx:
            new = owners_mod.id_for(tx, str(edit.value)) if edit.kind == EditKind.OWNER else stored(edit)
            tid = q.tag_id(str(edit.value)) if edit.kind in (EditKind.ADD_TAG, EditKind.REMOVE_TAG) else ""
            for part in chunks(ids):
                current = q.values_of(tx, "customer", "owner", part)
                total += len(current)
                if tid:
                    links = q.tag_links(tx, tid, list(current))
                    live = sum(1 for _lid, alive in links.values() if alive)
                    changing_n += len(current) - live if edit.kind == EditKind.ADD_TAG else live
                    continue
                if edit.kind == EditKind.DO_NOT_CONTACT:
                    current = q.values_of(tx, "customer", "do_not_contact", part)
                changing, _ = split(current, new)
                changing_n += len(changing)
                if edit.kind == EditKind.OWNER:
                    owners = dict(changing)
                    followups += len(q.open_children(tx, "interaction", list(owners), owners))
                    complaints += len(q.open_children(tx, "complaint", list(owners), owners))
            already = total - changing_n
            rows = load_rows(tx, list(ids[:sample])) if sample else {}
        first = tuple(rows[i] for i in ids[:sample] if i in rows)
        return BulkPreview(total, changing_n, already, followups, complaints, first)

    def apply(self, ids: Sequence[str], edit: BulkEdit, progress: Report | None = None) -> BulkRecord:
        """Make *edit* on the live customers among *ids*, in one transaction; returns what it wrote."""
        edit = clean_edit(edit)
        ids = tuple(dict.fromkeys(ids))
        stamp = self.ctx.stamp()
        now = self.ctx.now()
        previous: dict[str, list[tuple[str, object]]] = {"customer": [], "interaction": [], "complaint": []}
        added: list[str] = []
        removed: list[str] = []
        changed_ids: list[str] = []
        total = len(ids)
        with self.ctx.db.writing() as tx:
            # the owner as a person id (handing over to a new name: they join the team)
            new = owners_mod.to_store(tx, str(edit.value), stamp) if edit.kind == EditKind.OWNER else stored(edit)
            tid = q.ensure_tag(tx, str(edit.value), stamp) if edit.kind == EditKind.ADD_TAG else (
                q.tag_id(str(edit.value)) if edit.kind == EditKind.REMOVE_TAG else "")
            done = 0
            for part in chunks(ids):
                if tid:
                    live_ids = list(q.values_of(tx, "customer", "owner", part))
                    links = q.tag_links(tx, tid, live_ids)
                    if edit.kind == EditKind.ADD_TAG:
                        revive = [lid for lid, alive in links.values() if not alive]
                        q.set_links_deleted(tx, revive, False, stamp)
                        new = q.insert_links(tx, tid, [c for c in live_ids if c not in links], stamp)
                        added += revive + new
                        changed_ids += [c for c in live_ids if c not in links or not links[c][1]]
                    else:
                        gone = [(c, lid) for c, (lid, alive) in links.items() if alive]
                        q.set_links_deleted(tx, [lid for _c, lid in gone], True, stamp)
                        removed += [lid for _c, lid in gone]
                        changed_ids += [c for c, _lid in gone]
                else:
                    column = _column(edit)
                    changing, _ = split(q.values_of(tx, "customer", column, part), new)
                    if edit.kind == EditKind.OWNER:
                        owners = dict(changing)
                        for table, wanted in (("interaction", edit.followups), ("complaint", edit.complaints)):
                            if wanted:
                                kids = q.open_children(tx, table, list(owners), owners)
                                q.set_values(tx, table, "owner", [(k, new) for k in kids], stamp)
                                previous[table] += kids.items()
                    q.set_values(tx, "customer", column, [(c, new) for c, _old in changing], stamp)
                    previous["customer"] += changing
                    changed_ids += [c for c, _old in changing]
                done += len(part)
                if progress is not None:
                    progress(done, total)
            q.touch(tx, changed_ids, now)
        kinds = set()
        if changed_ids:
            kinds.add(Kind.TAG if tid else Kind.CUSTOMER)
        if previous["interaction"]:
            kinds.add(Kind.INTERACTION)
        if previous["complaint"]:
            kinds.add(Kind.COMPLAINT)
        return BulkRecord(edit, ids, stamp, len(changed_ids), _announce(kinds, changed_ids),
                          {t: tuple(v) for t, v in previous.items() if v}, tuple(added), tuple(removed))

    def undo(self, record: BulkRecord) -> Changes:
        """Put back what *record* wrote, where it was not changed since; one transaction."""
        stamp = self.ctx.stamp()
        with self.ctx.db.writing() as tx:
            if record.links_added:
                q.set_links_deleted(tx, record.links_added, True, stamp, applied=record.stamp)
            if record.links_removed:
                q.set_links_deleted(tx, record.links_removed, False, stamp, applied=record.stamp)
            column = _column(record.edit)
            for table, values in record.previous.items():
                q.put_back(tx, table, column if table == "customer" else "owner", values, record.stamp, stamp)
            customers = [c for c, _old in record.previous.get("customer", ())]
            if record.links_added or record.links_removed:
                customers = list(record.ids)
            q.touch(tx, customers, self.ctx.now())
        return record.changes

