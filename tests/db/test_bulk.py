"""Bulk writes on the raw connection: tombstones in bulk, and our own deprecations failing the run."""

from __future__ import annotations

import json
import sqlite3
import warnings

import pytest

from crm_desktop.db.bulk import tombstone_many


def _table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE customer (id TEXT PRIMARY KEY, stamp TEXT, deleted_stamp TEXT, field_stamps TEXT)")
    conn.executemany("INSERT INTO customer VALUES (?, 's0', NULL, NULL)", [("a",), ("b",), ("c",)])
    conn.execute("UPDATE customer SET deleted_stamp = 's1' WHERE id = 'c'")
    return conn


def test_tombstone_many_stamps_only_live_rows_and_warns_nothing():
    """Live rows get deleted_stamp, stamp and field_stamps set; dead rows are left; no DeprecationWarning."""
    conn = _table()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        n = tombstone_many(conn, "customer", ["a", "c", "missing"], "s9")
    assert n == 1
    rows = {r[0]: r[1:] for r in conn.execute("SELECT id, stamp, deleted_stamp, field_stamps FROM customer")}
    assert rows["a"][:2] == ("s9", "s9") and json.loads(rows["a"][2]) == {"deleted_stamp": "s9"}
    assert rows["b"] == ("s0", None, None) and rows["c"][1] == "s1"


def test_own_deprecation_warnings_fail_the_test_run():
    """pyproject's filterwarnings turns a DeprecationWarning raised from crm_desktop code into an error."""
    # a named placeholder with a sequence warns on every Python from 3.12 (3.13 no longer warns for ?1)
    code = compile("conn.execute('SELECT :x', ('x',))", "crm_desktop/fake.py", "exec")
    with pytest.raises(DeprecationWarning):
        exec(code, {"__name__": "crm_desktop.fake", "conn": sqlite3.connect(":memory:")})
