"""Follow-ups exported as iCalendar, validated by parsing back with the icalendar library."""

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from crm_desktop.domain.models import CustomerInput
from crm_desktop.exchange.ical import write_calendar
from crm_desktop.services.followups import FollowUpService
from crm_desktop.services.timeline import ContactLogInput, TimelineService


def test_ics_round_trips_through_icalendar(services, customers, clock, tmp_path):
    """Next steps become timed events with an alarm; birthdays all-day events; UIDs are the follow-up ids."""
    cid = customers.create(CustomerInput(name="张伟", phone="13800138000", birthday=date(1980, 11, 25))).id
    due = clock() + timedelta(days=1)
    iid = services.get(TimelineService).log_contact(ContactLogInput(
        cid, summary="问价格", next_step="发送报价单", next_due_at=due)).id
    items = services.get(FollowUpService).upcoming(tz=UTC)
    path = tmp_path / "followups.ics"
    assert write_calendar(path, items, clock()) == 2
    cal = Calendar.from_ical(path.read_bytes())
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    step = events[f"{iid}@crm-desktop"]
    assert str(step["SUMMARY"]) == "发送报价单 — 张伟"
    assert step.decoded("DTSTART") == due and step.decoded("DTEND") == due + timedelta(minutes=30)
    assert "问价格" in str(step["DESCRIPTION"]) and "+8613800138000" in str(step["DESCRIPTION"])
    assert step.walk("VALARM")[0].decoded("TRIGGER") == timedelta(minutes=-15)
    bday = next(e for uid, e in events.items() if uid != f"{iid}@crm-desktop")
    assert bday.decoded("DTSTART") == date(2026, 11, 25) and not isinstance(bday.decoded("DTSTART"), datetime)
    assert str(bday["SUMMARY"]) == "Birthday: 张伟"


def test_cli_export_followups(qapp, tmp_path, capsys):
    """`export followups FILE.ics --db PATH` writes a calendar icalendar can read."""
    from crm_desktop.cli import main
    from crm_desktop.db.database import open_database

    db_path = tmp_path / "cli.sqlite"
    open_database(db_path).close()  # commands other than demo never make a book
    out = tmp_path / "f.ics"
    assert main(["export", "followups", str(out), "--db", str(db_path)]) == 0
    cal = Calendar.from_ical(out.read_bytes())
    assert cal.walk("VEVENT") == []
