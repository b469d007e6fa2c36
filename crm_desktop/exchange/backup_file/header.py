"""The plaintext header of a backup file: its layout, writing it, and reading it without trusting it.

See the format specification in :mod:`crm_desktop.exchange.backup_file`.
Nothing read here is trusted until the header MAC verifies (done by
:func:`crm_desktop.exchange.backup_file.seal.unseal`, once the passphrase gave the keys).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.backup_file.errors import (
    BackupDamagedError,
    BackupError,
    BackupTooNewError,
    BackupUnsupportedError,
    DatabaseFileNotBackupError,
    ForeignFileError,
    NotABackupError,
)
from crm_desktop.exchange.backup_file.keys import KDF_ARGON2ID, KDF_SCRYPT, KIB, MIB, KdfParams

APPLICATION_ID = 0x43524D44  # ``PRAGMA application_id`` of the app's databases ("CRMD")
FILE_SUFFIX = ".crmbak"
MAGIC = b"\x89CRMBAK\n"
FORMAT_VERSION = 1

AEAD_AES256GCM = 1
COMPRESSION_ZLIB = 1
COMPRESSION_ZSTD = 2

DEFAULT_CHUNK_SIZE = 4 * MIB
MIN_CHUNK_SIZE = 4 * KIB
MAX_CHUNK_SIZE = 64 * MIB
# Zstandard level 1 is written: on this 2-core machine it compressed 200 MB of a
# demo database in 0.39 s to 33 % (zlib level 1: 2.7 s to 36 %), which is what
# keeps a 100k-customer backup within seconds.  zlib files (format as first
# written) are still read.  Level applies to the chosen compressor.
DEFAULT_COMPRESSION_LEVEL = 1

SQLITE_MAGIC = b"SQLite format 3\x00"
FIXED = struct.Struct(">8sHHBBBBIII7sBIQiqBB")
"""The fixed part of the header (62 bytes), see the format specification."""
MAC_LEN = 32
TAG_LEN = 16
SALT_LEN = 16
NONCE_PREFIX_LEN = 7
MAX_HEADER_LEN = 4096
MIN_HEADER_LEN = FIXED.size + 16 + MAC_LEN
LENGTH = struct.Struct(">I")
"""The length prefix of each chunk."""

assert FIXED.size == 62

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def max_ciphertext_len(chunk_size: int) -> int:
    """The longest chunk a reader accepts for *chunk_size* bytes of database."""
    # zlib's compressBound is n + n/4096 + n/16384 + n/2**25 + 13, zstd's n + n/256 + 64 KiB at most
    # for small n; stay above both.
    return chunk_size + chunk_size // 128 + 128 * KIB + TAG_LEN


@dataclass(frozen=True)
class BackupHeader:
    """What a backup file says about itself.

    Fields:
      ``format_version``: version of the file layout (see module docstring).
      ``kdf``: key-derivation function and its parameters.
      ``aead``: cipher name, ``"aes-256-gcm"``.
      ``compression``: ``"zlib"``.
      ``chunk_size``: database bytes per encrypted chunk.
      ``database_size``: size in bytes of the database inside.
      ``schema_version``: ``PRAGMA user_version`` of the database inside.
      ``site_id``: the sender's installation (who made the backup).
      ``created_at``: when the backup was made, timezone-aware UTC.
      ``app_version``: version of the app that made it.
      ``authenticated``: True once the passphrase verified the header (from
      :func:`unseal` / :func:`read_backup`); False from :func:`peek_header`,
      where anyone could have written these values.
    """

    format_version: int
    kdf: KdfParams
    aead: str
    compression: str
    chunk_size: int
    database_size: int
    schema_version: int
    site_id: str
    created_at: datetime
    app_version: str
    authenticated: bool = False


@dataclass(frozen=True)
class ParsedHeader:
    """A header as read from a file: the values, and the bytes the MAC and the chunks' associated data cover."""

    header: BackupHeader
    raw: bytes  # the header bytes, MAC included
    salt: bytes
    nonce_prefix: bytes
    mac: bytes


