"""Tests for the encrypted backup file format (the database image inside is only bytes here)."""

from __future__ import annotations

import errno
import functools
import hashlib
import hmac
import os
import sqlite3
import stat
import struct
import time
import tracemalloc
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.db.snapshot import snapshot_database
from crm_desktop.domain.errors import UserError
from crm_desktop.exchange import backup_file as bf
from crm_desktop.exchange.backup_file import (
    APPLICATION_ID,
    BackupDamagedError,
    BackupError,
    BackupLimits,
    BackupTooLargeError,
    BackupTooNewError,
    BackupUnsafeError,
    BackupWriteError,
    BackupWrongPassphraseError,
    DatabaseFileNotBackupError,
    ForeignFileError,
    KdfParams,
    NotABackupError,
    PassphraseMissingError,
    passphrase_strength,
    peek_header,
    read_backup,
    seal,
    unseal,
    write_file_atomically,
)
from crm_desktop.exchange.backup_file import files as bf_files
from crm_desktop.exchange.backup_file.header import FIXED, encode_header, nonce
from crm_desktop.exchange.backup_file.keys import derive_keys

FAST_KDF = KdfParams.scrypt(n=16, r=8, p=1)  # tests only: real backups use default_kdf()
PASS = "correct horse battery staple"
NOW = datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)
SCHEMA = 3


def make_db(path: Path, *, application_id: int = APPLICATION_ID, user_version: int = SCHEMA, rows: int = 300) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, email TEXT)")
    conn.executemany(
        "INSERT INTO customer VALUES (?, ?, ?)",
        ((i, f"Kundin Nr. {i} Müller", f"k{i}@example.com") for i in range(rows)),
    )
    conn.commit()
    conn.close()
    return path


def make_image(tmp_path: Path, **kwargs) -> bytes:
    return snapshot_database(make_db(tmp_path / "source.sqlite", **kwargs))


def open_image(image: bytes) -> sqlite3.Connection:
    """An in-memory connection on a database image (what a test reads back)."""
    conn = sqlite3.connect(":memory:")
    conn.deserialize(image)
    return conn


def do_seal(image: bytes, passphrase: str = PASS, **kwargs) -> bytes:
    kwargs.setdefault("schema_version", SCHEMA)
    kwargs.setdefault("site_id", "anna-laptop")
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("app_version", "0.1.0")
    kwargs.setdefault("kdf", FAST_KDF)
    return seal(image, passphrase, **kwargs)


