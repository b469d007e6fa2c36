"""Copying a backup's records into the checked copy, by column name, never adopting the file's schema.

Also what the copy learns on the way: what the file held besides the app's
data (:func:`ignored_objects`), stamps later than the backup (:func:`count_future`),
the names its ``meta`` gives (:func:`file_names`), and its search texts
(staged, checked, and loaded into the app's own index).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crm_desktop.db.intake.errors import BrokenRulesError, MissingColumnError
from crm_desktop.db.intake.report import IntakeReport, clean_label
from crm_desktop.db.intake.rules import MAX_TEXT
from crm_desktop.db.intake.schema import DERIVED_TABLES, HUB_LOCAL_TABLES, SYNCED, TAKEN, ro_uri
from crm_desktop.db.snapshot import harden
from crm_desktop.db.stamps import future_stamps_sql, wall_sql
from crm_desktop.domain.hlc import SITE_CHARS

_SAME = ("{m}.stamp IS o.stamp AND {m}.created_stamp IS o.created_stamp AND {m}.field_stamps IS o.field_stamps "
         "AND {m}.deleted_stamp IS o.deleted_stamp")


def has_rowids(conn: sqlite3.Connection, schema: str, table: str) -> bool:
    """Whether the file's *table* (in *schema*) has rowids (a file may hold a table made WITHOUT ROWID)."""
    try:
        conn.execute(f'SELECT rowid FROM {schema}."{table}" LIMIT 0')
    except sqlite3.OperationalError:
        return False
    return True


def by_rowid(conn: sqlite3.Connection, table: str, book: str, file: str = "inc") -> str:
    """The join :func:`differs` needs: the book's (schema *book*) record ``r`` at the rowid of the file's
    (schema *file*) record ``o``; none for a file's table without rowids (each record is looked up by id)."""
    if not has_rowids(conn, file, table):
        return f'LEFT JOIN {book}."{table}" AS r ON 0'
    return f'LEFT JOIN {book}."{table}" AS r ON r.rowid = o.rowid'


def differs(table: str, book: str) -> str:
    """SQL true when the file's record ``o`` of *table* is not one of the records of the book (schema *book*):
    none has its id, or that one has other stamps.

    The book's record at the same rowid (:func:`by_rowid`) is tried first: a backup of a book made from
    the same file keeps most rowids, and only the others are looked up by id, a search of the id index and
    then of the table (958k interactions compared in 3.1 s by id alone, 0.46 s so).  A record of another
    id at that rowid only means the id is looked up."""
    return (f"CASE WHEN r.id = o.id THEN NOT ({_SAME.format(m='r')}) "
            f'ELSE NOT EXISTS (SELECT 1 FROM {book}."{table}" AS m WHERE m.id = o.id AND {_SAME.format(m="m")}) END')

RELATIVE_LIMIT = 0.3
"""Restore from the book's own records when at most this share of the file's customers differ."""


