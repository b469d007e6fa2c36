"""Encrypted backup files (``.crmbak``): the format, writing and reading it.

Salespeople e-mail these files to teammates, so a backup holds customers'
personal data and must be unreadable without the team passphrase.  This
package only knows bytes and files: taking the database image
(:mod:`crm_desktop.db.snapshot`), restore and merge
(:mod:`crm_desktop.services.backup`) live elsewhere.  No Qt, no database.

Modules: :mod:`~crm_desktop.exchange.backup_file.header` (layout, reading
it untrusted), :mod:`~crm_desktop.exchange.backup_file.keys` (passphrase →
keys, KDF caps), :mod:`~crm_desktop.exchange.backup_file.seal` (seal/unseal),
:mod:`~crm_desktop.exchange.backup_file.files` (atomic write, capped read),
:mod:`~crm_desktop.exchange.backup_file.strength` (passphrase strength),
:mod:`~crm_desktop.exchange.backup_file.errors` (one sentence per refusal).

Typical use::

    data = seal(image, passphrase, schema_version=7, site_id="anna-laptop",
                now=datetime.now(timezone.utc), app_version="0.1.0")
    write_file_atomically(target, data)
    ...
    header, image = read_backup(target, passphrase, max_schema_version=7)

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

from crm_desktop.exchange.backup_file.errors import (
    BackupDamagedError,
    BackupError,
    BackupReadError,
    BackupTooLargeError,
    BackupTooNewError,
    BackupUnsafeError,
    BackupUnsupportedError,
    BackupWriteError,
    BackupWrongPassphraseError,
    CorruptDatabaseError,
    DatabaseFileNotBackupError,
    DatabaseReadError,
    ForeignDatabaseError,
    ForeignFileError,
    NotABackupError,
    PassphraseMissingError,
)
from crm_desktop.exchange.backup_file.files import peek_header, read_backup, write_error, write_file_atomically
from crm_desktop.exchange.backup_file.header import (
    APPLICATION_ID,
    COMPRESSION_ZLIB,
    COMPRESSION_ZSTD,
    FILE_SUFFIX,
    FORMAT_VERSION,
    MAGIC,
    BackupHeader,
)
from crm_desktop.exchange.backup_file.keys import (
    DEFAULT_LIMITS,
    KDF_ARGON2ID,
    KDF_SCRYPT,
    BackupLimits,
    KdfParams,
    argon2id_available,
    default_kdf,
)
from crm_desktop.exchange.backup_file.seal import Progress, seal, unseal
from crm_desktop.exchange.backup_file.strength import passphrase_strength

__all__ = [
    "APPLICATION_ID", "FORMAT_VERSION", "MAGIC", "FILE_SUFFIX", "COMPRESSION_ZLIB", "COMPRESSION_ZSTD",
    "KDF_SCRYPT", "KDF_ARGON2ID", "Progress",
    "BackupHeader", "BackupLimits", "KdfParams", "DEFAULT_LIMITS", "default_kdf", "argon2id_available",
    "seal", "unseal", "write_file_atomically", "write_error", "read_backup", "peek_header", "passphrase_strength",
    "BackupError", "BackupDamagedError", "NotABackupError", "DatabaseFileNotBackupError",
    "ForeignFileError", "BackupWrongPassphraseError", "BackupTooNewError",
    "BackupUnsupportedError", "BackupTooLargeError", "BackupUnsafeError",
    "BackupReadError", "BackupWriteError", "DatabaseReadError", "PassphraseMissingError",
    "ForeignDatabaseError", "CorruptDatabaseError",
]
