"""The team's people (the ``person`` table): who they are, under which id, and a rename as one stamped edit.

A person made from a name — by the migration that introduced the table, by an install that has no id of its
own yet, by an import's owner column — has the id :func:`person_id_for` gives that name, the same on every
laptop, so books that learned the same name apart merge into one person.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection

from crm_desktop.db.models import Person
from crm_desktop.db.sync import insert_row, set_deleted, stable_id, update_row
from crm_desktop.domain.people import person_key

SEED_STAMP = "0000000000000-00000-0"
"""The lowest stamp there is: what a person made from existing owner names is stamped with, so every laptop
makes the identical row and any real edit wins over it."""


def person_id_for(name: str | None) -> str:
    """The id of the person named *name* before anyone chose one (empty for an empty name)."""
    key = person_key(name)
    return stable_id("person", key) if key else ""


def live_people(conn: Connection) -> list[tuple[str, str]]:
    """(id, name) of every person not deleted, by name."""
    t = Person.__table__
    rows = conn.execute(select(t.c.id, t.c.name).where(t.c.deleted_stamp.is_(None)).order_by(t.c.name, t.c.id))
    return [(r[0], r[1]) for r in rows]


def ensure_person(conn: Connection, person_id: str, name: str, stamp: str) -> bool:
    """Make sure *person_id* is a live person: inserted as *name* when missing, brought back when deleted
    (its name is left as the team knows it).  True when something was written."""
    t = Person.__table__
    row = conn.execute(select(t.c.deleted_stamp).where(t.c.id == person_id)).first()
    if row is None:
        insert_row(conn, Person, {"id": person_id, "name": name[:100]}, stamp)
        return True
    if row[0] is not None:
        set_deleted(conn, Person, person_id, False, stamp)
        return True
    return False


def rename_person(conn: Connection, person_id: str, name: str, stamp: str) -> bool:
    """Write *name* on *person_id* (one stamped edit; False when it was already so)."""
    return update_row(conn, Person, person_id, {"name": name[:100]}, stamp)


def people_named(conn: Connection, names: Iterable[str], stamp: str) -> dict[str, str]:
    """Each of *names* (as typed: an import's owner column) → the person it names: a live person going by
    that name (:func:`crm_desktop.domain.people.same_person`), else the person of the name's own id, made
    (stamped *stamp*) when the book has none.  Empty names are left out."""
    known = {person_key(n): pid for pid, n in live_people(conn) if person_key(n)}
    out: dict[str, str] = {}
    for name in names:
        key = person_key(name)
        if not key:
            continue
        pid = known.get(key)
        if pid is None:
            pid = known[key] = person_id_for(name)
            ensure_person(conn, pid, name.strip(), stamp)
        out[name] = pid
    return out
