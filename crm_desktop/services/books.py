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
