"""Which records belong to one customer, read from the models' foreign keys (one list, never written out).

A record belongs to a customer through a ``customer_id`` foreign key (contacts, logged contacts, orders,
complaints, deals, tag links), or through a foreign key to such a record (a complaint's events, a deal's
stage changes).  Partial backups, the "2 versions" review and a merge limited to a sender's own customers
all ask this module, so a new table with such a key is covered everywhere at once.
"""

from __future__ import annotations

from functools import cache


@cache
def customer_links() -> dict[str, tuple[str, str]]:
    """Table → (its column, the table that column points at) for every table whose records belong to one
    customer: ``("customer_id", "customer")`` directly, or a foreign key to a table that belongs to one.
    The customer table itself is not listed."""
    from sqlmodel import SQLModel

    from crm_desktop.db import models  # noqa: F401 - registers the tables on SQLModel.metadata

    tables = SQLModel.metadata.tables
    links: dict[str, tuple[str, str]] = {}
    for name, table in tables.items():
        for fk in table.foreign_keys:
            if fk.column.table.name == "customer":
                links[name] = (fk.parent.name, "customer")
    for name, table in tables.items():
        if name in links or name == "customer":
            continue
        for fk in table.foreign_keys:
            parent = fk.column.table.name
            if parent in links and links[parent][1] == "customer":
                links[name] = (fk.parent.name, parent)
    return links


def direct_tables() -> list[str]:
    """Tables with their own ``customer_id``."""
    return sorted(t for t, (_col, parent) in customer_links().items() if parent == "customer")


def through_tables() -> list[tuple[str, str, str]]:
    """(table, its column, the parent table) for tables that belong to a customer through a parent record."""
    return sorted((t, col, parent) for t, (col, parent) in customer_links().items() if parent != "customer")


def customer_of_sql(table: str) -> str | None:
    """``SELECT customer id, customer name`` of the record ``:r`` of *table* (None: not a customer's)."""
    if table == "customer":
        return "SELECT id, name FROM customer WHERE id = :r"
    link = customer_links().get(table)
    if link is None:
        return None
    col, parent = link
    if parent == "customer":
        return (f'SELECT c.id, c.name FROM "{table}" t JOIN customer c ON c.id = t."{col}" WHERE t.id = :r')
    pcol = customer_links()[parent][0]
    return (f'SELECT c.id, c.name FROM "{table}" t JOIN "{parent}" p ON p.id = t."{col}" '
            f'JOIN customer c ON c.id = p."{pcol}" WHERE t.id = :r')
