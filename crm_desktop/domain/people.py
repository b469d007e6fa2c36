"""Who is who among the salespeople: one rule for "is this name me?".

Names are typed by hand on different laptops: "张三", "张三 " with a trailing
space, "张三" in full-width forms, "Alex Chen" and "alex chen" name one person.
:func:`person_key` is the comparison form (NFKC, case-folded, trimmed) and
:func:`same_person` compares two names by it.  Everything that asks "mine?"
(the follow-ups page, its badge, reminders, the complaints' "Mine") goes
through these two functions.

Owners are stored as person ids (the ``person`` table's, shown by the person's name).  A salesperson is
still chosen by name — typed, picked, saved in a view — so :func:`owner_values` turns a name into the stored
values that are that person, and :func:`owner_label` turns a stored value back into a name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping


def person_key(name: str | None) -> str:
    """The form two spellings of one salesperson's name share: NFKC, case-folded, without outer spaces."""
    return unicodedata.normalize("NFKC", name or "").casefold().strip()


def same_person(a: str | None, b: str | None) -> bool:
    """Whether *a* and *b* name the same salesperson (an empty name is nobody)."""
    key = person_key(a)
    return bool(key) and key == person_key(b)


def pick_person(name: str, people: Iterable[tuple[str, str]], me: str, new_id: str) -> tuple[str, bool]:
    """Who I am after choosing *name* in the name prompt: ``(person id, rename)``.

    *people*: the book's (id, name); *me*: my person id so far ("" on a first start); *new_id*: the id a
    person of that name gets when nobody is called so.  A name that is a known person's makes me that person
    (picking myself on a new laptop); any other name renames me when I already am someone, else makes a new
    person.  ``rename`` says my own person's name must be written.
    """
    for pid, known in people:
        if same_person(known, name):
            return pid, pid == me and known.strip() != name.strip()
    if me:
        return me, True
    return new_id, False


_PERSON_ID = re.compile(r"[0-9a-f]{32}")


def is_person_id(value: str | None) -> bool:
    """Whether *value* has the form of a person id (32 lower-case hex digits) rather than a typed name."""
    return bool(value) and _PERSON_ID.fullmatch(value or "") is not None


def owner_values(who: str | None, stored: Iterable[str], people: Mapping[str, str],
                 own_id: str = "") -> tuple[str, ...]:
    """The stored owner values that are *who* (a name, or a person id): the ids of the people going by that
    name (*people*: id → name, deleted people included), *own_id* (the id a person of that name gets), and any
    of the *stored* values that is that name as typed (an owner written before owners were ids)."""
    if who is None or not person_key(who):
        return ()
    if is_person_id(who):
        found = {who}
        name = people.get(who)
    else:
        found = {pid for pid, n in people.items() if same_person(n, who)}
        name = who
        if own_id:
            found.add(own_id)
    if name:
        found.update(s for s in stored if not is_person_id(s) and same_person(s, name))
    return tuple(sorted(found))


def owner_label(value: str | None, people: Mapping[str, str]) -> str:
    """How a stored owner shows: the person's name; a name stored as typed, as typed; an id nobody in the
    book has (a damaged or crafted file) as ``#`` and its first six digits; "" for nobody."""
    if not value:
        return ""
    name = people.get(value)
    if name is not None:
        return name
    return "#" + value[:6] if is_person_id(value) else value
