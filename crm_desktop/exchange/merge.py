"""Merging a teammate's database into ours: a pure join of two states.

A *state* is every row of the synchronised tables (:data:`SYNCED_TABLES`)
plus the erasure list.  Rows are compared by id, then field by field:

* a field's stamp is ``field_stamps.get(field, created_stamp)``; the higher
  stamp wins; an exact tie (same stamp, different value: only possible for
  rows made with the same stable id on two laptops, or values written without
  a stamp) is broken by a SHA-256 of the value's ``repr``, so the result does
  not depend on which file is "ours";
* ``deleted_stamp`` is merged as one more field (its stamp is
  ``field_stamps["deleted_stamp"]`` or ``created_stamp``);
* ``created_stamp`` becomes the smaller of the two (ids made from names with
  :func:`crm_desktop.db.sync.stable_id` can be created on both laptops), and
  ``field_stamps`` then lists exactly the fields whose stamp differs from it,
  so equal states have equal rows;
* ``customer.updated_at`` is written without a stamp by the customer service,
  so it merges as the later of the two values (a join as well);
* ``name_pinyin``/``name_initials`` are derived: recomputed from the merged
  name, never compared.

After the per-field join every row is *normalised* (a function of the joined
state alone, which keeps the merge commutative, associative and idempotent):

* **erased** (its id is in the erasure list, for that table): the personal
  fields in :data:`PII_FIELDS` are blanked and the row stays tombstoned with
  ``deleted_stamp`` = the erasure's stamp.  Erasures win over everything: an
  older file that still holds the person cannot bring them back, because the
  erasure list travels with every file and is a grow-only set;
* **brought back**: a tombstoned row whose other fields carry a stamp later
  than the delete, or (customers) that has a child row (contact, interaction,
  order, complaint) created later than the delete, comes back to life:
  ``deleted_stamp`` becomes NULL, keeping the delete's stamp.  Both
  conditions only grow under merging, so the rule is stable.

A losing value is a *conflict* ("2 versions") kept in the ``conflict`` table
when the two values differ, the loser was an explicit edit (not the value the
row was created with) and it came from another laptop than the winner (a
laptop overwriting its own earlier value saw it).  Without version vectors
this also flags a teammate's overwrite of a value they had already received:
such a conflict costs a click in review; a silently lost edit would cost data.
The conflict table is local (each laptop keeps the losses it detected) and so
are ``meta`` (``site_id``, ``last_stamp``) and ``change_batch``: they are never
taken from the other file.

:func:`merge_states` is the reference on in-memory states (used by the
property tests); :func:`plan_merge` computes the same result on two SQLite
schemas of one connection (``main`` = ours, an attached one = theirs),
comparing ids and stamps in SQL first and decoding only rows that differ, and
:func:`apply_plan` writes it with ``executemany``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from crm_desktop.db.models import SYNCED_TABLES
from crm_desktop.domain.records import PERSONAL_FIELDS
from crm_desktop.domain.text import fold, phone_digits, pinyin_keys

Row = dict[str, Any]

META_COLUMNS = ("id", "created_stamp", "field_stamps", "stamp", "deleted_stamp")
DELETED = "deleted_stamp"
TABLE_NAMES: tuple[str, ...] = tuple(m.__tablename__ for m in SYNCED_TABLES)  # type: ignore[attr-defined]
"""Synchronised tables, parents before children (the order rows are written in)."""

DERIVED_FIELDS: Mapping[str, tuple[str, ...]] = {"customer": ("name_pinyin", "name_initials")}
LATEST_VALUE_FIELDS: Mapping[str, tuple[str, ...]] = {"customer": ("updated_at",)}
CHILD_TABLES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "customer": (("contact", "customer_id"), ("interaction", "customer_id"),
                 ("sales_order", "customer_id"), ("complaint", "customer_id")),
}
"""Child rows created after a parent's delete bring the parent back."""

