"""Backup files on disk: written atomically and owner-only, read with the size capped before reading."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.backup_file.errors import BackupReadError, BackupTooLargeError, BackupWriteError
from crm_desktop.exchange.backup_file.header import APPLICATION_ID, MAX_HEADER_LEN, BackupHeader, parse_header
from crm_desktop.exchange.backup_file.keys import DEFAULT_LIMITS, MIB, BackupLimits
from crm_desktop.exchange.backup_file.seal import Progress, unseal


def write_error(exc: OSError) -> BackupWriteError:
    """The sentence for a failed write of a backup (or of an automatic copy): disk full, folder not ours …"""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return BackupWriteError(QT_TRANSLATE_NOOP("errors", "The backup could not be saved because the disk is full."))
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BackupWriteError(
            QT_TRANSLATE_NOOP("errors", "The backup could not be saved because the folder is not writable.")
        )
    return BackupWriteError()


def write_file_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the new one.

    A temporary file in the same folder is written, flushed, fsynced and then
    renamed over *path* (``os.replace``).  The result is readable by the owner
    only (0o600).  On any failure the old file is untouched, no temporary file
    is left, and :class:`BackupWriteError` is raised.
    """
    target = Path(path).absolute()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise write_error(exc) from exc
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            view = memoryview(data).cast("B")
            written = 0
            while written < len(view):
                written += os.write(fd, view[written : written + 64 * MIB])
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp_name, target)
    except BaseException as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise write_error(exc) from exc
        raise
    if os.name == "posix":  # make the rename itself durable
        try:
            dir_fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass


def _open_for_reading(path: str | os.PathLike[str]) -> BinaryIO:
    try:
        return open(path, "rb")  # closed by the caller
    except FileNotFoundError as exc:
        raise BackupReadError(QT_TRANSLATE_NOOP("errors", "The backup file could not be found.")) from exc
    except OSError as exc:
        raise BackupReadError() from exc


def read_backup(
    path: str | os.PathLike[str],
    passphrase: str,
    *,
    limits: BackupLimits = DEFAULT_LIMITS,
    max_schema_version: int | None = None,
    expected_application_id: int = APPLICATION_ID,
    progress: Progress | None = None,
    sink: Callable[[bytes], object] | None = None,
) -> tuple[BackupHeader, bytes]:
    """Read a backup file (size capped before reading) and :func:`unseal` it (``sink``: see there)."""
    with _open_for_reading(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_size:
                raise BackupTooLargeError()
            data = handle.read(limits.max_file_size + 1)  # the file may grow meanwhile
        except OSError as exc:
            raise BackupReadError() from exc
    return unseal(
        data, passphrase, limits=limits, max_schema_version=max_schema_version,
        expected_application_id=expected_application_id, progress=progress, sink=sink,
    )


def peek_header(
    path: str | os.PathLike[str], *, expected_application_id: int = APPLICATION_ID
) -> BackupHeader:
    """The header of a backup file, without the passphrase.

    Good for showing who made a backup and when.  The values are NOT
    authenticated (``authenticated=False``): anyone can edit them; only
    :func:`read_backup` with the passphrase verifies them.
    """
    with _open_for_reading(path) as handle:
        try:
            head = handle.read(MAX_HEADER_LEN)
        except OSError as exc:
            raise BackupReadError() from exc
    return parse_header(head, expected_application_id).header

