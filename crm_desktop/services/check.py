"""``crm-desktop check``: integrity of a database file and a summary of what it holds."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import OperationalError

from crm_desktop.db.database import HEAD_SCHEMA_VERSION, Database
from crm_desktop.domain.models import CheckReport

_COUNTED = ("customer", "contact", "interaction", "sales_order", "complaint", "tag", "conflict")


def _damage(exc: SQLAlchemyDatabaseError) -> bool:
    """True when SQLite said a page is damaged (not busy, not a full disk: those are the caller's to say)."""
    if isinstance(exc, OperationalError):
        raise exc
    return True


def check_database(db: Database) -> CheckReport:
    """Run SQLite's integrity and foreign-key checks and count live rows per table.

    A damaged file is reported (``damaged``, and "unreadable" where a count
    could not be made), not raised: saying what is wrong is this command's job.
    """
    problems: list[str] = []
    counts: dict[str, int] = {}
    damaged = False
    version = HEAD_SCHEMA_VERSION
    with db.engine.connect() as conn:
        integrity = "ok"
        if db.is_sqlite:
            try:
                integrity = "; ".join(r[0] for r in conn.execute(text("PRAGMA integrity_check(20)"))) or "ok"
            except SQLAlchemyDatabaseError as exc:
                damaged = _damage(exc)
                integrity = "damaged"
            if integrity != "ok":
                damaged = True
            try:
                fk = conn.execute(text("PRAGMA foreign_key_check")).all()
                if fk:
                    problems.append(f"{len(fk)} rows point at missing parents")
                version = conn.execute(text("PRAGMA user_version")).scalar_one()
                indexed = conn.execute(text("SELECT COUNT(*) FROM customer_search")).scalar_one()
                total = conn.execute(text("SELECT COUNT(*) FROM customer")).scalar_one()
                if indexed != total:
                    problems.append(f"search index covers {indexed} of {total} customers")
            except SQLAlchemyDatabaseError as exc:
                damaged = _damage(exc)
        for table in _COUNTED:
            live = "" if table in ("conflict",) else " WHERE deleted_stamp IS NULL"
            try:
                counts[table] = conn.execute(text(f"SELECT COUNT(*) FROM {table}{live}")).scalar_one()
            except SQLAlchemyDatabaseError as exc:
                damaged = _damage(exc)
                counts[table] = -1
    return CheckReport(path=str(db.path or db.url), schema_version=version, integrity=integrity,
                       counts=counts, problems=tuple(problems), damaged=damaged)


def recover_book(source, target):
    """``crm-desktop recover``: the readable rows of the damaged *source* in the new book *target*, searchable.

    Returns the :class:`~crm_desktop.db.recover.RecoveryReport`.
    """
    from crm_desktop.db.database import open_database
    from crm_desktop.db.recover import recover_book as copy_readable_rows
    from crm_desktop.db.search import reindex_customers

    report = copy_readable_rows(source, target)
    db = open_database(target, create=False)
    try:
        with db.bulk() as tx:
            reindex_customers(tx)
    finally:
        db.close()
    return report