PII_FIELDS: Mapping[str, Mapping[str, Any]] = PERSONAL_FIELDS
"""Fields blanked (to the value given) when a row is erased for privacy (see
:data:`crm_desktop.domain.records.PERSONAL_FIELDS`)."""


# --------------------------------------------------------------------------- one row


@dataclass(frozen=True)
class Conflict:
    """A losing value kept for review: ``kept_*`` won, ``lost_*`` lost."""

    table_name: str
    row_id: str
    field: str
    kept_value: Any
    kept_stamp: str
    lost_value: Any
    lost_stamp: str

    @property
    def id(self) -> str:
        """Stable id, so detecting the same loss twice stores it once."""
        key = repr((self.table_name, self.row_id, self.field, self.lost_stamp, self.lost_value))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class RowOutcome:
    """The merged row, the conflicts found and whether the row came back to life."""

    row: Row
    conflicts: tuple[Conflict, ...] = ()
    brought_back: bool = False


def _site(stamp: str) -> str:
    return stamp.split("-", 2)[2] if stamp.count("-") >= 2 else stamp


def _vhash(value: Any) -> bytes:
    return hashlib.sha256(repr(value).encode("utf-8")).digest()


def _stamps(row: Row) -> dict[str, str]:
    raw = row.get("field_stamps")
    if not raw:
        return {}
    value = json.loads(raw)
    return value if isinstance(value, dict) else {}


def _data_fields(table: str, row: Row) -> list[str]:
    derived = DERIVED_FIELDS.get(table, ())
    return [k for k in row if k not in META_COLUMNS and k not in derived]


