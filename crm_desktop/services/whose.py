"""Whose customers: the team's salespeople as the book names them, and the customers one of them owns.

"Mine" means the customers owned under any spelling of my name (:func:`crm_desktop.domain.people.
spellings_of`), and the customers nobody owns (someone should call them); a colleague's list while I cover
for them is theirs the same way.
"""

from __future__ import annotations

from crm_desktop.db import calllist as q
from crm_desktop.db import timeline as tq
from crm_desktop.domain.people import person_key, spellings_of
from crm_desktop.services.context import ServiceContext


def team_people(ctx: ServiceContext) -> list[str]:
    """The salespeople the book's customers belong to, one spelling each, in name order."""
    with ctx.db.reading() as tx:
        names = tq.customer_owners(tx)
    seen: dict[str, str] = {}
    for n in sorted(names):
        if person_key(n):
            seen.setdefault(person_key(n), n.strip())
    return sorted(seen.values())


def customers_of(ctx: ServiceContext, whose: str | None) -> set[str] | None:
    """The live customers a list of *whose* shows: theirs and nobody's (None: everyone's)."""
    if whose is None or not person_key(whose):
        return None
    with ctx.db.reading() as tx:
        return q.customers_owned_by(tx, spellings_of(whose, tq.customer_owners(tx)))
