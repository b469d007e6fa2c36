"""Planning a merge on the database (what :func:`~crm_desktop.services.merge.join.merge_states` would give,
for the records whose stamps differ only), and writing the plan.

:func:`plan_merge` reads through :mod:`crm_desktop.db.merge` on one connection
where the teammate's checked copy is attached beside the book: erasures
first (a grow-only set; records erased by either side are revisited), then
per table the ids whose stamps differ, then those rows of both sides, joined
row by row with :func:`~crm_desktop.services.merge.join.merge_row`.  Rows
equal on both sides are never decoded.  New customers that look like one of
ours are listed as possible duplicates (never merged): same phone, e-mail,
or name by the duplicate finder's :func:`~crm_desktop.services.dedupe.name_key`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from crm_desktop.db import merge as q
from crm_desktop.db.database import BulkTx
from crm_desktop.db.ownership import customer_links, through_tables
from crm_desktop.domain.people import owner_label
from crm_desktop.domain.text import fold, phone_digits
from crm_desktop.services.dedupe import name_key
from crm_desktop.services.merge.join import (
    CHILD_TABLES,
    DELETED,
    MERGE_ORDER,
    TABLE_NAMES,
    Conflict,
    ErasureRow,
    Row,
    State,
    data_fields,
    merge_erasure,
    merge_row,
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DuplicateCandidate:
    """An incoming new customer that looks like one we have: ``reason`` is "phone", "email" or "name"."""

    incoming_id: str
    incoming_name: str
    local_id: str
    local_name: str
    reason: str
    local_owner: str = ""
    """Whose the customer we have is (so a double-booking shows who is already on it)."""


@dataclass
class TableCounts:
    """Per kind of record: rows new here, changed, deleted, brought back, conflicts."""

    new: int = 0
    changed: int = 0
    deleted: int = 0
    brought_back: int = 0
    conflicting: int = 0

    @property
    def total(self) -> int:
        return self.new + self.changed + self.deleted + self.brought_back + self.conflicting


@dataclass
class MergePlan:
    """What a merge would write into ``main``, computed by :func:`plan_merge`.

    ``writes``: per table, (columns, rows as tuples) to upsert; ``erasures``:
    erasure rows to upsert; ``conflicts``; ``counts`` per table;
    ``duplicates``: possible duplicate customers (never merged);
    ``reindex``: customer ids whose search text must be rebuilt;
    ``max_stamp``: the highest stamp seen in the other file's changed rows.
    """

    writes: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = field(default_factory=dict)
    changed: dict[str, list[tuple[str, ...] | None]] = field(default_factory=dict)
    """Per table, beside ``writes``' rows: the columns each one changes in the book (None: one it lacks).
    Only those are written, so an edited note does not rewrite every index of the row."""
    copies: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    """Per table, (columns, ids) of the other file's records taken exactly as they are (see
    :func:`_plain_new`), copied by the database without being decoded."""
    source: str = "inc"
    """The schema the other file is attached as."""
    erasures: list[tuple[Any, ...]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    duplicates: list[DuplicateCandidate] = field(default_factory=list)
    duplicate_count: int = 0
    brought_back: list[tuple[str, str]] = field(default_factory=list)
    reindex: set[str] = field(default_factory=set)
    max_stamp: str | None = None
    withheld: int = 0
    """Records a :data:`Keep` rule left out (changes to customers the sender does not own)."""

    @property
    def is_empty(self) -> bool:
        return (not any(rows for _, rows in self.writes.values()) and not any(ids for _, ids in self.copies.values())
                and not self.erasures and not self.conflicts)


# --------------------------------------------------------------------------- planning



Keep = Callable[[str, "Row | None", "Row"], bool]
"""``keep(table, ours, merged)``: whether a merged record may be written (a book's rule for one sender)."""


def only_customers_of(conn: BulkTx, other: str, owners: Sequence[str]) -> Keep:
    """A rule taking from the other file only what concerns customers *owners* (stored owners: person ids) own here,
    or customers this book does not have yet; team settings and tags are taken as always."""
    local = q.customer_owners_in(conn, "main")
    links = customer_links()
    parents = {parent: q.parent_customers(conn, parent, ("main", other))
               for _table, _col, parent in through_tables()}
    allowed = set(owners)

    def keep(table: str, _ours: Row | None, merged: Row) -> bool:
        if table == "customer":
            cid = merged.get("id")
        elif table in links:
            col, parent = links[table]
            cid = merged.get(col) if parent == "customer" else parents[parent].get(str(merged.get(col)))
        else:
            return True  # team settings, tags: everyone's
        if cid is None or str(cid) not in local:
            return True
        return local[str(cid)] in allowed

    return keep


def plan_merge(conn: BulkTx, other: str = "inc", *, duplicate_list_limit: int = 200, duplicates: bool = True,
               progress: Progress | None = None, keep: Keep | None = None) -> MergePlan:
    """Compute the merge of schema *other* into ``main`` on one connection (reads only; see the module
    docstring).  The result is the same as :func:`~crm_desktop.services.merge.join.merge_states` on the two
    whole states; with *keep*, the records it refuses are left as they are here (``plan.withheld``).
    Without *duplicates*, possible duplicates are not looked for (nobody will review them: a hub's pull)."""
    plan = MergePlan(source=other)
    steps = len(TABLE_NAMES) + 2
    erasures, changed_erasures = _plan_erasures(conn, other, plan)
    candidates = _candidates(conn, other, changed_erasures)
    if progress:
        progress(1, steps)
    known = q.known_conflicts(conn)
    for step, table in enumerate(MERGE_ORDER, start=2):
        if candidates[table]:
            _plan_table(conn, other, table, candidates[table], erasures, known, plan, keep)
        else:
            plan.counts.setdefault(table, TableCounts())
        if progress:
            progress(step, steps)
    if duplicates:
        _find_duplicates(conn, plan, duplicate_list_limit)
    q.drop_ids(conn)
    if progress:
        progress(steps, steps)
    return plan


def _plan_erasures(conn: BulkTx, other: str,
                   plan: MergePlan) -> tuple[dict[str, ErasureRow], dict[str, set[str]]]:
    """(the joined erasures, per table the ids whose erasure either side lacks): a grow-only set."""
    local, theirs = q.erasures(conn, "main"), q.erasures(conn, other)
    joined = dict(local)
    for rid, e in theirs.items():
        m = merge_erasure(local.get(rid), e)
        if m != local.get(rid):
            plan.erasures.append((rid, *m))
        joined[rid] = m
    changed: dict[str, set[str]] = defaultdict(set)
    for rid, e in joined.items():
        if local.get(rid) != e or theirs.get(rid) != e:
            changed[e[0]].add(rid)
    for e in plan.erasures:
        plan.max_stamp = max(plan.max_stamp or "", e[2])
    return joined, changed


def _candidates(conn: BulkTx, other: str, changed_erasures: dict[str, set[str]]) -> dict[str, set[str]]:
    """Per table the ids to decode: stamps differ (or only the other side has them), erased on one side, or
    a deleted parent of a changed child (it may have to come back)."""
    candidates = {table: q.differing_ids(conn, other, table) | changed_erasures.get(table, set())
                  for table in TABLE_NAMES}
    for parent, children in CHILD_TABLES.items():
        extra: set[str] = set()
        for child, column in children:
            if candidates.get(child):
                q.fill_ids(conn, candidates[child])
                extra |= q.deleted_parents(conn, ("main", other), parent, child, column)
        candidates[parent] |= extra
    return candidates


def _plan_table(conn: BulkTx, other: str, table: str, ids: set[str], erasures: dict[str, ErasureRow],
                known_conflicts: set[str], plan: MergePlan, keep: Keep | None = None) -> None:
    """Join the candidate rows of *table* and add what changes to *plan*."""
    counts = plan.counts.setdefault(table, TableCounts())
    cols = q.columns(conn, "main", table)
    other_cols = set(q.columns(conn, other, table))
    if keep is None and other_cols.issuperset(cols) and table not in DECODED_WHEN_NEW:
        ids = _plain_new(conn, other, table, ids, erasures, cols, plan)
        if not ids:
            return
    q.fill_ids(conn, ids)
    mine = q.rows_by_id(conn, "main", table, cols)
    theirs = q.rows_by_id(conn, other, table, [c for c in cols if c in other_cols])
    same_columns = other_cols.issuperset(cols)
    children = _children_created(conn, other, table, mine, theirs)
    rows_out: list[tuple[Any, ...]] = []
    changed: list[tuple[str, ...] | None] = []
    for rid in sorted(ids):
        a, b = mine.get(rid), theirs.get(rid)
        if a is None and b is None:
            continue
        if b is not None and a is None and not same_columns:
            b = {c: b.get(c) for c in cols}  # a column the other (older, migrated) file lacks: NULL
        er = erasures.get(rid)
        res = merge_row(table, a, b, erasure_stamp=er[1] if er and er[0] == table else None,
                        child_created=children.get(rid))
        new = res.row
        if keep is not None and not keep(table, a, new):
            if a is None or any(new.get(c) != a.get(c) for c in cols):
                plan.withheld += 1
            continue
        if b is not None:
            plan.max_stamp = max(plan.max_stamp or "", b["stamp"])
        fresh = [c for c in res.conflicts if c.id not in known_conflicts]
        plan.conflicts.extend(fresh)
        counts.conflicting += len(fresh)
        differ = None if a is None else tuple([c for c in cols if new.get(c) != a.get(c)])
        if differ == ():
            continue
        rows_out.append(tuple(map(new.get, cols)))
        changed.append(differ)
        _count(table, rid, a, new, res.brought_back, counts, plan)
    plan.writes[table] = (cols, rows_out)
    plan.changed[table] = changed


def _children_created(conn: BulkTx, other: str, table: str, mine: dict[str, Row],
                      theirs: dict[str, Row]) -> dict[str, str]:
    """The latest creation stamp of the children of the candidates deleted on either side: only a deleted
    record's children can bring it back (:func:`merge_row`'s ``child_created``)."""
    if table not in CHILD_TABLES:
        return {}
    deleted = {rid for rows in (mine, theirs) for rid, row in rows.items() if row.get(DELETED) is not None}
    if not deleted:
        return {}
    q.fill_ids(conn, deleted)
    return q.latest_child_created(conn, ("main", other), CHILD_TABLES[table])


DECODED_WHEN_NEW = frozenset({"person"})
"""Tables whose new records always go through :func:`merge_row`: the names a merge learns (people).
New customers and contacts are copied too: their derived name columns and search texts are made by the
reindex every merge ends with (:attr:`MergePlan.reindex`), as for the decoded ones."""


def _plain_new(conn: BulkTx, other: str, table: str, ids: set[str], erasures: dict[str, ErasureRow],
               cols: list[str], plan: MergePlan) -> set[str]:
    """Take the candidates *ids* the book lacks and that were never edited nor deleted (nor erased) as
    they are — for them :func:`merge_row` returns its input — into ``plan.copies``; returns the others.

    A first merge of a teammate's book, or a first sync with the hub, is mostly such records (logged
    contacts, orders), so they are never decoded row by row."""
    plain = [(rid, stamp) for rid, stamp in q.plain_new_rows(conn, other, table) if rid in ids and rid not in erasures]
    if not plain:
        return ids
    copied = [rid for rid, _ in plain]
    plan.copies[table] = (cols, copied)
    plan.counts[table].new += len(plain)
    if table == "customer":
        plan.reindex.update(copied)
    elif table == "contact":
        plan.reindex.update(q.parents_of(conn, other, table, "customer_id", copied))
    plan.max_stamp = max(plan.max_stamp or "", max(stamp for _, stamp in plain))
    return ids - {rid for rid, _ in plain}


def _count(table: str, rid: str, old: Row | None, new: Row, brought_back: bool, counts: TableCounts,
           plan: MergePlan) -> None:
    """Count one written row (new, changed, deleted or brought back) and note whose search text it changes."""
    if brought_back:
        counts.brought_back += 1
        plan.brought_back.append((table, rid))
    elif old is None:
        counts.new += new.get(DELETED) is None
    elif old.get(DELETED) is None and new.get(DELETED) is not None:
        counts.deleted += 1
    elif any(new.get(f) != old.get(f) for f in data_fields(table, old)) or (
            old.get(DELETED) is not None and new.get(DELETED) is None):
        counts.changed += 1
    if table == "customer":
        plan.reindex.add(rid)
    elif table == "contact":
        plan.reindex.add(new["customer_id"])
        if old is not None and old.get("customer_id"):
            plan.reindex.add(old["customer_id"])


# --------------------------------------------------------------------------- possible duplicates


def phone_key(phone: str | None) -> str:
    """A phone number as compared for duplicates: national digits (``+86`` dropped)."""
    forms = phone_digits(phone or "")
    return forms[-1] if forms else ""


def _find_duplicates(conn: BulkTx, plan: MergePlan, limit: int) -> None:
    """Customers new in this merge that look like an existing live one (same phone, e-mail or name)."""
    incoming = _new_customers(conn, plan)
    if not incoming:
        return
    by_phone: dict[str, tuple[str, str, str]] = {}
    by_email: dict[str, tuple[str, str, str]] = {}
    by_name: dict[str, tuple[str, str, str]] = {}
    people = q.people_in(conn)
    for cid, name, phone, email, owner in q.live_customers(conn):
        found = (cid, name, owner_label(owner, people))  # the owner by name
        if phone:
            by_phone.setdefault(phone_key(phone), found)
        if email:
            by_email.setdefault(fold(email), found)
        by_name.setdefault(name_key(name), found)
    for rid, name, phone, email in incoming:
        for reason, table, key in (("phone", by_phone, phone_key(phone)),
                                   ("email", by_email, fold(email or "")),
                                   ("name", by_name, name_key(name))):
            hit = table.get(key) if key else None
            if hit is not None and hit[0] != rid:
                plan.duplicate_count += 1
                if len(plan.duplicates) < limit:
                    plan.duplicates.append(DuplicateCandidate(rid, name, hit[0], hit[1], reason, hit[2]))
                break


def _new_customers(conn: BulkTx, plan: MergePlan) -> list[tuple[str, str, str | None, str | None]]:
    """(id, name, phone, e-mail) of the live customers *plan* adds to the book: decoded or copied."""
    cols, rows = plan.writes.get("customer", ([], []))
    out = []
    if rows:
        idx = {c: i for i, c in enumerate(cols)}
        new_ids = q.not_in_book(conn, (r[idx["id"]] for r in rows))
        out = [(r[idx["id"]], r[idx["name"]], r[idx["phone"]], r[idx["email"]]) for r in rows
               if r[idx["id"]] in new_ids and r[idx[DELETED]] is None]
    _cols, copied = plan.copies.get("customer", ([], []))
    if copied:
        out.extend(q.customer_keys(conn, plan.source, copied))  # copies are new and live by definition
    return sorted(out)


# --------------------------------------------------------------------------- writing, reading


def apply_plan(conn: BulkTx, plan: MergePlan, *, now_text: str) -> None:
    """Write *plan* into ``main`` (the caller owns the transaction)."""
    for table in TABLE_NAMES:
        cols, rows = plan.writes.get(table, ([], []))
        if rows:
            _write_rows(conn, table, cols, rows, plan.changed[table])
        cols, ids = plan.copies.get(table, ([], []))
        if ids:
            q.copy_rows(conn, plan.source, table, cols, ids)
    if plan.erasures:
        q.upsert_erasures(conn, plan.erasures)
    if plan.conflicts:
        q.insert_conflicts(conn, [(c.id, c.table_name, c.row_id, c.field, _text(c.kept_value), c.kept_stamp,
                                   _text(c.lost_value), c.lost_stamp, now_text) for c in plan.conflicts])


def _write_rows(conn: BulkTx, table: str, cols: list[str], rows: list[tuple[Any, ...]],
                changed: list[tuple[str, ...] | None]) -> None:
    """Write a plan's rows of *table*: rows the book lacks whole, the others by the columns they change
    (*changed*, beside *rows*; one statement per set of columns)."""
    at = {c: i for i, c in enumerate(cols)}
    whole = [row for row, differ in zip(rows, changed) if differ is None]
    if whole:
        q.upsert_rows(conn, table, cols, whole)
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row, differ in zip(rows, changed):
        if differ is not None:
            by_columns[differ].append((*(row[at[c]] for c in differ), row[at["id"]]))
    for differ, values in by_columns.items():
        q.update_columns(conn, table, differ, values)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def read_state(conn: BulkTx, schema: str = "main") -> State:
    """The whole state of *schema* (small databases only: tests and tools)."""
    return State({table: q.read_rows(conn, schema, table) for table in TABLE_NAMES}, q.erasures(conn, schema))
