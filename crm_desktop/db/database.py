"""Opening a database file safely: checks, pragmas, migrations, identity.

Order of events when a file is opened (each refusal leaves the file untouched):

0. a missing file is made only when the caller asks for a new book
   (``create=True``); a folder is never taken for a book;
1. the folder must be writable and the file, if present, an SQLite file;
2. its ``application_id`` must be ours (or 0 for a new, empty file) —
   another application's SQLite file is refused;
3. its ``user_version`` (our schema version) must not be newer than this app's;
4. if older, a copy is taken with the SQLite backup API (after checking the
   disk has room for it), then the Alembic migrations run and ``user_version``
   is raised;
5. the tables of a book must all be there, and be tables (not views).

SQLite's own failures on the way (disk full, another program writing, a
damaged page) become one sentence through :mod:`crm_desktop.db.errors`.

The engine sets WAL, ``foreign_keys=ON`` and ``busy_timeout`` on every
connection.  A PostgreSQL URL is accepted too (same models, same migrations);
SQLite-only parts (the trigram index) are skipped there.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import PoolProxiedConnection

# ``X as X``: names other modules import from here (explicit re-exports)
from crm_desktop.db.errors import CorruptDatabaseError as CorruptDatabaseError
from crm_desktop.db.errors import (
    DatabaseError,
    FolderNotBookError,
    ForeignDatabaseError,
    IncompleteBookError,
    MigrationFailedError,
    NewerSchemaError,
    NotADatabaseError,
    UnwritableError,
    translate_operational_error,
)
from crm_desktop.db.errors import MissingDatabaseError as MissingDatabaseError
from crm_desktop.db.errors import sqlite_error as sqlite_error
from crm_desktop.db.files import secure_book
from crm_desktop.db.migrate import APPLICATION_ID as APPLICATION_ID
from crm_desktop.db.migrate import HEAD_SCHEMA_VERSION as HEAD_SCHEMA_VERSION
from crm_desktop.db.migrate import (
    MIGRATION_HEADROOM,
    book_bytes,
    copy_before_migration,
    schema_version_pg,
)
from crm_desktop.db.migrate import run_migrations as run_migrations
from crm_desktop.db.stamps import repair_clock, stamp_is_sane
from crm_desktop.domain.hlc import HybridClock, new_site_id

if TYPE_CHECKING:
    from sqlmodel import Session

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
"""How long a statement waits for a lock held by another connection of the same book."""


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine with our pragmas on SQLite."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _driver(conn: PoolProxiedConnection) -> sqlite3.Connection:
    """The sqlite3 connection under SQLAlchemy's pooled proxy (the raw paths run on SQLite books only)."""
    return cast(sqlite3.Connection, conn.driver_connection)  # typed Any | None: it is the DB-API's own object


Tx = Connection
"""The handle of a unit of work (:meth:`Database.reading` / :meth:`Database.writing`).  Services
only pass it on to crm_desktop.db functions; what it is (a SQLAlchemy connection) is db's business."""

BulkTx = sqlite3.Connection
"""The handle of :meth:`Database.bulk`: the DB-API connection the bulk writers use (executemany)."""