def mostly_same(source: Path, local: Path) -> bool:
    """True when the file's customers are mostly the book's own versions (a recent backup of this book)."""
    if not local.is_file():
        return False
    conn = sqlite3.connect(ro_uri(source), uri=True)
    try:
        harden(conn)
        conn.execute("ATTACH DATABASE ? AS local", (f"{local.absolute().as_uri()}?mode=ro",))
        kinds = dict(conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'"))
        if not (kinds.get("customer") or "").lstrip().upper().startswith("CREATE TABLE"):
            return False
        if not all(has_rowids(conn, "main", t) for t in TAKEN if t in kinds):
            return False  # the restore from the book's records picks the file's by rowid: a full copy
        total, differ = conn.execute(
            f"SELECT count(*), coalesce(sum({differs('customer', 'local')}), 0) FROM main.customer AS o NOT INDEXED "
            f"{by_rowid(conn, 'customer', 'local', 'main')}").fetchone()
    except sqlite3.DatabaseError:
        return False  # the full copy will say what is wrong with the file
    finally:
        conn.close()
    return bool(total > 0 and differ <= RELATIVE_LIMIT * total)


def copy_book(book: Path, target: Path) -> None:
    """Fill *target* (the app's empty schema) with the book's own records and search index (trusted data).

    SQLite copies whole records and index entries when the layouts match; the
    search triggers are dropped for the copy and made again with the same text.
    """
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        for pragma in ("foreign_keys = OFF", "journal_mode = OFF", "synchronous = OFF", "cache_size = -262144"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("ATTACH DATABASE ? AS book", (f"{book.absolute().as_uri()}?mode=ro",))
        conn.execute("BEGIN")
        triggers = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER main."{name}"')
        for table in (*TAKEN, "customer_search", "customer_fts_data", "customer_fts_idx", "customer_fts_docsize",
                      "customer_fts_config"):
            conn.execute(f'DELETE FROM main."{table}"')
            conn.execute(f'INSERT INTO main."{table}" SELECT * FROM book."{table}"')
        for _name, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE book")
    finally:
        conn.close()


def replace_changed(conn: sqlite3.Connection, table: str, report: IntakeReport, touched: set[str],
                    pruned: set[str]) -> list[str]:
    """Make *table* (holding the book's records) hold the file's: the book's records the file lacks or has
    in another version go, the file's other versions are copied (to be checked: their rowids come last).
    *table* is added to *pruned* when records of the book went that the file does not have at all (records
    pointing at them must then be checked again).

    The file is scanned without its indexes to find its other versions.  Whether a book's record is in the
    file at all is looked up through the file's id index: if that index lies, the only effect is which of
    the book's own records are kept, which a file could as well decide by leaving records out.
    """
    names = _columns_for(conn, table, report)
    cols = ", ".join(f'"{n}"' for n in names)
    conn.execute('DROP TABLE IF EXISTS temp."file_rows"')
    if table == "erasure":
        conn.execute('CREATE TEMP TABLE "file_rows" AS SELECT o.rowid AS r, o.id AS id, m.id IS NOT NULL AS known '
                     'FROM inc."erasure" AS o NOT INDEXED LEFT JOIN main."erasure" AS m ON m.id = o.id '
                     "WHERE m.id IS NULL OR m.table_name IS NOT o.table_name OR m.stamp IS NOT o.stamp "
                     "OR m.erased_at IS NOT o.erased_at")
    else:
        conn.execute(f'CREATE TEMP TABLE "file_rows" AS SELECT o.rowid AS r, o.id AS id, (r.id = o.id OR EXISTS '
                     f'(SELECT 1 FROM main."{table}" AS m WHERE m.id = o.id)) AS known FROM inc."{table}" AS o '
                     f'NOT INDEXED {by_rowid(conn, table, "main")} WHERE {differs(table, "main")}')
    # the book's records the file lacks: none when every book record is matched by a file record
    in_file = conn.execute(f'SELECT count(*) FROM inc."{table}" NOT INDEXED').fetchone()[0]
    changed, known = conn.execute("SELECT count(*), coalesce(sum(known), 0) FROM temp.file_rows").fetchone()
    in_book = conn.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]
    book_only = in_book - (in_file - changed) - known
    gone = "id IN (SELECT id FROM temp.file_rows)"
    if book_only:
        gone = f'NOT EXISTS (SELECT 1 FROM inc."{table}" AS o WHERE o.id = main."{table}".id) OR {gone}'
    if not changed and not book_only:
        conn.execute('DROP TABLE temp."file_rows"')
        return names
    if book_only:
        pruned.add(table)
    if table == "contact":  # a customer's search text holds its contacts (customers that go take theirs along)
        touched.update(r[0] for r in conn.execute(f'SELECT customer_id FROM main."{table}" WHERE {gone}'))
    top = conn.execute(f'SELECT coalesce(max(rowid), 0) FROM main."{table}"').fetchone()[0]
    conn.execute(f'DELETE FROM main."{table}" WHERE {gone}')
    try:  # rowids above every one the book's records had: what must be checked is what comes after
        conn.execute(f'INSERT INTO main."{table}" (rowid, {cols}) SELECT ? + row_number() OVER (ORDER BY rowid), '
                     f'{cols} FROM inc."{table}" WHERE rowid IN (SELECT r FROM temp.file_rows)', (top,))
    except sqlite3.IntegrityError as exc:
        raise BrokenRulesError(table) from exc
    conn.execute('DROP TABLE temp."file_rows"')
    return names


def drop_search_of_gone(conn: sqlite3.Connection) -> None:
    """Remove the search texts of customers the restored file does not have (our own triggers, so trusted)."""
    conn.execute("PRAGMA trusted_schema = ON")  # only the app's own schema is left on this connection
    try:
        conn.execute("BEGIN")
        conn.execute("DELETE FROM main.customer_search WHERE customer_id NOT IN (SELECT id FROM main.customer)")
        conn.execute("COMMIT")
    finally:
        conn.execute("PRAGMA trusted_schema = OFF")


def ignored_objects(found: list[tuple[Any, ...]], expected: dict[tuple[str, str], str | None]) -> list[tuple[str, str]]:
    """(kind, name) of what the file's schema holds besides the app's own objects (never copied, never run)."""
    out: list[tuple[str, str]] = []
    for kind, name, tbl, sql in found:
        if not isinstance(name, str) or name.startswith("sqlite_"):
            continue  # SQLite's own (autoindexes, sqlite_sequence, statistics)
        if expected.get((kind, name), object()) == sql:
            continue
        if kind in ("table", "index") and tbl in (*DERIVED_TABLES, *HUB_LOCAL_TABLES):
            continue  # derived data (the dashboard's cache) and its indexes: never read, nothing to tell
        if kind == "table" and isinstance(name, str) and name.startswith("customer_fts_") and \
                ("table", name) in expected:
            continue  # the search index's own tables: never read
        out.append((kind if kind in ("trigger", "view", "table", "index") else "table", clean_label(name)))
    return sorted(out)


def _columns_for(conn: sqlite3.Connection, table: str, report: IntakeReport) -> list[str]:
    """Our columns of *table*, all of which the file's table must have (extra ones are reported as ignored)."""
    ours = conn.execute(f'PRAGMA main.table_xinfo("{table}")').fetchall()
    theirs = conn.execute(f'PRAGMA inc.table_xinfo("{table}")').fetchall()
    names = [r[1] for r in ours]
    ordinary = {r[1] for r in theirs if r[6] == 0}
    for name in names:
        if name not in ordinary:
            raise MissingColumnError(table, name)
    for r in theirs:
        if r[1] not in names or r[6] != 0:
            report.ignored.append(("column", clean_label(f"{table}.{r[1]}")))
    return names


def copy_table(conn: sqlite3.Connection, table: str, report: IntakeReport, *,
                only_changed: bool) -> tuple[list[str], bool]:
    """Copy *table* by column name; returns (the columns copied, whether whole records were copied).

    ``only_changed``: copy only the records whose stamps differ from the book attached as ``local``
    (the file is scanned without its indexes, which may not match its rows).
    """
    names = _columns_for(conn, table, report)
    ours = conn.execute(f'PRAGMA main.table_xinfo("{table}")').fetchall()
    theirs = conn.execute(f'PRAGMA inc.table_xinfo("{table}")').fetchall()
    cols = ", ".join(f'"{n}"' for n in names)
    whole = False
    try:
        if only_changed:
            picked = ", ".join(f'o."{n}"' for n in names)
            conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {picked} FROM inc."{table}" AS o NOT INDEXED '
                         f'{by_rowid(conn, table, "local")} WHERE {differs(table, "local")}')
        elif [tuple(r[1:]) for r in ours] == [tuple(r[1:]) for r in theirs]:
            # same layout: SQLite copies the records (and index entries) without decoding them; the
            # values are checked right after and the indexes made again from the rows
            conn.execute(f'INSERT INTO main."{table}" SELECT * FROM inc."{table}"')
            whole = True
        else:
            conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM inc."{table}" NOT INDEXED')
    except sqlite3.IntegrityError as exc:
        raise BrokenRulesError(table) from exc
    return names, whole