@functools.lru_cache(maxsize=1)
def small_backup() -> bytes:
    """A sealed backup with several chunks, built once (for hypothesis)."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA}")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.executemany("INSERT INTO t VALUES (?)", ((os.urandom(20).hex(),) for _ in range(200)))
    conn.commit()
    image = snapshot_database(conn)
    conn.close()
    return do_seal(image, chunk_size=4096)


def folder_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def check_refused(tmp_path: Path, data: bytes, error: type[BackupError], passphrase: str = PASS,
                  **kwargs) -> BackupError:
    """Write *data* as a .crmbak, read it, expect *error*, and check nothing changed."""
    target = tmp_path / "incoming" / "from-anna.crmbak"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data)
    before = folder_state(target.parent)
    with pytest.raises(error) as info:
        read_backup(target, passphrase, **kwargs)
    assert folder_state(target.parent) == before
    assert isinstance(info.value, UserError)
    assert info.value.text().endswith(".")
    return info.value


def craft(chunks: list[bytes], *, database_size: int, chunk_size: int, kdf: KdfParams = FAST_KDF,
          compression_id: int = bf.COMPRESSION_ZLIB) -> bytes:
    """Build a validly encrypted file from already-compressed chunks (for hostile inputs)."""
    salt, prefix = os.urandom(16), os.urandom(7)
    unsigned = encode_header(
        kdf=kdf, salt=salt, nonce_prefix=prefix, chunk_size=chunk_size, database_size=database_size,
        schema_version=SCHEMA, created_at_us=0, site_id="mallory", app_version="9.9",
        compression_id=compression_id,
    )
    aead_key, mac_key = derive_keys(PASS, salt, kdf)
    header = unsigned + hmac.new(mac_key, unsigned, hashlib.sha256).digest()
    aead = AESGCM(aead_key)
    parts = [header]
    for i, chunk in enumerate(chunks):
        ct = aead.encrypt(nonce(prefix, i, i == len(chunks) - 1), chunk, header)
        parts.append(struct.pack(">I", len(ct)) + ct)
    return b"".join(parts)


# --------------------------------------------------------------------------- happy paths


def test_round_trip_keeps_data_and_header(tmp_path):
    """A snapshot sealed, written, read and loaded gives back the same rows and header."""
    image = make_image(tmp_path)
    target = tmp_path / "out" / "team.crmbak"
    target.parent.mkdir()
    write_file_atomically(target, do_seal(image))

    header, restored = read_backup(target, PASS, max_schema_version=SCHEMA)
    assert restored == image
    assert header.authenticated
    assert (header.schema_version, header.site_id, header.app_version) == (SCHEMA, "anna-laptop", "0.1.0")
    assert header.created_at == NOW and header.created_at.tzinfo is not None
    assert header.database_size == len(image)
    conn = open_image(restored)
    assert conn.execute("SELECT count(*), max(name) FROM customer").fetchone() == (300, "Kundin Nr. 99 Müller")
    conn.close()


def test_round_trip_multi_chunk_with_progress():
    """Many chunks round-trip and progress reports reach the total."""
    image = os.urandom(50_000) + bytes(70_000)
    calls: list[tuple[int, int]] = []
    data = do_seal(image, chunk_size=4096, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(image), len(image))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    header, restored = unseal(data, PASS)
    assert restored == image and header.chunk_size == 4096


@pytest.mark.skipif(not bf.argon2id_available(), reason="cryptography without Argon2id")
def test_round_trip_with_argon2id():
    """Argon2id-derived keys round-trip and the header names the KDF."""
    kdf = KdfParams.argon2id(memory_kib=64, iterations=1, lanes=1)
    header, restored = unseal(do_seal(b"hello", kdf=kdf), PASS)
    assert restored == b"hello" and header.kdf == kdf


def test_default_kdf_is_strong():
    """Safe defaults: at least 64 MiB of memory-hard key derivation."""
    assert bf.default_kdf().memory_bytes >= 64 * 1024 * 1024


def test_empty_image_round_trips():
    """A zero-length payload seals and unseals (edge of the chunk count)."""
    assert unseal(do_seal(b""), PASS)[1] == b""


def test_passphrase_is_unicode_normalised():
    """NFC and NFD spellings of the same passphrase open the same backup."""
    data = do_seal(b"x", passphrase="Gr\u00fc\u00dfe")
    assert unseal(data, "Gru\u0308\u00dfe")[1] == b"x"


def test_peek_header_needs_no_passphrase_and_is_unauthenticated(tmp_path):
    """peek_header shows sender and date without the passphrase, flagged as unauthenticated."""
    target = tmp_path / "a.crmbak"
    target.write_bytes(small_backup())
    header = peek_header(target)
    assert (header.site_id, header.created_at, header.authenticated) == ("anna-laptop", NOW, False)


def test_write_file_atomically_replaces_with_owner_only_permissions(tmp_path):
    """Atomic write replaces the old file, leaves no temp file, and is owner-only."""
    target = tmp_path / "b.crmbak"
    target.write_bytes(b"old")
    os.chmod(target, 0o644)
    write_file_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["b.crmbak"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


# --------------------------------------------------------------------------- bad files


def test_truncated_file_is_damaged(tmp_path):
    """Files cut anywhere (in the header, mid-chunk, at a chunk boundary) are 'damaged'."""
    data = small_backup()
    header_len = struct.unpack_from(">H", data, 10)[0]
    first_chunk_end = header_len + 4 + struct.unpack_from(">I", data, header_len)[0]
    for cut in (5, 20, header_len - 1, header_len, first_chunk_end, len(data) - 1):
        check_refused(tmp_path, data[:cut], BackupDamagedError)


def test_flipped_header_byte_is_refused_as_changed(tmp_path):
    """One flipped byte in the site id (header) fails authentication."""
    data = bytearray(small_backup())
    data[FIXED.size + 16 + 1] ^= 0x01  # inside site_id
    check_refused(tmp_path, bytes(data), BackupWrongPassphraseError)


def test_flipped_body_byte_is_damaged(tmp_path):
    """One flipped byte in the encrypted body says the file is damaged."""
    data = bytearray(small_backup())
    data[len(data) // 2] ^= 0x80
    check_refused(tmp_path, bytes(data), BackupDamagedError)


def test_wrong_passphrase(tmp_path):
    """A wrong passphrase gets the passphrase sentence."""
    check_refused(tmp_path, small_backup(), BackupWrongPassphraseError, passphrase="Correct horse battery staple")


def test_empty_file(tmp_path):
    """An empty file is reported as an empty/damaged backup."""
    error = check_refused(tmp_path, b"", BackupDamagedError)
    assert "empty" in error.text()


def test_random_bytes(tmp_path):
    """Random bytes are 'not a CRM backup'."""
    check_refused(tmp_path, os.urandom(5000), NotABackupError)


def test_other_applications_sqlite_file(tmp_path):
    """Another program's SQLite file renamed to .crmbak is named as such."""
    other = make_db(tmp_path / "other.sqlite", application_id=0x12345678)
    error = check_refused(tmp_path, other.read_bytes(), ForeignFileError)
    assert not isinstance(error, DatabaseFileNotBackupError)
    with pytest.raises(ForeignFileError):
        peek_header(other)


