"""Reading a teammate's backup: decrypted into a private file beside the book, then checked value by value.

**A backup is authenticated, not trusted.**  Whoever knows the team
passphrase can make one.  :func:`open_incoming` decrypts it into a private
temporary file beside the database (never all of it in memory) and refuses a
backup dated more than a day ahead of this computer's clock;
:func:`take_in_file` then has :func:`crm_desktop.db.intake.take_in` copy its
data, checked value by value, into a fresh database made from the app's own
schema.  Only that clean copy is ever restored or merged.  Any failure
removes the temporary files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from crm_desktop.db.database import HEAD_SCHEMA_VERSION
from crm_desktop.db.files import PRIVATE_FILE, private_folder
from crm_desktop.db.intake import IntakeReport, take_in
from crm_desktop.db.snapshot import file_facts, image_facts
from crm_desktop.domain.hlc import MAX_SKEW_MS
from crm_desktop.exchange import backup_file as bf
from crm_desktop.services.backup.errors import FutureBackupError
from crm_desktop.services.backup.places import TMP_MARK, ms, unlink_quietly

Progress = Callable[[int, int], None]


@dataclass
class Incoming:
    """A decrypted backup in private temporary files beside the database (plain data: paths and what was read).

    ``header``: what the file says about itself (authenticated); ``path``: the
    decrypted database exactly as sent (untrusted, never opened as a book);
    ``clean``: the checked copy made from it (:func:`take_in_file`), with its
    ``report``.  Call :meth:`discard` when done.
    """

    header: bf.BackupHeader
    path: Path
    migrated_from: int | None = None
    clean: Path | None = None
    report: IntakeReport | None = None

    def discard(self) -> None:
        """Remove the decrypted file and the checked copy (both hold customers' data in clear)."""
        for base in (self.path, self.clean):
            if base is not None:
                _unlink_database(base)
        self.clean = None


def _unlink_database(base: Path) -> None:
    """Remove a database file and SQLite's files beside it."""
    unlink_quietly(base)
    for suffix in ("-wal", "-shm", "-journal"):
        unlink_quietly(Path(str(base) + suffix))


def check_database_file(path: Path) -> int:
    """Check a decrypted database file says it is ours and not newer; returns its schema version.

    The rest (every table and value) is checked by :func:`crm_desktop.db.intake.take_in`,
    which reads it as untrusted data.
    """
    facts = file_facts(path)
    if facts is None:
        raise bf.CorruptDatabaseError()
    if facts.application_id != bf.APPLICATION_ID:
        raise bf.ForeignDatabaseError()
    if facts.user_version > HEAD_SCHEMA_VERSION:
        raise bf.BackupTooNewError()
    return facts.user_version


def check_image(image: bytes, *, max_schema_version: int = HEAD_SCHEMA_VERSION,
                expected_application_id: int = bf.APPLICATION_ID) -> None:
    """Refuse a decrypted database *image* that is not ours, is newer than this app or is damaged (one sentence)."""
    facts = image_facts(image)
    if facts is None:
        raise bf.CorruptDatabaseError()
    if facts.application_id != expected_application_id:
        raise bf.ForeignDatabaseError()
    if facts.user_version > max_schema_version:
        raise bf.BackupTooNewError()
    if not facts.intact:
        raise bf.CorruptDatabaseError()


def open_incoming(file: str | os.PathLike[str], passphrase: str, folder: Path, *, now: datetime | None = None,
                  progress: Progress | None = None) -> Incoming:
    """Decrypt *file* into a private temporary database in *folder* and check its header and identity.

    Does not need (or touch) the open database.  With *now*, a backup dated
    more than a day later is refused.  On any error the temporary file is gone
    and a :class:`~crm_desktop.exchange.backup_file.errors.BackupError` (or another
    UserError) says why in one sentence.
    """
    private_folder(folder)
    fd, name = tempfile.mkstemp(prefix=TMP_MARK, suffix=".sqlite", dir=folder)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), PRIVATE_FILE)
            try:
                header, _ = bf.read_backup(file, passphrase, max_schema_version=HEAD_SCHEMA_VERSION,
                                           progress=progress, sink=out.write)
            except OSError as exc:
                raise bf.write_error(exc) from exc
            out.flush()
            os.fsync(out.fileno())
        if now is not None and header.created_at > now + timedelta(milliseconds=MAX_SKEW_MS):
            raise FutureBackupError(header.created_at)
        version = check_database_file(path)
        return Incoming(header=header, path=path, migrated_from=version if version < HEAD_SCHEMA_VERSION else None)
    except BaseException:
        _unlink_database(path)
        raise


def take_in_file(incoming: Incoming, local: Path | None, *, purpose: str = "restore",
                 progress: Progress | None = None) -> IntakeReport:
    """Make ``incoming.clean`` from ``incoming.path`` (the raw file is removed afterwards, to save space).

    *local*: the book it is for (None or missing: everything comes from the
    file).  Stamps are bounded by the time the backup says it was made (which
    is at most a day ahead of this computer's clock, see :func:`open_incoming`).
    """
    clean = incoming.path.with_name(incoming.path.stem + ".clean.sqlite")
    unlink_quietly(clean)
    if local is not None and not Path(local).is_file():
        local = None
    report = take_in(incoming.path, clean, cap_ms=ms(incoming.header.created_at), local=local, purpose=purpose,
                     progress=progress)
    incoming.clean, incoming.report = clean, report
    unlink_quietly(incoming.path)
    return report
