"""The rules every value taken from a backup must meet, checked in SQL on the checked copy.

Ids, stamps (see :mod:`crm_desktop.db.stamps`), ``field_stamps`` (a JSON
object of stamps keyed by the table's own columns), timestamps and dates that
parse, 0/1 flags, amounts that fit, the domain's words, texts that are valid
UTF-8 without NUL characters; every reference must point at a row of the
file (for a merge: of the file or of the book).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import Enum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from crm_desktop.db import models
from crm_desktop.db.intake.errors import BadValuesError, BrokenReferenceError
from crm_desktop.db.intake.schema import SYNCED, TAKEN
from crm_desktop.db.snapshot import harden
from crm_desktop.db.stamps import stamp_ok_sql
from crm_desktop.db.types import UTCDateTime
from crm_desktop.domain import enums

MAX_TEXT = 200_000
"""Longest free text (notes, summaries …) accepted from a file, in characters."""
MAX_AMOUNT = 10**15
"""Largest order amount accepted, in minor units (ten trillion yuan)."""

ENUM_COLUMNS: dict[tuple[str, str], type[Enum]] = {
    ("customer", "kind"): enums.CustomerKind,
    ("customer", "size"): enums.CompanySize,
    ("customer", "lead_source"): enums.LeadSource,
    ("customer", "preferred_channel"): enums.Channel,
    ("customer", "relationship_stage"): enums.RelationshipStage,
    ("customer", "churn_reason"): enums.ChurnReason,
    ("customer_stage_change", "from_stage"): enums.RelationshipStage,
    ("customer_stage_change", "to_stage"): enums.RelationshipStage,
    ("contact", "role"): enums.BuyingRole,
    ("interaction", "channel"): enums.Channel,
    ("interaction", "direction"): enums.Direction,
    ("interaction", "outcome"): enums.Outcome,
    ("complaint", "channel"): enums.Channel,
    ("complaint", "severity"): enums.Severity,
    ("complaint", "status"): enums.ComplaintStatus,
    ("complaint_event", "from_status"): enums.ComplaintStatus,
    ("complaint_event", "to_status"): enums.ComplaintStatus,
    ("deal", "lost_reason"): enums.LostReason,
}
"""Columns whose values must be one of the domain's words (complaint categories may be the team's own)."""

EXTRA_REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("interaction", "contact_id", "contact"),
    ("interaction", "complaint_id", "complaint"),
    ("deal", "contact_id", "contact"),
    ("quote", "order_id", "sales_order"),
)
"""References the schema does not declare as foreign keys, checked as if it did: (table, column, parent)."""


NON_NEGATIVE = frozenset({("deal", "amount_minor"), ("product", "price_minor"), ("price_list_item", "price_minor"),
                          ("deal_line", "quantity_milli"), ("deal_line", "unit_price_minor"),
                          ("deal_line", "position"), ("quote", "version"), ("quote", "net_minor"),
                          ("quote", "tax_minor"), ("quote", "gross_minor"), ("order_line", "position"),
                          ("order_line", "quantity_milli"), ("order_line", "unit_price_minor")})
"""Integer columns that are never below zero (amounts, prices, quantities)."""
BASIS_POINTS = frozenset({("product", "tax_bp"), ("deal_line", "discount_bp"), ("order_line", "discount_bp"),
                          ("order_line", "tax_bp")})
"""Rates in basis points: 0 to 10,000 (0 % to 100 %)."""
PRICE_SEGMENTS = ("MVC", "MGC", "BZ", "migrator")
"""The customer segments a price list may apply to (:data:`crm_desktop.domain.products.SEGMENTS`)."""


# --------------------------------------------------------------------------- value rules


def timestamp_ok_sql(c: str) -> str:
    """SQL true when *c* is a timestamp as the app stores it (``YYYY-MM-DD HH:MM:SS[.ffffff]``) that exists.

    Through ``julianday`` and back, only a real date and time come out unchanged (SQLite's ``datetime()``
    alone keeps 30 February or hour 24 as written).
    """
    return (f"(typeof({c}) = 'text' AND (length({c}) = 19 OR (length({c}) = 26 AND substr({c}, 20, 1) = '.' "
            f"AND substr({c}, 21) GLOB '{'[0-9]' * 6}')) AND substr({c}, 1, 4) >= '0001' "
            f"AND datetime(julianday(substr({c}, 1, 19))) = substr({c}, 1, 19))")


def date_ok_sql(c: str) -> str:
    """SQL true when *c* is an ISO date ``YYYY-MM-DD`` that exists (years 1 to 9999)."""
    return f"(typeof({c}) = 'text' AND length({c}) = 10 AND {c} >= '0001' AND date(julianday({c})) = {c})"


def _id_ok(c: str) -> str:
    """Ids are opaque: text of 1 to 32 ASCII characters (UUID hex is what the app makes)."""
    return f"(typeof({c}) = 'text' AND length({c}) BETWEEN 1 AND 32 AND length(CAST({c} AS BLOB)) = length({c}))"


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def value_checks(table: str, columns: list[str]) -> dict[str, str]:
    """Column → SQL condition every stored value of *table* must meet (NULL only where the column allows it)."""
    sa_table: sa.Table = SQLModel.metadata.tables[table]
    data_columns = [c for c in columns if c not in models.SYNCED_META_FIELDS]
    checks: dict[str, str] = {}
    for name in columns:
        col = sa_table.c[name]
        q = f'"{name}"'
        kind = _base_type(col.type)
        if name in ("created_stamp", "stamp") or (table == "erasure" and name == "stamp"):
            check = stamp_ok_sql(q)
        elif name == "deleted_stamp":
            check = stamp_ok_sql(q)
        elif name == "field_stamps":
            keys = ", ".join(_quote(k) for k in (*data_columns, "deleted_stamp"))
            # CASE, not AND: SQLite may evaluate both sides of an AND, and json_each raises on bad JSON
            check = (f"(CASE WHEN typeof({q}) = 'text' AND length({q}) <= 20000 AND json_valid({q}) "
                     f"THEN json_type({q}) = 'object' AND NOT EXISTS (SELECT 1 FROM json_each({q}) j "
                     f"WHERE j.type != 'text' OR j.key NOT IN ({keys}) OR NOT {stamp_ok_sql('j.value')}) "
                     "ELSE 0 END)")
        elif name == "id" or col.foreign_keys or any((table, name) == r[:2] for r in EXTRA_REFERENCES):
            check = _id_ok(q)
        elif isinstance(kind, UTCDateTime):
            check = timestamp_ok_sql(q)
        elif isinstance(kind, sa.Date):
            check = date_ok_sql(q)
        elif isinstance(kind, sa.Boolean):
            check = f"(typeof({q}) = 'integer' AND {q} IN (0, 1))"
        elif isinstance(kind, sa.Integer):
            low, high = (1, 5) if name == "satisfaction" else (-MAX_AMOUNT, MAX_AMOUNT)
            check = f"(typeof({q}) = 'integer' AND {q} BETWEEN {low} AND {high})"
        elif isinstance(kind, sa.String):
            # NUL characters and invalid UTF-8 are caught when the texts are decoded (check_values)
            check = f"(typeof({q}) = 'text' AND length({q}) <= {kind.length or MAX_TEXT})"
        else:  # pragma: no cover - every column type of the models is handled above
            check = "0"
        words = ENUM_COLUMNS.get((table, name))
        if words is not None:  # one of the words: text, short, valid UTF-8 by itself
            check = f"({q} IN ({', '.join(_quote(w.value) for w in words)}))"
        if table == "deal" and name in ("stage", "from_stage", "to_stage") or (
                table == "deal_stage_change" and name in ("from_stage", "to_stage")):
            check = f"({check} AND {q} != '' AND {q} NOT GLOB '*[^A-Za-z0-9_-]*')"  # keys, as the stages make
        if (table, name) in NON_NEGATIVE:
            check = f"({check} AND {q} >= 0)"
        if (table, name) in BASIS_POINTS:
            check = f"({check} AND {q} BETWEEN 0 AND 10000)"
        if table == "price_list" and name == "segment":
            check = f"({q} IN ({', '.join(_quote(w) for w in PRICE_SEGMENTS)}))"
        if table == "erasure" and name == "table_name":
            check = f"({q} IN ({', '.join(_quote(t) for t in SYNCED)}))"
        if table == "quote" and name == "language":
            check = f"({q} IN ('zh', 'en'))"
        if table in ("sales_order", "deal", "product", "price_list_item", "quote") and name == "currency":
            check = f"({check} AND {q} GLOB '[A-Z][A-Z][A-Z]')"
        if col.nullable:
            check = f"({q} IS NULL OR {check})"
        checks[name] = check
    return checks


def _base_type(kind: Any) -> Any:
    """The column type as stored: UTCDateTime as itself, other decorators (SQLModel's AutoString) as their impl."""
    if isinstance(kind, UTCDateTime) or not isinstance(kind, sa.types.TypeDecorator):
        return kind
    return kind.impl_instance if hasattr(kind, "impl_instance") else kind.impl


def _text_columns(table: str, columns: list[str]) -> list[str]:
    """Columns whose values must be decoded to check them (texts that are not one of a fixed set of words)."""
    sa_table: sa.Table = SQLModel.metadata.tables[table]
    return [c for c in columns if isinstance(_base_type(sa_table.c[c].type), sa.String)
            and (table, c) not in ENUM_COLUMNS and not (table == "erasure" and c == "table_name")]


CHUNK_ROWS = 100_000
"""Rows per unit of checking work; units run on several connections at once (SQLite releases the GIL)."""


def workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def _chunks(conn: sqlite3.Connection, table: str, after: int = 0) -> list[tuple[int | None, int | None]]:
    """(after, up to) rowid bounds cutting *table*'s rows after rowid *after* into pieces of about
    :data:`CHUNK_ROWS` rows."""
    cuts = [r[0] for r in conn.execute(
        f'SELECT r FROM (SELECT rowid AS r, row_number() OVER (ORDER BY rowid) AS n FROM main."{table}" '
        f"WHERE rowid > {int(after)}) WHERE n % {CHUNK_ROWS} = 0")]
    bounds: list[tuple[int | None, int | None]] = []
    low = int(after) if after else None
    for cut in cuts:
        bounds.append((low, cut))
        low = cut
    bounds.append((low, None))
    return bounds


def _range_sql(bounds: tuple[int | None, int | None]) -> tuple[str, tuple[int, ...]]:
    low, high = bounds
    parts, params = [], []
    if low is not None:
        parts.append("rowid > ?")
        params.append(low)
    if high is not None:
        parts.append("rowid <= ?")
        params.append(high)
    return (" AND ".join(parts) or "1"), tuple(params)


def _check_piece(path: Path, table: str, every: str, texts: list[str],
                 bounds: tuple[int | None, int | None]) -> tuple[bool, str | None]:
    """One unit: (some value breaks a rule, first text column that is not valid UTF-8 or holds NUL)."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        harden(conn)
        where, params = _range_sql(bounds)
        bad = conn.execute(f'SELECT 1 FROM main."{table}" NOT INDEXED WHERE {where} AND NOT coalesce({every}, 0) '
                           "LIMIT 1", params).fetchone() is not None
        if bad or not texts:
            return bad, None
        conn.text_factory = bytes  # decoded here, in one call per column (SQLite does not check UTF-8)
        aggs = ", ".join(f'group_concat("{c}", char(10))' for c in texts)
        row = conn.execute(f'SELECT {aggs} FROM main."{table}" NOT INDEXED WHERE {where}', params).fetchone()
        for name, blob in zip(texts, row):
            if blob is None:
                continue
            try:
                text = blob.decode("utf-8")
            except UnicodeDecodeError:
                return False, name
            if "\x00" in text:
                return False, name
        return False, None
    finally:
        conn.close()


def check_values(path: Path, tables: dict[str, list[str]], after: dict[str, int] | None = None,
                 progress: Callable[[], None] | None = None) -> None:
    """Check every value of *tables* (table → columns) in the database at *path*; raise the first rule broken.

    ``after``: per table, only rows after that rowid are checked (the others came from the book).  Work is
    cut into pieces of rows checked on several read-only connections at once.
    """
    after = after or {}
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        units = []
        plan: dict[str, tuple[dict[str, str], list[str]]] = {}
        for table, columns in tables.items():
            checks = value_checks(table, columns)
            plan[table] = (checks, _text_columns(table, columns))
            for bounds in _chunks(conn, table, after.get(table, 0)):
                units.append((table, bounds))
    finally:
        conn.close()
    with ThreadPoolExecutor(max_workers=workers(), thread_name_prefix="intake") as pool:
        futures = [pool.submit(_check_piece, path, t, " AND ".join(plan[t][0].values()), plan[t][1], b)
                   for t, b in units]
        results = []
        for (table, _b), future in zip(units, futures):
            results.append((table, future.result()))
            if progress:
                progress()
    for table in tables:
        found = [r for t, r in results if t == table]
        if any(bad for bad, _ in found):
            _explain(path, table, plan[table][0], after.get(table, 0))
        text_bad = next((name for _, name in found if name), None)
        if text_bad:
            raise BadValuesError(table, text_bad, _count_bad_text(path, table, text_bad, after.get(table, 0)))


def _explain(path: Path, table: str, checks: dict[str, str], after: int = 0) -> None:
    """Raise the sentence for the first column of *table* with a value that breaks its rule."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        harden(conn)
        for name, check in checks.items():
            count = conn.execute(f'SELECT count(*) FROM main."{table}" NOT INDEXED WHERE rowid > {int(after)} '
                                 f"AND NOT coalesce({check}, 0)").fetchone()[0]
            if count:
                raise BadValuesError(table, name, count)
    finally:
        conn.close()
    raise BadValuesError(table, "id", 1)  # pragma: no cover - a column failed above


def _count_bad_text(path: Path, table: str, name: str, after: int = 0) -> int:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    conn.text_factory = bytes
    try:
        count = 0
        for (value,) in conn.execute(f'SELECT "{name}" FROM main."{table}" WHERE rowid > {int(after)} '
                                     f'AND typeof("{name}") = \'text\''):
            try:
                if "\x00" in value.decode("utf-8"):
                    count += 1
            except UnicodeDecodeError:
                count += 1
        return max(count, 1)
    finally:
        conn.close()


def check_references(conn: sqlite3.Connection, with_local: bool, *, after: dict[str, int] | None = None,
                     pruned: frozenset[str] = frozenset(), tables: Sequence[str] = TAKEN) -> None:
    """Every reference must point at a record of the file (for a merge: of the file or of the book).

    ``after``: per table, the records up to that rowid are the book's own, whose references held in the
    book; only the records after it are checked, except where the parent table is in *pruned* (records of
    the book went from it: then every reference to it is checked).
    """
    refs: list[tuple[str, str, str]] = []
    for table in tables:
        for fk in conn.execute(f'PRAGMA main.foreign_key_list("{table}")'):
            refs.append((table, fk[3], fk[2]))
    refs.extend(r for r in EXTRA_REFERENCES if r[0] in tables)
    for table, column, parent in refs:
        elsewhere = (f'AND NOT EXISTS (SELECT 1 FROM local."{parent}" q WHERE q.id = c."{column}")'
                     if with_local else "")
        low = 0 if after is None or parent in pruned else int(after.get(table, 0))
        count = conn.execute(
            f'SELECT count(*) FROM main."{table}" c WHERE c.rowid > {low} AND c."{column}" IS NOT NULL '
            f'AND c."{column}" != \'\' AND NOT EXISTS (SELECT 1 FROM main."{parent}" p WHERE p.id = c."{column}") '
            f"{elsewhere}").fetchone()[0]
        if count:
            raise BrokenReferenceError(table, column, count)
