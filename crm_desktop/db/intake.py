"""Reading a backup's database as untrusted data: what restore and merge see of a teammate's file.

Whoever knows the team passphrase can make a backup, so a correctly encrypted
file is *authenticated*, not *trusted*: it may come from a teammate who left,
or from a buggy or older copy of the app.  :func:`take_in` therefore never
adopts anything of the file's schema.  It writes a **fresh database made from
the app's own schema** (what the migrations produce, :func:`schema_image`) and
copies into it, by column name, the rows of the tables the app knows.  Then,
on that copy:

* every index is rebuilt from the rows (a crafted file can hold index entries
  that do not match its rows);
* every value is checked for its type, length, form and vocabulary
  (:func:`value_checks`): ids, stamps (``WWWWWWWWWWWWW-CCCCC-SITE``, see
  :mod:`crm_desktop.db.stamps`), ``field_stamps`` (a JSON object of stamps
  keyed by the table's own columns), timestamps and dates that parse, 0/1
  flags, amounts that fit, texts that are valid UTF-8 without NUL characters;
* every reference (foreign keys, and the contact/complaint a logged contact
  names) must point at a row of the file;
* stamps later than the backup says it was made are lowered to that time
  (:func:`crm_desktop.db.stamps.clamp_table`), and counted per site for the
  preview: a stamp from the far future would otherwise win every merge forever.

A file that breaks any rule is refused with one sentence naming the kind of
record and the column; nothing of it reaches the book.  Triggers, views, extra
tables, extra indexes and extra columns are never copied or run: they are
listed in :attr:`IntakeReport.ignored` so the preview can say so.  The file
is read with ``trusted_schema=OFF`` in SQLite's defensive mode, and a name is
only read once ``sqlite_master`` shows it is a plain table (reading a virtual
table runs its module's code).

What is not copied: ``meta``, ``conflict`` and ``change_batch`` (local to
each laptop) and the search index (derived data; restore copies the file's
only after checking it, and the service rebuilds it when a sample disagrees).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from crm_desktop.db import models
from crm_desktop.db.database import APPLICATION_ID, HEAD_SCHEMA_VERSION, make_engine, run_migrations
from crm_desktop.db.errors import DiskFullError, translate_operational_error
from crm_desktop.db.stamps import clamp_sql, clamp_table, future_stamps_sql, stamp_ok_sql, wall_sql
from crm_desktop.db.types import UTCDateTime
from crm_desktop.domain import enums
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError, format_message
from crm_desktop.domain.hlc import SITE_CHARS
from crm_desktop.domain.records import record_label

Progress = Callable[[int, int], None]

HEAD_REVISION = f"{HEAD_SCHEMA_VERSION:04d}"
KNOWN_REVISIONS = tuple(f"{v:04d}" for v in range(1, HEAD_SCHEMA_VERSION + 1))
"""Alembic revisions whose files can be taken in (older ones are migrated after the copy)."""

SYNCED: tuple[str, ...] = tuple(m.__tablename__ for m in models.SYNCED_TABLES)  # type: ignore[attr-defined]
TAKEN: tuple[str, ...] = (*SYNCED, "erasure")
"""Tables copied from a backup, parents before children."""
LOCAL_TABLES = ("meta", "conflict", "change_batch", "alembic_version")
"""Tables of the app that never come from another file."""
SEARCH_TABLES = ("customer_search", "customer_fts", "customer_fts_data", "customer_fts_idx", "customer_fts_docsize",
                 "customer_fts_config")

MAX_TEXT = 200_000
"""Longest free text (notes, summaries …) accepted from a file, in characters."""
MAX_AMOUNT = 10**15
"""Largest order amount accepted, in minor units (ten trillion yuan)."""
MAX_SCHEMA_OBJECTS = 5000
"""A file whose schema lists more objects than this is refused before anything is read."""

ENUM_COLUMNS: dict[tuple[str, str], type] = {
    ("customer", "kind"): enums.CustomerKind,
    ("customer", "size"): enums.CompanySize,
    ("customer", "lead_source"): enums.LeadSource,
    ("customer", "preferred_channel"): enums.Channel,
    ("customer", "relationship_stage"): enums.RelationshipStage,
    ("contact", "role"): enums.BuyingRole,
    ("interaction", "channel"): enums.Channel,
    ("interaction", "direction"): enums.Direction,
    ("interaction", "outcome"): enums.Outcome,
    ("complaint", "channel"): enums.Channel,
    ("complaint", "severity"): enums.Severity,
    ("complaint", "status"): enums.ComplaintStatus,
    ("complaint_event", "from_status"): enums.ComplaintStatus,
    ("complaint_event", "to_status"): enums.ComplaintStatus,
}
"""Columns whose values must be one of the domain's words (complaint categories may be the team's own)."""

EXTRA_REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("interaction", "contact_id", "contact"),
    ("interaction", "complaint_id", "complaint"),
)
"""References the schema does not declare as foreign keys, checked as if it did: (table, column, parent)."""


# --------------------------------------------------------------------------- errors


class IntakeError(UserError):
    """A backup whose data breaks the app's rules; nothing of it was used.

    A ``table`` parameter is shown as the translated name of that kind of record.
    """

    def text(self, translate=None) -> str:
        params = dict(self.params)
        if "table" in params:
            params["table"] = record_label(params["table"], translate)
        return format_message(self.message, params, translate, self.context)


class NoUsableTableError(IntakeError):
    def __init__(self, table: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup has no usable “{table}” table, so it was not used."), table=table)


class MissingColumnError(IntakeError):
    def __init__(self, table: str, column: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "In this backup the “{table}” table lacks the column “{column}”, so it was not used."),
            table=table, column=column)


class BadValuesError(IntakeError):
    def __init__(self, table: str, column: str, count: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup holds {count} “{table}” records with an invalid “{column}” value, "
                      "so it was not used."), table=table, column=column, count=count)


class BrokenReferenceError(IntakeError):
    def __init__(self, table: str, column: str, count: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup holds {count} “{table}” records whose “{column}” points at a record missing "
                      "from it, so it was not used."), table=table, column=column, count=count)


class BrokenRulesError(IntakeError):
    def __init__(self, table: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup holds “{table}” records with a missing value or an id used twice, "
                      "so it was not used."), table=table)


class UnknownRevisionError(IntakeError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup was made by a version of the app this one does not know; update the app."))


class UnpackFailedError(IntakeError):
    def __init__(self, detail: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The backup could not be unpacked beside the book: {detail}."), detail=detail)


class DamagedDataError(IntakeError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The customer data inside this backup is damaged and cannot be used."))


# --------------------------------------------------------------------------- the app's schema

_templates: dict[str, bytes] = {}
_templates_lock = threading.Lock()


def schema_image(revision: str = HEAD_REVISION) -> bytes:
    """An empty database made by the app's own migrations up to *revision* (built once per process)."""
    if revision not in KNOWN_REVISIONS:
        raise UnknownRevisionError()
    with _templates_lock:
        image = _templates.get(revision)
        if image is None:
            image = _templates[revision] = _build_template(revision)
        return image