def count_future(conn: sqlite3.Connection, cap_ms: int, after: dict[str, int],
                 tables: Sequence[str] = SYNCED) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in (t for t in SYNCED if t in tables):
        for site, n in conn.execute(future_stamps_sql(table, after=after.get(table, 0)), {"cap": cap_ms}):
            out[site] = out.get(site, 0) + n
    for (site, n) in conn.execute(f"SELECT substr(stamp, 21), count(*) FROM main.erasure WHERE rowid > :after "
                                  f"AND {wall_sql('stamp')} > :cap GROUP BY 1",
                                  {"cap": cap_ms, "after": after.get("erasure", 0)}):
        out[site] = out.get(site, 0) + n
    return out


def max_stamp(conn: sqlite3.Connection, after: dict[str, int], tables: Sequence[str] = SYNCED) -> str | None:
    """The latest stamp among the records that came from the file."""
    parts = []
    for table in (t for t in SYNCED if t in tables):
        low = int(after.get(table, 0))
        parts.append(f'SELECT max(created_stamp) AS s FROM main."{table}" WHERE rowid > {low}')
        parts.append(f'SELECT max(deleted_stamp) FROM main."{table}" WHERE rowid > {low}')
        parts.append(f'SELECT max(j.value) FROM main."{table}" t, json_each(t.field_stamps) j '
                     f"WHERE t.rowid > {low} AND t.field_stamps IS NOT NULL")
    parts.append(f"SELECT max(stamp) FROM main.erasure WHERE rowid > {int(after.get('erasure', 0))}")
    top: str | None = conn.execute(f"SELECT max(s) FROM ({' UNION ALL '.join(parts)})").fetchone()[0]
    return top