def _max_opt(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return a if a >= b else b


def merge_row(
    table: str,
    a: Row | None,
    b: Row | None,
    *,
    erasure_stamp: str | None = None,
    child_created: str | None = None,
) -> RowOutcome:
    """Join two versions of one row (either may be None) and normalise it.

    ``erasure_stamp``: the stamp of an erasure of this row, if any;
    ``child_created``: the latest ``created_stamp`` of this row's children
    (customers only).  Pure: the result depends only on the arguments, and
    ``merge_row(t, a, b) == merge_row(t, b, a)``.
    """
    if a is None and b is None:
        raise ValueError("nothing to merge")
    if a is None or b is None:
        only = a if a is not None else b
        return _normalise(table, dict(only), _stamps(only), (), erasure_stamp, child_created, False)  # type: ignore[arg-type]
    sa, sb = _stamps(a), _stamps(b)
    ca, cb = a["created_stamp"], b["created_stamp"]
    created = min(ca, cb)
    out: Row = {"id": a["id"], "created_stamp": created}
    stamps: dict[str, str] = {}
    conflicts: list[Conflict] = []
    latest = LATEST_VALUE_FIELDS.get(table, ())
    fields = _data_fields(table, a)
    for f in fields + [DELETED]:
        va, vb = a.get(f), b.get(f)
        ta, tb = sa.get(f, ca), sb.get(f, cb)
        if f in latest:
            out[f], stamps[f] = _max_opt(va, vb), max(ta, tb)
            continue
        if ta > tb or (ta == tb and va != vb and _vhash(va) > _vhash(vb)):
            win, lose = (va, ta, ca), (vb, tb, cb)
        else:
            win, lose = (vb, tb, cb), (va, ta, ca)
        out[f], stamps[f] = win[0], win[1]
        if (f != DELETED and win[0] != lose[0] and lose[1] != lose[2] and _site(lose[1]) != _site(win[1])):
            conflicts.append(Conflict(table, a["id"], f, win[0], win[1], lose[0], lose[1]))
    for f in DERIVED_FIELDS.get(table, ()):
        out[f] = a.get(f)
    either_deleted = a.get(DELETED) is not None or b.get(DELETED) is not None
    return _normalise(table, out, stamps, tuple(conflicts), erasure_stamp, child_created, either_deleted)


def _normalise(table: str, row: Row, stamps: dict[str, str], conflicts: tuple[Conflict, ...],
               erasure_stamp: str | None, child_created: str | None, either_deleted: bool) -> RowOutcome:
    created = row["created_stamp"]
    fields = _data_fields(table, row)
    deleted_stamp_of = stamps.get(DELETED, created)
    brought_back = False
    if erasure_stamp is not None:
        for f, blank in PII_FIELDS.get(table, {}).items():
            if f in row:
                row[f] = blank
        row[DELETED] = erasure_stamp
        conflicts = ()  # an erased person's old values must not survive as "2 versions"
    elif row.get(DELETED) is not None:
        later_edit = max((stamps.get(f, created) for f in fields), default=created)
        if later_edit > deleted_stamp_of or (child_created is not None and child_created > deleted_stamp_of):
            row[DELETED] = None
            brought_back = either_deleted
    if table == "customer" and "name" in row:
        full, initials = pinyin_keys(row["name"] or "")
        row["name_pinyin"] = full or (row["name"] or "").casefold()
        row["name_initials"] = initials
    explicit = {f: s for f, s in stamps.items() if s != created and (f in row or f == DELETED)}
    row["field_stamps"] = json.dumps(explicit, sort_keys=True) if explicit else None
    row["stamp"] = max([created, *explicit.values()])
    return RowOutcome(row, conflicts, brought_back)


# --------------------------------------------------------------------------- erasures


def merge_erasure(a: tuple | None, b: tuple | None) -> tuple:
    """Two erasure rows of one id ``(table_name, stamp, erased_at)``: the earlier one wins."""
    if a is None or b is None:
        return a if a is not None else b  # type: ignore[return-value]
    return min(a, b, key=lambda e: (e[1], repr(e)))


# --------------------------------------------------------------------------- whole states (reference)


@dataclass
class State:
    """Every synchronised row by table and id, plus erasures ``{id: (table_name, stamp, erased_at)}``."""

    tables: dict[str, dict[str, Row]] = field(default_factory=dict)
    erasures: dict[str, tuple] = field(default_factory=dict)


@dataclass
class MergeOutcome:
    """Result of :func:`merge_states`: the state, conflicts and brought-back rows ``(table, id)``."""

    state: State
    conflicts: list[Conflict]
    brought_back: list[tuple[str, str]]


def _child_created(state_tables: Mapping[str, Mapping[str, Row]], table: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for child, column in CHILD_TABLES.get(table, ()):
        for row in state_tables.get(child, {}).values():
            parent = row.get(column)
            if parent is not None and (parent not in out or row["created_stamp"] > out[parent]):
                out[parent] = row["created_stamp"]
    return out


def merge_states(a: State, b: State) -> MergeOutcome:
    """The merge of two whole states (the reference implementation; pure)."""
    erasures = {k: merge_erasure(a.erasures.get(k), b.erasures.get(k)) for k in a.erasures.keys() | b.erasures.keys()}
    tables: dict[str, dict[str, Row]] = {}
    conflicts: list[Conflict] = []
    back: list[tuple[str, str]] = []
    # children first: a parent's fate depends on its children's creation stamps
    order = [t for t in TABLE_NAMES if t not in CHILD_TABLES] + [t for t in TABLE_NAMES if t in CHILD_TABLES]
    for table in order:
        ra, rb = a.tables.get(table, {}), b.tables.get(table, {})
        children = _child_created(tables, table)
        merged: dict[str, Row] = {}
        for rid in sorted(ra.keys() | rb.keys()):
            er = erasures.get(rid)
            res = merge_row(table, ra.get(rid), rb.get(rid),
                            erasure_stamp=er[1] if er and er[0] == table else None,
                            child_created=children.get(rid))
            merged[rid] = res.row
            conflicts.extend(res.conflicts)
            if res.brought_back:
                back.append((table, rid))
        tables[table] = merged
    return MergeOutcome(State(tables, erasures), conflicts, back)


# --------------------------------------------------------------------------- databases


@dataclass(frozen=True)
class DuplicateCandidate:
    """An incoming new customer that looks like one we have: ``reason`` is "phone", "email" or "name"."""

    incoming_id: str
    incoming_name: str
    local_id: str
    local_name: str
    reason: str


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

    writes: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)
    erasures: list[tuple] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    counts: dict[str, TableCounts] = field(default_factory=dict)
    duplicates: list[DuplicateCandidate] = field(default_factory=list)
    duplicate_count: int = 0
    brought_back: list[tuple[str, str]] = field(default_factory=list)
    reindex: set[str] = field(default_factory=set)
    max_stamp: str | None = None

    @property
    def is_empty(self) -> bool:
        return not any(rows for _, rows in self.writes.values()) and not self.erasures and not self.conflicts


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA "{schema}".table_info("{table}")')]


def _rows(conn: sqlite3.Connection, schema: str, table: str, cols: list[str], ids_table: str) -> dict[str, Row]:
    sel = ", ".join(f'"{c}"' for c in cols)
    cur = conn.execute(f'SELECT {sel} FROM "{schema}"."{table}" WHERE id IN (SELECT id FROM temp."{ids_table}")')
    return {r[0]: dict(zip(cols, r)) for r in cur}


def _fill(conn: sqlite3.Connection, name: str, ids: Iterable[str]) -> None:
    conn.execute(f'DROP TABLE IF EXISTS temp."{name}"')
    conn.execute(f'CREATE TEMP TABLE "{name}" (id TEXT PRIMARY KEY)')
    conn.executemany(f'INSERT OR IGNORE INTO temp."{name}"(id) VALUES (?)', ((i,) for i in ids))


def plan_merge(conn: sqlite3.Connection, other: str = "inc", *, duplicate_list_limit: int = 200,
               progress: Callable[[int, int], None] | None = None) -> MergePlan:
    """Compute the merge of schema *other* into ``main`` on one connection.

    Reads only: rows whose ``(created_stamp, stamp, field_stamps,
    deleted_stamp)`` are equal on both sides are never decoded.  The result is
    the same as :func:`merge_states` on the two whole states.
    """
    plan = MergePlan()
    steps = len(TABLE_NAMES) + 2
    # erasures: a grow-only set; rows erased by the other side must be revisited here
    local_er = {r[0]: tuple(r[1:]) for r in conn.execute("SELECT id, table_name, stamp, erased_at FROM main.erasure")}
    other_er = {r[0]: tuple(r[1:]) for r in conn.execute(f'SELECT id, table_name, stamp, erased_at FROM "{other}".erasure')}
    erasures = dict(local_er)
    for rid, e in other_er.items():
        m = merge_erasure(local_er.get(rid), e)
        if m != local_er.get(rid):
            plan.erasures.append((rid, *m))
        erasures[rid] = m
    changed_erasure_ids: dict[str, set[str]] = defaultdict(set)
    for rid, e in erasures.items():
        if local_er.get(rid) != e or other_er.get(rid) != e:
            changed_erasure_ids[e[0]].add(rid)
    for e in plan.erasures:
        plan.max_stamp = max(plan.max_stamp or "", e[2])

    # candidates per table: ids whose stamps differ (or that only the other side has)
    candidates: dict[str, set[str]] = {}
    for table in TABLE_NAMES:
        cur = conn.execute(
            f'SELECT o.id FROM "{other}"."{table}" o LEFT JOIN main."{table}" m ON m.id = o.id '
            "WHERE m.id IS NULL OR m.stamp != o.stamp OR m.created_stamp != o.created_stamp "
            "OR m.field_stamps IS NOT o.field_stamps OR m.deleted_stamp IS NOT o.deleted_stamp")
        candidates[table] = {r[0] for r in cur} | changed_erasure_ids.get(table, set())
    # parents of changed children may have to come back
    for parent, children in CHILD_TABLES.items():
        extra: set[str] = set()
        for child, column in children:
            ids = candidates.get(child)
            if not ids:
                continue
            _fill(conn, "merge_ids", ids)
            for schema in ("main", other):
                extra.update(r[0] for r in conn.execute(
                    f'SELECT DISTINCT c."{column}" FROM "{schema}"."{child}" c JOIN "{schema}"."{parent}" p '
                    f'ON p.id = c."{column}" WHERE c.id IN (SELECT id FROM temp.merge_ids) AND p.deleted_stamp IS NOT NULL'))
        candidates[parent] |= extra
    if progress:
        progress(1, steps)

    known_conflicts = {r[0] for r in conn.execute("SELECT id FROM main.conflict")}
    order = [t for t in TABLE_NAMES if t not in CHILD_TABLES] + [t for t in TABLE_NAMES if t in CHILD_TABLES]
    for step, table in enumerate(order, start=2):
        ids = candidates[table]
        counts = plan.counts.setdefault(table, TableCounts())
        if not ids:
            if progress:
                progress(step, steps)
            continue
        cols = _columns(conn, "main", table)
        other_cols = set(_columns(conn, other, table))
        _fill(conn, "merge_ids", ids)
        mine = _rows(conn, "main", table, cols, "merge_ids")
        theirs = _rows(conn, other, table, [c for c in cols if c in other_cols], "merge_ids")
        children = _db_child_created(conn, other, table) if table in CHILD_TABLES else {}
        rows_out: list[tuple] = []
        for rid in sorted(ids):
            a, b = mine.get(rid), theirs.get(rid)
            if a is None and b is None:
                continue
            if b is not None and a is None:
                b = {c: b.get(c, _default_for(table, c)) for c in cols}
            er = erasures.get(rid)
            res = merge_row(table, a, b, erasure_stamp=er[1] if er and er[0] == table else None,
                            child_created=children.get(rid))
            new = res.row
            if b is not None:
                plan.max_stamp = max(plan.max_stamp or "", b["stamp"])
            fresh = [c for c in res.conflicts if c.id not in known_conflicts]
            plan.conflicts.extend(fresh)
            counts.conflicting += len(fresh)
            if a is not None and all(new.get(c) == a.get(c) for c in cols):
                continue
            rows_out.append(tuple(new.get(c) for c in cols))
            if res.brought_back:
                counts.brought_back += 1
                plan.brought_back.append((table, rid))
            elif a is None:
                counts.new += new.get(DELETED) is None
            elif a.get(DELETED) is None and new.get(DELETED) is not None:
                counts.deleted += 1
            elif any(new.get(f) != a.get(f) for f in _data_fields(table, a)) or (
                    a.get(DELETED) is not None and new.get(DELETED) is None):
                counts.changed += 1
            if table == "customer":
                plan.reindex.add(rid)
            elif table == "contact":
                plan.reindex.add(new["customer_id"])
                if a is not None and a.get("customer_id"):
                    plan.reindex.add(a["customer_id"])
        plan.writes[table] = (cols, rows_out)
        if progress:
            progress(step, steps)
    _find_duplicates(conn, plan, duplicate_list_limit)
    conn.execute('DROP TABLE IF EXISTS temp."merge_ids"')
    if progress:
        progress(steps, steps)
    return plan


def _default_for(table: str, column: str) -> Any:
    """Value for a column the other (older, migrated) file lacks: NULL."""
    return None


def _db_child_created(conn: sqlite3.Connection, other: str, table: str) -> dict[str, str]:
    """Latest child ``created_stamp`` per parent id in ``temp.merge_ids``, over both schemas."""
    parts = []
    for child, column in CHILD_TABLES[table]:
        for schema in ("main", other):
            parts.append(f'SELECT "{column}" AS p, MAX(created_stamp) AS s FROM "{schema}"."{child}" '
                         f'WHERE "{column}" IN (SELECT id FROM temp.merge_ids) GROUP BY "{column}"')
    sql = f"SELECT p, MAX(s) FROM ({' UNION ALL '.join(parts)}) GROUP BY p"
    return {r[0]: r[1] for r in conn.execute(sql)}


def phone_key(phone: str) -> str:
    """A phone number as compared for duplicates: national digits (``+86`` dropped)."""
    forms = phone_digits(phone or "")
    return forms[-1] if forms else ""


def name_key(name: str) -> str:
    """A name as compared for duplicates: NFKC, case-folded, spaces removed."""
    return "".join(fold(name).split())


def _find_duplicates(conn: sqlite3.Connection, plan: MergePlan, limit: int) -> None:
    """Customers new in this merge that look like an existing live one (same phone, e-mail or name)."""
    cols, rows = plan.writes.get("customer", ([], []))
    if not rows:
        return
    idx = {c: i for i, c in enumerate(cols)}
    _fill(conn, "merge_new", (r[idx["id"]] for r in rows))
    new_ids = {r[0] for r in conn.execute(
        "SELECT id FROM temp.merge_new WHERE id NOT IN (SELECT id FROM main.customer)")}
    incoming = [r for r in rows if r[idx["id"]] in new_ids and r[idx[DELETED]] is None]
    conn.execute('DROP TABLE IF EXISTS temp."merge_new"')
    if not incoming:
        return
    by_phone: dict[str, tuple[str, str]] = {}
    by_email: dict[str, tuple[str, str]] = {}
    by_name: dict[str, tuple[str, str]] = {}
    for cid, name, phone, email in conn.execute(
            "SELECT id, name, phone, email FROM main.customer WHERE deleted_stamp IS NULL"):
        if phone:
            by_phone.setdefault(phone_key(phone), (cid, name))
        if email:
            by_email.setdefault(fold(email), (cid, name))
        by_name.setdefault(name_key(name), (cid, name))
    for r in incoming:
        rid, name = r[idx["id"]], r[idx["name"]]
        for reason, table, key in (("phone", by_phone, phone_key(r[idx["phone"]])),
                                   ("email", by_email, fold(r[idx["email"]] or "")),
                                   ("name", by_name, name_key(name))):
            hit = table.get(key) if key else None
            if hit is not None and hit[0] != rid:
                plan.duplicate_count += 1
                if len(plan.duplicates) < limit:
                    plan.duplicates.append(DuplicateCandidate(rid, name, hit[0], hit[1], reason))
                break


def apply_plan(conn: sqlite3.Connection, plan: MergePlan, *, now_text: str) -> None:
    """Write *plan* into ``main`` with ``executemany`` (the caller owns the transaction)."""
    for table in TABLE_NAMES:
        cols, rows = plan.writes.get(table, ([], []))
        if not rows:
            continue
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" for _ in cols)
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
        conn.executemany(f'INSERT INTO main."{table}" ({names}) VALUES ({marks}) '
                         f"ON CONFLICT(id) DO UPDATE SET {sets}", rows)
    if plan.erasures:
        conn.executemany("INSERT INTO main.erasure(id, table_name, stamp, erased_at) VALUES (?, ?, ?, ?) "
                         "ON CONFLICT(id) DO UPDATE SET table_name = excluded.table_name, stamp = excluded.stamp, "
                         "erased_at = excluded.erased_at", plan.erasures)
    if plan.conflicts:
        conn.executemany(
            "INSERT OR IGNORE INTO main.conflict(id, table_name, row_id, field, kept_value, kept_stamp, lost_value, "
            "lost_stamp, detected_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            [(c.id, c.table_name, c.row_id, c.field, _text(c.kept_value), c.kept_stamp, _text(c.lost_value),
              c.lost_stamp, now_text) for c in plan.conflicts])


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


# --------------------------------------------------------------------------- reading a state (tests, tools)


def read_state(conn: sqlite3.Connection, schema: str = "main") -> State:
    """The whole state of *schema* (small databases only: tests and tools)."""
    state = State()
    for table in TABLE_NAMES:
        cols = _columns(conn, schema, table)
        sel = ", ".join(f'"{c}"' for c in cols)
        state.tables[table] = {r[0]: dict(zip(cols, r)) for r in conn.execute(f'SELECT {sel} FROM "{schema}"."{table}"')}
    state.erasures = {r[0]: tuple(r[1:]) for r in conn.execute(
        f'SELECT id, table_name, stamp, erased_at FROM "{schema}".erasure')}
    return state
