"""Stamps in SQL: the form check, the clock bound, and the repair of a book whose clock ran away.

A stamp (:mod:`crm_desktop.domain.hlc`) is ``WWWWWWWWWWWWW-CCCCC-SITE``.  The
expressions here check that form in SQLite without a Python call per value
(``ltrim`` over a set of characters runs in C), and move a stamp's wall part
down to a bound while keeping its counter and site (:func:`clamp_sql`).

:func:`repair_clock` is what opening a book does when ``meta.last_stamp`` is
unreadable or further ahead of the machine's clock than
:data:`~crm_desktop.domain.hlc.MAX_SKEW_MS` (left by a far-future backup merged
by an older version): stamps beyond the bound are moved down to it, and the
clock restarts from the latest stamp that is left.
"""

from __future__ import annotations

import sqlite3

from crm_desktop.domain.hlc import MAX_SITE_LEN, MAX_SKEW_MS, HybridClock, Stamp, is_stamp

STAMP_COLUMNS = ("created_stamp", "stamp", "deleted_stamp")
"""Columns of every synchronised table that hold a stamp (besides the values of ``field_stamps``)."""


def stamp_ok_sql(col: str) -> str:
    """SQL true when *col* holds a well-formed stamp (NULL is not one): 13 + 5 digits, a site without NUL.

    One GLOB over the fixed digits is the cheapest form SQLite 3.40 offers (about 0.3 µs a value).
    """
    return (f"(typeof({col}) = 'text' AND length({col}) BETWEEN 21 AND {20 + MAX_SITE_LEN} "
            f"AND {col} GLOB '{'[0-9]' * 13}-{'[0-9]' * 5}-?*' AND instr({col}, char(0)) = 0)")


def _json(col: str) -> str:
    """*col* for json_each: the value when it is valid JSON, else an empty object (json_each raises on bad JSON)."""
    return f"CASE WHEN json_valid({col}) THEN {col} ELSE '{{}}' END"


def wall_sql(col: str) -> str:
    """SQL for the wall part (milliseconds) of the stamp in *col*."""
    return f"CAST(substr({col}, 1, 13) AS INTEGER)"


def clamp_sql(col: str, cap: str = ":cap") -> str:
    """SQL for the stamp in *col* with its wall part lowered to the parameter *cap* when above it."""
    return f"CASE WHEN {wall_sql(col)} > {cap} THEN printf('%013d', {cap}) || substr({col}, 14) ELSE {col} END"


def field_stamps_clamped_sql(col: str = "field_stamps", cap: str = ":cap") -> str:
    """SQL for a ``field_stamps`` JSON object with every stamp in it clamped (see :func:`clamp_sql`)."""
    return (f"(SELECT json_group_object(key, {clamp_sql('value', cap)}) FROM json_each({_json(col)}))")


def row_stamp_sql(cols: tuple[str, ...] = ("created_stamp", "deleted_stamp"), fs: str = "field_stamps") -> str:
    """SQL for the latest stamp of a row: its ``stamp`` column as the app keeps it."""
    parts = ", ".join(f"coalesce({c}, '')" for c in cols)
    return f"max({parts}, coalesce((SELECT max(value) FROM json_each({_json(fs)})), ''))"


def future_stamps_sql(table: str, cap: str = ":cap", schema: str = "main", after: int = 0) -> str:
    """SQL counting, per site, the stamps of *table* whose wall part is above *cap*: rows (site, n).

    ``stamp`` itself is left out: it repeats the latest of the others.  Only rows after rowid *after*.
    """
    parts = [f'SELECT {c} AS s FROM {schema}."{table}" WHERE rowid > {int(after)} AND {wall_sql(c)} > {cap}'
             for c in ("created_stamp", "deleted_stamp")]
    parts.append(f'SELECT j.value AS s FROM {schema}."{table}" t, json_each({_json("t.field_stamps")}) j '
                 f"WHERE t.rowid > {int(after)} AND t.field_stamps IS NOT NULL AND {wall_sql('j.value')} > {cap}")
    return f"SELECT substr(s, 21), count(*) FROM ({' UNION ALL '.join(parts)}) GROUP BY 1"


