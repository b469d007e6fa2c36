"""The self-test's round trip through the backup format (``crm-desktop --self-test``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crm_desktop import __version__
from crm_desktop.db.database import HEAD_SCHEMA_VERSION
from crm_desktop.db.snapshot import SnapshotError, live_customer_names, snapshot_database
from crm_desktop.exchange import backup_file as bf
from crm_desktop.services.backup.errors import snapshot_failure
from crm_desktop.services.backup.incoming import check_image


@dataclass(frozen=True)
class FormatCheck:
    """What :func:`check_format` saw: the sealed size, whether the book's first bytes were readable in it,
    whether the header authenticated, the customers read back, and whether a wrong passphrase was refused."""

    sealed_size: int
    plaintext_inside: bool
    authenticated: bool
    customers: list[str]
    wrong_passphrase_refused: bool


def check_format(book: Path, passphrase: str, *, site_id: str, now: datetime) -> FormatCheck:
    """Seal a snapshot of *book*, open it again, read its customers and try a wrong passphrase.

    The key derivation costs almost nothing here: this checks the code path, not the strength.
    """
    try:
        image = snapshot_database(book)
    except SnapshotError as exc:
        raise snapshot_failure(exc, book) from exc
    kdf = bf.KdfParams.scrypt(n=2**10, r=8, p=1)
    sealed = bf.seal(image, passphrase, schema_version=HEAD_SCHEMA_VERSION, site_id=site_id, now=now,
                     app_version=__version__, kdf=kdf)
    header, restored = bf.unseal(sealed, passphrase, max_schema_version=HEAD_SCHEMA_VERSION)
    check_image(restored)
    refused = False
    try:
        bf.unseal(sealed, passphrase + "x", max_schema_version=HEAD_SCHEMA_VERSION)
    except bf.BackupError:
        refused = True
    return FormatCheck(len(sealed), image[:100] in sealed, header.authenticated, live_customer_names(restored),
                       refused)
