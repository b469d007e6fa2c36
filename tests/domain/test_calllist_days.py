"""The days of the year a reminder within the lookahead may fall on."""

from datetime import date

from crm_desktop.domain.calllist import days_of_year_ahead


def test_the_lookahead_days_and_a_leap_day_birthday():
    """Today and the next N days as MM-DD, across the year's end; February's end brings 02-29 along."""
    assert days_of_year_ahead(date(2026, 12, 30), 3) == ["12-30", "12-31", "01-01", "01-02"]
    assert days_of_year_ahead(date(2027, 2, 27), 2) == ["02-27", "02-28", "03-01", "02-29"]
    assert days_of_year_ahead(date(2026, 6, 1), 0) == ["06-01"]
