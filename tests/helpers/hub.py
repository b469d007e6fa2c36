"""Laptops and a team hub for the hub tests: real SQLite books, a real PostgreSQL hub (no mocks)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from crm_desktop.db.database import Database, open_database
from crm_desktop.db.hub.admin import add_member, hub_host, init_hub
from crm_desktop.services import Services
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.hub import HubService, make_invitation
from crm_desktop.services.merge.join import State
from crm_desktop.services.merge.plan import read_state

_names = itertools.count(1)


class MemoryPasswords:
    """A keyring for one test: passwords by key, in memory."""

    def __init__(self) -> None:
        self.saved: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.saved.get(key)

    def set(self, key: str, password: str) -> None:
        self.saved[key] = password


@dataclass
class Laptop:
    """One salesperson's install: a book, its services and its hub sync."""

    name: str
    db: Database
    services: Services
    hub: HubService
    passwords: MemoryPasswords = field(default_factory=MemoryPasswords)

    def state(self) -> State:
        with self.db.bulk() as conn:
            return read_state(conn)

    def close(self) -> None:
        self.db.close()


def invite(url: str, role: str, person_id: str = "") -> str:
    """Add *role* to the hub at *url* and return its invitation."""
    password = add_member(url, role, person_id)
    host, port, dbname = hub_host(url)
    return make_invitation(host, port, dbname, role, password)


def new_role(prefix: str = "m") -> str:
    """A role name not used before in this session (roles are shared by the cluster's databases)."""
    return f"{prefix}{next(_names)}_{id(_names) % 1000}"


def laptop(folder: Path, name: str, clock, url: str | None = None, *, join: bool = True) -> Laptop:
    """A new book for *name*; with *url*, made a member of that hub and joined."""
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / f"{name}.sqlite")
    ctx = ServiceContext(db, user=name, now=clock)
    passwords = MemoryPasswords()
    top = Laptop(name, db, Services(ctx), HubService(ctx, passwords), passwords)
    if url is not None and join:
        top.hub.join(invite(url, new_role(), ctx.person_id))
    return top


@contextmanager
def two_laptops(tmp_path: Path, clock, url: str) -> Iterator[tuple[Laptop, Laptop]]:
    """王磊's and 李娜's laptops, each a member of the hub at *url* and joined; closed after the block."""
    a = laptop(tmp_path / "a", "王磊", clock, url)
    b = laptop(tmp_path / "b", "李娜", clock, url)
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def make_hub(url: str, **kw) -> str:
    init_hub(url, **kw)
    return url


def hub_state(url: str) -> State:
    """Everything the hub holds, in the books' stored form (read as its administrator)."""
    from crm_desktop.db.hub import rows as hub
    from crm_desktop.db.hub.connect import open_admin
    from crm_desktop.services.merge.join import TABLE_NAMES

    with open_admin(url) as conn:
        tables = {t: {r["id"]: r for r in hub.rows_in_range(conn, t, -1, 2**62)} for t in TABLE_NAMES}
        erasures = {r["id"]: (r["table_name"], r["stamp"], r["erased_at"])
                    for r in hub.rows_in_range(conn, "erasure", -1, 2**62)}
    return State(tables, erasures)


def cut_connections(url: str, role: str) -> None:
    """End every session of *role* on the hub (a network cut, as the server sees it)."""
    from crm_desktop.db.hub.connect import open_admin

    with open_admin(url) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
        conn.commit()
