"""Follow-ups as plain data: what is due for whom, and in which bucket of the Follow-ups page.

A follow-up is a promised next step (an interaction with ``next_due_at`` set and ``next_done``
false) or an occasion (a birthday or an anniversary in the next days).  The page, the reminders,
the calendar export and the call list all read them as :class:`FollowUp`.  Standard library only.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

BUCKETS = ("overdue", "today", "week", "later")


@dataclass(frozen=True, slots=True)
class FollowUp:
    """One thing to do for a customer.

    ``kind``: "next_step" (a promised next step), "birthday" or "anniversary".
    ``id``: the interaction holding the next step, or for an occasion the id the greeting will get.
    ``due``: when (UTC; occasions: local midnight of the day).  ``bucket``: one of :data:`BUCKETS` as of the
    moment it was read ("" where no bucket is needed, as for the call list).
    ``what``: the next step; ``last_summary``: what was said when it was promised.
    ``person_name``: whose occasion (a contact's or the customer's name).
    ``occasion_date``: the day of the occasion this year; ``years``: age or years married, when known.
    ``channel``: a next step's own channel (that of the contact that set it); for an occasion, the
    customer's preferred channel.
    """

    kind: str
    id: str
    customer_id: str
    customer_name: str
    due: datetime
    bucket: str = ""
    what: str = ""
    last_summary: str = ""
    owner: str = ""
    channel: str | None = None
    phone: str = ""
    email: str = ""
    complaint_id: str | None = None
    person_name: str = ""
    contact_id: str | None = None
    occasion_date: date | None = None
    years: int | None = None


def local_tz() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC


def bucket_of(due: datetime, now: datetime, tz: tzinfo) -> str:
    """"overdue", "today", "week" or "later" for a follow-up due at *due*."""
    if due < now:
        return "overdue"
    today = now.astimezone(tz).date()
    tomorrow = datetime.combine(today + timedelta(days=1), time(), tz)
    if due < tomorrow:
        return "today"
    if due < datetime.combine(today + timedelta(days=7), time(), tz):
        return "week"
    return "later"


def occasion_days(today: date, days: int) -> dict[str, date]:
    """{"MM-DD": the date it falls on} for today and the next *days* days.

    A 29 February occasion falls on 28 February in years without one.
    """
    out: dict[str, date] = {}
    for n in range(days + 1):
        d = today + timedelta(days=n)
        out[d.strftime("%m-%d")] = d
        if d.month == 2 and d.day == 28 and not calendar.isleap(d.year):
            out["02-29"] = d
    return out
