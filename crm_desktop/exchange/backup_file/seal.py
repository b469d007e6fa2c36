"""Sealing a database image into backup-file bytes, and checking and opening them again.

The body is cut into chunks (see the format specification in
:mod:`crm_desktop.exchange.backup_file`); chunks are compressed, encrypted,
decrypted and decompressed on a few threads at once (zlib, zstd and
cryptography's AEAD release the GIL), results kept in order.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import mmap
import os
import unicodedata
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.exchange.backup_file.errors import (
    BackupDamagedError,
    BackupTooLargeError,
    BackupTooNewError,
    BackupWrongPassphraseError,
    PassphraseMissingError,
)
from crm_desktop.exchange.backup_file.header import (
    APPLICATION_ID,
    COMPRESSION_ZSTD,
    DEFAULT_CHUNK_SIZE,
    DEFAULT_COMPRESSION_LEVEL,
    LENGTH,
    MAC_LEN,
    MAX_CHUNK_SIZE,
    MAX_HEADER_LEN,
    MIN_CHUNK_SIZE,
    NONCE_PREFIX_LEN,
    SALT_LEN,
    TAG_LEN,
    BackupHeader,
    ParsedHeader,
    chunk_count,
    encode_header,
    max_ciphertext_len,
    nonce,
    parse_header,
    to_micros,
)
from crm_desktop.exchange.backup_file.keys import (
    DEFAULT_LIMITS,
    BackupLimits,
    KdfParams,
    check_kdf_limits,
    default_kdf,
    derive_keys,
)

_T = TypeVar("_T")
_R = TypeVar("_R")
Progress = Callable[[int, int], None]
"""``progress(done, total)`` in database bytes."""

Frame = tuple[int, int, int, int]
"""One chunk of a file being read: (index, start, end, plaintext length)."""

_TAMPERED = QT_TRANSLATE_NOOP(
    "errors", "This backup unpacks to more data than it declares; it was probably tampered with.")


# --------------------------------------------------------------------------- threads


def workers() -> int:
    """Threads used for the chunks: the cores this process may use, at most four."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def map_ordered(fn: Callable[[_T], _R], items: Iterable[_T], count: int) -> Iterator[_R]:
    """``map`` on a pool of *count* threads, results in order, at most 2*count in flight.

    zlib and cryptography's AEAD release the GIL, so threads use all cores.
    """
    if count <= 1:
        yield from map(fn, items)
        return
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="crmbak") as pool:
        pending: deque[Future[_R]] = deque()
        try:
            for item in items:
                pending.append(pool.submit(fn, item))
                if len(pending) >= 2 * count:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


# --------------------------------------------------------------------------- seal


