"""Sales targets (业绩目标) as plain data: a monthly amount per salesperson and for the team, and the forecast.

Targets are a team setting (they merge like every setting): month ``YYYY-MM`` → person → amount in minor
units of the book's currency, the person "" being the team.  The forecast of a month is what is achieved
so far (orders dated in the month) plus the open pipeline expected to close in it (deals weighted by their
stage's chance of winning) plus the repeat purchases the scoring model expects from existing customers in
the rest of the month; the gap is what the target still lacks beyond that forecast.

Standard library only.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

TEAM = ""
"""The person key of the team's own target."""
MAX_TARGET_MINOR = 10**13
"""Largest target accepted (a hundred billion yuan), in minor units."""
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

Targets = dict[str, dict[str, int]]
"""Month ``YYYY-MM`` → person ("" = the team) → target in minor units."""


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str, tz: tzinfo) -> tuple[datetime, datetime]:
    """The first instant of *month* and of the month after, in the time zone *tz*."""
    year, mon = int(month[:4]), int(month[5:])
    first = date(year, mon, 1)
    after = first + timedelta(days=monthrange(year, mon)[1])
    return datetime.combine(first, time(0), tz), datetime.combine(after, time(0), tz)


def targets_from_json(value: object) -> Targets:
    """Targets as stored in the team setting; entries that are not a month, a name and a whole amount in range
    are dropped (a teammate's newer app may add fields: they are ignored)."""
    out: Targets = {}
    if not isinstance(value, dict):
        return out
    for month, people in value.items():
        if not isinstance(month, str) or not _MONTH.match(month) or not isinstance(people, dict):
            continue
        kept = {p: v for p, v in people.items() if isinstance(p, str) and len(p) <= 100 and isinstance(v, int)
                and not isinstance(v, bool) and 0 < v <= MAX_TARGET_MINOR}
        if kept:
            out[month] = kept
    return out


def with_target(targets: Mapping[str, Mapping[str, int]], month: str, person: str, amount_minor: int) -> Targets:
    """*targets* with *person*'s target for *month* set to *amount_minor* (0 removes it)."""
    out = {m: dict(p) for m, p in targets.items()}
    people = out.setdefault(month, {})
    if amount_minor > 0:
        people[person] = amount_minor
    else:
        people.pop(person, None)
        if not people:
            out.pop(month)
    return out


@dataclass(frozen=True)
class Repeater:
    """A customer the model expects to buy again soon: ``expected_minor`` in the rest of the month."""

    customer_id: str
    name: str
    expected_minor: int


@dataclass(frozen=True)
class TargetProgress:
    """Where one person's (or the team's) month stands, in minor units of ``currency``.

    ``target`` 0: none set.  ``forecast`` = ``achieved`` + ``pipeline`` + ``repeat``; ``gap`` = what the
    target lacks beyond the forecast (0 when the forecast reaches it); ``repeaters``: the customers most
    expected to reorder in the rest of the month and not contacted in the last week — whom to call to close it;
    ``repeaters_value`` what all of them together are expected to bring.
    """

    month: str
    person: str
    currency: str
    target: int
    achieved: int
    pipeline: int
    repeat: int
    days_left: int
    repeaters: tuple[Repeater, ...] = ()
    repeaters_value: int = 0

    @property
    def forecast(self) -> int:
        return self.achieved + self.pipeline + self.repeat

    @property
    def gap(self) -> int:
        return max(0, self.target - self.forecast) if self.target else 0

    @property
    def share_achieved(self) -> float | None:
        """Achieved over target (None without a target)."""
        return self.achieved / self.target if self.target else None
