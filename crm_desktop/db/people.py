"""The team's people (the ``person`` table): who they are, under which id, and a rename as one stamped edit.

A person made from a name — by the migration that introduced the table, by an install that has no id of its
own yet, by an import's owner column — has the id :func:`person_id_for` gives that name, the same on every
laptop, so books that learned the same name apart merge into one person.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from crm_desktop.db.sync import insert_row, set_deleted, stable_id, update_row
from crm_desktop.domain.people import is_person_id, person_key
from crm_desktop.lazy import LazyModule

if TYPE_CHECKING:
    from crm_desktop.db import models
else:
    models = LazyModule("crm_desktop.db.models")  # the ORM models on first use (a write): reads need none


SEED_STAMP = "0000000000000-00000-0"
"""The lowest stamp there is: what a person made from existing owner names is stamped with, so every laptop
makes the identical row and any real edit wins over it."""


def person_id_for(name: str | None) -> str:
    """The id of the person named *name* before anyone chose one (empty for an empty name)."""
    key = person_key(name)
    return stable_id("person", key) if key else ""


def live_people(conn: Connection) -> list[tuple[str, str]]:
    """(id, name) of every person not deleted, by name."""
    t = models.Person.__table__
    rows = conn.execute(select(t.c.id, t.c.name).where(t.c.deleted_stamp.is_(None)).order_by(t.c.name, t.c.id))
    return [(r[0], r[1]) for r in rows]


def ensure_person(conn: Connection, person_id: str, name: str, stamp: str) -> bool:
    """Make sure *person_id* is a live person: inserted as *name* when missing, brought back when deleted
    (its name is left as the team knows it).  True when something was written."""
    t = models.Person.__table__
    row = conn.execute(select(t.c.deleted_stamp).where(t.c.id == person_id)).first()
    if row is None:
        insert_row(conn, models.Person, {"id": person_id, "name": name[:100]}, stamp)
        return True
    if row[0] is not None:
        set_deleted(conn, models.Person, person_id, False, stamp)
        return True
    return False


def rename_person(conn: Connection, person_id: str, name: str, stamp: str) -> bool:
    """Write *name* on *person_id* (one stamped edit; False when it was already so)."""
    return update_row(conn, models.Person, person_id, {"name": name[:100]}, stamp)


def _by_name(conn: Connection) -> dict[str, str]:
    """Comparison form of a name → the live person going by it (two going by one name: the smaller id)."""
    known: dict[str, str] = {}
    for pid, n in live_people(conn):
        if person_key(n):
            known.setdefault(person_key(n), pid)
    return known


def person_for_name(conn: Connection, name: str) -> str:
    """The person :func:`people_named` gives *name*, without writing anything (a preview); "" for no name."""
    key = person_key(name)
    return _by_name(conn).get(key) or person_id_for(name) if key else ""


def people_named(conn: Connection, names: Iterable[str], stamp: str) -> dict[str, str]:
    """Each of *names* (as typed: an import's owner column) → the person it names: a live person going by
    that name (:func:`crm_desktop.domain.people.same_person`), else the person of the name's own id, made
    (stamped *stamp*) when the book has none.  Empty names are left out."""
    known = _by_name(conn)
    out: dict[str, str] = {}
    for name in names:
        key = person_key(name)
        if not key:
            continue
        found = known.get(key)
        if found is None:
            found = known[key] = person_id_for(name)
            ensure_person(conn, found, name.strip(), stamp)
        out[name] = found
    return out


def people_names(conn: Connection) -> dict[str, str]:
    """id → name of every person the book knows, deleted ones too (a former colleague's records still show
    whose they were)."""
    return {r[0]: r[1] for r in conn.execute(text("SELECT id, name FROM person"))}


def resolve_owners(conn: Connection, values: Iterable[str], stamp: str) -> dict[str, str]:
    """Each of *values* — a person id or a name as typed — → the person id to store as owner ("" stays "").
    A name becomes the person going by it, made when the book has none (:func:`people_named`); an id the
    book does not know is kept (its person row may arrive with the next merge)."""
    values = set(values)
    names = [v for v in values if v and not is_person_id(v)]
    named = people_named(conn, names, stamp) if names else {}
    return {v: (v if not v or is_person_id(v) else named.get(v, "")) for v in values}


def owner_name_sql(col: str) -> str:
    """SQL for the name the owner stored in *col* shows as, like :func:`crm_desktop.domain.people.owner_label`:
    the person's name; a name stored as typed, as typed; an unknown id as ``#`` and its first six digits."""
    hex32 = "[0-9a-f]" * 32
    return (f"COALESCE((SELECT p_.name FROM person p_ WHERE p_.id = {col}), "
            f"CASE WHEN {col} GLOB '{hex32}' THEN '#' || substr({col}, 1, 6) ELSE {col} END)")

