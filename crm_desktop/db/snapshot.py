"""Consistent copies of a book, and what a database image or file says about itself.

A backup never copies the live file: :func:`snapshot_database` and
:func:`snapshot_to_file` read through SQLite (one read transaction, so they
work while the window uses the book, also in WAL mode, and see only committed
data), and ``VACUUM`` rebuilds the image so free pages and slack space do not
carry deleted customers' data along.  Failures raise :class:`SnapshotError`
with SQLite's error as its cause: the backup service says the sentence (a
full disk is not an unreadable book).

:func:`image_facts` and :func:`file_facts` open an image or a decrypted
backup untrusted (defensive mode, ``trusted_schema=OFF``, read-only) and only
report its application id, schema version and integrity; what is done about
them is the backup service's business.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crm_desktop.db.bulk import set_meta
from crm_desktop.db.errors import BookBusyError, translate_operational_error
from crm_desktop.db.ownership import customer_links, direct_tables, through_tables

SQLITE_MAGIC = b"SQLite format 3\x00"


class SnapshotError(Exception):
    """The book could not be read to copy it; ``missing`` when there is no such file, else ``__cause__``
    is SQLite's error."""

    def __init__(self, missing: bool = False) -> None:
        super().__init__("no such database file" if missing else "the database could not be read")
        self.missing = missing


class WriteLock:
    """The book's write lock (``BEGIN IMMEDIATE`` on a connection of its own), held while a backup is taken:
    if another program is writing, this says so (one sentence) before anything is written."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(path, timeout=5, check_same_thread=False)
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            self._conn.close()
            raise (translate_operational_error(exc, path) or BookBusyError(path)) from exc

    def note(self, key: str, value: str) -> bool:
        """Write ``meta[key]`` and commit (the lock then ends); False when that small write failed."""
        try:
            set_meta(self._conn, key, value)
            self._conn.commit()
        except sqlite3.Error:
            return False
        return True

    def close(self) -> None:
        self._conn.close()


# --------------------------------------------------------------------------- images


def normalize_journal_bytes(image: bytes) -> bytes:
    """Mark the image as rollback-journal (bytes 18/19 = 1): a WAL-marked image
    cannot be used by an in-memory (deserialized) database."""
    if len(image) >= 20 and image.startswith(SQLITE_MAGIC) and (image[18] == 2 or image[19] == 2):
        patched = bytearray(image)
        patched[18] = patched[19] = 1
        return bytes(patched)
    return image


def _backup_and_vacuum(src: sqlite3.Connection, vacuum: bool) -> bytes:
    mem = sqlite3.connect(":memory:")
    try:
        src.backup(mem)
        if vacuum:
            mem.execute("VACUUM")
        return mem.serialize()
    finally:
        mem.close()


def _vacuum_into_memory(src: sqlite3.Connection) -> bytes:
    # One pass instead of backup + VACUUM: ~0.7 s faster and one copy fewer
    # for a 300 MB database.  Needs SQLite >= 3.36 (named memdb databases).
    name = f"file:/crmbak-{uuid.uuid4().hex}?vfs=memdb"
    target = sqlite3.connect(name, uri=True)
    try:
        src.execute("VACUUM INTO ?", (name,))
        return target.serialize()
    finally:
        target.close()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=30)


def snapshot_database(source: str | os.PathLike[str] | sqlite3.Connection, *, vacuum: bool = True) -> bytes:
    """A consistent, compacted image of a SQLite database, as bytes (see the module docstring).

    A path is opened read-only and never created.
    """
    try:
        if isinstance(source, sqlite3.Connection):
            image = _backup_and_vacuum(source, vacuum)
        else:
            path = Path(source).absolute()
            if not path.is_file():
                raise SnapshotError(missing=True)
            src = _read_only(path)
            try:
                if vacuum:
                    try:
                        image = _vacuum_into_memory(src)
                    except sqlite3.OperationalError:
                        image = _backup_and_vacuum(src, vacuum)
                else:
                    image = _backup_and_vacuum(src, vacuum)
            finally:
                src.close()
    except sqlite3.Error as exc:
        raise SnapshotError() from exc
    return normalize_journal_bytes(image)


def snapshot_to_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Write a consistent, compacted copy of the database at *source* to the new file *target*.

    Same guarantees as :func:`snapshot_database` (rollback-journal header
    included), but the image goes to disk: a caller can then ``mmap`` it
    instead of holding a second copy of a large database in memory.  *target*
    is made owner-only.
    """
    path = Path(source).absolute()
    if not path.is_file():
        raise SnapshotError(missing=True)
    target = Path(target)
    try:
        src = _read_only(path)
        try:
            src.execute("VACUUM INTO ?", (str(target),))
        finally:
            src.close()
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
        check = sqlite3.connect(str(target))
        try:
            if check.execute("PRAGMA journal_mode").fetchone()[0] != "delete":
                check.execute("PRAGMA journal_mode=DELETE")
        finally:
            check.close()
    except sqlite3.Error as exc:
        raise SnapshotError() from exc


def vacuum_into(source: Path, target: Path) -> None:
    """``VACUUM INTO`` *target* (which must not exist, or be empty) from the book at *source*, read-only:
    an automatic local backup.  Raises :class:`SnapshotError`."""
    try:
        src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            src.execute("VACUUM INTO ?", (str(target),))
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise SnapshotError() from exc


