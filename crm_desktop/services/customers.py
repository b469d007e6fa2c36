"""Customer use cases: search, page rows, read, create, edit, delete and undo.

Every method opens its own short transaction and returns plain rows
(:mod:`crm_desktop.domain.models`), never ORM objects.  Writes keep the
derived search text (pinyin, phone digits, contacts) in step in the same
transaction, and stamp every changed field for merges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from crm_desktop.db import activity, search
from crm_desktop.db import customers as q
from crm_desktop.db.database import Tx
from crm_desktop.db.models import Contact, Customer, CustomerStageChange, CustomerTag, Tag
from crm_desktop.db.search import reindex_customers
from crm_desktop.db.sync import insert_row, set_deleted, stable_id, update_row
from crm_desktop.domain.changes import Changes, Created, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, InvalidFields, UserError, ValidationError
from crm_desktop.domain.models import ContactInput, CustomerDetail, CustomerInput, CustomerQuery, CustomerRow
from crm_desktop.domain.text import fold, phone_digits, pinyin_keys, query_variants
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.list_activity import ActivityKeys
from crm_desktop.services.list_index import ListIndex, match_of
from crm_desktop.services.validation import validate_customer

ACTIVITY_SORTS = ("last_contact", "next_due")
"""Sorts by the book's last contacts / next dues (:class:`ActivityKeys`, kept up to date as contacts are
logged), customers without one last in either direction."""

IN_MEMORY_QUERY_CHARS = 5
"""Queries shorter than this are matched in memory over the short key (names,
pinyin, company, phones, e-mail, contacts): typing the first letters must be
instant even when thousands match.  Longer queries use the trigram index over
the full text, which also covers notes, needs, address and industry."""


class InvalidInput(InvalidFields):
    """Raised by create/update when validation failed; ``errors`` lists each field's problem (the dialog
    marks each field, so the sentence asks to correct them)."""

    def __init__(self, errors: list[ValidationError]) -> None:
        super().__init__(errors, QT_TRANSLATE_NOOP("errors", "Please correct the highlighted fields."))


class NotFound(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This customer no longer exists."))


_CUSTOMER_FIELDS = (
    "kind", "name", "company", "phone", "email", "address", "industry", "size", "lead_source",
    "preferred_channel", "birthday", "anniversary", "consent_marketing", "do_not_contact", "owner",
    "relationship_stage", "needs", "notes", "external_id", "wechat",
)
_CONTACT_FIELDS = ("name", "role", "title", "phone", "phone2", "email", "wechat", "birthday", "notes")


def _plain(value: object) -> object:
    """An enum member's stored value; any other value as it is."""
    return value.value if hasattr(value, "value") else value


