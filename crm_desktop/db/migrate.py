"""Bringing a book's schema to this version: the copy taken first, then the Alembic migrations.

Alembic is imported only here, when a migration is due (it is slow to import).  A book from an
older version is copied beside itself with the SQLite backup API (after checking the disk has room
for the copy and the migrated tables), then migrated in one transaction: a failure leaves it as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import cast

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from crm_desktop.db.errors import DiskFullError, sqlite_error

APPLICATION_ID = 0x43524D44  # "CRMD"
HEAD_SCHEMA_VERSION = 11
"""Schema version of this app = the number of the newest Alembic revision."""


def book_bytes(path: Path) -> int:
    """The size of the book with its write-ahead log: what a copy of it takes on disk."""
    total = 0
    for suffix in ("", "-wal"):
        try:
            total += os.path.getsize(str(path) + suffix)
        except OSError:
            pass
    return total


MIGRATION_HEADROOM = 1024 * 1024
"""Bytes a migration needs beyond the copy of the book (new tables, the journal)."""


def copy_before_migration(path: Path, version: int) -> Path:
    """A copy of the book at *path* (schema *version*) beside it, made before migrating it."""
    target = path.with_name(f"{path.stem}.schema{version}-backup{path.suffix or '.sqlite'}")
    needed = book_bytes(path) * 2 + MIGRATION_HEADROOM  # the copy, and the migrated tables beside the old ones
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    if free is not None and free < needed:
        raise DiskFullError(path, free_bytes=free, needed_bytes=needed)
    src = sqlite3.connect(str(path))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    except sqlite3.Error as exc:
        dst.close()
        target.unlink(missing_ok=True)
        raise sqlite_error(exc, path, needed_bytes=needed) from exc
    finally:
        dst.close()
        src.close()
    return target


def run_migrations(engine: Engine, schema_version: int = HEAD_SCHEMA_VERSION, *,
                   check_references: bool = True) -> None:
    """Bring the schema to head with Alembic, all or nothing.

    Alembic is imported only here (it is slow to import).  On SQLite the
    migrations run on their own connection in autocommit mode with an explicit
    ``BEGIN IMMEDIATE`` (pysqlite's default transaction handling commits before
    DDL, so a failed migration would leave half a schema), and with foreign
    keys off (a batch migration copies tables other tables point at); a
    ``foreign_key_check`` runs before the commit instead.  ``user_version`` becomes *schema_version*.
    ``check_references=False`` skips that check for a merge's copy of a backup, which holds only the
    changed records (their parents may be in the book only) and whose references intake has checked.
    """
    from alembic import command
    from alembic.config import Config

    from crm_desktop import paths

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    sqlite = engine.dialect.name == "sqlite"
    if not sqlite:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
        return
    mig = create_engine(engine.url, connect_args={"check_same_thread": False, "isolation_level": None})

    @event.listens_for(mig, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with mig.connect() as connection:
            # the sqlite3 connection (SQLAlchemy types it Any | None), outside any transaction (autocommit)
            raw = cast(sqlite3.Connection, connection.connection.driver_connection)
            raw.execute("PRAGMA foreign_keys=OFF")
            raw.execute("PRAGMA busy_timeout=5000")
            with connection.begin():
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() if check_references else []
                if broken:
                    raise RuntimeError(f"{len(broken)} rows point at missing parents after migrating")
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                connection.exec_driver_sql(f"PRAGMA user_version={int(schema_version)}")
    finally:
        mig.dispose()


def schema_version_pg(engine: Engine) -> int:
    """The Alembic revision of a server database; 0 for one never migrated (no alembic_version table)."""
    with engine.connect() as c:
        try:
            rev = c.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # the driver's "no such table"; anything else is a bug and should surface
            return 0
    return int(rev) if rev else 0