def note_maker(snapshot: Path, name: str) -> None:
    """Write who made a backup (``meta.made_by``, the salesperson's name) into the *snapshot* being sealed."""
    conn = sqlite3.connect(snapshot)
    try:
        set_meta(conn, "made_by", name[:100])
        conn.commit()
    finally:
        conn.close()


PARTIAL_KEY = "partial_of"
"""``meta`` key of a snapshot that holds only some customers: whose (a name, shown to the receiver)."""

def keep_only_customers_of(snapshot: Path, owners: Sequence[str], label: str) -> int:
    """Keep in the *snapshot* being sealed only the customers owned by one of *owners* (stored spellings);
    see :func:`keep_only_customers`."""
    return keep_only_customers(snapshot, label, owners=owners)


def keep_only_customers(snapshot: Path, label: str, *, owners: Sequence[str] = (),
                        ids: Sequence[str] = ()) -> int:
    """Remove from the *snapshot* being sealed every customer that is neither owned by one of *owners* nor
    among *ids*, with everything that belongs to them, this book's own review and undo records and the
    dashboard's figures (they add up the whole book); the freed pages are wiped (secure_delete, then
    VACUUM), so the file holds no trace of them.  Team settings, tags and erasures stay.  Notes *label* as
    ``meta.partial_of``.  Returns how many customers stay."""
    conn = sqlite3.connect(snapshot)
    try:
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("CREATE TEMP TABLE keep_customer (id TEXT PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO keep_customer SELECT id FROM customer WHERE owner = ?",
                         [(o,) for o in owners])
        conn.executemany("INSERT OR IGNORE INTO keep_customer SELECT id FROM customer WHERE id = ?",
                         [(i,) for i in ids])
        for table, col, parent in through_tables():  # before their parents go
            pcol = customer_links()[parent][0]
            conn.execute(f'DELETE FROM "{table}" WHERE "{col}" IN (SELECT id FROM "{parent}" '
                         f'WHERE "{pcol}" NOT IN (SELECT id FROM keep_customer))')
        for table in [*direct_tables(), "customer_search"]:
            conn.execute(f'DELETE FROM "{table}" WHERE customer_id NOT IN (SELECT id FROM keep_customer)')
        conn.execute("DELETE FROM customer WHERE id NOT IN (SELECT id FROM keep_customer)")
        conn.execute("INSERT INTO customer_fts(customer_fts) VALUES ('rebuild')")  # no old terms in its pages
        conn.execute("DELETE FROM conflict")
        conn.execute("DELETE FROM change_batch")
        conn.execute("DELETE FROM insight_figures")
        conn.execute("DELETE FROM score_cache")
        set_meta(conn, PARTIAL_KEY, label[:100])
        kept = int(conn.execute("SELECT COUNT(*) FROM keep_customer").fetchone()[0])
        conn.commit()
        conn.execute("VACUUM")
        return kept
    except sqlite3.Error as exc:
        raise SnapshotError() from exc
    finally:
        conn.close()


# --------------------------------------------------------------------------- what a database says of itself


@dataclass(frozen=True)
class DatabaseFacts:
    """``application_id`` and ``user_version`` of a database; ``intact``: its integrity check passed
    (None when it was not run)."""

    application_id: int
    user_version: int
    intact: bool | None = None


def harden(conn: sqlite3.Connection) -> None:
    """Read an untrusted database: SQLite's defensive mode, no trusted schema, cell sizes checked."""
    if hasattr(conn, "setconfig") and hasattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE"):
        conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")


def _open_image(image: bytes) -> sqlite3.Connection | None:
    """An in-memory connection on *image* (untrusted), or None when it is no SQLite database."""
    if len(image) < 100 or not bytes(image[:16]) == SQLITE_MAGIC:
        return None
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(normalize_journal_bytes(bytes(image)))
        harden(conn)
    except sqlite3.Error:
        conn.close()
        return None
    return conn


def image_facts(image: bytes) -> DatabaseFacts | None:
    """What the database *image* says it is, with its integrity checked; None when it cannot be read."""
    conn = _open_image(image)
    if conn is None:
        return None
    try:
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            return None
        try:
            intact = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        except sqlite3.Error:
            intact = False
    finally:
        conn.close()
    return DatabaseFacts(application_id, user_version, intact)


def live_customer_names(image: bytes) -> list[str]:
    """The names of the live customers in the database *image* (the self-test's round trip)."""
    conn = _open_image(image)
    if conn is None:
        return []
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM customer WHERE deleted_stamp IS NULL"))
    finally:
        conn.close()


def file_facts(path: Path) -> DatabaseFacts | None:
    """What the database file at *path* (a decrypted backup, untrusted, read as immutable) says it is;
    None when it is no readable SQLite database.  Its data is checked elsewhere (crm_desktop.db.intake)."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        harden(conn)
        return DatabaseFacts(conn.execute("PRAGMA application_id").fetchone()[0],
                             conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def site_id_of(path: Path) -> str | None:
    """``meta.site_id`` of the book copy at *path*, read-only; None when it has none or cannot be read."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