def _build_template(revision: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="crm-schema-") as folder:
        path = Path(folder) / "schema.sqlite"
        engine = make_engine(f"sqlite:///{path}")
        try:
            if revision == HEAD_REVISION:
                run_migrations(engine)
            else:
                _upgrade_to(engine, revision)
        finally:
            engine.dispose()
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
        return path.read_bytes()


def _upgrade_to(engine, revision: str) -> None:
    """Migrations up to an older *revision* (for taking in a backup made at that revision)."""
    from alembic import command
    from alembic.config import Config

    from crm_desktop import paths

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        connection.exec_driver_sql(f"PRAGMA user_version={int(revision)}")


def app_schema(conn: sqlite3.Connection, schema: str = "main") -> list[tuple[str, str, str, str | None]]:
    """``sqlite_master`` of *schema* as sorted (type, name, tbl_name, sql) rows: what "the schema" means in tests."""
    return sorted(conn.execute(f'SELECT type, name, tbl_name, sql FROM "{schema}".sqlite_master'))


def head_schema() -> list[tuple[str, str, str, str | None]]:
    """The schema the app's migrations produce (see :func:`app_schema`)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(schema_image())
        return app_schema(conn)
    finally:
        conn.close()


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
    sa_table: sa.Table = models.SQLModel.metadata.tables[table]
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
        elif name == "id" or col.foreign_keys or name in ("contact_id", "complaint_id"):
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
        if table == "erasure" and name == "table_name":
            check = f"({q} IN ({', '.join(_quote(t) for t in SYNCED)}))"
        if table == "sales_order" and name == "currency":
            check = f"({check} AND {q} GLOB '[A-Z][A-Z][A-Z]')"
        if col.nullable:
            check = f"({q} IS NULL OR {check})"
        checks[name] = check
    return checks


def _base_type(kind):
    """The column type as stored: UTCDateTime as itself, other decorators (SQLModel's AutoString) as their impl."""
    if isinstance(kind, UTCDateTime) or not isinstance(kind, sa.types.TypeDecorator):
        return kind
    return kind.impl_instance if hasattr(kind, "impl_instance") else kind.impl


def _text_columns(table: str, columns: list[str]) -> list[str]:
    """Columns whose values must be decoded to check them (texts that are not one of a fixed set of words)."""
    sa_table: sa.Table = models.SQLModel.metadata.tables[table]
    return [c for c in columns if isinstance(_base_type(sa_table.c[c].type), sa.String)
            and (table, c) not in ENUM_COLUMNS and not (table == "erasure" and c == "table_name")]


# --------------------------------------------------------------------------- the report


@dataclass
class IntakeReport:
    """What :func:`take_in` found.

    ``revision``: the schema revision the file was made at (migrated to the
    current one after the copy when older); ``rows``: records copied per
    table; ``ignored``: (kind, name) of what was in the file but not taken —
    kind is "trigger", "view", "table", "index" or "column" (names cleaned of
    control characters and cut to 60 characters); ``future``: per site id,
    how many stamps were later than ``cap_ms`` (when the file says it was
    made) and were lowered to it; ``max_stamp``: the latest stamp left in the
    copy; ``names``: site id → person's name, as the file's ``meta`` says
    (untrusted text, cleaned), ``made_by``: the sender's own name if given;
    ``changed_customers``: for a restore built on the book's own records, the
    customers whose search text must be made again (None: the whole index
    came from the file and must be checked).
    """

    revision: str = HEAD_REVISION
    rows: dict[str, int] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    future: dict[str, int] = field(default_factory=dict)
    cap_ms: int = 0
    max_stamp: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    made_by: str = ""
    search_rows: int = 0
    changed_customers: set[str] | None = None

    @property
    def future_count(self) -> int:
        return sum(self.future.values())


def clean_label(text: object, limit: int = 60) -> str:
    """Untrusted text made safe to show on one line: no control or format characters, at most *limit* long."""
    if not isinstance(text, str):
        return ""
    kept = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


# --------------------------------------------------------------------------- taking a file in


def _harden(conn: sqlite3.Connection) -> None:
    if hasattr(conn, "setconfig") and hasattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE"):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")