def file_names(conn: sqlite3.Connection, plain: set[str]) -> tuple[dict[str, str], str, str]:
    """Names the file's ``meta`` gives: its maker's (``made_by``), teammates' by site id
    (``site_name:<site>``) and, for a backup of some customers only, whose (``partial_of``), cleaned of
    control characters; shown, never trusted for anything else."""
    if "meta" not in plain:
        return {}, "", ""
    cols = {r[1] for r in conn.execute('PRAGMA inc.table_xinfo("meta")') if r[6] == 0}
    if not {"key", "value"} <= cols:
        return {}, "", ""
    try:
        pairs = conn.execute(
            "SELECT key, value FROM inc.meta NOT INDEXED WHERE typeof(key) = 'text' AND typeof(value) = 'text' "
            "AND length(key) <= 60 AND length(value) <= 200 "
            "AND (key IN ('made_by', 'partial_of') OR key LIKE 'site_name:%') "
            "LIMIT 500").fetchall()
    except sqlite3.OperationalError:  # not UTF-8: no names then
        return {}, "", ""
    names: dict[str, str] = {}
    made_by = partial_of = ""
    for key, value in pairs:
        if key == "made_by":
            made_by = clean_label(value, 100)
            continue
        if key == "partial_of":
            partial_of = clean_label(value, 100) or "?"
            continue
        site = key[len("site_name:"):]
        if site and len(site) <= 20 and not site.strip(SITE_CHARS) and clean_label(value, 100):
            names[site] = clean_label(value, 100)
    return names, made_by, partial_of


def stage_search(conn: sqlite3.Connection) -> None:
    """Copy the file's search texts of live customers into a temporary table (checked; loaded after DETACH)."""
    conn.execute("DROP TABLE IF EXISTS temp.incoming_search")
    conn.execute("CREATE TEMP TABLE incoming_search (customer_id TEXT PRIMARY KEY, key TEXT, doc TEXT)")
    cols = {r[1] for r in conn.execute('PRAGMA inc.table_xinfo("customer_search")') if r[6] == 0}
    if not {"customer_id", "key", "doc"} <= cols:
        return
    try:
        conn.execute(
            "INSERT OR IGNORE INTO temp.incoming_search SELECT s.customer_id, s.key, s.doc FROM inc.customer_search s "
            "WHERE typeof(s.customer_id) = 'text' AND typeof(s.key) = 'text' AND typeof(s.doc) = 'text' "
            f"AND length(s.key) <= {MAX_TEXT} AND length(s.doc) <= {4 * MAX_TEXT} "
            "AND instr(s.key, char(0)) = 0 AND instr(s.doc, char(0)) = 0 "
            "AND s.customer_id IN (SELECT id FROM main.customer)")
        last = None
        while True:  # valid UTF-8, like every other text
            where = "WHERE rowid > ?" if last is not None else ""
            top, _x = conn.execute(
                "SELECT max(r), group_concat(x, char(10)) FROM (SELECT rowid AS r, key || char(10) || doc AS x "
                f"FROM temp.incoming_search {where} ORDER BY rowid LIMIT 20000)",
                () if last is None else (last,)).fetchone()
            if top is None:
                break
            last = top
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc).lower():
            raise
        conn.execute("DELETE FROM temp.incoming_search")  # an index that is not text: rebuilt instead


def load_search(conn: sqlite3.Connection) -> int:
    """After the file is detached: fill our own search index (its triggers feed the full-text table)."""
    conn.execute("PRAGMA trusted_schema = ON")  # only the app's own schema is left on this connection
    try:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO main.customer_search(customer_id, key, doc) "
                     "SELECT customer_id, key, doc FROM temp.incoming_search ORDER BY customer_id")
        n = conn.execute("SELECT count(*) FROM main.customer_search").fetchone()[0]
        conn.execute("DROP TABLE temp.incoming_search")
        conn.execute("COMMIT")
        return int(n)
    finally:
        conn.execute("PRAGMA trusted_schema = OFF")
