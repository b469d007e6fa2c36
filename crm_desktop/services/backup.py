"""Back up, restore, and merge a teammate's backup; automatic local backups.

Two kinds of backup, on purpose:

* **Team backups** (``.crmbak``, :meth:`BackupService.backup`) are encrypted
  with the team passphrase (:mod:`crm_desktop.exchange.backup_file`) because
  they leave the laptop by e-mail.
* **Automatic local backups** (:meth:`BackupService.auto_backup`, on close and
  daily, the last N kept) are plain SQLite snapshots (``VACUUM INTO``) in the
  ``backups/`` folder beside the database.  They never leave this laptop, sit
  next to the (equally unencrypted) database itself, and must work without
  anyone typing a passphrase.  The snapshot taken before a restore (what
  "Undo restore" brings back) is kept there too.  Everything there, and the
  book itself, is owner-only (folders 0700, files 0600).

**A backup is authenticated, not trusted.**  Whoever knows the team
passphrase can make one.  :meth:`BackupService.open_incoming` decrypts it into
a private temporary file beside the database (never all of it in memory) and
refuses a backup dated more than a day ahead of this computer's clock;
:func:`crm_desktop.db.intake.take_in` then copies its data, checked value by
value, into a fresh database made from the app's own schema (triggers, views
and other extras of the file are ignored and reported).  Only that clean copy
is ever restored or merged, and stamps in it are no later than the time the
backup says it was made.  Any failure leaves the book byte-for-byte as it was
and removes the temporary files.

Restore swaps files, so the database is all-old or all-new even if the
process is killed: the clean copy gets this laptop's own data (site id,
clock, change batches, conflicts) and a current search index, is fsynced;
then, holding the book's write lock (so no other program is in the middle of
a write), the WAL is checkpointed, the old file is hard-linked into
``backups/`` (the undo snapshot, no copy needed), ``os.replace`` renames the
new file over the old one (atomic on POSIX and Windows) and the folder is
fsynced.  Nothing is written after the swap, so a restore never reports a
failure after having replaced the book.  **Callers must not hold a
connection of their own during restore** (the UI runs it on its single worker
thread; the CLI has nothing else open): SQLAlchemy reconnects lazily to the
new file afterwards, and in-memory caches (the customer list index) must be
invalidated by the caller.

Merge attaches the clean copy (only the records whose stamps differ from the
book's) to our connection, computes the plan
(:func:`crm_desktop.exchange.merge.plan_merge`) for the preview, and applies
it later inside one ``BEGIN IMMEDIATE`` transaction (planned again there, so
edits made in between are respected), then refreshes the search index of the
customers it touched.  A kill during the transaction leaves the old database
(SQLite's journal).
"""

from __future__ import annotations

import mmap
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from crm_desktop import __version__
from crm_desktop.db.bulk import set_meta
from crm_desktop.db.database import HEAD_SCHEMA_VERSION
from crm_desktop.db.erasure import apply_erasures, purge_file
from crm_desktop.db.errors import BookBusyError, translate_operational_error
from crm_desktop.db.files import PRIVATE_FILE, make_private, new_private_file, private_folder
from crm_desktop.db.intake import IntakeReport, clean_label, take_in
from crm_desktop.db.stamps import content_state
from crm_desktop.db.types import ts_text
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.hlc import MAX_SKEW_MS, SITE_CHARS
from crm_desktop.exchange import backup_file as bf
from crm_desktop.exchange.merge import (
    Conflict,
    DuplicateCandidate,
    MergePlan,
    TableCounts,
    apply_plan,
    plan_merge,
)
from crm_desktop.services.context import ServiceContext
from crm_desktop.db.search import index_looks_current, reindex_customers

Progress = Callable[[int, int], None]

BACKUP_DIR_NAME = "backups"
AUTO_PREFIX = "auto-"
UNDO_PREFIX = "before-restore-"
DEFAULT_KEEP = 10
"""Automatic local backups kept at most (the UI keeps N in its settings)."""
BUDGET_BOOKS = 3
"""Automatic backups of a book use at most about this many times the book's size on disk."""
MIN_BUDGET = 256 * 1024 * 1024
"""…but small books always get room for :data:`DEFAULT_KEEP` of them (up to this many bytes)."""
_META_AUTO_STATE = "auto_backup_state"

