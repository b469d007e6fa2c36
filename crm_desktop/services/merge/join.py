"""Merging a teammate's database into ours: a pure join of two states (this module: one row, and whole states).

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
property tests); :func:`crm_desktop.services.merge.plan.plan_merge` computes
the same result on two SQLite schemas of one connection (``main`` = ours, an
attached one = theirs), comparing ids and stamps in SQL first
(:mod:`crm_desktop.db.merge`) and decoding only rows that differ, and
:func:`crm_desktop.services.merge.plan.apply_plan` writes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from crm_desktop.db.models import SYNCED_TABLES
from crm_desktop.domain.records import PERSONAL_FIELDS
from crm_desktop.domain.text import name_columns

Row = dict[str, Any]
ErasureRow = tuple[Any, ...]
"""An erasure: ``(table_name, stamp, erased_at)``."""

META_COLUMNS = ("id", "created_stamp", "field_stamps", "stamp", "deleted_stamp")
DELETED = "deleted_stamp"
TABLE_NAMES: tuple[str, ...] = tuple(str(m.__tablename__) for m in SYNCED_TABLES)
"""Synchronised tables, parents before children (the order rows are written in)."""

DERIVED_FIELDS: Mapping[str, tuple[str, ...]] = {"customer": ("name_pinyin", "name_initials")}
LATEST_VALUE_FIELDS: Mapping[str, tuple[str, ...]] = {"customer": ("updated_at",)}
CHILD_TABLES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "customer": (("contact", "customer_id"), ("interaction", "customer_id"),
                 ("sales_order", "customer_id"), ("complaint", "customer_id"), ("deal", "customer_id")),
}
"""Child rows created after a parent's delete bring the parent back."""

MERGE_ORDER: tuple[str, ...] = (*(t for t in TABLE_NAMES if t not in CHILD_TABLES),
                                *(t for t in TABLE_NAMES if t in CHILD_TABLES))
"""Children first: a parent's fate depends on its children's creation stamps."""

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


def data_fields(table: str, row: Row) -> list[str]:
    """The fields of *row* that merge by stamp (not the row's own stamps, not derived ones)."""
    return list(_fields_of(table, tuple(row))[:-1])


@lru_cache(maxsize=256)
def _fields_of(table: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`data_fields` of a row with *columns*, then the deletion stamp: what :func:`merge_row` joins."""
    derived = DERIVED_FIELDS.get(table, ())
    return (*(k for k in columns if k not in META_COLUMNS and k not in derived), DELETED)


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
    if a is None or b is None:
        only = a if a is not None else b
        if only is None:
            raise ValueError("nothing to merge")
        return _normalise(table, dict(only), _stamps(only), (), erasure_stamp, child_created, False)
    sa, sb = _stamps(a), _stamps(b)
    ca: str = a["created_stamp"]
    cb: str = b["created_stamp"]
    created = min(ca, cb)
    out: Row = {"id": a["id"], "created_stamp": created}
    stamps: dict[str, str] = {}
    conflicts: list[Conflict] = []
    latest = LATEST_VALUE_FIELDS.get(table, ())
    a_get, b_get, sa_get, sb_get = a.get, b.get, sa.get, sb.get
    fields = _fields_of(table, tuple(a))
    if ca == cb:
        # a field neither side stamped has the creation's stamp on both: equal values need no join (the
        # rules below would keep that value and stamp, which _normalise takes as the default)
        hot = sa.keys() | sb.keys()
        hot.update([f for f in fields if a_get(f) != b_get(f)])
        out.update({f: b_get(f) for f in fields if f not in hot})
        fields = tuple(f for f in fields if f in hot)
    for f in fields:
        va, vb = a_get(f), b_get(f)
        ta: str = sa_get(f, ca)
        tb: str = sb_get(f, cb)
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
    created: str = row["created_stamp"]
    fields = data_fields(table, row)
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
        row["name_pinyin"], row["name_initials"] = name_columns(row["name"] or "")
    explicit = {f: s for f, s in stamps.items() if s != created and (f in row or f == DELETED)}
    row["field_stamps"] = json.dumps(explicit, sort_keys=True) if explicit else None
    row["stamp"] = max([created, *explicit.values()])
    return RowOutcome(row, conflicts, brought_back)


# --------------------------------------------------------------------------- erasures


def merge_erasure(a: ErasureRow | None, b: ErasureRow | None) -> ErasureRow:
    """Two erasure rows of one id ``(table_name, stamp, erased_at)``: the earlier one wins."""
    if a is None or b is None:
        only = a if a is not None else b
        if only is None:
            raise ValueError("nothing to merge")
        return only
    return min(a, b, key=lambda e: (e[1], repr(e)))


# --------------------------------------------------------------------------- whole states (reference)


@dataclass
class State:
    """Every synchronised row by table and id, plus erasures ``{id: (table_name, stamp, erased_at)}``."""

    tables: dict[str, dict[str, Row]] = field(default_factory=dict)
    erasures: dict[str, ErasureRow] = field(default_factory=dict)


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
    for table in MERGE_ORDER:
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
