"""Making a book: an empty one, or the demo book a first start offers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from crm_desktop.db.database import open_database


def create_demo_book(path: str | Path, *, now: datetime, customers: int = 2000, seed: int = 1,
                     language: str = "zh_CN",
                     progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write a new demo book at *path* (which must not exist yet) in *language*; returns its row counts."""
    from crm_desktop.services.demo import generate_demo

    db = open_database(path, create=True)
    try:
        return generate_demo(db, customers=customers, seed=seed, now=now, language=language, progress=progress)
    finally:
        db.close()


class OpenBook:
    """One open book for a window: its lock, database and services; :meth:`close` releases it.

    ``create``: make the file if it does not exist (a new book); otherwise a missing file
    is refused with a sentence, never silently made empty.  The lock refuses a second
    window (or a command) writing the same file.
    """

    def __init__(self, path: str, user: str, *, now: Callable[[], datetime], create: bool = False) -> None:
        from crm_desktop.db.lock import BookLock
        from crm_desktop.services import Services
        from crm_desktop.services.context import ServiceContext

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
        self.services = Services(ServiceContext(self._db, user=user, now=now))

    def close(self) -> None:
        """Remember the clock and release the file (call once the book's queued work is done)."""
        self._db.close()
        if self._lock:
            self._lock.release()
