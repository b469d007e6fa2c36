"""Making correctly encrypted backups whose inner database is hostile or odd (shared by the hostile-backup tests)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from crm_desktop.db.snapshot import snapshot_database
from crm_desktop.exchange import backup_file as bf
from crm_desktop.services.backup import BackupService

FAST_KDF = bf.KdfParams.scrypt(n=16, r=8, p=1)
PASS = "correct horse battery staple"


def service(ctx) -> BackupService:
    s = BackupService(ctx)
    s.kdf = FAST_KDF
    return s


def image_of(ctx) -> bytes:
    """A consistent image of the book of *ctx*, as a backup would hold it."""
    return snapshot_database(ctx.db.path)


def mutate(image: bytes, *sql: str, writable_schema: bool = False, params: dict | tuple = ()) -> bytes:
    """*image* with *sql* run on it (as a crafted file would hold it)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        if writable_schema:
            conn.execute("PRAGMA writable_schema = ON")
        for statement in sql:
            conn.execute(statement, params if ("?" in statement or ":" in statement) and params else ())
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


def seal(image: bytes, made_at: datetime, *, site: str = "mallory0000000001") -> bytes:
    return bf.seal(image, PASS, schema_version=2, site_id=site, now=made_at, app_version="0.0", kdf=FAST_KDF)


def write_backup(path: Path, image: bytes, made_at: datetime, **kw) -> Path:
    path.write_bytes(seal(image, made_at, **kw))
    return path


def book_hash(ctx) -> dict[str, str]:
    """sha256 of the book file and its WAL (what "byte-for-byte unchanged" means)."""
    out = {}
    for suffix in ("", "-wal"):
        p = Path(str(ctx.db.path) + suffix)
        out[suffix or "book"] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else ""
    return out


def folder_listing(ctx) -> list[str]:
    """Names of every file in the data folder and in backups/ (no temporary file may stay behind)."""
    folder = Path(ctx.db.path).parent
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and not p.name.endswith("-shm"))


Mutator = Callable[[bytes], bytes]