_META_LAST_BACKUP = "last_backup_at"
_META_UNDO = "undo_restore_path"
_META_SITE_NAME = "site_name:"
_META_MADE_BY = "made_by"
_TMP_MARK = ".crm-incoming-"
_SNAPSHOT_MARK = ".snapshot-"


class RestoreBusyError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The database is still in use; close other windows using it and try again."))


class NothingToUndoError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "There is no restore to undo."))


class PreviewClosedError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This merge preview was closed; open the teammate's backup again to merge it."))


class NoFileDatabaseError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Backups work only with a database file on this computer."))


class FutureBackupError(UserError):
    """The backup says it was made more than a day after this computer's "now"."""

    def __init__(self, when: datetime) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup is dated {when}, more than a day ahead of this computer's clock; check the "
                      "date and time on both computers."),
            when=when.astimezone().strftime("%Y-%m-%d %H:%M"))


@dataclass(frozen=True)
class BackupResult:
    """A backup written: ``path``, its ``size`` and the ``database_size`` it holds (bytes).

    ``recorded``: whether the book also noted the time of this backup (a full
    disk can stop that small write; the backup file itself is complete).
    """

    path: Path
    size: int
    database_size: int
    created_at: datetime
    recorded: bool = True


@dataclass
class Incoming:
    """A decrypted backup in private temporary files beside the database.

    ``header``: what the file says about itself (authenticated); ``path``: the
    decrypted database exactly as sent (untrusted, never opened as a book);
    ``clean``: the checked copy made from it (:meth:`BackupService.take_in`),
    with its ``report``.  Call :meth:`discard` when done.
    """

    header: bf.BackupHeader
    path: Path
    migrated_from: int | None = None
    clean: Path | None = None
    report: IntakeReport | None = None

    def discard(self) -> None:
        for base in (self.path, self.clean):
            if base is None:
                continue
            _unlink_quietly(base)
            for suffix in ("-wal", "-shm", "-journal"):
                _unlink_quietly(Path(str(base) + suffix))
        self.clean = None


@dataclass
class MergePreview:
    """What merging a teammate's backup would do.

    ``counts``: per table (``customer``, ``interaction``…) the new, changed,
    deleted, brought-back and conflicting records; ``conflicts``: the first
    conflicts ("2 versions"); ``duplicates``: possible duplicate customers
    (listed for review, never merged), ``duplicate_count`` all of them;
    ``sender``: the backup's site id, ``sender_name``: the person who made it
    (from the file or what this book learned before; "" when unknown);
    ``made_at``: when it was made; ``future``: person (or site id) → how many
    changes were dated after the backup itself and were treated as made then;
    ``ignored``: (kind, name) of what the file held besides the app's data
    (triggers, views, tables, indexes, columns), never used.
    """

    source: Path
    sender: str
    made_at: datetime
    counts: dict[str, TableCounts]
    conflicts: list[Conflict]
    conflict_count: int
    duplicates: list[DuplicateCandidate]
    duplicate_count: int
    brought_back: int
    sender_name: str = ""
    future: dict[str, int] = field(default_factory=dict)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    incoming: Incoming | None = field(default=None, repr=False)
    # The plan computed for the preview and a connection watching the local file: if no other
    # connection committed since (PRAGMA data_version unchanged), apply reuses the plan instead of
    # comparing ~1.7M rows a second time.
    plan: MergePlan | None = field(default=None, repr=False)
    watch: sqlite3.Connection | None = field(default=None, repr=False)
    watch_version: int = field(default=-1, repr=False)

    @property
    def is_empty(self) -> bool:
        return not any(c.total for c in self.counts.values())

    @property
    def future_count(self) -> int:
        return sum(self.future.values())

    @property
    def is_open(self) -> bool:
        """False once discarded (cancelled or applied)."""
        return self.incoming is not None

    def discard(self) -> None:
        """Forget the decrypted file (when the user cancels the merge)."""
        if self.incoming is not None:
            self.incoming.discard()
            self.incoming = None
        if self.watch is not None:
            self.watch.close()
            self.watch = None
        self.plan = None

    def local_unchanged(self) -> bool:
        """True while nothing has been committed to the local database since the preview."""
        if self.watch is None or self.plan is None:
            return False
        try:
            return self.watch.execute("PRAGMA data_version").fetchone()[0] == self.watch_version
        except sqlite3.Error:
            return False


