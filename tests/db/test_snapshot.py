"""Consistent copies of a book (crm_desktop.db.snapshot): never the live file, never deleted data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crm_desktop.db.snapshot import (
    SnapshotError,
    file_facts,
    image_facts,
    snapshot_database,
    snapshot_to_file,
    vacuum_into,
)

APP_ID = 0x43524D44


def make_db(path: Path, *, rows: int = 300, user_version: int = 3) -> Path:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT, email TEXT)")
    conn.executemany("INSERT INTO customer VALUES (?, ?, ?)",
                     ((i, f"Kundin Nr. {i} Müller", f"k{i}@example.com") for i in range(rows)))
    conn.commit()
    conn.close()
    return path


def rows_of(image: bytes, sql: str) -> list[tuple]:
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_snapshot_while_another_connection_writes_in_wal(tmp_path):
    """Snapshot works while another connection holds the WAL database open mid-transaction."""
    path = make_db(tmp_path / "live.sqlite")
    writer = sqlite3.connect(path)
    writer.execute("INSERT INTO customer VALUES (1000, 'committed', '')")
    writer.commit()
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO customer VALUES (1001, 'uncommitted', '')")
    try:
        image = snapshot_database(path)
    finally:
        writer.rollback()
        writer.close()
    assert rows_of(image, "SELECT name FROM customer WHERE id >= 1000") == [("committed",)]
    assert image[18] == image[19] == 1  # rollback-journal mode, usable in memory


def test_snapshot_from_connection_and_vacuum_drops_deleted_data(tmp_path):
    """A connection can be snapshotted and deleted rows' text is gone from the image."""
    path = make_db(tmp_path / "live.sqlite", rows=2000)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE customer SET name = 'SECRET-DELETED-PERSON' WHERE id = 5")
    conn.commit()
    conn.execute("DELETE FROM customer WHERE id = 5")
    conn.commit()
    image = snapshot_database(conn)
    conn.close()
    assert b"SECRET-DELETED-PERSON" not in image


def test_snapshot_of_missing_file_does_not_create_it(tmp_path):
    """Snapshotting a missing path says so (``missing``) and creates no file."""
    for take in (lambda: snapshot_database(tmp_path / "nope.sqlite"),
                 lambda: snapshot_to_file(tmp_path / "nope.sqlite", tmp_path / "copy.sqlite")):
        with pytest.raises(SnapshotError) as info:
            take()
        assert info.value.missing
    assert list(tmp_path.iterdir()) == []


def test_snapshot_to_file_is_owner_only_and_in_rollback_journal_mode(tmp_path):
    """The copy on disk is readable by its owner only and can be opened without a -shm file."""
    source = make_db(tmp_path / "live.sqlite")
    target = tmp_path / "copy.sqlite"
    snapshot_to_file(source, target)
    assert target.stat().st_mode & 0o077 == 0
    head = target.read_bytes()[:20]
    assert head[18] == head[19] == 1
    assert rows_of(target.read_bytes(), "SELECT count(*) FROM customer") == [(300,)]


def test_vacuum_into_an_unreadable_book_raises_snapshot_error(tmp_path):
    """A file that is no database gives SnapshotError with SQLite's error as its cause."""
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SnapshotError) as info:
        vacuum_into(bad, tmp_path / "copy.sqlite")
    assert isinstance(info.value.__cause__, sqlite3.Error) and not info.value.missing


def test_image_facts_read_id_version_and_integrity(tmp_path):
    """image_facts reports the application id and schema version, and a damaged page as not intact."""
    image = snapshot_database(make_db(tmp_path / "live.sqlite", user_version=7))
    facts = image_facts(image)
    assert (facts.application_id, facts.user_version, facts.intact) == (APP_ID, 7, True)
    damaged = bytearray(image)
    page_size = int.from_bytes(damaged[16:18], "big")
    damaged[page_size * 2 + 8: page_size * 2 + 40] = bytes(range(32))  # inside a b-tree page
    assert image_facts(bytes(damaged)).intact is False
    assert image_facts(b"definitely not sqlite" * 100) is None


def test_file_facts_of_a_file_that_is_no_database(tmp_path):
    """file_facts reads a database file read-only and says None for anything else."""
    good = make_db(tmp_path / "live.sqlite", user_version=2)
    assert (file_facts(good).application_id, file_facts(good).user_version) == (APP_ID, 2)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"x" * 5000)
    assert file_facts(junk) is None
