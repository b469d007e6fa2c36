"""``crm-desktop restore`` and ``merge`` given hostile backups: one sentence, exit 2, the book unchanged and opening."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hostile import PASS, mutate, write_backup

from crm_desktop.cli import main
from crm_desktop.db.database import open_database
from crm_desktop.db.intake import head_schema
from crm_desktop.domain.models import CustomerInput


@pytest.fixture
def cli_book(tmp_path, monkeypatch):
    """A book with one customer, and the passphrase in the environment."""
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    monkeypatch.setenv("CRM_PASSPHRASE", PASS)
    path = tmp_path / "book" / "crm.sqlite"
    db = open_database(path)
    CustomerService(ServiceContext(db)).create(CustomerInput(name="张伟", phone="13800138000"))
    db.close()
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _image(path: Path) -> bytes:
    from crm_desktop.db.snapshot import snapshot_database

    return snapshot_database(path)


@pytest.mark.parametrize("command", ["restore", "merge"])
def test_hostile_backup_on_the_command_line_is_one_sentence(cli_book, tmp_path, capsys, command):
    """Integer stamps in a correctly encrypted backup: exit 2, one line on stderr, the book byte-for-byte the same."""
    bad = write_backup(tmp_path / "bad.crmbak", mutate(_image(cli_book), "UPDATE customer SET stamp = 5"),
                       datetime.now(UTC))
    before = _sha(cli_book)
    code = main([command, str(bad), "--db", str(cli_book), *(["--yes"] if command == "merge" else [])])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "\n" not in err and "Traceback" not in err and "“stamp”" in err
    assert _sha(cli_book) == before
    assert not [p for p in cli_book.parent.iterdir() if p.name.startswith(".crm-incoming")]
    assert main(["check", "--db", str(cli_book)]) == 0


def test_restore_on_the_command_line_reports_and_drops_triggers(cli_book, tmp_path, capsys):
    """A trigger in the backup is named as ignored; the restored book has exactly the app's schema."""
    image = mutate(_image(cli_book), "CREATE TRIGGER boom AFTER INSERT ON interaction BEGIN DELETE FROM customer; END")
    good = write_backup(tmp_path / "t.crmbak", image, datetime.now(UTC))
    assert main(["restore", str(good), "--db", str(cli_book)]) == 0
    out = capsys.readouterr().out
    assert "ignored in the backup" in out and "trigger boom" in out
    conn = sqlite3.connect(cli_book)
    try:
        assert sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")) == head_schema()
    finally:
        conn.close()
    if os.name == "posix":
        assert oct(cli_book.stat().st_mode & 0o777) == "0o600"


def test_erase_on_the_command_line(cli_book, capsys):
    """erase by phone with --yes removes the person; an ambiguous name lists the matches and erases nothing."""
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    db = open_database(cli_book)
    CustomerService(ServiceContext(db)).create(CustomerInput(name="张伟", phone="13900139000"))
    db.close()
    assert main(["erase", "张伟", "--db", str(cli_book), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "matches 2 customers" in err and "13900139000" in err
    assert main(["erase", "138 0013 8000", "--db", str(cli_book)]) == 2  # no terminal: refuses without --yes
    assert "--yes" in capsys.readouterr().err
    assert main(["erase", "138 0013 8000", "--db", str(cli_book), "--yes"]) == 0
    assert "erased “张伟”" in capsys.readouterr().out
    assert b"13800138000" not in cli_book.read_bytes()
    assert main(["erase", "nobody", "--db", str(cli_book), "--yes"]) == 2
    assert "No customer matches" in capsys.readouterr().err


def test_restore_on_the_command_line_says_how_many_changes_came_from_the_future(cli_book, tmp_path, capsys):
    """Stamps years ahead are lowered to the backup's date, and restore says how many, from which site."""
    image = mutate(_image(cli_book), "UPDATE customer SET stamp = '9999999999999-00000-mallory00000001', "
                   "field_stamps = json_object('notes', '9999999999999-00000-mallory00000001')")
    backup = write_backup(tmp_path / "f.crmbak", image, datetime.now(UTC))
    assert main(["restore", str(backup), "--db", str(cli_book)]) == 0
    assert "mallory00000001: 1" in capsys.readouterr().out
    assert b"9999999999999" not in cli_book.read_bytes()
