"""The command line's backup, restore, merge and erase, end to end: the real ``crm-desktop`` entry point in its
own process, on temporary books, the team passphrase from ``--passphrase-file``."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop.db.database import open_database
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.customers import CustomerService

PASS = "kettle orbit velvet quarry"


def crm_desktop(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the installed ``crm-desktop`` command (else ``python -m crm_desktop``) in English."""
    script = shutil.which("crm-desktop", path=os.path.dirname(sys.executable))
    command = [script] if script else [sys.executable, "-m", "crm_desktop"]
    env = {k: v for k, v in os.environ.items() if k != "CRM_PASSPHRASE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([*command, "--language", "en", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=240)


def make_book(path: Path, *names: str, user: str = "李娜") -> None:
    """A book at *path* with customers of these names (the process's own book handle is closed again)."""
    db = open_database(path)
    try:
        customers = CustomerService(ServiceContext(db, user=user))
        for name in names:
            customers.create(CustomerInput(name=name, phone=f"138{abs(hash(name)) % 10**8:08d}"))
    finally:
        db.close()


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM customer WHERE deleted_stamp IS NULL"))
    finally:
        conn.close()


def digest(path: Path) -> str:
    """The file's bytes (for a command refused before the book was even opened)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def records(path: Path) -> list[tuple]:
    """Every customer record as stored (for a command that opened the book but must change no record)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM customer ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "team-passphrase.txt"
    path.write_text(PASS + "\n", encoding="utf-8")
    return path


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "anna" / "crm.sqlite"
    make_book(path, "张伟", "王芳")
    return path


def test_backup_then_restore_brings_the_book_back(book, passphrase_file, tmp_path):
    """backup writes an encrypted file; restore puts the book back as it was and keeps the old one for undo."""
    out = tmp_path / "team.crmbak"
    done = crm_desktop("backup", str(out), "--db", str(book), "--passphrase-file", str(passphrase_file))
    assert done.returncode == 0, done.stderr
    assert f"{out}:" in done.stdout and out.read_bytes().startswith(b"\x89CRMBAK\n")
    assert "张伟".encode() not in out.read_bytes()
    make_book(book, "李雷")  # a change after the backup
    assert names_in(book) == sorted(["张伟", "李雷", "王芳"])

    done = crm_desktop("restore", str(out), "--db", str(book), "--passphrase-file", str(passphrase_file))
    assert done.returncode == 0, done.stderr
    assert names_in(book) == sorted(["张伟", "王芳"])
    kept = Path(done.stdout.strip().rsplit(" ", 1)[-1])
    assert kept.is_file() and "李雷" in names_in(kept)
    assert not list(book.parent.glob(".crm-incoming-*"))  # no decrypted copy left beside the book


def test_restore_with_the_wrong_passphrase_says_so_and_changes_nothing(book, tmp_path):
    """A wrong passphrase is one sentence on stderr, exit status 2, and the book byte-for-byte as it was."""
    out = tmp_path / "team.crmbak"
    right = tmp_path / "right.txt"
    right.write_text(PASS, encoding="utf-8")
    assert crm_desktop("backup", str(out), "--db", str(book), "--passphrase-file", str(right)).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the team passphrase", encoding="utf-8")
    before = digest(book)

    done = crm_desktop("restore", str(out), "--db", str(book), "--passphrase-file", str(wrong))
    assert done.returncode == 2
    assert done.stderr.strip() == "The passphrase is wrong, or the file was changed after it was made."
    assert "Traceback" not in done.stderr and digest(book) == before


def test_an_empty_passphrase_file_is_refused_before_anything_is_read(book, tmp_path):
    """--passphrase-file naming an empty file says so in one sentence."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    done = crm_desktop("backup", str(tmp_path / "x.crmbak"), "--db", str(book), "--passphrase-file", str(empty))
    assert (done.returncode, done.stderr.strip()) == (2, "The passphrase file is empty.")
    assert not (tmp_path / "x.crmbak").exists()


def test_merge_previews_then_merges_a_teammates_backup(book, passphrase_file, tmp_path):
    """merge prints the preview; without --yes (and no terminal) nothing is merged; with --yes it is."""
    theirs = tmp_path / "wang" / "crm.sqlite"
    make_book(theirs, "韩梅梅", user="王磊")
    backup = tmp_path / "wang.crmbak"
    done = crm_desktop("backup", str(backup), "--db", str(theirs), "--passphrase-file", str(passphrase_file))
    assert done.returncode == 0, done.stderr
    before = records(book)

    asked = crm_desktop("merge", str(backup), "--db", str(book), "--passphrase-file", str(passphrase_file))
    assert asked.returncode == 1 and "not merged" in asked.stdout
    preview = {line.split()[0].lower(): line.split()[1:] for line in asked.stdout.splitlines() if line.strip()}
    assert preview["customers"][0] == "1", asked.stdout  # one new customer in the preview
    assert preview["team"][1] == "1", asked.stdout  # and 王磊, whose customer it is, joins the team
    assert records(book) == before

    done = crm_desktop("merge", str(backup), "--db", str(book), "--passphrase-file", str(passphrase_file), "--yes")
    assert done.returncode == 0, done.stderr
    assert "merged: 2 changes" in done.stdout
    assert names_in(book) == sorted(["张伟", "王芳", "韩梅梅"])

    again = crm_desktop("merge", str(backup), "--db", str(book), "--passphrase-file", str(passphrase_file), "--yes")
    assert again.returncode == 0 and "nothing to merge" in again.stdout
    assert not list(book.parent.glob(".crm-incoming-*"))


def test_erase_removes_a_customer_for_good_only_when_told_to(book, tmp_path):
    """erase without --yes and without a terminal refuses; with --yes the customer is gone from the file."""
    before = records(book)
    refused = crm_desktop("erase", "张伟", "--db", str(book))
    assert refused.returncode == 2
    assert refused.stderr.strip() == "Erasing cannot be undone; give --yes to erase without being asked."
    assert records(book) == before

    done = crm_desktop("erase", "张伟", "--db", str(book), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("erased “张伟”")
    assert names_in(book) == ["王芳"]
    assert "张伟".encode() not in book.read_bytes()  # not even in free pages of the file


def test_a_command_on_a_book_open_in_a_window_is_refused(book, passphrase_file, tmp_path):
    """While the book's lock is held (a window has it open), backup refuses in one sentence."""
    from crm_desktop.db.lock import BookLock

    lock = BookLock(book)
    lock.acquire()
    try:
        done = crm_desktop("backup", str(tmp_path / "x.crmbak"), "--db", str(book), "--passphrase-file",
                           str(passphrase_file))
    finally:
        lock.release()
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "x.crmbak").exists()
