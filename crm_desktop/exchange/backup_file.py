"""Encrypted backup files (``.crmbak``) and SQLite snapshot/load helpers.

Salespeople e-mail these files to teammates, so a backup holds customers'
personal data and must be unreadable without the team passphrase.  This
module only knows bytes, files and stdlib ``sqlite3``; schema, restore and
merge live elsewhere.  No Qt, no SQLAlchemy.

Typical use::

    db = snapshot_database(db_path)
    data = seal(db, passphrase, schema_version=7, site_id="anna-laptop",
                now=datetime.now(timezone.utc), app_version="0.1.0")
    write_file_atomically(target, data)
    ...
    header, db = read_backup(target, passphrase, max_schema_version=7)
    conn = load_database(db, expected_application_id=APPLICATION_ID,
                         max_schema_version=7)

Format specification (format version 1)
=======================================

All integers are unsigned big-endian unless noted.  A file is a *header*
followed by a *body* of one or more *chunks*.

Header (``H`` bytes, 62 fixed bytes + variable part)::

    off  size  field
      0     8  magic            89 43 52 4D 42 41 4B 0A  ("\\x89CRMBAK\\n")
      8     2  format_version   1
     10     2  header_length    H, total header bytes incl. magic and MAC
     12     1  kdf_id           1 = scrypt, 2 = Argon2id
     13     1  aead_id          1 = AES-256-GCM
     14     1  compression_id   1 = zlib (RFC 1950), 2 = Zstandard frame; each chunk on its own
     15     1  salt_length      S, 16..64
     16     4  kdf_param_1      scrypt: N (power of two) | Argon2id: memory in KiB
     20     4  kdf_param_2      scrypt: r                | Argon2id: iterations
     24     4  kdf_param_3      scrypt: p                | Argon2id: lanes
     28     7  nonce_prefix     random, per file
     35     1  flags            0 (reserved; other values are refused)
     36     4  chunk_size       C, plaintext (database) bytes per chunk, 4 KiB..64 MiB
     40     8  database_size    D, length of the database image
     48     4  schema_version   signed; the database's PRAGMA user_version
     52     8  created_at       signed; microseconds since 1970-01-01 UTC
     60     1  site_id_length   A
     61     1  app_version_len  B
     62     S  salt             random, per file
   62+S     A  site_id          UTF-8
       ...  B  app_version      UTF-8
    H-32   32  header_mac       HMAC-SHA256(mac_key, header[0:H-32])

Keys: ``master = KDF(NFC-normalised UTF-8 passphrase, salt, params)`` (32
bytes); ``aead_key = HKDF-SHA256(master, info="crmbak v1 aead key")`` and
``mac_key = HKDF-SHA256(master, info="crmbak v1 header mac key")``.  The
header MAC lets a reader tell "wrong passphrase / header changed" apart from
"body damaged", and authenticates every header field before any of them is
trusted.  In addition the full header (MAC included) is the associated data
of every chunk.

Body: the database image is cut into ``n = max(1, ceil(D / C))`` pieces of
``C`` bytes (the last one shorter).  Piece ``i`` becomes chunk ``i``::

    4 bytes   L = length of the ciphertext that follows (16 .. C + C/1000 + 1040)
    L bytes   AES-256-GCM(aead_key, nonce_i, zlib(piece_i), ad=header)
    nonce_i = nonce_prefix (7) || i (4 bytes) || last (1 byte: 1 for i = n-1, else 0)

This is the STREAM construction: the counter stops reordering or dropping
chunks, the last-chunk flag stops truncation at a chunk boundary, and bytes
after chunk ``n-1`` are refused.  Chunking keeps memory per chunk bounded,
lets two cores compress/encrypt in parallel, and bounds decompression: a
chunk must inflate to exactly its expected length, so a decompression bomb is
stopped after at most ``C`` bytes of output.

The header is plaintext: :func:`peek_header` shows who made a backup and when
without the passphrase, but those values are *not authenticated* until the
passphrase is known (``BackupHeader.authenticated`` says which).

Reading refuses, before doing expensive work: files larger than
``BackupLimits.max_file_size``, a declared database larger than
``max_database_size``, and KDF parameters beyond ``max_kdf_memory`` /
``max_kdf_cost`` (so a crafted header cannot hang or exhaust the machine).
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import math
import os
import sqlite3
import string
import stat
import struct
import tempfile
import unicodedata
import uuid
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError

try:  # cryptography >= 44 with OpenSSL >= 3.2
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
except ImportError:  # pragma: no cover - depends on the installed build
    Argon2id = None  # type: ignore[assignment,misc]

__all__ = [
    "APPLICATION_ID", "FORMAT_VERSION", "MAGIC", "FILE_SUFFIX",
    "BackupHeader", "BackupLimits", "KdfParams", "DEFAULT_LIMITS", "default_kdf",
    "snapshot_database", "seal", "unseal", "write_file_atomically", "read_backup",
    "peek_header", "load_database", "passphrase_strength",
    "BackupError", "BackupDamagedError", "NotABackupError", "DatabaseFileNotBackupError",
    "ForeignFileError", "BackupWrongPassphraseError", "BackupTooNewError",
    "BackupUnsupportedError", "BackupTooLargeError", "BackupUnsafeError",
    "BackupReadError", "BackupWriteError", "DatabaseReadError", "PassphraseMissingError",
    "ForeignDatabaseError", "CorruptDatabaseError",
]

# --------------------------------------------------------------------------- constants

APPLICATION_ID = 0x43524D44  #: ``PRAGMA application_id`` of the app's databases ("CRMD")
FILE_SUFFIX = ".crmbak"
MAGIC = b"\x89CRMBAK\n"
FORMAT_VERSION = 1

KDF_SCRYPT = 1
KDF_ARGON2ID = 2
AEAD_AES256GCM = 1
COMPRESSION_ZLIB = 1
COMPRESSION_ZSTD = 2

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

DEFAULT_CHUNK_SIZE = 4 * MIB
MIN_CHUNK_SIZE = 4 * KIB
MAX_CHUNK_SIZE = 64 * MIB
#: Zstandard level 1 is written: on this 2-core machine it compressed 200 MB of a
#: demo database in 0.39 s to 33 % (zlib level 1: 2.7 s to 36 %), which is what
#: keeps a 100k-customer backup within seconds.  zlib files (format as first
#: written) are still read.  Level applies to the chosen compressor.
DEFAULT_COMPRESSION_LEVEL = 1

_SQLITE_MAGIC = b"SQLite format 3\x00"
_FIXED = struct.Struct(">8sHHBBBBIII7sBIQiqBB")
_MAC_LEN = 32
_TAG_LEN = 16
_SALT_LEN = 16
_NONCE_PREFIX_LEN = 7
_MAX_HEADER_LEN = 4096
_MIN_HEADER_LEN = _FIXED.size + 16 + _MAC_LEN
_LEN = struct.Struct(">I")
_INFO_AEAD = b"crmbak v1 aead key"
_INFO_MAC = b"crmbak v1 header mac key"

assert _FIXED.size == 62


def _max_ciphertext_len(chunk_size: int) -> int:
    # zlib's compressBound is n + n/4096 + n/16384 + n/2**25 + 13, zstd's n + n/256 + 64 KiB at most
    # for small n; stay above both.
    return chunk_size + chunk_size // 128 + 128 * KIB + _TAG_LEN


# --------------------------------------------------------------------------- errors


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


# --------------------------------------------------------------------------- data types


@lru_cache(maxsize=1)
def argon2id_available() -> bool:
    """True when the installed ``cryptography`` can run Argon2id."""
    if Argon2id is None:
        return False
    try:
        Argon2id(salt=b"\0" * 16, length=32, iterations=1, lanes=1, memory_cost=8).derive(b"x")
    except (UnsupportedAlgorithm, ValueError, TypeError, MemoryError):
        return False
    return True


@dataclass(frozen=True)
class KdfParams:
    """Passphrase-to-key function and its cost parameters.

    ``name`` is ``"argon2id"`` (fields ``memory_kib``, ``iterations``,
    ``lanes``) or ``"scrypt"`` (fields ``n``, ``r``, ``p``); the other fields
    are 0.  Use :meth:`argon2id` / :meth:`scrypt` to build one.
    """

    name: str
    memory_kib: int = 0
    iterations: int = 0
    lanes: int = 0
    n: int = 0
    r: int = 0
    p: int = 0

    @classmethod
    def argon2id(cls, memory_kib: int = 64 * 1024, iterations: int = 3, lanes: int = 4) -> KdfParams:
        """Argon2id; defaults are RFC 9106's second recommendation (64 MiB, t=3, p=4)."""
        return cls("argon2id", memory_kib=memory_kib, iterations=iterations, lanes=lanes)

    @classmethod
    def scrypt(cls, n: int = 2**17, r: int = 8, p: int = 1) -> KdfParams:
        """scrypt; defaults use 128 MiB (N=2**17, r=8, p=1)."""
        return cls("scrypt", n=n, r=r, p=p)

    @property
    def memory_bytes(self) -> int:
        """Memory the KDF needs."""
        if self.name == "argon2id":
            return self.memory_kib * KIB
        return 128 * self.n * self.r

    @property
    def cost_bytes(self) -> int:
        """Rough work measure: bytes of memory filled, times passes."""
        if self.name == "argon2id":
            return self.memory_kib * KIB * self.iterations
        return 128 * self.n * self.r * self.p

    def _valid(self) -> bool:
        if self.name == "argon2id":
            return self.lanes >= 1 and self.iterations >= 1 and self.memory_kib >= 8 * self.lanes
        if self.name == "scrypt":
            return self.n >= 2 and self.n & (self.n - 1) == 0 and self.r >= 1 and self.p >= 1
        return False

    def _encode(self) -> tuple[int, int, int, int]:
        if self.name == "argon2id":
            return KDF_ARGON2ID, self.memory_kib, self.iterations, self.lanes
        return KDF_SCRYPT, self.n, self.r, self.p