@dataclass(frozen=True)
class MergeResult:
    """A merge applied: the same figures as the preview, as written."""

    counts: dict[str, TableCounts]
    conflict_count: int
    duplicate_count: int
    brought_back: int


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def _translated(exc: BaseException, path: Path | None) -> UserError | None:
    """The one sentence for an SQLite failure at a transaction boundary (disk full, locked), if it has one."""
    if isinstance(exc, UserError) or not isinstance(getattr(exc, "orig", None) or exc, sqlite3.OperationalError):
        return None
    return translate_operational_error(exc, path)


def check_database_file(path: Path) -> int:
    """Check a decrypted database file says it is ours and not newer; returns its schema version.

    The rest (every table and value) is checked by :func:`crm_desktop.db.intake.take_in`,
    which reads it as untrusted data.
    """
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise bf.CorruptDatabaseError() from exc
    try:
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            if conn.execute("PRAGMA application_id").fetchone()[0] != bf.APPLICATION_ID:
                raise bf.ForeignDatabaseError()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise bf.CorruptDatabaseError() from exc
    finally:
        conn.close()
    if version > HEAD_SCHEMA_VERSION:
        raise bf.BackupTooNewError()
    return version


def remove_leftovers(folder: Path, keep: tuple[Path, ...] = ()) -> int:
    """Delete temporary files a killed backup, restore or merge left in the data *folder*; returns how many.

    Decrypted backups (``.crm-incoming-*``) lie beside the database, snapshots
    (``.snapshot-*``) and half-written automatic backups (``.auto-*.tmp``) in
    ``backups/``; all are plaintext copies of customer data.  Call it only
    while holding the book's lock (another window may be using its own);
    *keep*: files of the current command.
    """
    kept = {Path(k).absolute() for k in keep if k is not None}
    removed = 0
    places = [(folder, (f"{_TMP_MARK}*",)), (folder / BACKUP_DIR_NAME, (f"{_SNAPSHOT_MARK}*", f".{AUTO_PREFIX}*"))]
    if (folder / BACKUP_DIR_NAME).is_dir():
        places += [(sub, (f"{_SNAPSHOT_MARK}*", f".{AUTO_PREFIX}*")) for sub in (folder / BACKUP_DIR_NAME).iterdir()
                   if sub.is_dir()]
    for place, patterns in places:
        if not place.is_dir():
            continue
        for pattern in patterns:
            for leftover in place.glob(pattern):
                if leftover.absolute() in kept or Path(str(leftover).rsplit("-", 1)[0]).absolute() in kept:
                    continue
                _unlink_quietly(leftover)
                removed += 1
    return removed


def open_incoming(file: str | os.PathLike, passphrase: str, folder: Path, *, now: datetime | None = None,
                  progress: Progress | None = None) -> Incoming:
    """Decrypt *file* into a private temporary database in *folder* and check its header and identity.

    Does not need (or touch) the open database.  With *now*, a backup dated
    more than a day later is refused.  On any error the temporary file is gone
    and a :class:`~crm_desktop.exchange.backup_file.BackupError` (or another
    UserError) says why in one sentence.
    """
    private_folder(folder)
    fd, name = tempfile.mkstemp(prefix=_TMP_MARK, suffix=".sqlite", dir=folder)
    path = Path(name)
    incoming = Incoming(header=None, path=path)  # type: ignore[arg-type]
    try:
        with os.fdopen(fd, "wb") as out:
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), PRIVATE_FILE)
            try:
                header, _ = bf.read_backup(file, passphrase, max_schema_version=HEAD_SCHEMA_VERSION,
                                           progress=progress, sink=out.write)
            except OSError as exc:
                raise bf._write_error(exc) from exc
            out.flush()
            os.fsync(out.fileno())
        incoming.header = header
        if now is not None and header.created_at > now + timedelta(milliseconds=MAX_SKEW_MS):
            raise FutureBackupError(header.created_at)
        version = check_database_file(path)
        if version < HEAD_SCHEMA_VERSION:
            incoming.migrated_from = version
        return incoming
    except BaseException:
        incoming.discard()
        raise


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