class CustomerService:
    """Customers of the open database, as seen by the salesperson in ``ctx.user``."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._index: ListIndex | None = None
        self._activity = ActivityKeys()
        self._scores: Mapping[str, Any] = {}

    def set_scores(self, scores: Mapping[str, Any]) -> None:
        """The scores the list can be sorted by (id → the dashboard's ScoreCells; see :data:`SCORE_SORTS`).
        Call on the worker, like :meth:`search`."""
        self._scores = scores
        if self._index is not None:
            self._index.scores_changed(scores)

    # --- reading -----------------------------------------------------------------
    def search(self, query: CustomerQuery) -> list[str]:
        """Ordered ids of the customers the list shows for *query*.

        Text, tag, relationship-stage and "not contacted for N days" matches come
        from SQL (trigram index / ``instr``); kind, owner, industry and
        do-not-contact filters, the score filters (today's scores, in memory)
        and the order come from an in-memory list index (one table scan, sorted
        once per column and kept until the next write), so each keystroke costs
        milliseconds on 100k customers.
        """
        if self._index is None and query == CustomerQuery():
            # start-up: the default list straight from the covering index (≈80 ms for 100k);
            # the in-memory index is built by warm_up() right after the first page shows
            with self.ctx.db.reading() as tx:
                return q.ids_by_name(tx)
        index = self._list_index()
        wanted: set[str] | None = None
        variants = query_variants(query.text)
        if query.text and not variants:
            return []  # nothing searchable was typed (only control characters, say)
        short = [v for v in variants if len(v) < IN_MEMORY_QUERY_CHARS]
        if short and query == CustomerQuery(text=query.text):  # typed text only: found and ranked in arrays
            ranked = index.ranked_matches(variants)
            if ranked is not None:
                return ranked
        keys: dict[str, datetime] | None = None
        with self.ctx.db.reading() as tx:
            found: list[set[str]] = []
            if variants and not short:
                found.append(q.match_text(tx, variants))
            if query.tag:
                found.append(q.ids_with_tag(tx, query.tag))
            if query.relationship_stage:
                found.append(activity.ids_in_relationship_stage(tx, query.relationship_stage))
            if query.sort in ACTIVITY_SORTS:
                keys = self._activity.get(tx, query.sort)
            if query.quiet_days is not None:
                since = self.ctx.now() - timedelta(days=query.quiet_days)
                quiet = {cid for cid, at in self._activity.get(tx, "last_contact").items() if at >= since}
        if query.ids is not None:
            found.append(set(query.ids))
        for ids_found in found:
            wanted = ids_found if wanted is None else wanted & ids_found
        exclude: set[str] | None = None
        if query.quiet_days is not None:
            if wanted is None:
                exclude = quiet
            else:
                wanted -= quiet
        ids = index.select(query, wanted, variants if short else None, keys, exclude)
        if variants and query.sort == "relevance":
            ids = index.rank(ids, variants)
        return ids

    def _list_index(self) -> ListIndex:
        if self._index is None:
            with self.ctx.db.reading() as tx:
                self._index = ListIndex(q.load_list_keys(tx))
            self._index.scores_changed(self._scores)
        return self._index

    def warm_up(self) -> None:
        """Bring search texts made by an earlier version up to date (once, seconds for 100k customers),
        then build the in-memory list index and what its first ranking of many matches needs (call on the
        worker after start-up)."""
        with self.ctx.db.reading() as tx:
            outdated = search.index_is_outdated(tx)
        if outdated:
            with self.ctx.db.bulk() as tx:
                reindex_customers(tx)
            self.invalidate()
        self._list_index().prepare()

    def invalidate(self, *, index: bool = True, contacts: bool = True,
                   contacts_of: Iterable[str] | None = None) -> None:
        """Forget the in-memory list index (*index*: after a write to customers, an import or a merge) and the
        book's last contacts and next steps (*contacts*: after contacts were logged — only those of the
        customers *contacts_of* when given)."""
        if index:
            self._index = None
        if contacts:
            self._activity.forget(contacts_of)

    def rows(self, ids: list[str], text: str = "") -> dict[str, CustomerRow]:
        """List rows for a bounded page of ids; with the search *text*, each says what matched."""
        with self.ctx.db.reading() as tx:
            rows = q.load_rows(tx, ids)
            variants = query_variants(text)
            if not variants or not rows:
                return rows
            own = {cid: match_of(r.name, r.company, r.phone, r.email, variants) for cid, r in rows.items()}
            found = {cid: m for cid, m in own.items() if m is not None}
            rest = [cid for cid, m in own.items() if m is None]
            if rest:
                extra = q.match_details(tx, rest)
                for cid in rest:
                    wechat, contacts = extra.get(cid, ("", []))
                    found[cid] = _match_details(wechat, contacts, variants)
        return {cid: replace(r, matched=found[cid][0], matched_text=found[cid][1]) for cid, r in rows.items()}

    def get(self, customer_id: str) -> CustomerDetail:
        with self.ctx.db.reading() as tx:
            detail = q.load_detail(tx, customer_id)
        if detail is None:
            raise NotFound()
        return detail

    def owners(self) -> list[str]:
        with self.ctx.db.reading() as tx:
            return q.all_owners(tx)

    def tags(self) -> list[str]:
        with self.ctx.db.reading() as tx:
            return q.all_tags(tx)

    def industries(self) -> list[str]:
        """The industries customers are in (the list's industry filter)."""
        with self.ctx.db.reading() as tx:
            return activity.all_industries(tx)

    def counts(self, queries: list[CustomerQuery]) -> list[int]:
        """How many customers each of *queries* lists (the saved views' counts; call on the worker)."""
        return [len(self.search(query)) for query in queries]

    def count(self) -> int:
        with self.ctx.db.reading() as tx:
            return q.count_live(tx)

    # --- writing -----------------------------------------------------------------
    def validate(self, data: CustomerInput) -> tuple[CustomerInput, list[ValidationError]]:
        return validate_customer(data)

    def create(self, data: CustomerInput) -> Created:
        """Save a new customer; raises InvalidInput (nothing saved) when a field is wrong."""
        clean, errors = validate_customer(data)
        if errors:
            raise InvalidInput(errors)
        now = self.ctx.now()
        stamp = self.ctx.stamp()
        values = {f: _plain(getattr(clean, f)) for f in _CUSTOMER_FIELDS}
        values.update(created_at=now, updated_at=now)
        with self.ctx.db.writing() as tx:
            values["owner"] = owners.chosen(tx, clean.owner, self.ctx.person_id, self.ctx.user, stamp)
            cid = insert_row(tx, Customer, values, stamp)
            self._note_stage(tx, cid, None, values["relationship_stage"], stamp)
            contacts = self._save_contacts(tx, cid, clean, stamp)
            tags = self._save_tags(tx, cid, clean.tags, stamp)
            reindex_customers(tx, [cid])
        self.invalidate(contacts=False)
        return Created(cid, _changes(cid, True, contacts, tags))

    def update(self, customer_id: str, data: CustomerInput, *, base: CustomerInput | None = None) -> Changes:
        """Save edits; only fields that changed get a new stamp.  Returns what changed (empty: nothing).

        *base* is the customer as the dialog loaded it: then only what the person changed
        (``data`` differs from ``base``) is written, so an edit made meanwhile elsewhere — a
        merge, another panel — is not overwritten with the dialog's stale copy.
        """
        clean, errors = validate_customer(data)
        if errors:
            raise InvalidInput(errors)
        stamp = self.ctx.stamp()
        values = {f: _plain(getattr(clean, f)) for f in _CUSTOMER_FIELDS}
        values["owner"] = clean.owner or self.ctx.user
        tags: list[str] | None = clean.tags
        edits = None
        if base is not None:
            clean_base, _ = validate_customer(base)
            before = {f: _plain(getattr(clean_base, f)) for f in _CUSTOMER_FIELDS}
            before["owner"] = clean_base.owner or self.ctx.user
            values = {f: v for f, v in values.items() if v != before[f]}
            tags = None if clean.tags == clean_base.tags else clean.tags  # untouched: links left as they are
            edits = _contact_edits(clean.contacts, clean_base.contacts)
        with self.ctx.db.writing() as tx:
            old = q.load_detail(tx, customer_id)
            if old is None:
                raise NotFound()
            if "owner" in values:  # the owner as a person id ("" in the form: me)
                values["owner"] = owners.chosen(tx, clean.owner, self.ctx.person_id, self.ctx.user, stamp)
            fields = update_row(tx, Customer, customer_id, values, stamp) if values else False
            if "relationship_stage" in values:
                self._note_stage(tx, customer_id, _plain(old.relationship_stage), values["relationship_stage"], stamp)
            contacts = self._save_contacts(tx, customer_id, clean, stamp, edits=edits)
            tagged = self._save_tags(tx, customer_id, tags, stamp) if tags is not None else False
            changes = _changes(customer_id, fields, contacts, tagged)
            if changes:
                q.set_updated_at(tx, [customer_id], self.ctx.now())
                reindex_customers(tx, [customer_id])
        if changes:
            self.invalidate(contacts=False)
        return changes

    def delete(self, customer_id: str) -> Changes:
        """Tombstone the customer (undo with :meth:`restore`)."""
        with self.ctx.db.writing() as tx:
            if q.load_detail(tx, customer_id) is None:
                raise NotFound()
            set_deleted(tx, Customer, customer_id, True, self.ctx.stamp())
        self.invalidate(contacts=False)
        return Changes.of(Kind.CUSTOMER, customers=[customer_id])

    def restore(self, customer_id: str) -> Changes:
        """Bring a deleted customer back (the undo of delete)."""
        with self.ctx.db.writing() as tx:
            set_deleted(tx, Customer, customer_id, False, self.ctx.stamp())
        self.invalidate(contacts=False)
        return Changes.of(Kind.CUSTOMER, customers=[customer_id])

    # --- helpers -----------------------------------------------------------------
    def _note_stage(self, tx: Tx, customer_id: str, before: object, after: object, stamp: str) -> None:
        """Keep a change of the relationship stage on the timeline (the field itself keeps only its last value)."""
        if before != after:
            values = {"customer_id": customer_id, "at": self.ctx.now(), "actor": self.ctx.user,
                      "from_stage": before, "to_stage": after}
            insert_row(tx, CustomerStageChange, values, stamp)

    def _save_contacts(self, tx: Tx, customer_id: str, clean: CustomerInput, stamp: str, *,
                       edits: list[_ContactEdit] | None = None) -> bool:
        """Write the contacts: all of ``clean.contacts`` (a new customer, an import), or, with *edits*,
        only what the person changed in the dialog (see :func:`_contact_edits`)."""
        existing = q.contact_ids(tx, customer_id)
        if edits is None:
            edits = [_ContactEdit(c, None) for c in clean.contacts]
            edits += [_ContactEdit(None, None, removed_id=gone)
                      for gone in existing - {c.id for c in clean.contacts if c.id}]
        changed = False
        for e in edits:
            if e.removed_id is not None:
                if e.removed_id in existing:
                    set_deleted(tx, Contact, e.removed_id, True, stamp)
                    changed = True
                continue
            c = e.contact
            assert c is not None, "an edit that removes no contact adds or changes one"
            values = {f: _plain(getattr(c, f)) for f in (e.fields or _CONTACT_FIELDS)}
            if c.id and c.id in existing:
                changed |= update_row(tx, Contact, c.id, values, stamp)
            else:
                insert_row(tx, Contact, {**values, "customer_id": customer_id}, stamp)
                changed = True
        return changed

    def _save_tags(self, tx: Tx, customer_id: str, names: list[str], stamp: str) -> bool:
        links = {link.name: link for link in q.tag_links(tx, customer_id)}
        wanted = set(names)
        changed = False
        for name in wanted:
            tag_id = stable_id("tag", name)
            if not q.tag_exists(tx, tag_id):
                insert_row(tx, Tag, {"id": tag_id, "name": name}, stamp)
            link = links.get(name)
            if link is None:
                insert_row(tx, CustomerTag, {"id": stable_id("customer_tag", customer_id, tag_id),
                                               "customer_id": customer_id, "tag_id": tag_id}, stamp)
                changed = True
            elif link.deleted is not None:
                set_deleted(tx, CustomerTag, link.link_id, False, stamp)
                changed = True
        for name, link in links.items():
            if name not in wanted and link.deleted is None:
                set_deleted(tx, CustomerTag, link.link_id, True, stamp)
                changed = True
        return changed


def _changes(customer_id: str, fields: bool, contacts: bool, tags: bool) -> Changes:
    """What a write of the customer's own fields, contacts and tags changed."""
    kinds = [k for k, written in ((Kind.CUSTOMER, fields), (Kind.CONTACT, contacts), (Kind.TAG, tags)) if written]
    return Changes.of(*kinds, customers=[customer_id]) if kinds else Changes()


@dataclass(frozen=True)
class _ContactEdit:
    """One change to a customer's contacts: *contact* added or edited (only *fields*, when given),
    or the contact *removed_id* removed."""

    contact: ContactInput | None
    fields: tuple[str, ...] | None
    removed_id: str | None = None


def _contact_edits(contacts: list[ContactInput], base: list[ContactInput]) -> list[_ContactEdit]:
    """What the person added, changed (field by field) or removed, comparing the dialog with what it loaded."""
    before = {c.id: c for c in base if c.id}
    edits = []
    for c in contacts:
        old = before.pop(c.id, None) if c.id else None
        if old is None:
            edits.append(_ContactEdit(c, None))
            continue
        fields = tuple(f for f in _CONTACT_FIELDS if _plain(getattr(c, f)) != _plain(getattr(old, f)))
        if fields:
            edits.append(_ContactEdit(c, fields))
    edits += [_ContactEdit(None, None, removed_id=cid) for cid in before]
    return edits


def _match_details(wechat: str, contacts: list[tuple[str, str, str, str, str]],
                   variants: list[str]) -> tuple[str, str]:
    """What matched when no field of the customer's own row did: the WeChat id, a contact, or other text."""
    if wechat and any(v in fold(wechat) for v in variants):
        return "wechat", wechat
    for c_name, c_phone, c_phone2, c_email, c_wechat in contacts:
        full, initials = pinyin_keys(c_name)
        texts = [fold(c_name), full, initials, fold(c_email), fold(c_wechat), *phone_digits(c_phone),
                 *phone_digits(c_phone2)]
        if any(v in t for v in variants for t in texts if t):
            return "contact", c_name
    return "other", ""
