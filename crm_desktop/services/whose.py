"""Whose customers: the team's salespeople as the book names them, and the customers one of them owns.

"Mine" means the customers owned by my person (:func:`crm_desktop.services.owners.values_of`: the people
going by my name), and the customers nobody owns (someone should call them); a colleague's list while I cover
for them is theirs the same way.
"""

from __future__ import annotations

from crm_desktop.db import calllist as q
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext


def team_people(ctx: ServiceContext) -> list[str]:
    """The salespeople the book's customers belong to, one spelling each, in name order."""
    with ctx.db.reading() as tx:
        return owners.team_names(tx)


def customers_of(ctx: ServiceContext, whose: str | None) -> set[str] | None:
    """The live customers a list of *whose* shows: theirs and nobody's (None: everyone's)."""
    with ctx.db.reading() as tx:
        values = owners.values_of(tx, whose)
        if not values:
            return None
        return q.customers_owned_by(tx, values)
