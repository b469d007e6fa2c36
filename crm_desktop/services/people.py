"""The team's people and who I am among them.

Each install is one person (its id in the settings beside the name); the ``person`` rows travel through
merges, so every book learns the team's people, and renaming myself is one stamped edit of my row that a
merge carries to every teammate.  The name prompt offers the book's people: picking one makes me that person.
"""

from __future__ import annotations

from dataclasses import dataclass

from crm_desktop.db import people as q
from crm_desktop.db.people import person_id_for as person_id_for
from crm_desktop.domain.people import person_key, pick_person
from crm_desktop.services import owners as owners_mod
from crm_desktop.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class Me:
    """Who I am after the name prompt: my person id, my name, and whether my person's name was rewritten."""

    person_id: str
    name: str
    renamed: bool


class PeopleService:
    """The book's people; making sure my person exists; renaming myself."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def people(self) -> list[tuple[str, str]]:
        """(id, name) of the team's people, by name."""
        with self.ctx.db.reading() as tx:
            return q.live_people(tx)

    def team_names(self) -> list[str]:
        """The names the name prompt offers: the book's people, and the names customers' owners show as that are not
        one of them yet (one spelling each), in name order."""
        with self.ctx.db.reading() as tx:
            people = q.live_people(tx)
            owners = owners_mod.team_names(tx)
        seen = {person_key(n): n.strip() for _pid, n in people if person_key(n)}
        for n in sorted(owners):
            if person_key(n):
                seen.setdefault(person_key(n), n.strip())
        return sorted(seen.values())

    def ensure_me(self) -> bool:
        """Make sure my person row exists (with my name when it is new); True when it was written.
        Nothing happens while I have no name."""
        ctx = self.ctx
        if not ctx.person_id or not person_key(ctx.user):
            return False
        with ctx.db.writing() as tx:
            return q.ensure_person(tx, ctx.person_id, ctx.user.strip(), ctx.stamp())

    def choose_me(self, name: str) -> Me:
        """I chose *name* in the name prompt: become the person of that name (adopting their id), or rename
        my person, or become a new person; the context follows.  My person row is written."""
        ctx = self.ctx
        name = name.strip()
        pid, rename = pick_person(name, self.people(), ctx.person_id if person_key(ctx.user) else "",
                                  person_id_for(name))
        ctx.user, ctx.person_id = name, pid
        with ctx.db.writing() as tx:
            stamp = ctx.stamp()
            written = q.ensure_person(tx, pid, name, stamp)
            renamed = rename and not written and q.rename_person(tx, pid, name, stamp)
        return Me(pid, name, renamed)
