"""Owners as the services see them: stored as person ids, chosen and shown by name.

A salesperson is named in a request (the list of whose customers to show, a handover, a saved view, an
import's owner column) and shown by name in every answer; the book stores the person's id.  These helpers
are the one crossing between the two: :func:`values_of` gives the stored values that are a person,
:func:`to_store` the value to write for a name typed or picked; :func:`crm_desktop.domain.people.owner_label`
is the name to show.
"""

from __future__ import annotations

from collections.abc import Iterable

from crm_desktop.db import people as pq
from crm_desktop.db import timeline as tq
from crm_desktop.db.database import Tx
from crm_desktop.domain.people import is_person_id, owner_label, owner_values, person_key


def people(tx: Tx) -> dict[str, str]:
    """id → name of every person the book knows (deleted ones too)."""
    return pq.people_names(tx)


def values_of(tx: Tx, who: str | None, also: Iterable[str] = ()) -> tuple[str, ...]:
    """The stored owner values that are *who* (a name or a person id; () for nobody).  *also*: more stored
    values to look among for a name stored as typed (the customers' are always looked at)."""
    if who is None or not person_key(who):
        return ()
    stored = [*tq.customer_owners(tx), *also]
    return owner_values(who, stored, people(tx), pq.person_id_for(who))


def to_store(tx: Tx, value: str, stamp: str) -> str:
    """The owner to write for *value* — a person id, or a name as typed or picked ("" stays nobody); a new
    name joins the team as a person."""
    value = (value or "").strip()
    return pq.resolve_owners(tx, [value], stamp)[value] if value else ""


def id_for(tx: Tx, value: str) -> str:
    """The person id :func:`to_store` would write for *value*, without writing anything (a preview)."""
    value = (value or "").strip()
    if not value or is_person_id(value):
        return value
    return pq.person_for_name(tx, value)


def me(tx: Tx, person_id: str, name: str, stamp: str) -> str:
    """My person id as the owner of what I write (made a person row when the book has none yet); "" while I
    have no name."""
    if not person_id or not person_key(name):
        return ""
    pq.ensure_person(tx, person_id, name.strip(), stamp)
    return person_id


def chosen(tx: Tx, value: str, person_id: str, name: str, stamp: str) -> str:
    """The owner to write for a form's owner field: *value* (a name or a person id, :func:`to_store`), or me
    when it is empty (:func:`me`)."""
    return to_store(tx, value, stamp) if (value or "").strip() else me(tx, person_id, name, stamp)


def team_names(tx: Tx) -> list[str]:
    """The names of the salespeople the book's customers belong to, one spelling each, in name order."""
    known = people(tx)
    seen: dict[str, str] = {}
    for value in tq.customer_owners(tx):
        name = owner_label(value, known)
        if person_key(name):
            seen.setdefault(person_key(name), name.strip())
    return sorted(seen.values())