def clamp_table(conn: sqlite3.Connection, table: str, cap_ms: int, schema: str = "main", after: int = 0) -> int:
    """Lower every stamp of *table* above *cap_ms* to it (counter and site kept); returns the rows changed.

    ``stamp`` is recomputed for the rows changed, so it stays the latest of the row's stamps.  Only rows
    after rowid *after* are looked at.
    """
    over = " OR ".join([f"{wall_sql(c)} > :cap" for c in STAMP_COLUMNS]
                       + [f"(field_stamps IS NOT NULL AND EXISTS (SELECT 1 FROM json_each({_json('field_stamps')}) "
                          f"WHERE {wall_sql('value')} > :cap))"])
    conn.execute('DROP TABLE IF EXISTS temp."clamp_ids"')
    conn.execute(f'CREATE TEMP TABLE "clamp_ids" AS SELECT rowid AS r FROM {schema}."{table}" '
                 f"WHERE rowid > {int(after)} AND ({over})", {"cap": cap_ms})
    n = conn.execute('SELECT count(*) FROM temp."clamp_ids"').fetchone()[0]
    if n:
        sets = ", ".join([f"{c} = {clamp_sql(c)}" for c in ("created_stamp", "deleted_stamp")]
                         + [f"field_stamps = CASE WHEN field_stamps IS NULL THEN NULL "
                            f"ELSE {field_stamps_clamped_sql()} END"])
        conn.execute(f'UPDATE {schema}."{table}" SET {sets} WHERE rowid IN (SELECT r FROM temp."clamp_ids")',
                     {"cap": cap_ms})
        conn.execute(f'UPDATE {schema}."{table}" SET stamp = {row_stamp_sql()} '
                     'WHERE rowid IN (SELECT r FROM temp."clamp_ids")')
    conn.execute('DROP TABLE temp."clamp_ids"')
    return int(n)


def stamp_is_sane(text: str | None, now_ms: int) -> bool:
    """True when *text* is a stamp at most :data:`MAX_SKEW_MS` ahead of *now_ms*."""
    return is_stamp(text) and Stamp.decode(text).wall_ms <= now_ms + MAX_SKEW_MS


def repair_clock(conn: sqlite3.Connection, tables: tuple[str, ...], site_id: str, now_ms: int) -> str:
    """Bring a book's stamps back within the bound of *now_ms* and return the clock's new last stamp.

    Runs in the caller's transaction on a raw connection; writes ``meta.last_stamp``.
    """
    cap = now_ms + MAX_SKEW_MS
    clock = HybridClock(site_id)
    for table in tables:
        clamp_table(conn, table, cap)
        top = conn.execute(f'SELECT max(stamp) FROM "{table}" WHERE {stamp_ok_sql("stamp")}').fetchone()[0]
        if top:
            clock.observe(top, now_ms)
    conn.execute(f"UPDATE erasure SET stamp = {clamp_sql('stamp')} WHERE {wall_sql('stamp')} > :cap", {"cap": cap})
    for (value,) in conn.execute("SELECT stamp FROM erasure").fetchall():
        clock.observe(value, now_ms)
    last = clock.tick(now_ms)
    conn.execute("INSERT INTO meta(key, value) VALUES ('last_stamp', ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (last,))
    return last


def content_state(conn: sqlite3.Connection) -> str:
    """A short text that changes whenever a synchronised record or an erasure is written (latest stamp and
    count of each table): "has the book changed since its last automatic backup?"."""
    from crm_desktop.db.models import SYNCED_TABLES

    parts = []
    for model in SYNCED_TABLES:
        table = model.__tablename__
        top, n = conn.execute(f'SELECT max(stamp), count(*) FROM "{table}"').fetchone()
        parts.append(f"{top or ''}/{n}")
    parts.append(str(conn.execute("SELECT count(*) FROM erasure").fetchone()[0]))
    return "|".join(parts)
