"""Owner-only files: a book and its backups hold customers' personal data.

On POSIX systems the data folder and ``backups/`` are made 0700 and the book,
its WAL, lock file and every backup 0600, so other users of the computer
cannot read them.  SQLite creates ``-wal``/``-shm`` with the book's own mode,
so once the book is 0600 they are too.  Elsewhere (Windows) the user's profile
folder already is private and these functions do nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_BOOK_SUFFIXES = ("", "-wal", "-shm", "-journal", ".lock")


def make_private(path: Path) -> None:
    """Owner-only permissions on *path* (0700 folders, 0600 files) when this user owns it."""
    if os.name != "posix":
        return
    try:
        st = os.stat(path)
        if st.st_uid != os.getuid() or not stat.S_IMODE(st.st_mode) & 0o077:
            return
        os.chmod(path, PRIVATE_DIR if stat.S_ISDIR(st.st_mode) else PRIVATE_FILE)
    except OSError:
        pass


def private_folder(folder: Path) -> Path:
    """Make *folder* owner-only, creating it and any missing parents owner-only too."""
    missing = []
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        path.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        make_private(path)  # mkdir's mode is masked by the umask
    make_private(Path(folder))
    return Path(folder)


def new_private_file(path: Path) -> None:
    """Create the empty file *path* owner-only (for SQLite to write into), failing if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    os.close(fd)


def secure_book(path: Path, *, data_folder: Path | None = None) -> None:
    """Owner-only permissions for the book at *path*, its WAL, shared-memory and lock files; and for its
    folder when that is the app's own data folder (a folder the person chose is theirs to set)."""
    for suffix in _BOOK_SUFFIXES:
        make_private(Path(str(path) + suffix))
    if data_folder is not None and Path(path).absolute().parent == Path(data_folder).absolute():
        make_private(Path(data_folder))


SIDECARS = ("-wal", "-shm", "-journal")
"""Files SQLite keeps beside a book while it is open (or after a crash)."""


def remove_book(path: str | os.PathLike[str], *, sidecars_only: bool = False) -> None:
    """Remove the book at *path* with its sidecar files (only the sidecars with *sidecars_only*); missing
    files are no error."""
    for suffix in SIDECARS if sidecars_only else ("", *SIDECARS):
        Path(os.fspath(path) + suffix).unlink(missing_ok=True)


def replace_book(new: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """Move the finished (closed) book *new* onto *path* in one rename: *path*'s old sidecars go first,
    so SQLite never pairs the new file with the old one's write-ahead log."""
    remove_book(path, sidecars_only=True)
    os.replace(new, path)
    remove_book(new, sidecars_only=True)
