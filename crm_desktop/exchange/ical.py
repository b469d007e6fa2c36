"""Follow-ups as an iCalendar (.ics) file, so they show in the user's calendar.

Each next step becomes a ``VEVENT`` (calendars show events everywhere; many
ignore ``VTODO``) of :data:`EVENT_MINUTES` minutes at its due time, with a
display alarm :data:`ALARM_MINUTES` before; birthdays and anniversaries become
all-day events.  ``UID`` is the follow-up's id, so importing a newer export
updates the same events instead of duplicating them.  Texts come in already
translated (this layer has no Qt): the caller passes ``labels``.  An item is
anything shaped like a :class:`CalendarItem` (the follow-ups of
crm_desktop.services.followups are).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from crm_desktop import APP_NAME, __version__


class CalendarItem(Protocol):
    """What a calendar event is made from: ``kind`` "next_step", "birthday" or "anniversary"; ``id`` stable
    (the event's UID); ``due`` when (aware); ``what`` the next step, ``last_summary`` what was said when it was
    promised; ``person_name`` whose occasion and ``occasion_date`` its day this year."""

    @property
    def kind(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def customer_name(self) -> str: ...
    @property
    def due(self) -> datetime: ...
    @property
    def what(self) -> str: ...
    @property
    def last_summary(self) -> str: ...
    @property
    def phone(self) -> str: ...
    @property
    def person_name(self) -> str: ...
    @property
    def occasion_date(self) -> date | None: ...


EVENT_MINUTES = 30
ALARM_MINUTES = 15

DEFAULT_LABELS = {"birthday": "Birthday: {name}", "anniversary": "Anniversary: {name}",
                  "next_step": "{what} — {customer}", "phone": "Phone", "said": "Last time"}
"""English texts; the UI passes translated ones with the same keys and placeholders."""


def build_calendar(items: Iterable[CalendarItem], now: datetime, labels: Mapping[str, str] | None = None) -> bytes:
    """The .ics bytes for *items* (``now`` is the DTSTAMP of every event)."""
    from icalendar import Alarm, Calendar, Event

    lab = {**DEFAULT_LABELS, **(labels or {})}
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//{__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", APP_NAME)
    stamp = now.astimezone(UTC)
    for f in items:
        ev = Event()
        ev.add("uid", f"{f.id}@{APP_NAME}")
        ev.add("dtstamp", stamp)
        details = []
        if f.phone:
            details.append(f"{lab['phone']}: {f.phone}")
        if f.last_summary:
            details.append(f"{lab['said']}: {f.last_summary}")
        if f.kind == "next_step":
            ev.add("summary", lab["next_step"].format(what=f.what, customer=f.customer_name))
            start = f.due.astimezone(UTC)
            ev.add("dtstart", start)
            ev.add("dtend", start + timedelta(minutes=EVENT_MINUTES))
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", lab["next_step"].format(what=f.what, customer=f.customer_name))
            alarm.add("trigger", timedelta(minutes=-ALARM_MINUTES))
            ev.add_component(alarm)
        else:
            day = f.occasion_date or f.due.date()
            ev.add("summary", lab[f.kind].format(name=f.person_name or f.customer_name))
            ev.add("dtstart", day)
            ev.add("dtend", day + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        if details:
            ev.add("description", "\n".join(details))
        ev.add("categories", [f.kind])
        cal.add_component(ev)
    return bytes(cal.to_ical())


def write_calendar(path: str | os.PathLike[str], items: Iterable[CalendarItem], now: datetime,
                   labels: Mapping[str, str] | None = None) -> int:
    """Write the .ics atomically (temporary file, then rename); returns the number of events."""
    items = list(items)
    data = build_calendar(items, now, labels)
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return len(items)