def _ro_uri(path: Path) -> str:
    return f"{path.absolute().as_uri()}?mode=ro&immutable=1"


def mark_rollback_journal(path: Path) -> None:
    """Set bytes 18/19 of the SQLite header at *path* to 1 (rollback journal), so a private copy that
    says "WAL" can be opened read-only without a ``-shm`` file.  Only for files this process owns."""
    with open(path, "r+b") as f:
        head = f.read(20)
        if len(head) == 20 and head.startswith(b"SQLite format 3\x00") and (head[18] != 1 or head[19] != 1):
            f.seek(18)
            f.write(b"\x01\x01")


def read_revision(source: Path) -> str:
    """The schema revision *source* says it was made at (its ``alembic_version``), checked against the known ones."""
    conn = sqlite3.connect(_ro_uri(source), uri=True)
    try:
        _harden(conn)
        objects = conn.execute("SELECT type, name, sql FROM sqlite_master LIMIT ?",
                               (MAX_SCHEMA_OBJECTS + 1,)).fetchall()
        if len(objects) > MAX_SCHEMA_OBJECTS:
            raise DamagedDataError()
        kinds = {name: (kind, sql or "") for kind, name, sql in objects}
        kind, sql = kinds.get("alembic_version", ("", ""))
        if kind != "table" or not sql.lstrip().upper().startswith("CREATE TABLE"):
            raise UnknownRevisionError()
        rows = conn.execute("SELECT version_num FROM alembic_version LIMIT 2").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DamagedDataError() from exc
    finally:
        conn.close()
    if len(rows) != 1 or rows[0][0] not in KNOWN_REVISIONS:
        raise UnknownRevisionError()
    return rows[0][0]


