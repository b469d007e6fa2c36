"""Importing customers from a table (CSV, .xlsx, vCard, Google/Outlook exports).

Three steps, each usable on its own (the wizard shows the result of each):

1. :func:`~crm_desktop.exchange.customer_columns.auto_mapping` — which column
   holds what (a business sheet's 联系人, 职务, 手机 … go to the contact);
2. :meth:`CustomerImporter.prepare` — every row validated and matched
   (:mod:`crm_desktop.services.imports.plan`), problems listed by file row;
3. :meth:`CustomerImporter.run` — writes the valid rows in **one
   transaction**: new customers (and their contacts and tags), matches
   skipped, updated (only non-empty cells, stamped per field) or created;
   their search texts follow (:func:`crm_desktop.db.search.reindex_customers`).
   A cancel or error rolls everything back.  A change batch of kind
   ``import`` records the ids added and the previous values of what was
   updated, so :meth:`CustomerImporter.undo_last` can remove exactly what the
   import added and restore what it changed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crm_desktop.db import imports as q
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.people import resolve_owners
from crm_desktop.db.sync import new_id, stable_id
from crm_desktop.db.types import ts_text
from crm_desktop.domain.models import ContactInput
from crm_desktop.domain.text import name_columns
from crm_desktop.exchange.customer_columns import auto_mapping
from crm_desktop.exchange.tabular import Table, read_table
from crm_desktop.exchange.vcard import read_vcards_table
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.imports.hints import add_duplicate_hints
from crm_desktop.services.imports.plan import (
    MATCH_POLICIES,
    ImportPlan,
    ImportResult,
    NothingToUndo,
    PreparedRow,
    Preparer,
    ProgressFn,
    UndoResult,
    contact_index,
    key_index,
    needs_contacts,
)
from crm_desktop.services.imports.rows import join_lines

UPDATABLE = ("company", "phone", "email", "wechat", "address", "industry", "lead_source", "needs", "external_id",
             "birthday")
"""Fields an ``update`` import may overwrite (only with non-empty cells); notes and tags are added to instead."""

CHUNK = 5000
"""New customers written per round (progress is reported between rounds)."""

Changed = dict[str, dict[str, Any]]
"""Row id → {field: [old, new]} (and ``_tags_added``: the tag links an update added)."""


@dataclass
class _Written:
    """What a run wrote, for its change batch and its result."""

    added: list[str] = field(default_factory=list)
    contacts_added: list[str] = field(default_factory=list)
    updated: Changed = field(default_factory=dict)
    contacts_updated: Changed = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)


class CustomerImporter:
    """Prepares, runs and undoes customer imports over the database in ``ctx``."""

    def __init__(self, ctx: ServiceContext, invalidate: Callable[[], None] | None = None) -> None:
        self.ctx = ctx
        self._invalidate = invalidate or (lambda: None)
        self._owner_ids: dict[str, str] = {}

    # --- preparing -----------------------------------------------------------------------------------------------
    def prepare(self, table: Table, mapping: Sequence[str | None], progress: ProgressFn | None = None) -> ImportPlan:
        """Validate and match every row (no writes).  Rows with a blocking issue are left out of the plan."""
        with self.ctx.db.reading() as tx:
            index = key_index(q.customer_match_keys(tx))
            contacts = contact_index(q.contact_match_keys(tx)) if needs_contacts(mapping) else ({}, {})
        plan = Preparer(table, mapping, index, *contacts).run(progress)
        return add_duplicate_hints(self.ctx, plan)

    # --- writing -------------------------------------------------------------------------------------------------
    def run(self, plan: ImportPlan, on_match: str = "skip", progress: ProgressFn | None = None,
            description: str = "") -> ImportResult:
        """Write *plan* in one transaction (see the module docstring); *on_match* is skip, update or create."""
        if on_match not in MATCH_POLICIES:
            raise ValueError(on_match)
        ctx = self.ctx
        now, stamp = ctx.now(), ctx.stamp()
        new_rows = [r for r in plan.rows if not r.match_id or on_match == "create"]
        upd_rows = [r for r in plan.rows if r.match_id and on_match == "update"]
        total = len(new_rows) + len(upd_rows)
        done = _Written()
        with sqlite_errors_as_sentences(ctx.db.path), ctx.db.writing() as tx, q.big_cache(tx):
            known_tags = q.tag_ids(tx)
            # owners are stored as person ids; a new owner name joins the team as a person
            self._owner_ids = resolve_owners(tx, {r.data.owner for r in (*new_rows, *upd_rows)}, stamp)
            self._owner_ids[""] = owners.me(tx, ctx.person_id, ctx.user, stamp)
            for start in range(0, len(new_rows), CHUNK):
                if progress:
                    progress(start, total)
                self._insert(tx, new_rows[start:start + CHUNK], stamp, ts_text(now), known_tags, done)
            for j, r in enumerate(upd_rows):
                if progress and j % 500 == 0:
                    progress(len(new_rows) + j, total)
                self._update(tx, r, stamp, ts_text(now), known_tags, done)
            q.reindex(tx, done.touched)
            batch_id = None
            if done.added or done.updated:
                batch_id = new_id()
                payload = json.dumps({"added": done.added, "updated": done.updated,
                                      "contacts_added": done.contacts_added,
                                      "contacts_updated": done.contacts_updated}, ensure_ascii=False, default=str)
                q.record_batch(tx, batch_id, "import", ts_text(now), ctx.user,
                               description or f"{len(done.added)} added, {len(done.updated)} updated", payload)
            q.note_last_stamp(tx, stamp)
            if progress:
                progress(total, total)  # a cancel pressed at the very end still rolls back
        self._invalidate()
        return ImportResult(added=len(done.added), updated=len(done.updated),
                            skipped=len(plan.rows) - len(new_rows) - len(upd_rows), rejected=plan.rejected,
                            batch_id=batch_id, contacts=len(done.contacts_added))

    def _insert(self, tx: q.Tx, rows: Sequence[PreparedRow], stamp: str, now_txt: str, known_tags: set[str],
                done: _Written) -> None:
        """New customers with their contacts and tags; their search texts are made right after."""
        cust, tag_rows, link_rows, contact_rows = [], [], [], []
        for r in rows:
            d = r.data
            cid = new_id()
            done.added.append(cid)
            pinyin, initials = name_columns(d.name)
            cust.append((cid, stamp, stamp, str(d.kind), d.name, pinyin, initials, d.company, d.phone, d.email,
                         d.wechat, d.address, d.industry, str(d.lead_source) if d.lead_source else None,
                         d.birthday.isoformat() if d.birthday else None, int(d.consent_marketing),
                         int(d.do_not_contact), self._owner_ids.get(d.owner or "", ""), d.needs, d.notes, d.external_id,
                         now_txt, now_txt))
            for c in d.contacts:
                contact_id = new_id()
                done.contacts_added.append(contact_id)
                contact_rows.append(_contact_row(contact_id, stamp, cid, c))
            for t in d.tags:
                tid = stable_id("tag", t)
                if tid not in known_tags:
                    known_tags.add(tid)
                    tag_rows.append((tid, stamp, stamp, t, ""))
                link_rows.append((stable_id("customer_tag", cid, tid), stamp, stamp, cid, tid))
        q.insert(tx, "customer", q.CUSTOMER_COLUMNS, cust)
        q.insert(tx, "contact", q.CONTACT_COLUMNS, contact_rows)
        q.insert(tx, "tag", q.TAG_COLUMNS, tag_rows)
        q.insert(tx, "customer_tag", q.TAG_LINK_COLUMNS, link_rows)
        q.reindex(tx, [c[0] for c in cust])

    def _update(self, tx: q.Tx, r: PreparedRow, stamp: str, now_txt: str, known_tags: set[str],
                done: _Written) -> None:
        """Fill a matched customer (non-empty cells win, notes and tags are added to) and its contacts."""
        assert r.match_id is not None
        change = self._update_customer(tx, r, stamp, now_txt, known_tags, self._owner_ids)
        if self._update_contacts(tx, r, stamp, done) or change:
            done.updated[r.match_id] = change
            done.touched.add(r.match_id)

    @staticmethod
    def _update_customer(tx: q.Tx, r: PreparedRow, stamp: str, now_txt: str, known_tags: set[str],
                         owner_ids: dict[str, str]) -> dict[str, Any]:
        d, cid = r.data, r.match_id or ""
        old = q.customer_values(tx, cid, (*UPDATABLE, "notes", "name")) or {}
        changes: dict[str, Any] = {}
        for f in UPDATABLE:
            v = getattr(d, f)
            if f == "birthday":
                v = v.isoformat() if v else None
            elif f == "lead_source":
                v = str(v) if v else None
            elif f == "owner" and v:
                v = owner_ids.get(v, v)
            if v and v != old.get(f):
                changes[f] = v
        if d.notes and d.notes not in (old.get("notes") or ""):
            changes["notes"] = join_lines([old.get("notes") or "", d.notes])
        if changes:
            q.update(tx, "customer", cid, changes, stamp)
            q.touch_customer(tx, cid, now_txt)
        for t in d.tags:  # tags are only ever added by an import
            tid = stable_id("tag", t)
            if tid not in known_tags:
                known_tags.add(tid)
                q.insert(tx, "tag", q.TAG_COLUMNS, [(tid, stamp, stamp, t, "")])
            link = stable_id("customer_tag", cid, tid)
            if not q.has_row(tx, "customer_tag", link):
                q.insert(tx, "customer_tag", q.TAG_LINK_COLUMNS, [(link, stamp, stamp, cid, tid)])
                changes.setdefault("_tags_added", []).append(link)
        return {f: ([old.get(f), v] if not f.startswith("_") else v) for f, v in changes.items()}

    @staticmethod
    def _update_contacts(tx: q.Tx, r: PreparedRow, stamp: str, done: _Written) -> bool:
        """Add the row's new contacts to the matched customer and fill matched ones (non-empty cells win)."""
        changed = False
        for c in r.data.contacts:
            if c.id is None:
                contact_id = new_id()
                q.insert(tx, "contact", q.CONTACT_COLUMNS, [_contact_row(contact_id, stamp, r.match_id or "", c)])
                done.contacts_added.append(contact_id)
                changed = True
                continue
            old = q.contact_values(tx, c.id)
            if old is None:
                continue
            changes = {f: v for f, v in _contact_storage(c).items() if v and v != old[f] and f != "name"}
            if c.notes and c.notes not in (old["notes"] or ""):
                changes["notes"] = join_lines([old["notes"] or "", c.notes])
            if changes:
                q.update(tx, "contact", c.id, changes, stamp)
                done.contacts_updated[c.id] = {f: [old[f], v] for f, v in changes.items()}
                changed = True
        return changed

    # --- undoing -------------------------------------------------------------------------------------------------
    def last_batch(self) -> tuple[str, str] | None:
        """(id, description) of the newest import that can still be undone, or None."""
        with self.ctx.db.reading() as tx:
            return q.last_batch(tx, "import")

    def undo_last(self, progress: ProgressFn | None = None) -> UndoResult:
        """Undo the newest import: tombstone what it added, restore the fields it changed.

        A field someone edited after the import (its value is no longer what
        the import wrote) is left as it is and counted in ``kept``.
        """
        found = self.last_batch()
        if found is None:
            raise NothingToUndo()
        batch_id = found[0]
        ctx = self.ctx
        stamp = ctx.stamp()
        with sqlite_errors_as_sentences(ctx.db.path), ctx.db.writing() as tx:
            payload = json.loads(q.batch_payload(tx, batch_id, "import") or "{}")
            added = payload.get("added", [])
            q.tombstone(tx, "contact", payload.get("contacts_added", []), stamp)
            removed = q.tombstone(tx, "customer", added, stamp)
            restored = kept = 0
            touched: set[str] = set()
            for table, changes in (("customer", payload.get("updated", {})),
                                   ("contact", payload.get("contacts_updated", {}))):
                for row_id, fields in changes.items():
                    back, left = _restore_fields(tx, table, row_id, fields, stamp)
                    if back is None:
                        continue
                    restored, kept = restored + back, kept + left
                    current = q.row_values(tx, table, row_id) or {}
                    touched.add(row_id if table == "customer" else current.get("customer_id", ""))
            q.reindex(tx, touched - set(added) - {""})
            q.mark_undone(tx, batch_id, ts_text(ctx.now()))
        self._invalidate()
        return UndoResult(removed=removed, restored=restored, kept=kept)


