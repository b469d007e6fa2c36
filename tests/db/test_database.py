import os
import sqlite3

import pytest

from crm_desktop.db.database import (
    APPLICATION_ID,
    HEAD_SCHEMA_VERSION,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    UnwritableError,
    open_database,
)


def _bytes(path):
    return path.read_bytes()


def test_new_file_gets_schema_identity_and_pragmas(tmp_path):
    """A new database carries our application_id, schema version and WAL mode."""
    db = open_database(tmp_path / "new.sqlite")
    db.close()
    conn = sqlite3.connect(tmp_path / "new.sqlite")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == HEAD_SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(db):
    """Every connection has foreign_keys on."""
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_site_id_is_stable_across_opens(tmp_path):
    """The site id is made once per file and kept."""
    a = open_database(tmp_path / "x.sqlite")
    site = a.site_id
    a.close()
    b = open_database(tmp_path / "x.sqlite")
    assert b.site_id == site
    b.close()


def test_text_file_is_refused_untouched(tmp_path):
    """A file that is not SQLite gets one sentence and is not modified."""
    path = tmp_path / "notes.sqlite"
    path.write_text("hello, this is not a database")
    before = _bytes(path)
    with pytest.raises(NotADatabaseError) as err:
        open_database(path)
    assert "not a CRM database" in str(err.value)
    assert _bytes(path) == before


def test_other_applications_sqlite_is_refused_untouched(tmp_path):
    """Another program's SQLite file is refused and left as it was."""
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs(id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(ForeignDatabaseError):
        open_database(path)
    assert _bytes(path) == before


def test_newer_schema_is_refused_untouched(tmp_path):
    """A file from a newer app version asks to update the app."""
    path = tmp_path / "newer.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={HEAD_SCHEMA_VERSION + 5}")
    conn.execute("CREATE TABLE x(a)")
    conn.commit()
    conn.close()
    before = _bytes(path)
    with pytest.raises(NewerSchemaError) as err:
        open_database(path)
    assert "update the app" in str(err.value)
    assert _bytes(path) == before


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_unwritable_folder_is_refused(tmp_path):
    """A folder the user cannot write to gets one sentence."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UnwritableError):
            open_database(folder / "crm.sqlite")
    finally:
        folder.chmod(0o700)


def test_unwritable_location_is_refused(tmp_path):
    """A path under a regular file (cannot be a folder) gets one sentence."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UnwritableError):
        open_database(blocker / "crm.sqlite")


def test_older_schema_is_migrated_after_a_copy(tmp_path):
    """A file at schema 0 (tables made by hand, no version) is copied, then migrated."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("CREATE TABLE legacy_note(x)")
    conn.commit()
    conn.close()
    db = open_database(path)
    assert db.migrated_from == 0
    assert db.backup_before_migration is not None and db.backup_before_migration.exists()
    db.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == HEAD_SCHEMA_VERSION