def take_in(source: Path, target: Path, *, cap_ms: int, local: Path | None = None, purpose: str = "restore",
            progress: Progress | None = None) -> IntakeReport:
    """Copy the data of the untrusted database *source* into a new database *target* (see the module docstring).

    *target* must not exist; it is created owner-only.  ``cap_ms``: stamps
    later than this (milliseconds, when the backup says it was made) are
    lowered to it.  ``local``: the book the result is for, read-only:

    * ``purpose="merge"``: only the records whose stamps differ from the
      book's are copied (the merge never reads the others);
    * ``purpose="restore"``: the result is the file's state.  A record whose
      id and stamps equal the book's is the same version, so the book's own
      copy of it is taken (checked long ago) and only the others come from
      the file and are checked; on a large book that makes restoring a recent
      backup a matter of seconds.  Without *local* (or when most records
      differ) everything comes from the file, with its search index checked.

    Raises an :class:`IntakeError` (or a disk-full / damaged-data sentence)
    and removes *target* on any failure.
    """
    source, target = Path(source), Path(target)
    if purpose not in ("restore", "merge"):
        raise ValueError(purpose)
    created = False
    try:
        mark_rollback_journal(source)
        revision = read_revision(source)
        _write_new(target, schema_image(revision))
        created = True
        base = local if purpose == "restore" and local is not None and revision == HEAD_REVISION and \
            _mostly_same(source, Path(local)) else None
        if base is not None:
            _copy_book(Path(base), target)
        report = _copy(source, target, revision, cap_ms, local, purpose, base is not None, progress)
        if revision != HEAD_REVISION:
            engine = make_engine(f"sqlite:///{target}")
            try:
                run_migrations(engine)
            finally:
                engine.dispose()
            conn = sqlite3.connect(target)
            try:
                conn.execute("PRAGMA journal_mode=DELETE")
            finally:
                conn.close()
        return report
    except BaseException as exc:
        for suffix in ("", "-journal", "-wal", "-shm") if created else ():
            try:
                os.unlink(str(target) + suffix)
            except OSError:
                pass
        if isinstance(exc, OSError):
            if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                raise DiskFullError(target) from exc
            raise UnpackFailedError(exc.strerror or str(exc)) from exc
        if isinstance(exc, sqlite3.OperationalError):
            sentence = translate_operational_error(exc, target)
            if sentence is not None:
                raise sentence from exc
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, UserError):
            raise DamagedDataError() from exc
        raise


