"""What every service needs: the open database, who is working, and the time.

``now`` is a function so tests pass a fixed clock instead of patching time.
``user`` is the salesperson's name (from settings); new records get it as owner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crm_desktop.db.database import Database


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServiceContext:
    """The open database, the current user's name and the clock."""

    db: Database
    user: str = ""
    now: Callable[[], datetime] = field(default=utcnow)

    def stamp(self) -> str:
        """A new edit stamp from this database's hybrid clock."""
        return self.db.clock.tick(int(self.now().timestamp() * 1000))