def test_our_database_file_renamed(tmp_path):
    """Our own database file renamed to .crmbak says to make a backup instead."""
    ours = make_db(tmp_path / "crm.sqlite")
    check_refused(tmp_path, ours.read_bytes(), DatabaseFileNotBackupError)


def test_newer_schema_in_header(tmp_path):
    """A backup whose (authenticated) header has a newer schema asks to update the app."""
    data = do_seal(make_image(tmp_path, user_version=SCHEMA), schema_version=SCHEMA + 1)
    check_refused(tmp_path, data, BackupTooNewError, max_schema_version=SCHEMA)


def test_newer_format_version(tmp_path):
    """A newer file-format version asks to update the app."""
    data = bytearray(small_backup())
    data[8:10] = (bf.FORMAT_VERSION + 1).to_bytes(2, "big")
    check_refused(tmp_path, bytes(data), BackupTooNewError)


def test_decompression_bomb_in_chunk_is_stopped_by_output_cap():
    """A chunk that inflates far beyond its declared size is refused quickly with little memory."""
    packer = zlib.compressobj(9)
    block = bytes(1 << 20)
    bomb = b"".join(packer.compress(block) for _ in range(256)) + packer.flush()  # 256 MiB of zeros
    assert len(bomb) < 1 << 20
    data = craft([bomb], database_size=1 << 20, chunk_size=1 << 20)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(BackupTooLargeError):
            unseal(data, PASS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 16 << 20


def test_zstd_bomb_is_stopped_by_output_cap():
    """A Zstandard chunk that expands beyond its declared size is refused with little memory."""
    import zstandard

    bomb = zstandard.ZstdCompressor(level=19).compress(bytes(256 << 20))
    assert len(bomb) < 1 << 20
    data = craft([bomb], database_size=1 << 20, chunk_size=1 << 20, compression_id=bf.COMPRESSION_ZSTD)
    tracemalloc.start()
    try:
        with pytest.raises(BackupTooLargeError):
            unseal(data, PASS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20


def test_zlib_backups_from_the_first_format_still_open(tmp_path):
    """Files written with zlib chunks (the first format) are still read."""
    image = make_image(tmp_path)
    old = seal(image, PASS, schema_version=SCHEMA, site_id="s", now=datetime.now(UTC), app_version="0",
               kdf=FAST_KDF, compression_id=bf.COMPRESSION_ZLIB)
    header, back = unseal(old, PASS)
    assert header.compression == "zlib" and back == image


def test_declared_huge_database_is_refused_before_work(tmp_path):
    """A header declaring more than max_database_size is refused before key derivation."""
    data = craft([zlib.compress(b"")], database_size=1 << 40, chunk_size=1 << 20)
    check_refused(tmp_path, data, BackupTooLargeError)
    honest = do_seal(bytes(8 << 20))
    with pytest.raises(BackupTooLargeError):
        unseal(honest, PASS, limits=BackupLimits(max_database_size=4 << 20))


def test_file_size_cap(tmp_path):
    """Files above max_file_size are refused before being read."""
    check_refused(tmp_path, small_backup(), BackupTooLargeError, limits=BackupLimits(max_file_size=1000))


@pytest.mark.parametrize(
    ("kdf_id", "params"),
    [
        (bf.KDF_SCRYPT, (2**31, 8, 1)),
        (bf.KDF_SCRYPT, (2**20, 2**20, 1)),
        (bf.KDF_SCRYPT, (2**16, 8, 2**30)),
        (bf.KDF_ARGON2ID, (2**32 - 1, 3, 4)),
        (bf.KDF_ARGON2ID, (65536, 2**31, 4)),
        (bf.KDF_ARGON2ID, (1 << 19, 3, 4096)),
    ],
)
def test_absurd_kdf_parameters_are_refused_fast(tmp_path, kdf_id, params):
    """KDF parameters that would exhaust memory or time are refused without running the KDF."""
    data = bytearray(small_backup())
    data[12] = kdf_id
    struct.pack_into(">III", data, 16, *params)
    started = time.perf_counter()
    check_refused(tmp_path, bytes(data), BackupUnsafeError)
    assert time.perf_counter() - started < 1


def test_disk_full_keeps_old_backup_and_leaves_no_temp_file(tmp_path, monkeypatch):
    """A write failing with ENOSPC raises a clear error, keeps the old file, leaves no temp file."""
    target = tmp_path / "team.crmbak"
    target.write_bytes(b"previous backup")
    before = folder_state(tmp_path)
    real_write = os.write
    calls = {"n": 0}

    def failing_write(fd, data):
        if fd <= 2:
            return real_write(fd, data)
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[:4096]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bf_files.os, "write", failing_write)
    with pytest.raises(BackupWriteError) as info:
        write_file_atomically(target, os.urandom(100_000))
    monkeypatch.undo()
    assert "disk is full" in info.value.text()
    assert folder_state(tmp_path) == before


def test_seal_refuses_empty_passphrase():
    """Sealing with an empty passphrase asks for one."""
    with pytest.raises(PassphraseMissingError):
        do_seal(b"x", passphrase="")


def test_seal_refuses_naive_datetime():
    """A naive 'now' is a programming error, not silently local time."""
    with pytest.raises(ValueError):
        do_seal(b"x", now=datetime(2025, 1, 1))


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_single_byte_flip_is_rejected(data):
    """Changing any single byte anywhere in a backup makes reading fail with a BackupError."""
    original = small_backup()
    position = data.draw(st.integers(0, len(original) - 1), label="position")
    mask = data.draw(st.integers(1, 255), label="mask")
    damaged = bytearray(original)
    damaged[position] ^= mask
    with pytest.raises(BackupError):
        unseal(bytes(damaged), PASS)


# --------------------------------------------------------------------------- passphrase strength


@pytest.mark.parametrize(
    ("passphrase", "score", "reason"),
    [
        ("", 0, "empty"),
        ("password", 0, "common"),
        ("Passwort123!", 0, "common"),
        ("123456789", 0, "common"),
        ("zzzzzzzzzzzzzzzz", 0, "repetitive"),
        ("k7#Rt", 1, "too_short"),
        ("tulpenx", 1, "too_short"),
        ("bluemoon", 2, "weak"),
        ("Bluemoon42x", 3, "fair"),
        ("kettle orbit velvet quarry", 4, "strong"),
    ],
)
def test_passphrase_strength(passphrase, score, reason):
    """passphrase_strength gives the documented score and reason key."""
    assert passphrase_strength(passphrase) == (score, reason)


def test_every_error_class_has_a_sentence():
    """Every BackupError subclass carries one sentence ending in a full stop."""
    classes = [c for c in vars(bf).values() if isinstance(c, type) and issubclass(c, BackupError)]
    assert len(classes) >= 10
    for cls in classes:
        assert cls().text().endswith(".")