def nonce(prefix: bytes, index: int, last: bool) -> bytes:
    """The STREAM nonce of chunk *index*: prefix, counter, last-chunk flag."""
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def chunk_count(database_size: int, chunk_size: int) -> int:
    """How many chunks a database of *database_size* bytes is cut into (at least one)."""
    return max(1, -(-database_size // chunk_size))


def to_micros(moment: datetime) -> int:
    """*moment* (timezone-aware) as microseconds since 1970-01-01 UTC."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    delta = moment.astimezone(UTC) - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def encode_header(
    *,
    kdf: KdfParams,
    salt: bytes,
    nonce_prefix: bytes,
    chunk_size: int,
    database_size: int,
    schema_version: int,
    created_at_us: int,
    site_id: str,
    app_version: str,
    format_version: int = FORMAT_VERSION,
    compression_id: int = COMPRESSION_ZSTD,
) -> bytes:
    """Header bytes without the trailing MAC."""
    site = site_id.encode("utf-8")
    app = app_version.encode("utf-8")
    if len(site) > 255 or len(app) > 255:
        raise ValueError("site_id and app_version must be at most 255 UTF-8 bytes")
    if not -(2**31) <= schema_version < 2**31:
        raise ValueError("schema_version must fit in a signed 32-bit integer")
    if not 16 <= len(salt) <= 64 or len(nonce_prefix) != NONCE_PREFIX_LEN:
        raise ValueError("bad salt or nonce prefix length")
    kdf_id, p1, p2, p3 = kdf.encoded()
    length = FIXED.size + len(salt) + len(site) + len(app) + MAC_LEN
    fixed = FIXED.pack(
        MAGIC, format_version, length, kdf_id, AEAD_AES256GCM, compression_id, len(salt),
        p1, p2, p3, nonce_prefix, 0, chunk_size, database_size, schema_version, created_at_us,
        len(site), len(app),
    )
    return fixed + salt + site + app


def classify_foreign(data: bytes, expected_application_id: int) -> BackupError:
    """The error for a file that does not start with our magic."""
    if data.startswith(SQLITE_MAGIC):
        if len(data) >= 72 and int.from_bytes(data[68:72], "big") == expected_application_id:
            return DatabaseFileNotBackupError()
        return ForeignFileError()
    if len(data) < len(MAGIC) and MAGIC.startswith(data):
        return BackupDamagedError()
    return NotABackupError()


def parse_header(data: bytes, expected_application_id: int) -> ParsedHeader:
    """Parse and sanity-check the plaintext header (nothing authenticated yet)."""
    if not data:
        raise BackupDamagedError(QT_TRANSLATE_NOOP("errors", "This backup file is empty."))
    if not data.startswith(MAGIC):
        raise classify_foreign(data, expected_application_id)
    if len(data) < 12:
        raise BackupDamagedError()
    format_version, length = struct.unpack_from(">HH", data, 8)
    if format_version > FORMAT_VERSION:
        raise BackupTooNewError()
    if format_version < 1 or not MIN_HEADER_LEN <= length <= MAX_HEADER_LEN or len(data) < length:
        raise BackupDamagedError()
    (
        _magic, _version, _length, kdf_id, aead_id, compression_id, salt_len, p1, p2, p3,
        nonce_prefix, flags, chunk_size, database_size, schema_version, created_us, site_len, app_len,
    ) = FIXED.unpack_from(data, 0)
    if FIXED.size + salt_len + site_len + app_len + MAC_LEN != length or not 16 <= salt_len <= 64:
        raise BackupDamagedError()
    if kdf_id not in (KDF_SCRYPT, KDF_ARGON2ID) or aead_id != AEAD_AES256GCM or compression_id not in (
            COMPRESSION_ZLIB, COMPRESSION_ZSTD):
        raise BackupUnsupportedError()
    if flags != 0:
        raise BackupUnsupportedError()
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise BackupDamagedError()
    if kdf_id == KDF_ARGON2ID:
        kdf = KdfParams.argon2id(memory_kib=p1, iterations=p2, lanes=p3)
    else:
        kdf = KdfParams.scrypt(n=p1, r=p2, p=p3)
    if not kdf.is_valid():
        raise BackupDamagedError()
    pos = FIXED.size
    salt = bytes(data[pos : pos + salt_len])
    pos += salt_len
    try:
        site_id = bytes(data[pos : pos + site_len]).decode("utf-8")
        pos += site_len
        app_version = bytes(data[pos : pos + app_len]).decode("utf-8")
        pos += app_len
        created_at = _EPOCH + timedelta(microseconds=created_us)
    except (UnicodeDecodeError, OverflowError) as exc:
        raise BackupDamagedError() from exc
    header = BackupHeader(
        format_version=format_version,
        kdf=kdf,
        aead="aes-256-gcm",
        compression="zstd" if compression_id == COMPRESSION_ZSTD else "zlib",
        chunk_size=chunk_size,
        database_size=database_size,
        schema_version=schema_version,
        site_id=site_id,
        created_at=created_at,
        app_version=app_version,
        authenticated=False,
    )
    return ParsedHeader(header, bytes(data[:length]), salt, bytes(nonce_prefix), bytes(data[pos:length]))
