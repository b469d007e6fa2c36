"""The app's own schema, which every checked copy is made from; reading a file's revision untrusted."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import threading
from pathlib import Path

from sqlalchemy.engine import Engine

from crm_desktop.db import models
from crm_desktop.db.database import APPLICATION_ID, HEAD_SCHEMA_VERSION, make_engine, run_migrations
from crm_desktop.db.intake.errors import DamagedDataError, UnknownRevisionError
from crm_desktop.db.snapshot import harden

HEAD_REVISION = f"{HEAD_SCHEMA_VERSION:04d}"
KNOWN_REVISIONS = tuple(f"{v:04d}" for v in range(1, HEAD_SCHEMA_VERSION + 1))
"""Alembic revisions whose files can be taken in (older ones are migrated after the copy)."""

SYNCED: tuple[str, ...] = tuple(str(m.__tablename__) for m in models.SYNCED_TABLES)
TAKEN: tuple[str, ...] = (*SYNCED, "erasure")
"""Tables copied from a backup, parents before children."""
LOCAL_TABLES = ("meta", "conflict", "change_batch", "alembic_version")
"""Tables of the app that never come from another file."""
HUB_LOCAL_TABLES = ("hub_shadow",)
"""What a book connected to a team hub keeps of the hub's versions (:mod:`crm_desktop.db.hub.book`): local,
never read from a file nor reported."""
DERIVED_TABLES = ("insight_figures", "score_cache")
"""Figures computed from the records (the dashboard's and the scores' caches): a file's copy is neither read
nor reported."""
SEARCH_TABLES = ("customer_search", "customer_fts", "customer_fts_data", "customer_fts_idx", "customer_fts_docsize",
                 "customer_fts_config")
MAX_SCHEMA_OBJECTS = 5000
"""A file whose schema lists more objects than this is refused before anything is read."""

_templates: dict[str, bytes] = {}
_templates_lock = threading.Lock()


def schema_image(revision: str = HEAD_REVISION) -> bytes:
    """An empty database made by the app's own migrations up to *revision* (built once per process; the
    head's is also kept in the cache folder, :func:`_cached_head`)."""
    if revision not in KNOWN_REVISIONS:
        raise UnknownRevisionError()
    with _templates_lock:
        image = _templates.get(revision)
        if image is None:
            image = _cached_head() if revision == HEAD_REVISION else _build_template(revision)
            _templates[revision] = image
        return image


def _cached_head() -> bytes:
    """The head's image from the cache folder, made and kept there first if it is missing or not the one
    these migrations make.  Running them takes about half a second (Alembic's import most of it), which a
    process's first merge, pull or restore would otherwise pay each time.

    The file's name holds a digest of the migration scripts and of this SQLite's version, so another
    version of the app makes its own; what is read must also open as an intact database of this app at
    the head revision.  A cache that cannot be written is only not kept."""
    from crm_desktop import paths

    digest = hashlib.sha256(sqlite3.sqlite_version.encode())
    for script in sorted((paths.migrations_dir() / "versions").glob("*.py")) + [paths.migrations_dir() / "env.py"]:
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    path = paths.cache_dir() / f"schema-{HEAD_REVISION}-{digest.hexdigest()[:16]}.sqlite"
    try:
        image = path.read_bytes()
        if _is_head_image(image):
            return image
    except OSError:
        pass
    image = _build_template(HEAD_REVISION)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_bytes(image)
        os.replace(part, path)
    except OSError:
        pass
    return image


def _is_head_image(image: bytes) -> bool:
    """Whether *image* is an intact database of this app at the head revision."""
    if len(image) < 512 or not image.startswith(b"SQLite format 3\0"):
        return False
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        return (conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
                and conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
                and conn.execute("PRAGMA user_version").fetchone() == (HEAD_SCHEMA_VERSION,)
                and conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)])
    except sqlite3.Error:
        return False
    finally:
        conn.close()


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


def _upgrade_to(engine: Engine, revision: str) -> None:
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


def ro_uri(path: Path) -> str:
    """The URI opening *path* read-only and immutable."""
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
    conn = sqlite3.connect(ro_uri(source), uri=True)
    try:
        harden(conn)
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
    return str(rows[0][0])