def _restore_fields(tx: q.Tx, table: str, row_id: str, fields: dict[str, Any], stamp: str
                    ) -> tuple[int | None, int]:
    """Give one row back the values an import replaced, where nobody edited them since: (fields restored,
    fields kept as edited); None restored when the row is gone."""
    current = q.row_values(tx, table, row_id)
    if current is None:
        return None, 0
    back: dict[str, Any] = {}
    kept = 0
    for f, val in fields.items():
        if f == "_tags_added":
            q.tombstone(tx, "customer_tag", val, stamp)
            continue
        old, new = val
        if current.get(f) == new:
            back[f] = old
        else:
            kept += 1
    if back:
        q.update(tx, table, row_id, back, stamp)
    return len(back), kept


def _contact_storage(c: ContactInput) -> dict[str, Any]:
    """A contact's importable fields in storage form (enums as text, birthday as ISO text)."""
    return {"name": c.name, "role": str(c.role) if c.role else None, "title": c.title, "phone": c.phone,
            "phone2": c.phone2, "email": c.email, "wechat": c.wechat,
            "birthday": c.birthday.isoformat() if c.birthday else None, "notes": c.notes}


def _contact_row(contact_id: str, stamp: str, customer_id: str, c: ContactInput) -> tuple[Any, ...]:
    v = _contact_storage(c)
    return (contact_id, stamp, stamp, customer_id, *(v[f] for f in q.CONTACT_FIELDS))


# --- one call -----------------------------------------------------------------------------------------------------

def read_any(path: str | os.PathLike[str], encoding: str | None = None) -> Table:
    """A customer table from a CSV/TSV/.xlsx file or a vCard (.vcf) file."""
    p = Path(path)
    if p.suffix.lower() in (".vcf", ".vcard"):
        return read_vcards_table(p, encoding)
    return read_table(p, encoding)


def import_file(ctx: ServiceContext, path: str | os.PathLike[str], *, encoding: str | None = None,
                on_match: str = "skip", mapping: Sequence[str | None] | None = None, preset: str = "auto",
                progress: ProgressFn | None = None, invalidate: Callable[[], None] | None = None
                ) -> tuple[ImportPlan, ImportResult]:
    """Read, prepare and run an import of *path* (CSV, TSV, .xlsx or .vcf) with the automatic mapping."""
    table = read_any(path, encoding)
    mapping = list(mapping) if mapping is not None else auto_mapping(table.headers, preset)
    importer = CustomerImporter(ctx, invalidate)
    plan = importer.prepare(table, mapping)
    result = importer.run(plan, on_match, progress, description=str(path))
    return plan, result
