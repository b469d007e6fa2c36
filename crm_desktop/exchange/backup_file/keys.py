"""From the team passphrase to the file's keys: the key-derivation functions, their costs and caps.

``master = KDF(NFC-normalised UTF-8 passphrase, salt, params)`` (32 bytes);
``aead_key = HKDF-SHA256(master, info="crmbak v1 aead key")`` and
``mac_key = HKDF-SHA256(master, info="crmbak v1 header mac key")``.  A
header may ask for any parameters; :func:`check_kdf_limits` refuses the ones
that would hang or exhaust the machine before any work is done.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from crm_desktop.exchange.backup_file.errors import BackupUnsafeError, BackupUnsupportedError

try:  # cryptography >= 44 with OpenSSL >= 3.2
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
except ImportError:  # pragma: no cover - depends on the installed build
    Argon2id = None  # type: ignore[assignment,misc]  # None: this build has no Argon2id (checked before use)

KDF_SCRYPT = 1
KDF_ARGON2ID = 2

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

_INFO_AEAD = b"crmbak v1 aead key"
_INFO_MAC = b"crmbak v1 header mac key"


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

    def is_valid(self) -> bool:
        """Whether the parameters are usable at all (a power-of-two N, at least one lane …)."""
        if self.name == "argon2id":
            return self.lanes >= 1 and self.iterations >= 1 and self.memory_kib >= 8 * self.lanes
        if self.name == "scrypt":
            return self.n >= 2 and self.n & (self.n - 1) == 0 and self.r >= 1 and self.p >= 1
        return False

    def encoded(self) -> tuple[int, int, int, int]:
        """(kdf id, param 1, param 2, param 3) as the header stores them."""
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



def normalize_passphrase(passphrase: str) -> bytes:
    """The passphrase as the KDF reads it: NFC-normalised UTF-8 (the same text typed on any keyboard)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_keys(passphrase: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    """(aead_key, mac_key) for *passphrase* with *salt* and *kdf* (see the module docstring)."""
    secret = normalize_passphrase(passphrase)
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


def check_kdf_limits(kdf: KdfParams, limits: BackupLimits) -> None:
    """Refuse (:class:`BackupUnsafeError`) parameters beyond *limits*, before the KDF runs."""
    # Each factor is also capped on its own so that products cannot overflow
    # into something that looks small, and lanes/p stay sane.
    if kdf.name == "argon2id":
        sane = kdf.lanes <= 64 and kdf.iterations <= 64
    else:
        sane = kdf.n <= 2**30 and kdf.r <= 64 and kdf.p <= 64
    if not sane or kdf.memory_bytes > limits.max_kdf_memory or kdf.cost_bytes > limits.max_kdf_cost:
        raise BackupUnsafeError()

