"""What a decrypted backup holds, checked by the backup service before anything else reads it."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime

import pytest

from crm_desktop.exchange.backup_file import (
    BackupTooNewError,
    CorruptDatabaseError,
    ForeignDatabaseError,
    KdfParams,
    seal,
    unseal,
)
from crm_desktop.services.backup import check_format, check_image

PASS = "correct horse battery staple"
FAST_KDF = KdfParams.scrypt(n=16, r=8, p=1)


def image(application_id: int = 0x43524D44, user_version: int = 2) -> bytes:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('a')")
    conn.commit()
    data = conn.serialize()
    conn.close()
    return data


def through_a_backup(data: bytes) -> bytes:
    sealed = seal(data, PASS, schema_version=2, site_id="anna", now=datetime.now(UTC),
                  app_version="0.1", kdf=FAST_KDF)
    return unseal(sealed, PASS)[1]


def test_our_image_passes():
    """An intact image of our application at this schema is accepted."""
    check_image(through_a_backup(image()), max_schema_version=2)


def test_newer_user_version_inside_database():
    """A sealed database whose user_version is newer asks to update the app."""
    with pytest.raises(BackupTooNewError):
        check_image(through_a_backup(image(user_version=7)), max_schema_version=2)


def test_decrypted_payload_that_is_a_corrupt_database():
    """A payload that decrypts fine but is not a sound database is damaged data."""
    for payload in (b"SQLite format 3\x00" + os.urandom(8000), b"definitely not sqlite" * 100):
        with pytest.raises(CorruptDatabaseError):
            check_image(through_a_backup(payload))


def test_sealed_database_of_another_application():
    """A sealed database with another application_id is named as foreign."""
    with pytest.raises(ForeignDatabaseError):
        check_image(through_a_backup(image(application_id=7)))


def test_check_format_round_trip(services, tmp_path):
    """The self-test's round trip seals a book, reads its customers back and refuses a wrong passphrase."""
    from crm_desktop.domain.models import CustomerInput

    services.customers.create(CustomerInput(name="张伟"))
    seen = check_format(services.ctx.db.path, PASS, site_id="anna", now=datetime.now(UTC))
    assert seen.customers == ["张伟"]
    assert seen.authenticated and seen.wrong_passphrase_refused and not seen.plaintext_inside
