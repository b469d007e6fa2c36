"""Making a book: an empty one, or the demo book a first start offers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from crm_desktop.db.database import open_database
from crm_desktop.db.errors import DiskFullError
from crm_desktop.db.files import remove_book, replace_book

DEMO_BYTES_PER_CUSTOMER = 7_500
"""Disk a demo book takes per customer with its orders, contacts and history (measured: 7.1 KB)."""


def create_demo_book(path: str | os.PathLike[str], *, now: datetime, customers: int = 2000, seed: int = 1,
                     language: str = "zh_CN", progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write a new demo book in *language* to *path*; returns its row counts.

    The book is made in a new file beside *path* and moved into place only
    when complete, so an interrupted demo never leaves half a book (nor
    destroys the demo it was replacing); a disk without room for it is said
    before anything is written.  The caller decides whether *path* may be
    replaced (only a demo book may) and holds its lock.
    """
    from crm_desktop.services.demo import generate_demo

    path = Path(path)
    temp = path.with_name(f".{path.name}.new")
    remove_book(temp)
    path.parent.mkdir(parents=True, exist_ok=True)
    needed = customers * DEMO_BYTES_PER_CUSTOMER + 1024 * 1024
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise DiskFullError(path, free_bytes=free, needed_bytes=needed)
    db = open_database(temp, create=True)
    try:
        counts = generate_demo(db, customers=customers, seed=seed, now=now, language=language, progress=progress)
    except BaseException:
        db.close()
        remove_book(temp)
        raise
    db.close()
    replace_book(temp, path)
    return counts


class OpenBook:
    """One open book for a window: its lock, database and services; :meth:`close` releases it.

    ``create``: make the file if it does not exist (a new book); otherwise a missing file
    is refused with a sentence, never silently made empty.  The lock refuses a second
    window (or a command) writing the same file.  ``person_id``: my person (empty: the one of my name);
    opening makes sure my person row exists, with my name.
    """

    def __init__(self, path: str, user: str, *, now: Callable[[], datetime], create: bool = False,
                 person_id: str = "") -> None:
        from crm_desktop.db.lock import BookLock
        from crm_desktop.services import Services
        from crm_desktop.services.context import ServiceContext
        from crm_desktop.services.people import PeopleService

        self.path = path
        self._lock = None
        if "://" not in path:
            if not create and not Path(path).exists():
                from crm_desktop.db.database import MissingDatabaseError

                raise MissingDatabaseError(path)
            self._lock = BookLock(Path(path))
            self._lock.acquire()
        try:
            self._db = open_database(path, create=create)
        except BaseException:
            if self._lock:
                self._lock.release()
            raise
        self.services = Services(ServiceContext(self._db, user=user, now=now, person_id=person_id))
        try:
            self.services.get(PeopleService).ensure_me()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Remember the clock and release the file (call once the book's queued work is done)."""
        self._db.close()
        if self._lock:
            self._lock.release()
