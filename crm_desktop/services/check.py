"""``crm-desktop check``: integrity of a database file and a summary of what it holds."""

from __future__ import annotations

from sqlalchemy import text

from crm_desktop.db.database import HEAD_SCHEMA_VERSION, Database
from crm_desktop.domain.models import CheckReport

_COUNTED = ("customer", "contact", "interaction", "sales_order", "complaint", "tag", "conflict")


def check_database(db: Database) -> CheckReport:
    """Run SQLite's integrity and foreign-key checks and count live rows per table."""
    problems: list[str] = []
    counts: dict[str, int] = {}
    with db.engine.connect() as conn:
        integrity = "ok"
        if db.is_sqlite:
            integrity = "; ".join(r[0] for r in conn.execute(text("PRAGMA integrity_check"))) or "ok"
            fk = conn.execute(text("PRAGMA foreign_key_check")).all()
            if fk:
                problems.append(f"{len(fk)} rows point at missing parents")
            version = conn.execute(text("PRAGMA user_version")).scalar_one()
            indexed = conn.execute(text("SELECT COUNT(*) FROM customer_search")).scalar_one()
            total = conn.execute(text("SELECT COUNT(*) FROM customer")).scalar_one()
            if indexed != total:
                problems.append(f"search index covers {indexed} of {total} customers")
        else:
            version = HEAD_SCHEMA_VERSION
        for table in _COUNTED:
            live = "" if table in ("conflict",) else " WHERE deleted_stamp IS NULL"
            counts[table] = conn.execute(text(f"SELECT COUNT(*) FROM {table}{live}")).scalar_one()
    return CheckReport(path=str(db.path or db.url), schema_version=version, integrity=integrity,
                       counts=counts, problems=tuple(problems))
