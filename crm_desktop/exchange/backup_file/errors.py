"""The sentences a backup file can be refused with: one class per kind of bad input.

Each class has one default sentence for a salesperson; a different (still
marked) sentence may be passed for a more precise case.  The three about the
data inside (:class:`ForeignDatabaseError`, :class:`CorruptDatabaseError`,
:class:`DatabaseReadError`) are raised by the backup service, which reads
the database through crm_desktop.db.
"""

from __future__ import annotations

from typing import Any

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class BackupError(UserError):
    """Base class: a backup could not be made, read or used.

    Each subclass has one default sentence for a salesperson; a different
    (still marked) sentence may be passed for a more precise case.
    """

    default_message = QT_TRANSLATE_NOOP("errors", "This backup file cannot be opened.")

    def __init__(self, message: str | None = None, **params: Any) -> None:
        super().__init__(message or self.default_message, **params)


class BackupDamagedError(BackupError):
    """The file is truncated, has a damaged body, or a malformed header."""

    default_message = QT_TRANSLATE_NOOP("errors", "This backup file is damaged or incomplete.")


class NotABackupError(BackupError):
    """The file is not a backup at all (random bytes, a document, ...)."""

    default_message = QT_TRANSLATE_NOOP("errors", "This file is not a CRM backup.")


class DatabaseFileNotBackupError(NotABackupError):
    """Someone renamed the app's own database file instead of making a backup."""

    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "This is a CRM database file, not a backup; ask the sender to use Make backup instead.",
    )


class ForeignFileError(NotABackupError):
    """A database file of some other program, renamed to ``.crmbak``."""

    default_message = QT_TRANSLATE_NOOP(
        "errors", "This file is a database of another program, not a CRM backup."
    )


class BackupWrongPassphraseError(BackupError):
    """The header MAC does not verify: wrong passphrase or a changed header."""

    default_message = QT_TRANSLATE_NOOP(
        "errors", "The passphrase is wrong, or the file was changed after it was made."
    )


class BackupTooNewError(BackupError):
    """Newer format version or schema version than this app understands."""

    default_message = QT_TRANSLATE_NOOP(
        "errors", "This backup was made by a newer version of the app; update the app to open it."
    )


class BackupUnsupportedError(BackupTooNewError):
    """The header names a method (KDF, cipher, compression) this build lacks."""

    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "This backup uses an encryption method this version of the app cannot open; update the app.",
    )


class BackupTooLargeError(BackupError):
    """File size or unpacked size above the configured limits."""

    default_message = QT_TRANSLATE_NOOP("errors", "This backup is larger than this app accepts.")


class BackupUnsafeError(BackupError):
    """KDF parameters that would hang or exhaust the machine."""

    default_message = QT_TRANSLATE_NOOP(
        "errors",
        "This backup asks for more memory or time than allowed to unlock it; it was probably tampered with.",
    )


class BackupReadError(BackupError):
    """The backup file could not be read from disk."""

    default_message = QT_TRANSLATE_NOOP("errors", "The backup file could not be read.")


class BackupWriteError(BackupError):
    """The backup file could not be written; the old file is untouched."""

    default_message = QT_TRANSLATE_NOOP("errors", "The backup could not be saved.")


class DatabaseReadError(BackupError):
    """The database could not be read to make a backup."""

    default_message = QT_TRANSLATE_NOOP("errors", "The database could not be read to make a backup.")


class PassphraseMissingError(BackupError):
    """Sealing needs a non-empty passphrase."""

    default_message = QT_TRANSLATE_NOOP("errors", "Enter the team passphrase.")


class ForeignDatabaseError(BackupError):
    """The decrypted database has another application_id."""

    default_message = QT_TRANSLATE_NOOP(
        "errors", "The data in this backup belongs to another program, not to this CRM."
    )


class CorruptDatabaseError(BackupError):
    """The decrypted database fails SQLite's integrity check."""

    default_message = QT_TRANSLATE_NOOP(
        "errors", "The customer data inside this backup is damaged and cannot be used."
    )