def _write_new(target: Path, image: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(image)


_DIFFERS = ("m.id IS NULL OR m.stamp IS NOT o.stamp OR m.created_stamp IS NOT o.created_stamp "
            "OR m.field_stamps IS NOT o.field_stamps OR m.deleted_stamp IS NOT o.deleted_stamp")
"""SQL true when the file's record ``o`` is not the book's record ``m`` (joined by id)."""

RELATIVE_LIMIT = 0.3
"""Restore from the book's own records when at most this share of the file's customers differ."""


def _mostly_same(source: Path, local: Path) -> bool:
    """True when the file's customers are mostly the book's own versions (a recent backup of this book)."""
    if not local.is_file():
        return False
    conn = sqlite3.connect(_ro_uri(source), uri=True)
    try:
        _harden(conn)
        conn.execute("ATTACH DATABASE ? AS local", (f"{local.absolute().as_uri()}?mode=ro",))
        kinds = dict(conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'"))
        if not (kinds.get("customer") or "").lstrip().upper().startswith("CREATE TABLE"):
            return False
        total, differ = conn.execute(
            f"SELECT count(*), coalesce(sum({_DIFFERS}), 0) FROM main.customer AS o NOT INDEXED "
            "LEFT JOIN local.customer AS m ON m.id = o.id").fetchone()
    except sqlite3.DatabaseError:
        return False  # the full copy will say what is wrong with the file
    finally:
        conn.close()
    return total > 0 and differ <= RELATIVE_LIMIT * total


def _copy_book(book: Path, target: Path) -> None:
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


def _copy(source: Path, target: Path, revision: str, cap_ms: int, local: Path | None, purpose: str,
          relative: bool, progress: Progress | None) -> IntakeReport:
    report = IntakeReport(revision=revision, cap_ms=cap_ms)
    conn = sqlite3.connect(target.absolute().as_uri(), uri=True, isolation_level=None)
    try:
        _harden(conn)
        for pragma in ("foreign_keys = OFF", "journal_mode = OFF", "synchronous = OFF", "cache_size = -262144"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("ATTACH DATABASE ? AS inc", (_ro_uri(source),))
        if purpose == "merge" and local is not None:
            conn.execute("ATTACH DATABASE ? AS local", (f"{Path(local).absolute().as_uri()}?mode=ro",))
        expected = {(kind, name): sql for kind, name, _tbl, sql in app_schema(conn, "main")}
        found = conn.execute("SELECT type, name, tbl_name, sql FROM inc.sqlite_master").fetchall()
        if len(found) > MAX_SCHEMA_OBJECTS:
            raise DamagedDataError()
        report.ignored = _ignored(found, expected)
        plain = {name for kind, name, _t, sql in found
                 if kind == "table" and (sql or "").lstrip().upper().startswith("CREATE TABLE")}
        steps = len(TAKEN) + 5
        step = 0

        def tick() -> None:
            nonlocal step
            step += 1
            if progress:
                progress(step, steps)

        conn.execute("BEGIN")
        columns: dict[str, list[str]] = {}
        after: dict[str, int] = {}
        raw: list[str] = []
        changed_customers: set[str] = set()
        for table in TAKEN:
            if table not in plain:
                raise NoUsableTableError(table)
            after[table] = conn.execute(f'SELECT coalesce(max(rowid), 0) FROM main."{table}"').fetchone()[0]
            if relative:
                columns[table] = _replace_changed(conn, table, report, changed_customers)
            else:
                columns[table], whole = _copy_table(conn, table, report,
                                                    only_changed=purpose == "merge" and local is not None
                                                    and table != "erasure")
                if whole:
                    raw.append(table)
            tick()
        for table in raw:  # whole records were copied: their index entries are made again from the rows
            try:
                conn.execute(f'REINDEX main."{table}"')
            except sqlite3.IntegrityError as exc:
                raise BrokenRulesError(table) from exc
        conn.execute("COMMIT")
        tick()
        check_values(target, columns, after)
        tick()
        conn.execute("BEGIN")
        _check_references(conn, purpose == "merge" and local is not None)
        report.future = _count_future(conn, cap_ms, after)
        for table in SYNCED:
            clamp_table(conn, table, cap_ms, after=after[table])
        conn.execute(f"UPDATE main.erasure SET stamp = {clamp_sql('stamp')} WHERE rowid > :after "
                     f"AND {wall_sql('stamp')} > :cap", {"cap": cap_ms, "after": after["erasure"]})
        report.max_stamp = _max_stamp(conn, after)
        report.rows = {t: conn.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0] for t in TAKEN}
        if relative:
            changed_customers |= {r[0] for r in conn.execute(
                "SELECT id FROM main.customer WHERE rowid > ?", (after["customer"],))}
            changed_customers |= {r[0] for r in conn.execute(
                "SELECT customer_id FROM main.contact WHERE rowid > ?", (after["contact"],))}
            report.changed_customers = changed_customers
        tick()
        report.names, report.made_by = _names(conn, plain)
        staged = purpose == "restore" and not relative and "customer_search" in plain
        if staged:
            _stage_search(conn)
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE inc")
        if purpose == "merge" and local is not None:
            conn.execute("DETACH DATABASE local")
        if staged:
            report.search_rows = _load_search(conn)
        elif relative:
            _drop_search_of_gone(conn)
        conn.execute("PRAGMA journal_mode = DELETE")
        tick()
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return report


def _replace_changed(conn: sqlite3.Connection, table: str, report: IntakeReport, touched: set[str]) -> list[str]:
    """Make *table* (holding the book's records) hold the file's: the book's records the file lacks or has
    in another version go, the file's other versions are copied (to be checked: their rowids come last).

    The file is scanned without its indexes to find its other versions.  Whether a book's record is in the
    file at all is looked up through the file's id index: if that index lies, the only effect is which of
    the book's own records are kept, which a file could as well decide by leaving records out.
    """
    names = _columns_for(conn, table, report)
    cols = ", ".join(f'"{n}"' for n in names)
    differs = ("m.id IS NULL OR m.table_name IS NOT o.table_name OR m.stamp IS NOT o.stamp "
               "OR m.erased_at IS NOT o.erased_at") if table == "erasure" else _DIFFERS
    conn.execute('DROP TABLE IF EXISTS temp."file_rows"')
    conn.execute(f'CREATE TEMP TABLE "file_rows" AS SELECT o.rowid AS r, o.id AS id, m.id IS NOT NULL AS known '
                 f'FROM inc."{table}" AS o NOT INDEXED LEFT JOIN main."{table}" AS m ON m.id = o.id WHERE {differs}')
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


def _drop_search_of_gone(conn: sqlite3.Connection) -> None:
    """Remove the search texts of customers the restored file does not have (our own triggers, so trusted)."""
    conn.execute("PRAGMA trusted_schema = ON")  # only the app's own schema is left on this connection
    try:
        conn.execute("BEGIN")
        conn.execute("DELETE FROM main.customer_search WHERE customer_id NOT IN (SELECT id FROM main.customer)")
        conn.execute("COMMIT")
    finally:
        conn.execute("PRAGMA trusted_schema = OFF")


def _ignored(found, expected) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for kind, name, tbl, sql in found:
        if not isinstance(name, str) or name.startswith("sqlite_"):
            continue  # SQLite's own (autoindexes, sqlite_sequence, statistics)
        if expected.get((kind, name), object()) == sql:
            continue
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


def _copy_table(conn: sqlite3.Connection, table: str, report: IntakeReport, *,
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
                         f'LEFT JOIN local."{table}" AS m ON m.id = o.id WHERE {_DIFFERS}')
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


CHUNK_ROWS = 100_000
"""Rows per unit of checking work; units run on several connections at once (SQLite releases the GIL)."""


def _workers() -> int:
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


def _range_sql(bounds: tuple[int | None, int | None]) -> tuple[str, tuple]:
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
        _harden(conn)
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
    from concurrent.futures import ThreadPoolExecutor

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
    with ThreadPoolExecutor(max_workers=_workers(), thread_name_prefix="intake") as pool:
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
        _harden(conn)
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


def _check_references(conn: sqlite3.Connection, with_local: bool) -> None:
    """Every reference must point at a record of the file (for a merge: of the file or of the book)."""
    refs: list[tuple[str, str, str]] = []
    for table in TAKEN:
        for fk in conn.execute(f'PRAGMA main.foreign_key_list("{table}")'):
            refs.append((table, fk[3], fk[2]))
    refs.extend(EXTRA_REFERENCES)
    for table, column, parent in refs:
        elsewhere = (f'AND NOT EXISTS (SELECT 1 FROM local."{parent}" q WHERE q.id = c."{column}")'
                     if with_local else "")
        count = conn.execute(
            f'SELECT count(*) FROM main."{table}" c WHERE c."{column}" IS NOT NULL AND c."{column}" != \'\' '
            f'AND NOT EXISTS (SELECT 1 FROM main."{parent}" p WHERE p.id = c."{column}") {elsewhere}').fetchone()[0]
        if count:
            raise BrokenReferenceError(table, column, count)


def _count_future(conn: sqlite3.Connection, cap_ms: int, after: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in SYNCED:
        for site, n in conn.execute(future_stamps_sql(table, after=after.get(table, 0)), {"cap": cap_ms}):
            out[site] = out.get(site, 0) + n
    for (site, n) in conn.execute(f"SELECT substr(stamp, 21), count(*) FROM main.erasure WHERE rowid > :after "
                                  f"AND {wall_sql('stamp')} > :cap GROUP BY 1",
                                  {"cap": cap_ms, "after": after.get("erasure", 0)}):
        out[site] = out.get(site, 0) + n
    return out


def _max_stamp(conn: sqlite3.Connection, after: dict[str, int]) -> str | None:
    """The latest stamp among the records that came from the file."""
    parts = []
    for table in SYNCED:
        low = int(after.get(table, 0))
        parts.append(f'SELECT max(created_stamp) AS s FROM main."{table}" WHERE rowid > {low}')
        parts.append(f'SELECT max(deleted_stamp) FROM main."{table}" WHERE rowid > {low}')
        parts.append(f'SELECT max(j.value) FROM main."{table}" t, json_each(t.field_stamps) j '
                     f"WHERE t.rowid > {low} AND t.field_stamps IS NOT NULL")
    parts.append(f"SELECT max(stamp) FROM main.erasure WHERE rowid > {int(after.get('erasure', 0))}")
    return conn.execute(f"SELECT max(s) FROM ({' UNION ALL '.join(parts)})").fetchone()[0]


def _names(conn: sqlite3.Connection, plain: set[str]) -> tuple[dict[str, str], str]:
    """Names the file's ``meta`` gives: its maker's (``made_by``) and teammates' by site id
    (``site_name:<site>``), cleaned of control characters; shown, never trusted for anything else."""
    if "meta" not in plain:
        return {}, ""
    cols = {r[1] for r in conn.execute('PRAGMA inc.table_xinfo("meta")') if r[6] == 0}
    if not {"key", "value"} <= cols:
        return {}, ""
    try:
        pairs = conn.execute(
            "SELECT key, value FROM inc.meta NOT INDEXED WHERE typeof(key) = 'text' AND typeof(value) = 'text' "
            "AND length(key) <= 60 AND length(value) <= 200 AND (key = 'made_by' OR key LIKE 'site_name:%') "
            "LIMIT 500").fetchall()
    except sqlite3.OperationalError:  # not UTF-8: no names then
        return {}, ""
    names: dict[str, str] = {}
    made_by = ""
    for key, value in pairs:
        if key == "made_by":
            made_by = clean_label(value, 100)
            continue
        site = key[len("site_name:"):]
        if site and len(site) <= 20 and not site.strip(SITE_CHARS) and clean_label(value, 100):
            names[site] = clean_label(value, 100)
    return names, made_by


def _stage_search(conn: sqlite3.Connection) -> None:
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


def _load_search(conn: sqlite3.Connection) -> int:
    """After the file is detached: fill our own search index (its triggers feed the full-text table)."""
    conn.execute("PRAGMA trusted_schema = ON")  # only the app's own schema is left on this connection
    try:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO main.customer_search(customer_id, key, doc) "
                     "SELECT customer_id, key, doc FROM temp.incoming_search ORDER BY customer_id")
        n = conn.execute("SELECT count(*) FROM main.customer_search").fetchone()[0]
        conn.execute("DROP TABLE temp.incoming_search")
        conn.execute("COMMIT")
        return n
    finally:
        conn.execute("PRAGMA trusted_schema = OFF")
