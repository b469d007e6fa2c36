"""What every service needs: the open database, who is working, and the time.

``now`` is a function so tests pass a fixed clock instead of patching time.
``user`` is the salesperson's name (from settings); new records get it as owner.  ``person_id`` is my
person (from settings; when not given, the id a person of my name has: :func:`crm_desktop.db.people.
person_id_for`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crm_desktop.db.database import Database
from crm_desktop.db.people import person_id_for


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServiceContext:
    """The open database, the current user's name and person id, and the clock."""

    db: Database
    user: str = ""
    now: Callable[[], datetime] = field(default=utcnow)
    person_id: str = ""

    def __post_init__(self) -> None:
        if not self.person_id:
            self.person_id = person_id_for(self.user)

    def stamp(self) -> str:
        """A new edit stamp from this database's hybrid clock."""
        return self.db.clock.tick(int(self.now().timestamp() * 1000))
