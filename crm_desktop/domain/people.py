"""Who is who among the salespeople: one rule for "is this name me?".

Names are typed by hand on different laptops: "张三", "张三 " with a trailing
space, "张三" in full-width forms, "Alex Chen" and "alex chen" name one person.
:func:`person_key` is the comparison form (NFKC, case-folded, trimmed) and
:func:`same_person` compares two names by it.  Everything that asks "mine?"
(the follow-ups page, its badge, reminders, the complaints' "Mine") goes
through these two functions, so when persons get ids there is one place to change.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def person_key(name: str | None) -> str:
    """The form two spellings of one salesperson's name share: NFKC, case-folded, without outer spaces."""
    return unicodedata.normalize("NFKC", name or "").casefold().strip()


def same_person(a: str | None, b: str | None) -> bool:
    """Whether *a* and *b* name the same salesperson (an empty name is nobody)."""
    key = person_key(a)
    return bool(key) and key == person_key(b)


def spellings_of(me: str | None, names: Iterable[str]) -> tuple[str, ...]:
    """The *names* (as stored) that are *me*; *me* itself always among them when it is a name."""
    found = {n for n in names if same_person(n, me)}
    if me is not None and person_key(me):
        found.add(me)
    return tuple(sorted(found))


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
