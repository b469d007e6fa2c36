"""``crm-desktop check`` and ``crm-desktop recover``: what a book holds and whether it is whole."""

from __future__ import annotations

import os

from crm_desktop.db.database import Database, open_database
from crm_desktop.db.health import check_book
from crm_desktop.db.recover import RecoveryReport
from crm_desktop.db.recover import recover_book as copy_readable_rows
from crm_desktop.db.search import reindex_customers
from crm_desktop.domain.models import CheckReport


def check_database(db: Database) -> CheckReport:
    """SQLite's integrity and foreign-key checks and the live rows per table of the open book *db*.

    A damaged file is reported (``damaged``), not raised: saying what is wrong is this command's job.
    """
    with db.reading() as tx:
        return check_book(tx, str(db.path or db.url))


def recover_book(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> RecoveryReport:
    """The readable rows of the damaged *source* in the new book *target*, searchable."""
    report = copy_readable_rows(source, target)
    db = open_database(target, create=False)
    try:
        with db.bulk() as tx:
            reindex_customers(tx)
    finally:
        db.close()
    return report
