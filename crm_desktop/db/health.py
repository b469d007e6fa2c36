"""What ``crm-desktop check`` reads: SQLite's integrity and foreign-key checks, the search index's
coverage and the live rows per table (the service in :mod:`crm_desktop.services.check` reports it)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import OperationalError

from crm_desktop.db.database import HEAD_SCHEMA_VERSION
from crm_desktop.domain.models import CheckReport

_COUNTED = ("customer", "contact", "interaction", "sales_order", "complaint", "tag", "conflict")


def _damage(exc: SQLAlchemyDatabaseError) -> bool:
    """True when SQLite said a page is damaged (not busy, not a full disk: those are the caller's to say)."""
    if isinstance(exc, OperationalError):
        raise exc
    return True


def _integrity(conn: Connection) -> tuple[str, bool]:
    """(SQLite's integrity verdict, damaged)."""
    try:
        verdict = "; ".join(r[0] for r in conn.execute(text("PRAGMA integrity_check(20)"))) or "ok"
    except SQLAlchemyDatabaseError as exc:
        return "damaged", _damage(exc)
    return verdict, verdict != "ok"


def _structure(conn: Connection, problems: list[str]) -> tuple[int, bool]:
    """(schema version, damaged); rows pointing at missing parents and an incomplete search index go to
    *problems*."""
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
        return HEAD_SCHEMA_VERSION, _damage(exc)
    return version, False


def check_book(conn: Connection, where: str) -> CheckReport:
    """Run SQLite's integrity and foreign-key checks and count live rows per table (*where*: the book's
    path or URL, for the report).

    A damaged file is reported (``damaged``, and -1 where a count could not be made), not raised:
    saying what is wrong is this command's job.
    """
    problems: list[str] = []
    counts: dict[str, int] = {}
    integrity, damaged, version = "ok", False, HEAD_SCHEMA_VERSION
    if conn.dialect.name == "sqlite":
        integrity, damaged = _integrity(conn)
        version, broken = _structure(conn, problems)
        damaged |= broken
    for table in _COUNTED:
        live = "" if table == "conflict" else " WHERE deleted_stamp IS NULL"
        try:
            counts[table] = conn.execute(text(f"SELECT COUNT(*) FROM {table}{live}")).scalar_one()
        except SQLAlchemyDatabaseError as exc:
            damaged |= _damage(exc)
            counts[table] = -1
    return CheckReport(path=where, schema_version=version, integrity=integrity,
                       counts=counts, problems=tuple(problems), damaged=damaged)
