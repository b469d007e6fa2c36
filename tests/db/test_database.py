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


def test_create_false_refuses_a_missing_file_and_makes_no_folder(tmp_path):
    """open_database(create=False) on a mistyped path: MissingDatabaseError, and not even the folder is made."""
    from crm_desktop.db.database import DatabaseError, MissingDatabaseError

    path = tmp_path / "no" / "such" / "book.sqlite"
    with pytest.raises(MissingDatabaseError) as err:
        open_database(path, create=False)
    assert isinstance(err.value, DatabaseError)
    assert str(err.value) == f"“{path}” does not exist."
    assert not (tmp_path / "no").exists()


def test_create_false_opens_an_existing_book(tmp_path):
    """create=False changes nothing for a book that is there."""
    open_database(tmp_path / "b.sqlite").close()
    db = open_database(tmp_path / "b.sqlite", create=False)
    assert db.migrated_from is None
    db.close()


def test_a_folder_is_not_a_book(tmp_path):
    """A directory is named a folder, whether or not a new book may be made."""
    from crm_desktop.db.database import FolderNotBookError

    for create in (True, False):
        with pytest.raises(FolderNotBookError, match="is a folder, not a book"):
            open_database(tmp_path, create=create)


def _ours(path, *statements):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={HEAD_SCHEMA_VERSION}")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_book_with_only_meta_is_refused_byte_for_byte_untouched(tmp_path):
    """Our application id and schema version but only `meta`: IncompleteBookError before anything is written."""
    from crm_desktop.db.database import IncompleteBookError

    path = tmp_path / "meta.sqlite"
    _ours(path, "CREATE TABLE meta(key VARCHAR(60) PRIMARY KEY, value VARCHAR NOT NULL)")
    before = _bytes(path)
    with pytest.raises(IncompleteBookError) as err:
        open_database(path, create=False)
    assert "(missing or not a table: customer, contact, interaction, sales_order, …)" in str(err.value)
    assert _bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meta.sqlite"]


def test_a_view_in_place_of_a_table_is_refused(tmp_path):
    """A book whose `customer` is a view (not ours, or damaged) is refused in one sentence."""
    from crm_desktop.db.database import IncompleteBookError

    path = tmp_path / "v.sqlite"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA legacy_alter_table=ON")
    conn.execute("ALTER TABLE customer RENAME TO customer_rows")
    conn.execute("CREATE VIEW customer AS SELECT * FROM customer_rows")
    conn.commit()
    conn.close()
    with pytest.raises(IncompleteBookError, match=r"missing or not a table: customer\)"):
        open_database(path)


def test_a_damaged_first_read_names_the_recover_command(tmp_path):
    """Garbage over the schema page: CorruptDatabaseError, whose sentence names `crm-desktop recover`."""
    from crm_desktop.db.database import CorruptDatabaseError

    path = tmp_path / "d.sqlite"
    open_database(path).close()
    with open(path, "r+b") as f:
        f.seek(100)
        f.write(os.urandom(3000))
    with pytest.raises(CorruptDatabaseError) as err:
        open_database(path, create=False)
    assert "crm-desktop recover --db" in str(err.value) and "restore a backup" not in str(err.value)


def test_a_migration_without_room_for_its_copy_says_how_much_is_needed(tmp_path, monkeypatch):
    """An old book on a disk with less free space than its copy needs: DiskFullError naming both, file untouched."""
    import shutil
    from collections import namedtuple

    from crm_desktop.db.errors import DiskFullError

    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("CREATE TABLE legacy_note(x)")
    conn.executemany("INSERT INTO legacy_note VALUES (?)", [("x" * 1000,)] * 2000)
    conn.commit()
    conn.close()
    before = _bytes(path)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 300_000, 300_000))
    with pytest.raises(DiskFullError) as err:
        open_database(path)
    assert err.value.needed_bytes > len(before)
    assert "needed" in str(err.value) and "damaged" not in str(err.value)
    assert _bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]


def test_ensure_writable_reports_a_foreign_lock(tmp_path):
    """Database.ensure_writable: BookBusyError while another connection holds BEGIN IMMEDIATE, else nothing."""
    from crm_desktop.db.errors import BookBusyError

    db = open_database(tmp_path / "b.sqlite")
    db.ensure_writable(timeout_ms=50)
    holder = sqlite3.connect(tmp_path / "b.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(BookBusyError):
            db.ensure_writable(timeout_ms=50)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    db.ensure_writable(timeout_ms=50)
    db.close()


def test_the_write_count_moves_only_when_a_transaction_changed_rows(db):
    """Database.writes (what cached figures of the book are keyed by) counts committed changes only."""
    from sqlalchemy import text

    start = db.writes
    with db.reading() as tx:
        tx.execute(text("SELECT count(*) FROM customer")).scalar()
    with db.bulk() as conn:
        conn.execute("SELECT count(*) FROM meta").fetchone()
    assert db.writes == start
    with db.writing() as tx:
        tx.execute(text("INSERT INTO meta(key, value) VALUES ('t1', 'x')"))
    assert db.writes == start + 1
    with db.bulk() as conn:
        conn.execute("INSERT INTO meta(key, value) VALUES ('t2', 'x')")
    assert db.writes == start + 2
    try:
        with db.writing() as tx:
            tx.execute(text("INSERT INTO meta(key, value) VALUES ('t3', 'x')"))
            raise RuntimeError
    except RuntimeError:
        pass
    assert db.writes == start + 2
