"""A book whose clock ran away (a far-future stamp merged by an older version) still opens and is repaired."""

from __future__ import annotations

import sqlite3
import time

import pytest

from crm_desktop.db.database import open_database
from crm_desktop.domain.hlc import MAX_SKEW_MS, Stamp, is_stamp
from crm_desktop.domain.models import CustomerInput


def _poison(path, last: str, row_stamp: str | None = None) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'last_stamp'", (last,))
    if row_stamp:
        conn.execute("UPDATE customer SET stamp = ?, created_stamp = ?, field_stamps = ?",
                     (row_stamp, row_stamp, f'{{"notes": "{row_stamp}"}}'))
    conn.commit()
    conn.close()


def _book(tmp_path):
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    path = tmp_path / "crm.sqlite"
    db = open_database(path)
    CustomerService(ServiceContext(db)).create(CustomerInput(name="张伟"))
    db.close()
    return path


@pytest.mark.parametrize("bad", ["10000000000000-00000-abcd", "garbage", "12", "9999999999999-99999-abcd"])
def test_a_bad_last_stamp_is_repaired_at_open(tmp_path, bad):
    """meta.last_stamp that cannot be read back (or is years ahead) no longer stops the book from opening."""
    path = _book(tmp_path)
    _poison(path, bad, "9999999999999-00000-evil" if bad.startswith("9") else None)
    db = open_database(path)
    try:
        now = int(time.time() * 1000)
        with db.raw_connection() as conn:
            last = conn.execute("SELECT value FROM meta WHERE key = 'last_stamp'").fetchone()[0]
            stamps = conn.execute("SELECT created_stamp, stamp, field_stamps FROM customer").fetchall()
        assert is_stamp(last) and Stamp.decode(last).wall_ms <= now + MAX_SKEW_MS
        for created, stamp, _fs in stamps:
            assert Stamp.decode(created).wall_ms <= now + MAX_SKEW_MS
            assert Stamp.decode(stamp).wall_ms <= now + MAX_SKEW_MS
        assert "9999999999999" not in str(stamps)
        assert Stamp.decode(db.clock.tick(now)).wall_ms <= now + MAX_SKEW_MS
    finally:
        db.close()
    again = open_database(path)  # and it keeps opening
    again.close()