def seal(
    db_bytes: bytes | memoryview | mmap.mmap,
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
    if not kdf.is_valid():
        raise ValueError(f"invalid KDF parameters: {kdf}")
    if not MIN_CHUNK_SIZE <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError("chunk_size out of range")
    view = memoryview(db_bytes).cast("B")
    total = len(view)
    count = chunk_count(total, chunk_size)
    if count >= 2**32:
        raise ValueError("database too large for this chunk size")
    salt = os.urandom(SALT_LEN)
    nonce_prefix = os.urandom(NONCE_PREFIX_LEN)
    unsigned = encode_header(
        kdf=kdf, salt=salt, nonce_prefix=nonce_prefix, chunk_size=chunk_size, database_size=total,
        schema_version=schema_version, created_at_us=to_micros(now), site_id=site_id,
        app_version=app_version, compression_id=compression_id,
    )
    aead_key, mac_key = derive_keys(secret, salt, kdf)
    header = unsigned + hmac.new(mac_key, unsigned, hashlib.sha256).digest()
    aead = AESGCM(aead_key)
    compress = _compressor(compression_id, compression_level)

    def work(index: int) -> bytes:
        piece = view[index * chunk_size : (index + 1) * chunk_size]
        ciphertext = aead.encrypt(nonce(nonce_prefix, index, index == count - 1), compress(piece), header)
        return LENGTH.pack(len(ciphertext)) + ciphertext

    parts = [header]
    done = 0
    for part in map_ordered(work, range(count), workers()):
        parts.append(part)
        done = min(total, done + chunk_size)
        if progress is not None:
            progress(done, total)
    return b"".join(parts)


def _compressor(compression_id: int, level: int) -> Callable[[memoryview], bytes]:
    if compression_id == COMPRESSION_ZSTD:
        import zstandard

        def compress_zstd(piece: memoryview) -> bytes:
            return zstandard.ZstdCompressor(level=level).compress(piece)

        return compress_zstd

    def compress_zlib(piece: memoryview) -> bytes:
        return zlib.compress(piece, level)

    return compress_zlib


# --------------------------------------------------------------------------- unseal


def unseal(
    data: bytes | memoryview,
    passphrase: str,
    *,
    limits: BackupLimits = DEFAULT_LIMITS,
    max_schema_version: int | None = None,
    expected_application_id: int = APPLICATION_ID,
    progress: Progress | None = None,
    sink: Callable[[bytes], object] | None = None,
) -> tuple[BackupHeader, bytes]:
    """Check, decrypt and decompress backup-file bytes.

    Returns the authenticated header and the database image.  Raises a
    :class:`~crm_desktop.exchange.backup_file.errors.BackupError` subclass for every kind of bad input; limits are
    enforced before the expensive steps (see :class:`~crm_desktop.exchange.backup_file.keys.BackupLimits`).
    ``max_schema_version`` refuses backups of a newer schema early.
    With ``sink``, each decrypted piece is handed to ``sink(piece)`` in order
    instead of being joined, and the returned image is ``b""``: restore and
    merge stream a large database to a file without holding it in memory.
    The caller must discard what the sink received if an error is raised.
    """
    view = memoryview(data).cast("B")
    if len(view) > limits.max_file_size:
        raise BackupTooLargeError()
    parsed = parse_header(bytes(view[:MAX_HEADER_LEN]), expected_application_id)
    header = parsed.header
    if header.database_size > limits.max_database_size:
        raise BackupTooLargeError()
    check_kdf_limits(header.kdf, limits)
    frames = _frames(view, parsed)  # cheap, before the KDF: truncation is reported at once

    aead_key, mac_key = derive_keys(passphrase, parsed.salt, header.kdf)
    unsigned = parsed.raw[: -MAC_LEN]
    if not hmac.compare_digest(hmac.new(mac_key, unsigned, hashlib.sha256).digest(), parsed.mac):
        raise BackupWrongPassphraseError()
    if max_schema_version is not None and header.schema_version > max_schema_version:
        raise BackupTooNewError()
    opener = _ChunkOpener(AESGCM(aead_key), parsed, view, len(frames))

    pieces = []
    done = 0
    for piece in map_ordered(opener.open, frames, workers()):
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


def _frames(view: memoryview, parsed: ParsedHeader) -> list[Frame]:
    """Where each chunk lies in the file; a truncated, padded or garbled body is refused."""
    header = parsed.header
    chunk_size = header.chunk_size
    count = chunk_count(header.database_size, chunk_size)
    max_ct = max_ciphertext_len(chunk_size)
    if len(view) - len(parsed.raw) < count * (LENGTH.size + TAG_LEN):
        raise BackupDamagedError()
    frames: list[Frame] = []
    pos = len(parsed.raw)
    for index in range(count):
        if pos + LENGTH.size > len(view):
            raise BackupDamagedError()
        (length,) = LENGTH.unpack_from(view, pos)
        pos += LENGTH.size
        if not TAG_LEN <= length <= max_ct or pos + length > len(view):
            raise BackupDamagedError()
        expected = min(chunk_size, header.database_size - index * chunk_size)
        frames.append((index, pos, pos + length, expected))
        pos += length
    if pos != len(view):
        raise BackupDamagedError()
    return frames


class _ChunkOpener:
    """Decrypts and decompresses one chunk at a time (on any thread), to exactly its expected length."""

    def __init__(self, aead: AESGCM, parsed: ParsedHeader, view: memoryview, count: int) -> None:
        self.aead, self.parsed, self.view, self.count = aead, parsed, view, count
        self.zstd = parsed.header.compression == "zstd"

    def open(self, frame: Frame) -> bytes:
        index, start, end, expected = frame
        try:
            compressed = self.aead.decrypt(nonce(self.parsed.nonce_prefix, index, index == self.count - 1),
                                           self.view[start:end], self.parsed.raw)
        except InvalidTag as exc:
            raise BackupDamagedError() from exc
        return _unzstd(compressed, expected) if self.zstd else _inflate(compressed, expected)


def _inflate(compressed: bytes, expected: int) -> bytes:
    """Decompress one zlib chunk; a bomb stops after at most *expected* bytes of output."""
    inflater = zlib.decompressobj()
    try:
        # max_length caps the output (0 would mean "no cap", hence max(.., 1))
        piece = inflater.decompress(compressed, max(expected, 1))
        if not inflater.eof and len(piece) >= expected:
            # All expected output is there; only the stream end may remain.
            extra = inflater.decompress(inflater.unconsumed_tail, 1)
            if extra:
                piece += extra
    except zlib.error as exc:
        raise BackupDamagedError() from exc
    if len(piece) > expected:
        raise BackupTooLargeError(_TAMPERED)
    if not inflater.eof or inflater.unused_data or len(piece) != expected:
        raise BackupDamagedError()
    return piece


def _unzstd(compressed: bytes, expected: int) -> bytes:
    """Decompress one Zstandard chunk, reading at most one byte past what it declares."""
    import zstandard

    try:
        with zstandard.ZstdDecompressor().stream_reader(io.BytesIO(compressed), read_across_frames=False) as r:
            piece = r.read(expected + 1) if expected else r.read(1)
    except zstandard.ZstdError as exc:
        raise BackupDamagedError() from exc
    if len(piece) > expected:
        raise BackupTooLargeError(_TAMPERED)
    if len(piece) != expected:
        raise BackupDamagedError()
    return piece
