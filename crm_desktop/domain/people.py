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