@dataclass
class Database:
    """An open database: its engine, this install's site id and edit clock.

    ``path`` is None for a PostgreSQL URL.  ``site_id`` identifies this copy of
    the data in merges; ``clock`` stamps every edit.
    """

    url: str
    path: Path | None
    engine: Engine
    site_id: str
    clock: HybridClock
    migrated_from: int | None = None
    backup_before_migration: Path | None = None
    writes: int = 0
    """Counts this process's transactions that changed rows (after they committed): what a cached figure
    of the book was computed at (another program's writes are not counted)."""

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> Session:
        """A new session; use ``with db.session() as s:``."""
        from sqlmodel import Session  # the ORM on first use: commands that only read never load it

        return Session(self.engine, expire_on_commit=False)

    # --- the handles services pass to db functions ---------------------------------------------
    # A service never runs SQL: it opens a unit of work here and hands the handle (``Tx``) to
    # the query functions of crm_desktop.db.*, which are the only code that uses it.
    @contextmanager
    def reading(self) -> Iterator[Tx]:
        """A consistent read (one connection); nothing written."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Tx]:
        """One transaction: everything in it is written together, or nothing (an exception rolls back)."""
        with self.engine.begin() as conn:
            raw = conn.connection.driver_connection
            before = getattr(raw, "total_changes", None)
            yield conn
            changed = getattr(raw, "total_changes", None) != before
        if changed:
            self.writes += 1

    @contextmanager
    def bulk(self) -> Iterator[BulkTx]:
        """One transaction on the DB-API connection, for the bulk paths (executemany); commits on success."""
        with self.raw_connection() as conn:
            yield conn

    @contextmanager
    def raw_connection(self) -> Iterator[sqlite3.Connection]:
        """The DB-API connection for bulk paths (executemany); commits on success."""
        conn = self.engine.raw_connection()
        try:
            raw = _driver(conn)
            before = raw.total_changes
            yield raw
            changed = raw.total_changes != before
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.close()
        if changed:
            self.writes += 1

    def ensure_writable(self, timeout_ms: int = 1500) -> None:
        """Raise :class:`~crm_desktop.db.errors.BookBusyError` if another program holds the write lock.

        Waits at most *timeout_ms* (the engine's own ``busy_timeout`` is longer,
        for the app's own short transactions); commands call this first so that
        a foreign writer gets one sentence in a second or two, not a traceback
        after several timeouts.
        """
        if not self.is_sqlite:
            return
        conn = self.engine.raw_connection()
        try:
            raw = _driver(conn)
            raw.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
            try:
                raw.execute("BEGIN IMMEDIATE")
                raw.execute("ROLLBACK")
            except sqlite3.Error as exc:
                raise sqlite_error(exc, self.path) from exc
            finally:
                raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            conn.close()

    def close(self) -> None:
        """Remember the clock (so stamps keep increasing next time) and release the file."""
        try:
            with self.engine.begin() as c:
                c.exec_driver_sql("PRAGMA busy_timeout=1000")  # another program's lock must not hold up closing
                c.execute(text("INSERT INTO meta(key, value) VALUES ('last_stamp', :v) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value"),
                          {"v": self.clock.tick(0)})
        except Exception:  # noqa: BLE001 - a read-only or vanished file must still close
            pass
        self.engine.dispose()


def _inspect_sqlite_file(path: Path) -> tuple[int, int, bool]:
    """(application_id, user_version, has_tables) of an existing file, read-only.

    A book at this app's schema version must have all its tables (checked
    here, before any connection of ours changes so much as the journal mode).
    """
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except PermissionError as exc:
        raise UnwritableError(str(path)) from exc
    if head == b"":
        return 0, 0, False  # an empty file is a new database
    if head != SQLITE_MAGIC:
        raise NotADatabaseError(str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            kinds = dict(conn.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"))
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise sqlite_error(exc, path) from exc
    except UnicodeDecodeError as exc:  # a damaged schema garbles SQLite's own error message
        raise CorruptDatabaseError(str(path)) from exc
    if app_id == APPLICATION_ID and version == HEAD_SCHEMA_VERSION:
        _check_tables(kinds, str(path))
    return app_id, version, any(kind == "table" for kind in kinds.values())


def check_book_path(target: str | os.PathLike[str], *, create: bool) -> Path:
    """*target* as a path, refused early: a folder, or a missing file unless *create*.

    Runs before anything touches the disk (no folder is made, no lock file
    written), so a mistyped path leaves no trace.
    """
    path = Path(os.fspath(target)).expanduser()
    if path.is_dir():
        raise FolderNotBookError(str(path))
    if not create and not path.exists():
        raise MissingDatabaseError(str(path))
    return path


def peek_meta(target: str | os.PathLike[str], key: str) -> str | None:
    """``meta[key]`` of an existing book, read-only; None when the file has none or cannot be read."""
    path = Path(os.fspath(target))
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def is_demo_book(target: str | os.PathLike[str]) -> bool:
    """True for a book the demo generator made (``meta.demo`` = 1; older demos have ``demo_seed``)."""
    return peek_meta(target, "demo") == "1" or peek_meta(target, "demo_seed") is not None


BOOK_TABLES = frozenset({
    "change_batch", "complaint", "complaint_event", "conflict", "contact", "customer", "customer_stage_change",
    "customer_tag", "deal", "deal_line", "deal_stage_change", "erasure", "insight_figures", "interaction", "meta",
    "order_line", "person", "price_list", "price_list_customer", "price_list_item", "product", "quote",
    "sales_order", "score_cache", "setting", "tag",
})
"""The tables of the models (``SQLModel.metadata.tables``; a test keeps the two the same), named here so that
checking a book opened for a command does not load the ORM."""


def _expected_tables(sqlite: bool) -> set[str]:
    names = set(BOOK_TABLES) | {"customer_search"}
    if sqlite:
        names.add("customer_fts")
    return names


def _tables_of(engine: Engine) -> dict[str, str]:
    with engine.connect() as c:
        return {name: kind for kind, name in c.execute(text(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view')"))}


def _check_tables(found: dict[str, str], target: str) -> None:
    """Every table of a book is in *found* (name → 'table' or 'view') as a table; a view in its place is refused."""
    first = ("customer", "contact", "interaction", "sales_order", "complaint")  # what a person recognises
    bad = sorted((n for n in _expected_tables(True) if found.get(n) != "table"),
                 key=lambda n: (first.index(n) if n in first else len(first), n))
    if bad:
        names = ", ".join(bad[:4]) + (", …" if len(bad) > 4 else "")
        raise IncompleteBookError(target, names)


def _check_writable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UnwritableError(str(path)) from exc
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.R_OK | os.W_OK)):
        raise UnwritableError(str(path))


def open_database(target: str | os.PathLike[str], *, create: bool = True,
                  on_migrate: Callable[[int, int], None] | None = None) -> Database:
    """Open the database at *target*: a path or a database URL.

    A missing file is made into a new book when *create* is true (the default,
    for library callers and tests); with ``create=False`` it raises
    :class:`MissingDatabaseError` and makes nothing, not even the folder.
    Raises a :class:`DatabaseError` with one clear sentence, or the
    :class:`~crm_desktop.db.errors.DiskFullError` /
    :class:`~crm_desktop.db.errors.BookBusyError` of :mod:`crm_desktop.db.errors`;
    the file is then untouched.
    """
    target_s = os.fspath(target)
    if "://" in target_s:
        url, path = target_s, None
        engine = make_engine(url)
        version = schema_version_pg(engine)
        if version > HEAD_SCHEMA_VERSION:
            raise NewerSchemaError(url, version)
        migrated_from = version if version < HEAD_SCHEMA_VERSION else None
        backup = None
    else:
        path = check_book_path(target_s, create=create)
        _check_writable(path)
        version, has_tables = 0, False
        if path.exists():
            app_id, version, has_tables = _inspect_sqlite_file(path)
            if app_id not in (0, APPLICATION_ID) or (app_id == 0 and has_tables):
                raise ForeignDatabaseError(str(path))
            if version > HEAD_SCHEMA_VERSION:
                raise NewerSchemaError(str(path), version)
        url = f"sqlite:///{path}"
        migrated_from = version if version < HEAD_SCHEMA_VERSION else None
        backup = copy_before_migration(path, version) if (migrated_from is not None and has_tables) else None
        engine = make_engine(url)
    if migrated_from is not None:
        if on_migrate:
            on_migrate(migrated_from, HEAD_SCHEMA_VERSION)
        try:
            run_migrations(engine, HEAD_SCHEMA_VERSION)
        except PermissionError as exc:
            engine.dispose()
            raise UnwritableError(target_s) from exc
        except Exception as exc:
            engine.dispose()
            known = translate_operational_error(
                exc, path, needed_bytes=book_bytes(path) + MIGRATION_HEADROOM if path else None)
            raise (known or MigrationFailedError(target_s)) from exc
    try:
        if path is not None and migrated_from is not None:
            _check_tables(_tables_of(engine), str(path))  # what the migrations made
        site_id, last = _identity(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, (sqlite3.Error, DBAPIError)):
            raise sqlite_error(exc, path or target_s) from exc
        raise
    if path is not None:  # customers' personal data: readable by this user only
        from crm_desktop.paths import data_dir

        secure_book(path, data_folder=data_dir())
    return Database(url=url, path=path, engine=engine, site_id=site_id,
                    clock=HybridClock(site_id, last), migrated_from=migrated_from,
                    backup_before_migration=backup)


def _identity(engine: Engine) -> tuple[str, str | None]:
    """This file's site id (made on first open) and the last stamp the clock issued.

    ``meta.last_stamp`` is written when the database is closed and after bulk
    writes (demo, merge), so the clock never issues a stamp below one already
    in the file even if the computer's clock went back; scanning a million
    rows for MAX(stamp) at every start would cost seconds.  A value that is
    not a stamp, or is more than a day ahead of this machine's clock, is
    repaired (:func:`crm_desktop.db.stamps.repair_clock`) instead of refused.
    """
    with engine.begin() as c:
        site = c.execute(text("SELECT value FROM meta WHERE key='site_id'")).scalar()
        if not site:
            site = new_site_id()
            c.execute(text("INSERT INTO meta(key, value) VALUES ('site_id', :v)"), {"v": site})
        last = c.execute(text("SELECT value FROM meta WHERE key='last_stamp'")).scalar()
        now_ms = int(time.time() * 1000)
        if last and engine.dialect.name == "sqlite" and not stamp_is_sane(last, now_ms):
            from crm_desktop.db.models import SYNCED_TABLES

            last = repair_clock(_driver(c.connection), tuple(m.__tablename__ for m in SYNCED_TABLES),
                                site, now_ms)
    return site, last or None