def default_kdf() -> KdfParams:
    """Argon2id when available, else scrypt; both with safe defaults."""
    return KdfParams.argon2id() if argon2id_available() else KdfParams.scrypt()


@dataclass(frozen=True)
class BackupLimits:
    """Caps applied while reading a backup (all in bytes).

    ``max_file_size``: larger files are refused before reading.
    ``max_database_size``: the unpacked database may not be larger.
    ``max_kdf_memory``: memory the key derivation may ask for.
    ``max_kdf_cost``: memory times passes (about 2.5 s of Argon2id, 10 s of
    scrypt on a 2020 laptop at the default of 2 GiB).
    """

    max_file_size: int = 4 * GIB
    max_database_size: int = 4 * GIB
    max_kdf_memory: int = 1 * GIB
    max_kdf_cost: int = 2 * GIB


DEFAULT_LIMITS = BackupLimits()


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
class _Parsed:
    header: BackupHeader
    raw: bytes  # the header bytes, MAC included
    salt: bytes
    nonce_prefix: bytes
    mac: bytes


# --------------------------------------------------------------------------- helpers

_T = TypeVar("_T")
_R = TypeVar("_R")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
Progress = Callable[[int, int], None]


def _workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def _map_ordered(fn: Callable[[_T], _R], items: Iterable[_T], workers: int) -> Iterator[_R]:
    """``map`` on a thread pool, results in order, at most 2*workers in flight.

    zlib and cryptography's AEAD release the GIL, so threads use all cores.
    """
    if workers <= 1:
        yield from map(fn, items)
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crmbak") as pool:
        pending: deque = deque()
        try:
            for item in items:
                pending.append(pool.submit(fn, item))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _normalize_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive_keys(passphrase: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    secret = _normalize_passphrase(passphrase)
    if kdf.name == "argon2id":
        if not argon2id_available():
            raise BackupUnsupportedError()
        master = Argon2id(
            salt=salt, length=32, iterations=kdf.iterations, lanes=kdf.lanes, memory_cost=kdf.memory_kib
        ).derive(secret)
    else:
        master = Scrypt(salt=salt, length=32, n=kdf.n, r=kdf.r, p=kdf.p).derive(secret)
    aead_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO_AEAD).derive(master)
    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO_MAC).derive(master)
    return aead_key, mac_key


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _chunk_count(database_size: int, chunk_size: int) -> int:
    return max(1, -(-database_size // chunk_size))


def _to_micros(moment: datetime) -> int:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    delta = moment.astimezone(timezone.utc) - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _encode_header(
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
    if not 16 <= len(salt) <= 64 or len(nonce_prefix) != _NONCE_PREFIX_LEN:
        raise ValueError("bad salt or nonce prefix length")
    kdf_id, p1, p2, p3 = kdf._encode()
    length = _FIXED.size + len(salt) + len(site) + len(app) + _MAC_LEN
    fixed = _FIXED.pack(
        MAGIC, format_version, length, kdf_id, AEAD_AES256GCM, compression_id, len(salt),
        p1, p2, p3, nonce_prefix, 0, chunk_size, database_size, schema_version, created_at_us,
        len(site), len(app),
    )
    return fixed + salt + site + app


def _classify_foreign(data: bytes, expected_application_id: int) -> BackupError:
    """The error for a file that does not start with our magic."""
    if data.startswith(_SQLITE_MAGIC):
        if len(data) >= 72 and int.from_bytes(data[68:72], "big") == expected_application_id:
            return DatabaseFileNotBackupError()
        return ForeignFileError()
    if len(data) < len(MAGIC) and MAGIC.startswith(data):
        return BackupDamagedError()
    return NotABackupError()


def _parse_header(data: bytes, expected_application_id: int) -> _Parsed:
    """Parse and sanity-check the plaintext header (nothing authenticated yet)."""
    if not data:
        raise BackupDamagedError(QT_TRANSLATE_NOOP("errors", "This backup file is empty."))
    if not data.startswith(MAGIC):
        raise _classify_foreign(data, expected_application_id)
    if len(data) < 12:
        raise BackupDamagedError()
    format_version, length = struct.unpack_from(">HH", data, 8)
    if format_version > FORMAT_VERSION:
        raise BackupTooNewError()
    if format_version < 1 or not _MIN_HEADER_LEN <= length <= _MAX_HEADER_LEN or len(data) < length:
        raise BackupDamagedError()
    (
        _magic, _version, _length, kdf_id, aead_id, compression_id, salt_len, p1, p2, p3,
        nonce_prefix, flags, chunk_size, database_size, schema_version, created_us, site_len, app_len,
    ) = _FIXED.unpack_from(data, 0)
    if _FIXED.size + salt_len + site_len + app_len + _MAC_LEN != length or not 16 <= salt_len <= 64:
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
    if not kdf._valid():
        raise BackupDamagedError()
    pos = _FIXED.size
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
    return _Parsed(header, bytes(data[:length]), salt, bytes(nonce_prefix), bytes(data[pos:length]))


def _check_kdf_limits(kdf: KdfParams, limits: BackupLimits) -> None:
    # Each factor is also capped on its own so that products cannot overflow
    # into something that looks small, and lanes/p stay sane.
    if kdf.name == "argon2id":
        sane = kdf.lanes <= 64 and kdf.iterations <= 64
    else:
        sane = kdf.n <= 2**30 and kdf.r <= 64 and kdf.p <= 64
    if not sane or kdf.memory_bytes > limits.max_kdf_memory or kdf.cost_bytes > limits.max_kdf_cost:
        raise BackupUnsafeError()


# --------------------------------------------------------------------------- snapshot


def _normalize_journal_bytes(image: bytes) -> bytes:
    """Mark the image as rollback-journal (bytes 18/19 = 1): a WAL-marked image
    cannot be used by an in-memory (deserialized) database."""
    if len(image) >= 20 and image.startswith(_SQLITE_MAGIC) and (image[18] == 2 or image[19] == 2):
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


def snapshot_to_file(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Write a consistent, compacted copy of the database at *source* to the new file *target*.

    Same guarantees as :func:`snapshot_database` (read through SQLite, VACUUMed
    so no deleted data travels, rollback-journal header), but the image goes
    to disk: a caller can then ``mmap`` it instead of holding a second copy of
    a large database in memory.  *target* is made owner-only.
    """
    path = Path(source).absolute()
    if not path.is_file():
        raise DatabaseReadError(QT_TRANSLATE_NOOP("errors", "The database file could not be found."))
    target = Path(target)
    try:
        src = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=30)
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
        raise DatabaseReadError() from exc


def snapshot_database(source: str | os.PathLike[str] | sqlite3.Connection, *, vacuum: bool = True) -> bytes:
    """A consistent, compacted image of a SQLite database, as bytes.

    Never copies the live file: reads through SQLite (one read transaction),
    so it works while other connections use the database, also in WAL mode,
    and sees only committed data.  ``VACUUM`` rebuilds the image, so free
    pages and slack space do not carry deleted customers' data into the
    backup.  A path is opened read-only and never created.
    """
    try:
        if isinstance(source, sqlite3.Connection):
            image = _backup_and_vacuum(source, vacuum)
        else:
            path = Path(source).absolute()
            if not path.is_file():
                raise DatabaseReadError(QT_TRANSLATE_NOOP("errors", "The database file could not be found."))
            src = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, timeout=30)
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
        raise DatabaseReadError() from exc
    return _normalize_journal_bytes(image)


# --------------------------------------------------------------------------- seal / unseal


def _unzstd(compressed: bytes, expected: int) -> bytes:
    """Decompress one Zstandard chunk, reading at most one byte past what it declares."""
    import io

    import zstandard

    try:
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(compressed), read_across_frames=False) as r:
            piece = r.read(expected + 1) if expected else r.read(1)
    except zstandard.ZstdError as exc:
        raise BackupDamagedError() from exc
    if len(piece) > expected:
        raise BackupTooLargeError(
            QT_TRANSLATE_NOOP("errors", "This backup unpacks to more data than it declares; it was probably tampered with.")
        )
    if len(piece) != expected:
        raise BackupDamagedError()
    return piece


def seal(
    db_bytes: bytes,
    passphrase: str,
    *,
    schema_version: int,
    site_id: str,
    now: datetime,
    app_version: str,
    kdf: KdfParams | None = None,
    progress: Progress | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    compression_level: int = DEFAULT_COMPRESSION_LEVEL,
    compression_id: int = COMPRESSION_ZSTD,
) -> bytes:
    """Compress and encrypt a database image into backup-file bytes.

    ``now`` must be timezone-aware; ``kdf`` defaults to :func:`default_kdf`
    (pass small parameters only in tests).  ``progress(done, total)`` is
    called with database bytes processed.
    """
    secret = unicodedata.normalize("NFC", passphrase)
    if not secret:
        raise PassphraseMissingError()
    kdf = kdf or default_kdf()
    if not kdf._valid():
        raise ValueError(f"invalid KDF parameters: {kdf}")
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError("chunk_size out of range")
    view = memoryview(db_bytes).cast("B")
    total = len(view)
    count = _chunk_count(total, chunk_size)
    if count >= 2**32:
        raise ValueError("database too large for this chunk size")
    salt = os.urandom(_SALT_LEN)
    nonce_prefix = os.urandom(_NONCE_PREFIX_LEN)
    unsigned = _encode_header(
        kdf=kdf, salt=salt, nonce_prefix=nonce_prefix, chunk_size=chunk_size, database_size=total,
        schema_version=schema_version, created_at_us=_to_micros(now), site_id=site_id,
        app_version=app_version, compression_id=compression_id,
    )
    aead_key, mac_key = _derive_keys(secret, salt, kdf)
    header = unsigned + hmac.new(mac_key, unsigned, hashlib.sha256).digest()
    aead = AESGCM(aead_key)
    if compression_id == COMPRESSION_ZSTD:
        import zstandard

        def compress(piece) -> bytes:
            return zstandard.ZstdCompressor(level=compression_level).compress(piece)
    else:
        def compress(piece) -> bytes:
            return zlib.compress(piece, compression_level)

    def work(index: int) -> bytes:
        piece = view[index * chunk_size : (index + 1) * chunk_size]
        ciphertext = aead.encrypt(_nonce(nonce_prefix, index, index == count - 1), compress(piece), header)
        return _LEN.pack(len(ciphertext)) + ciphertext

    parts = [header]
    done = 0
    for index, part in enumerate(_map_ordered(work, range(count), _workers())):
        parts.append(part)
        done = min(total, done + chunk_size)
        if progress is not None:
            progress(done, total)
    return b"".join(parts)


def unseal(
    data: bytes,
    passphrase: str,
    *,
    limits: BackupLimits = DEFAULT_LIMITS,
    max_schema_version: int | None = None,
    expected_application_id: int = APPLICATION_ID,
    progress: Progress | None = None,
    sink: Callable[[bytes], None] | None = None,
) -> tuple[BackupHeader, bytes]:
    """Check, decrypt and decompress backup-file bytes.

    Returns the authenticated header and the database image.  Raises a
    :class:`BackupError` subclass for every kind of bad input; limits are
    enforced before the expensive steps (see :class:`BackupLimits`).
    ``max_schema_version`` refuses backups of a newer schema early.
    With ``sink``, each decrypted piece is handed to ``sink(piece)`` in order
    instead of being joined, and the returned image is ``b""``: restore and
    merge stream a large database to a file without holding it in memory.
    The caller must discard what the sink received if an error is raised.
    """
    view = memoryview(data).cast("B")
    if len(view) > limits.max_file_size:
        raise BackupTooLargeError()
    parsed = _parse_header(bytes(view[:_MAX_HEADER_LEN]), expected_application_id)
    header = parsed.header
    if header.database_size > limits.max_database_size:
        raise BackupTooLargeError()
    _check_kdf_limits(header.kdf, limits)

    # Frame the body (cheap, before the KDF) so truncation is reported at once.
    chunk_size = header.chunk_size
    count = _chunk_count(header.database_size, chunk_size)
    max_ct = _max_ciphertext_len(chunk_size)
    if len(view) - len(parsed.raw) < count * (_LEN.size + _TAG_LEN):
        raise BackupDamagedError()
    frames: list[tuple[int, int, int, int]] = []  # (index, start, end, plaintext length)
    pos = len(parsed.raw)
    for index in range(count):
        if pos + _LEN.size > len(view):
            raise BackupDamagedError()
        (length,) = _LEN.unpack_from(view, pos)
        pos += _LEN.size
        if not _TAG_LEN <= length <= max_ct or pos + length > len(view):
            raise BackupDamagedError()
        expected = min(chunk_size, header.database_size - index * chunk_size)
        frames.append((index, pos, pos + length, expected))
        pos += length
    if pos != len(view):
        raise BackupDamagedError()

    aead_key, mac_key = _derive_keys(passphrase, parsed.salt, header.kdf)
    unsigned = parsed.raw[: -_MAC_LEN]
    if not hmac.compare_digest(hmac.new(mac_key, unsigned, hashlib.sha256).digest(), parsed.mac):
        raise BackupWrongPassphraseError()
    if max_schema_version is not None and header.schema_version > max_schema_version:
        raise BackupTooNewError()
    aead = AESGCM(aead_key)
    ad = parsed.raw
    zstd_mode = header.compression == "zstd"

    def work(frame: tuple[int, int, int, int]) -> bytes:
        index, start, end, expected = frame
        try:
            compressed = aead.decrypt(_nonce(parsed.nonce_prefix, index, index == count - 1), view[start:end], ad)
        except InvalidTag as exc:
            raise BackupDamagedError() from exc
        if zstd_mode:
            return _unzstd(compressed, expected)
        inflater = zlib.decompressobj()
        try:
            # max_length caps the output (0 would mean "no cap", hence max(.., 1)):
            # a bomb stops here after at most chunk_size bytes.
            piece = inflater.decompress(compressed, max(expected, 1))
            if not inflater.eof and len(piece) >= expected:
                # All expected output is there; only the stream end may remain.
                extra = inflater.decompress(inflater.unconsumed_tail, 1)
                if extra:
                    piece += extra
        except zlib.error as exc:
            raise BackupDamagedError() from exc
        if len(piece) > expected:
            raise BackupTooLargeError(
                QT_TRANSLATE_NOOP("errors", "This backup unpacks to more data than it declares; it was probably tampered with.")
            )
        if not inflater.eof or inflater.unused_data or len(piece) != expected:
            raise BackupDamagedError()
        return piece

    pieces = []
    done = 0
    for piece in _map_ordered(work, frames, _workers()):
        if sink is not None:
            sink(piece)
        else:
            pieces.append(piece)
        done += len(piece)
        if progress is not None:
            progress(done, header.database_size)
    if sink is not None:
        return replace(header, authenticated=True), b""
    image = pieces[0] if len(pieces) == 1 else b"".join(pieces)
    del pieces
    return replace(header, authenticated=True), image


# --------------------------------------------------------------------------- files


def _write_error(exc: OSError) -> BackupWriteError:
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
        raise _write_error(exc) from exc
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
            raise _write_error(exc) from exc
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


def _open_for_reading(path: str | os.PathLike[str]):
    try:
        return open(path, "rb")  # noqa: SIM115 - closed by the caller
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
    sink: Callable[[bytes], None] | None = None,
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
            head = handle.read(_MAX_HEADER_LEN)
        except OSError as exc:
            raise BackupReadError() from exc
    return _parse_header(head, expected_application_id).header


# --------------------------------------------------------------------------- load


def load_database(
    db_bytes: bytes,
    *,
    expected_application_id: int = APPLICATION_ID,
    max_schema_version: int,
) -> sqlite3.Connection:
    """Open a database image in memory and check it is ours, not newer, intact.

    Returns an in-memory (``deserialize``) connection the caller owns.  Checks
    ``PRAGMA application_id`` (another program's file), ``PRAGMA
    user_version`` (newer schema: "update the app") and ``PRAGMA
    integrity_check``.  The connection runs in SQLite's defensive mode with
    ``trusted_schema=OFF`` since the data came from another machine.
    """
    if len(db_bytes) < 100 or not bytes(db_bytes[:16]) == _SQLITE_MAGIC:
        raise CorruptDatabaseError()
    image = _normalize_journal_bytes(bytes(db_bytes) if not isinstance(db_bytes, bytes) else db_bytes)
    conn = sqlite3.connect(":memory:")
    try:
        try:
            conn.deserialize(image)
            if hasattr(conn, "setconfig") and hasattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE"):
                conn.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)
            conn.execute("PRAGMA trusted_schema = OFF")
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if application_id != expected_application_id:
                raise ForeignDatabaseError()
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            if user_version > max_schema_version:
                raise BackupTooNewError()
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.Error as exc:
            raise CorruptDatabaseError() from exc
        if rows != [("ok",)]:
            raise CorruptDatabaseError()
    except BaseException:
        conn.close()
        raise
    return conn


# --------------------------------------------------------------------------- passphrase strength

#: A tiny list of passwords everybody tries first (lower case).  Not a real
#: breach list; it only catches the most obvious choices.
_COMMON = frozenset(
    """password passwort passw0rd motdepasse contraseña 123456 1234567 12345678 123456789
    1234567890 111111 000000 123123 654321 qwerty qwertz azerty asdfgh abc123 abcdef
    letmein welcome willkommen admin administrator iloveyou monkey dragon master sunshine
    football baseball princess secret geheim hallo hello sommer summer winter freedom
    changeme default test test123 crm crmdesktop sales vertrieb customer kunden company
    team teampassword backup""".split()
)


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """Rate a passphrase 0..4 with a reason key, e.g. ``(1, "too_short")``.

    An honest, simple estimate, not a guarantee: entropy is guessed as
    ``length * log2(pool)``, where the pool adds 26 for lower case, 26 for
    upper case, 10 for digits, 33 for ASCII symbols and 100 for other
    characters, with length counted as at most twice the number of distinct
    characters (so "aaaaaaaaaaaa" does not score).  Known-bad choices from a
    tiny built-in list score 0.  Several random words are the easy way to 4.

    Scores and reason keys (for the UI to translate):
    0 ``"empty"``, ``"common"`` or ``"repetitive"``; 1 ``"too_short"``
    (under 8 characters); 2 ``"weak"`` (< 40 bits); 3 ``"fair"`` (< 72 bits);
    4 ``"strong"``.  The app should ask for at least 3 for a team passphrase.
    """
    text = unicodedata.normalize("NFC", passphrase)
    if not text.strip():
        return 0, "empty"
    lowered = text.lower().strip()
    core = lowered.strip(string.digits + string.punctuation + " ")
    if lowered in _COMMON or core in _COMMON or (len(core) <= 3 and len(lowered) < 12):
        return 0, "common"
    distinct = len(set(text))
    if distinct <= 2:
        return 0, "repetitive"
    if len(text) < 8:
        return 1, "too_short"
    pool = 0
    pool += 26 if any(c in string.ascii_lowercase for c in text) else 0
    pool += 26 if any(c in string.ascii_uppercase for c in text) else 0
    pool += 10 if any(c in string.digits for c in text) else 0
    pool += 33 if any(c in string.punctuation or c == " " for c in text) else 0
    pool += 100 if any(ord(c) > 127 for c in text) else 0
    bits = min(len(text), 2 * distinct) * math.log2(max(pool, 2))
    if bits < 40:
        return 2, "weak"
    if bits < 72:
        return 3, "fair"
    return 4, "strong"