class BackupService:
    """Backups of the open database ``ctx.db``.  ``kdf``: key-derivation
    parameters for new backups (None: the format's safe default)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.kdf: bf.KdfParams | None = None

    # --- places ----------------------------------------------------------------
    @property
    def db_path(self) -> Path:
        if self.ctx.db.path is None:
            raise NoFileDatabaseError()
        return Path(self.ctx.db.path).absolute()

    @property
    def backup_dir(self) -> Path:
        """``backups/<book name>/`` beside the database: this book's automatic and before-restore snapshots.

        Each book has its own folder, so pruning and "backup due" never count another book's files (the
        demo book beside the real one included).
        """
        return self.db_path.parent / BACKUP_DIR_NAME / self.db_path.stem

    def _stamp_name(self, prefix: str) -> str:
        return f"{prefix}{self.ctx.now().astimezone(timezone.utc).strftime('%Y%m%d-%H%M%S-%f')}.sqlite"

    def secure_files(self) -> None:
        """Owner-only permissions for the book, its WAL and lock files and everything in ``backups/``."""
        path = self.db_path
        for suffix in ("", "-wal", "-shm", ".lock"):
            make_private(Path(str(path) + suffix))
        for folder in (self.backup_dir.parent, self.backup_dir):
            if folder.is_dir():
                make_private(folder)
                for entry in folder.iterdir():
                    make_private(entry)

    def remove_leftovers(self, keep: tuple[Path, ...] = ()) -> int:
        """:func:`remove_leftovers` for this database's folder (call at start, before any backup work)."""
        return remove_leftovers(self.db_path.parent, keep)

    # --- team backups -------------------------------------------------------------
    def backup(self, out: str | os.PathLike, passphrase: str, *, progress: Progress | None = None) -> BackupResult:
        """Write an encrypted backup of the open database to *out* (atomically).

        The book's write lock is taken first: if another program is writing,
        this says so before anything is written.
        """
        folder = private_folder(self.backup_dir)
        snapshot = folder / f"{_SNAPSHOT_MARK}{uuid.uuid4().hex}.sqlite"
        now = self.ctx.now()
        guard = self._write_guard()
        try:
            try:
                # the snapshot goes to an owner-only file (removed at the next start if we are killed) and
                # is sealed from an mmap of it: holding a 670 MB image in memory as well doubled RSS
                new_private_file(snapshot)
                try:
                    bf.snapshot_to_file(self.db_path, snapshot)
                except bf.DatabaseReadError as exc:  # a full disk is not an unreadable book
                    known = exc.__cause__ and translate_operational_error(
                        exc.__cause__, snapshot, needed_bytes=_book_size(self.db_path))
                    raise (known or exc) from exc
                self._stamp_snapshot(snapshot)
                with open(snapshot, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as image:
                    size = len(image)
                    data = bf.seal(image, passphrase, schema_version=HEAD_SCHEMA_VERSION,
                                   site_id=self.ctx.db.site_id, now=now, app_version=__version__, kdf=self.kdf,
                                   progress=progress)
            finally:
                _unlink_quietly(snapshot)
                _unlink_quietly(Path(str(snapshot) + "-journal"))
            bf.write_file_atomically(out, data)
            recorded = True
            try:
                set_meta(guard, _META_LAST_BACKUP, ts_text(now))
                guard.commit()
            except sqlite3.Error:
                recorded = False  # the backup file is complete; only its time in the book is missing
        finally:
            guard.close()
        return BackupResult(Path(out), len(data), size, now, recorded)

    def _write_guard(self) -> sqlite3.Connection:
        """A connection holding the book's write lock (``BEGIN IMMEDIATE``), or a BookBusyError sentence."""
        conn = sqlite3.connect(self.db_path, timeout=5, check_same_thread=False)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            conn.close()
            raise (_translated(exc, self.db_path) or BookBusyError(self.db_path)) from exc
        return conn

    def _stamp_snapshot(self, snapshot: Path) -> None:
        """Write who made this backup (the salesperson's name) into the snapshot, for the receiver's preview."""
        if not self.ctx.user:
            return
        conn = sqlite3.connect(snapshot)
        try:
            set_meta(conn, _META_MADE_BY, self.ctx.user[:100])
            conn.commit()
        finally:
            conn.close()

    def last_backup_time(self) -> datetime | None:
        """When the last backup (team or automatic) was made, or None."""
        with self.ctx.db.raw_connection() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (_META_LAST_BACKUP,)).fetchone()
        if not row or not row[0]:
            return None
        try:
            return datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=timezone.utc)
        except ValueError:
            return None

    def _set_meta(self, key: str, value: str) -> None:
        with self.ctx.db.raw_connection() as conn:
            set_meta(conn, key, value)

    # --- automatic local backups -------------------------------------------------------
    def auto_backups(self) -> list[Path]:
        """This book's automatic local backups, oldest first."""
        if not self.backup_dir.is_dir():
            return []
        return sorted(self.backup_dir.glob(f"{AUTO_PREFIX}*.sqlite"))

    def adopt_shared_backups(self) -> int:
        """Move automatic backups of this book from the old shared ``backups/`` folder into its own.

        Earlier versions kept every book's automatic backups in one folder (and
        pruned them together); a file is this book's when its ``site_id`` is.
        """
        shared = self.backup_dir.parent
        moved = 0
        if not shared.is_dir():
            return 0
        for old in sorted(shared.glob(f"{AUTO_PREFIX}*.sqlite")) + sorted(shared.glob(f"{UNDO_PREFIX}*.sqlite")):
            try:
                conn = sqlite3.connect(f"{old.absolute().as_uri()}?mode=ro", uri=True)
                try:
                    row = conn.execute("SELECT value FROM meta WHERE key = 'site_id'").fetchone()
                finally:
                    conn.close()
            except sqlite3.Error:
                continue
            if row and row[0] == self.ctx.db.site_id:
                private_folder(self.backup_dir)
                os.replace(old, self.backup_dir / old.name)
                moved += 1
        return moved

    def auto_backup_due(self, *, every: timedelta = timedelta(days=1)) -> bool:
        """True when the newest automatic backup is older than *every* (or there is none)."""
        files = self.auto_backups()
        if not files:
            return True
        newest = datetime.strptime(files[-1].name[len(AUTO_PREFIX):-len(".sqlite")], "%Y%m%d-%H%M%S-%f")
        return self.ctx.now() - newest.replace(tzinfo=timezone.utc) >= every

    def auto_backup_needed(self) -> bool:
        """True when the book's records changed since its newest automatic backup (or it has none)."""
        if not self.auto_backups():
            return True
        return self._meta(_META_AUTO_STATE) != self._content_state()

    def _content_state(self) -> str:
        with self.ctx.db.raw_connection() as conn:
            return content_state(conn)

    def budget(self) -> int:
        """Bytes the automatic backups of this book may use together (see :data:`BUDGET_BOOKS`)."""
        try:
            size = self.db_path.stat().st_size
        except OSError:
            size = 0
        return max(BUDGET_BOOKS * size, MIN_BUDGET)

    def auto_backup(self, keep: int = DEFAULT_KEEP, *, budget: int | None = None) -> Path:
        """A plain SQLite snapshot in this book's ``backups/`` folder (not encrypted: it stays here).

        Keeps the newest ones, at most *keep* of them and together at most
        *budget* bytes (default :meth:`budget`), the newest always.
        """
        try:
            folder = private_folder(self.backup_dir)
            target = folder / self._stamp_name(AUTO_PREFIX)
            tmp = folder / f".{target.name}.tmp"
            _unlink_quietly(tmp)
            new_private_file(tmp)
        except OSError as exc:  # a full disk or a folder that is not ours to write
            raise bf._write_error(exc) from exc
        state = self._content_state()
        src = sqlite3.connect(f"{self.db_path.as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            src.execute("VACUUM INTO ?", (str(tmp),))
        except sqlite3.Error as exc:
            _unlink_quietly(tmp)
            raise (_translated(exc, tmp) or bf.DatabaseReadError()) from exc
        finally:
            src.close()
        try:
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            _unlink_quietly(tmp)
            raise bf._write_error(exc) from exc
        _fsync_dir(folder)
        self.prune(keep, budget if budget is not None else self.budget())
        with self.ctx.db.raw_connection() as conn:
            set_meta(conn, _META_LAST_BACKUP, ts_text(self.ctx.now()))
            set_meta(conn, _META_AUTO_STATE, state)
        return target

    def prune(self, keep: int, budget: int) -> list[Path]:
        """Remove the oldest automatic backups beyond *keep* files or *budget* bytes; returns those removed."""
        files = list(reversed(self.auto_backups()))  # newest first
        kept_bytes, removed = 0, []
        for i, path in enumerate(files):
            try:
                size = path.stat().st_size
            except OSError:
                continue
            if i == 0 or (i < max(1, keep) and kept_bytes + size <= budget):
                kept_bytes += size
                continue
            _unlink_quietly(path)
            removed.append(path)
        return removed

    # --- reading a backup ----------------------------------------------------------------
    def open_incoming(self, file: str | os.PathLike, passphrase: str, *, progress: Progress | None = None) -> Incoming:
        """:func:`open_incoming` into this database's folder (stale temporary files are removed first)."""
        for stale in self.db_path.parent.glob(f"{_TMP_MARK}*"):
            _unlink_quietly(stale)
        return open_incoming(file, passphrase, self.db_path.parent, now=self.ctx.now(), progress=progress)

    def take_in(self, incoming: Incoming, *, for_merge: bool, progress: Progress | None = None) -> IntakeReport:
        """Make the checked copy of *incoming* (see :func:`crm_desktop.db.intake.take_in`); the raw file goes."""
        return take_in_file(incoming, self.db_path, purpose="merge" if for_merge else "restore", progress=progress)

    # --- restore ---------------------------------------------------------------------
    def restore(self, file: str | os.PathLike, passphrase: str, *, progress: Progress | None = None,
                incoming: Incoming | None = None) -> Path:
        """Replace the database by the backup *file*; returns the snapshot "Undo restore" brings back.

        The local ``site_id``, clock, ``change_batch`` and conflicts are kept
        (local-only data never comes from another file); the search index is
        checked and rebuilt when it does not match.
        """
        incoming = incoming or self.open_incoming(file, passphrase, progress=progress)
        try:
            if incoming.clean is None:
                self.take_in(incoming, for_merge=False, progress=progress)
            undo = private_folder(self.backup_dir) / self._stamp_name(UNDO_PREFIX)
            self._prepare_restored(incoming, undo, progress)
            self._swap_in(incoming.clean, keep_old_as=undo)  # type: ignore[arg-type]
        except BaseException as exc:
            incoming.discard()
            found = _translated(exc, self.db_path)
            if found is not None:
                raise found from exc
            raise
        incoming.clean = None
        incoming.discard()
        return undo

    def _prepare_restored(self, incoming: Incoming, undo: Path, progress: Progress | None) -> None:
        """Give the clean copy this laptop's own data and a current search index, before it is swapped in."""
        clean = incoming.clean
        assert clean is not None and incoming.report is not None
        with self.ctx.db.raw_connection() as live:
            meta = live.execute("SELECT key, value FROM meta").fetchall()
            batches = live.execute("SELECT * FROM change_batch").fetchall()
            conflicts = live.execute("SELECT * FROM conflict").fetchall()
            erasures = live.execute("SELECT id, table_name, stamp, erased_at FROM erasure").fetchall()
        clock = self.ctx.db.clock
        now_ms = _ms(self.ctx.now())
        if incoming.report.max_stamp:
            clock.observe(incoming.report.max_stamp, now_ms)
        conn = sqlite3.connect(clean)
        try:
            conn.execute("DELETE FROM meta")
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta)
            set_meta(conn, _META_UNDO, str(undo))
            for table, rows in (("change_batch", batches), ("conflict", conflicts)):
                conn.execute(f"DELETE FROM {table}")
                if rows:
                    marks = ", ".join("?" for _ in rows[0])
                    conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            self._learn_names(conn, incoming)
            # people erased here stay erased, whatever the (older) file still holds of them
            conn.executemany(
                "INSERT INTO erasure(id, table_name, stamp, erased_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) "
                "DO UPDATE SET table_name = excluded.table_name, stamp = excluded.stamp, "
                "erased_at = excluded.erased_at WHERE excluded.stamp < erasure.stamp", erasures)
            erased = apply_erasures(conn, clock.tick(now_ms))
            changed = incoming.report.changed_customers
            if changed is not None:  # built on this book's own index: only what differs is made again
                reindex_customers(conn, changed | erased.reindex, progress)
            elif not index_looks_current(conn):
                reindex_customers(conn, None, progress)
            else:
                reindex_customers(conn, erased.reindex, progress)
            set_meta(conn, "last_stamp", clock.tick(now_ms))
            conn.commit()
            if erased.records or erased.mentions:  # the file's own copies of them must not stay in its pages
                purge_file(conn, wal=False)
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
        with open(clean, "rb+") as f:
            os.fsync(f.fileno())

    def can_undo_restore(self) -> bool:
        path = self._meta(_META_UNDO)
        return bool(path) and Path(path).is_file()

    def undo_restore(self, *, progress: Progress | None = None) -> None:
        """Bring back the database as it was before the last restore."""
        path = self._meta(_META_UNDO)
        if not path or not Path(path).is_file():
            raise NothingToUndoError()
        tmp = self.db_path.parent / f"{_TMP_MARK}{uuid.uuid4().hex}.sqlite"
        try:
            new_private_file(tmp)
            src = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("DELETE FROM meta WHERE key = ?", (_META_UNDO,))
                set_meta(dst, "last_stamp", self.ctx.db.clock.tick(_ms(self.ctx.now())))
                dst.commit()
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
                src.close()
            self._swap_in(tmp, keep_old_as=None)
        except BaseException as exc:
            _unlink_quietly(tmp)
            found = _translated(exc, self.db_path)
            if found is not None:
                raise found from exc
            raise
        finally:
            for suffix in ("-wal", "-shm"):  # left by reading the (WAL-mode) snapshot
                _unlink_quietly(Path(path + suffix))

    def _meta(self, key: str) -> str | None:
        with self.ctx.db.raw_connection() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _swap_in(self, new_file: Path, *, keep_old_as: Path | None) -> None:
        """Atomically make *new_file* the database, holding the book's write lock (see the module docstring)."""
        target = self.db_path
        db = self.ctx.db
        db.engine.dispose()  # every pooled connection closed: none can write to the old file afterwards
        guard = sqlite3.connect(target, timeout=5, isolation_level=None)
        try:
            try:
                # first make sure no other program is in the middle of a write (before anything touches the
                # file, so a refusal leaves it byte-for-byte as it was), then fold the WAL into the file and
                # hold the write lock across the swap
                guard.execute("BEGIN IMMEDIATE")
                guard.execute("ROLLBACK")
                busy, frames, done = guard.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if busy or frames != done:
                    raise RestoreBusyError()
                guard.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                found = translate_operational_error(exc, target)
                raise (found if isinstance(found, BookBusyError) else RestoreBusyError()) from exc
            wal = Path(str(target) + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise RestoreBusyError()
            linked = False
            if keep_old_as is not None:
                keep_old_as.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(target, keep_old_as)
                except OSError:
                    new_private_file(keep_old_as)
                    shutil.copyfile(target, keep_old_as)
                make_private(keep_old_as)
                linked = True
            try:
                _replace(new_file, target)
            except BaseException:
                if linked:
                    _unlink_quietly(keep_old_as)  # type: ignore[arg-type]
                raise
            make_private(target)
            _fsync_dir(target.parent)
        finally:
            guard.close()  # ends our transaction: nothing was written through it
        for suffix in ("-wal", "-shm"):
            _unlink_quietly(Path(str(target) + suffix))

    # --- merge -----------------------------------------------------------------------
    def merge_preview(self, file: str | os.PathLike, passphrase: str, *, progress: Progress | None = None,
                      incoming: Incoming | None = None) -> MergePreview:
        """Decrypt and check *file*, and say what merging it would change (nothing is written)."""
        incoming = incoming or self.open_incoming(file, passphrase, progress=progress)
        watch = None
        try:
            if incoming.clean is None:
                self.take_in(incoming, for_merge=True, progress=progress)
            watch = sqlite3.connect(str(self.db_path), check_same_thread=False)
            version = watch.execute("PRAGMA data_version").fetchone()[0]
            with self.ctx.db.raw_connection() as conn:
                conn.execute("ATTACH DATABASE ? AS inc", (str(incoming.clean),))
                try:
                    plan = plan_merge(conn, "inc", progress=progress)
                finally:
                    conn.rollback()
                    conn.execute("DETACH DATABASE inc")
            preview = self._preview(Path(file), incoming, plan)
        except BaseException as exc:
            incoming.discard()
            if watch is not None:
                watch.close()
            found = _translated(exc, self.db_path)
            if found is not None:
                raise found from exc
            raise
        preview.plan, preview.watch, preview.watch_version = plan, watch, version
        return preview

    def _known_names(self) -> dict[str, str]:
        with self.ctx.db.raw_connection() as conn:
            return {k[len(_META_SITE_NAME):]: v for k, v in conn.execute(
                "SELECT key, value FROM meta WHERE key LIKE ?", (_META_SITE_NAME + "%",))}

    def _preview(self, source: Path, incoming: Incoming, plan: MergePlan) -> MergePreview:
        report = incoming.report or IntakeReport()
        site = incoming.header.site_id
        # the sender names themselves; for anyone else what this book learned before beats what a file claims
        names = {**report.names, **self._known_names()}
        if report.made_by:
            names[site] = report.made_by
        sender_name = names.get(site, "")
        future = {names.get(s) or clean_label(s, 20): n for s, n in report.future.items()}
        return MergePreview(
            source=source, sender=site, made_at=incoming.header.created_at,
            counts=plan.counts, conflicts=plan.conflicts[:500], conflict_count=len(plan.conflicts),
            duplicates=plan.duplicates, duplicate_count=plan.duplicate_count,
            brought_back=len(plan.brought_back), sender_name=sender_name, future=future,
            ignored=list(report.ignored), incoming=incoming)

    def _learn_names(self, conn: sqlite3.Connection, incoming: Incoming) -> None:
        """Remember teammates' names by site id (local meta), so later previews name people."""
        report = incoming.report
        if report is None:
            return
        names = dict(report.names)
        site = incoming.header.site_id
        if report.made_by and site and len(site) <= 20 and not site.strip(SITE_CHARS):
            names[site] = report.made_by
        for s, name in list(names.items())[:200]:
            if s != self.ctx.db.site_id:
                set_meta(conn, _META_SITE_NAME + s, name)

    def merge_apply(self, preview: MergePreview, *, progress: Progress | None = None,
                    _before_commit: Callable[[], None] | None = None) -> MergeResult:
        """Apply the merge previewed in *preview*, in one transaction; the temporary files are then removed."""
        incoming = preview.incoming
        if incoming is None or incoming.clean is None:
            raise PreviewClosedError()
        db = self.ctx.db
        now = self.ctx.now()
        try:
            with db.raw_connection() as conn:
                conn.execute("ATTACH DATABASE ? AS inc", (str(incoming.clean),))
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    # holding the write lock now: if nothing was committed since the preview, its plan holds
                    plan = preview.plan if preview.local_unchanged() else plan_merge(conn, "inc", progress=progress)
                    apply_plan(conn, plan, now_text=ts_text(now))
                    reindex_customers(conn, plan.reindex)
                    for top in (plan.max_stamp, incoming.report.max_stamp if incoming.report else None):
                        if top:
                            db.clock.observe(top, _ms(now))
                    self._learn_names(conn, incoming)
                    set_meta(conn, "last_stamp", db.clock.tick(_ms(now)))
                    if _before_commit is not None:
                        _before_commit()
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
                finally:
                    conn.execute("DETACH DATABASE inc")
        except BaseException as exc:
            found = _translated(exc, self.db_path)
            if found is not None:
                raise found from exc
            raise
        finally:
            preview.discard()
        return MergeResult(plan.counts, len(plan.conflicts), plan.duplicate_count, len(plan.brought_back))

    def merge(self, file: str | os.PathLike, passphrase: str, *, progress: Progress | None = None) -> MergeResult:
        """Preview and apply in one go (scripts, tests)."""
        return self.merge_apply(self.merge_preview(file, passphrase, progress=progress), progress=progress)


def take_in_file(incoming: Incoming, local: Path | None, *, purpose: str = "restore",
                 progress: Progress | None = None) -> IntakeReport:
    """Make ``incoming.clean`` from ``incoming.path`` (the raw file is removed afterwards, to save space).

    *local*: the book it is for (None or missing: everything comes from the
    file).  Stamps are bounded by the time the backup says it was made (which
    is at most a day ahead of this computer's clock, see :func:`open_incoming`).
    """
    clean = incoming.path.with_name(incoming.path.stem + ".clean.sqlite")
    _unlink_quietly(clean)
    if local is not None and not Path(local).is_file():
        local = None
    report = take_in(incoming.path, clean, cap_ms=_ms(incoming.header.created_at), local=local, purpose=purpose,
                     progress=progress)
    incoming.clean, incoming.report = clean, report
    _unlink_quietly(incoming.path)
    return report


def _replace(src: Path, dst: Path) -> None:
    """``os.replace``; a separate function so tests can simulate a kill at the swap."""
    os.replace(src, dst)


def _book_size(path: Path) -> int:
    """Bytes of the book and its write-ahead log: about what a snapshot of it needs on disk."""
    total = 0
    for suffix in ("", "-wal"):
        try:
            total += os.path.getsize(str(path) + suffix)
        except OSError:
            pass
    return total
