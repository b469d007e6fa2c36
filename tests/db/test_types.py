"""Stored timestamps: one reading of what SQLite returns, one form for comparing with it."""

from datetime import UTC, datetime, timedelta, timezone

from crm_desktop.db.types import bound, parse_ts, ts_text

UTC = UTC
SHANGHAI = timezone(timedelta(hours=8))


def test_parse_ts_reads_stored_text_and_datetimes_as_aware_utc():
    """SQLite's text is UTC; an offset in the text is honoured; naive datetimes are UTC, aware ones converted."""
    at = datetime(2026, 11, 23, 9, 30, 15, 250000, tzinfo=UTC)
    assert parse_ts("2026-11-23 09:30:15.250000") == at
    assert parse_ts("2026-11-23 09:30:15.250000+00:00") == at
    assert parse_ts("2026-11-23 17:30:15.250000+08:00") == at
    assert parse_ts(datetime(2026, 11, 23, 9, 30, 15, 250000)) == at
    shown = parse_ts(at.astimezone(SHANGHAI))
    assert shown == at and shown.utcoffset() == timedelta(0)
    assert parse_ts(None) is None and parse_ts("") is None
    assert parse_ts(ts_text(at)) == at


def test_bound_is_the_stored_text_on_sqlite(db):
    """A datetime compared with a stored column is passed as the text SQLite stores (in any time zone)."""
    at = datetime(2026, 11, 23, 17, 30, tzinfo=SHANGHAI)
    with db.reading() as tx:
        assert bound(tx, at) == "2026-11-23 09:30:00.000000"
