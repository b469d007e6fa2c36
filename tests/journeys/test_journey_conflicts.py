"""Two versions after a merge: the status bar counts them, Tools › Review two versions… shows both values
with who and when, and a decision (take the other version, type a third) is one undoable edit."""

from datetime import timedelta

import pytest
from helpers.backups import edit_customer, fast_backups, teammate_book
from person import file_path, fill, passphrase, press
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget

from crm_desktop.domain.models import CustomerInput
from crm_desktop.ui.backup.conflicts import ConflictsDialog

PASSPHRASE = "橙子 tiger 7 lamp river"



@pytest.fixture
def two_versions(tmp_path, clock):
    """王磊's small book and 李娜's backup: both changed 张伟's notes after sharing him, 李娜 later.
    Returns (our book, her backup, the customer's id)."""
    ours = teammate_book(tmp_path / "wang.sqlite", "王磊", clock)
    hers = teammate_book(tmp_path / "li.sqlite", "李娜", clock)
    cid = ours.customers.create(CustomerInput(name="张伟", phone="13800138000", notes="旧备注")).id
    ours.customers.create(CustomerInput(name="李雷"))
    fast_backups(ours).backup(tmp_path / "wang.crmbak", PASSPHRASE)
    fast_backups(hers).merge(tmp_path / "wang.crmbak", PASSPHRASE)
    for s, notes in ((ours, "先报价再寄样品"), (hers, "先寄样品")):
        clock.value += timedelta(minutes=5)
        edit_customer(s.customers, cid, notes=notes)
    out = tmp_path / "li-na.crmbak"
    fast_backups(hers).backup(out, PASSPHRASE)
    for s in (ours, hers):
        s.ctx.db.close()
    clock.value += timedelta(minutes=5)
    return tmp_path / "wang.sqlite", out, cid


def _card_text(person) -> str:
    card = person.window.card
    return " ".join(label.text() for label in card.findChildren(QLabel) if label.isVisible())


def test_merge_then_review_two_versions_and_undo(launch_app, two_versions, monkeypatch):
    """Merge 李娜's backup → "2 versions to review: 1" → the review shows both notes, hers kept (later) and
    mine, with names → Use the other version → the card shows mine, the count is gone → Ctrl+Z: hers again,
    waiting again → Type another value… → the typed notes are on the card."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    book, backup, _cid = two_versions
    person = launch_app(book)
    waiting = person.find(QPushButton, "conflictsWaiting")
    assert not waiting.isVisible()

    person.expect(file_path(backup), passphrase(PASSPHRASE), press("Merge"))
    person.choose("file", "merge")
    person.wait_answered(timeout=30000)
    person.idle()
    person.wait(lambda: waiting.isVisible())
    assert person.text(waiting) == "2 versions to review: 1"

    person.click(waiting)
    person.wait(lambda: person.top_level(ConflictsDialog, "conflictsDialog") is not None)
    dialog = person.top_level(ConflictsDialog, "conflictsDialog")
    table = dialog.findChild(QTableWidget, "conflictTable")
    person.wait(lambda: len(person.rows(table)) == 1)
    assert person.rows(table)[0] == ("张伟", "Customers", "Notes", "先寄样品", "先报价再寄样品")
    detail = person.text(dialog.findChild(QLabel, "conflictDetail"))
    assert "先寄样品 (李娜, " in detail and "先报价再寄样品 (you, " in detail

    # the person opens the customer from the review, then takes their own version back
    person.click(dialog.findChild(QPushButton, "conflictOpen"))
    person.idle()
    person.wait(lambda: "先寄样品" in _card_text(person))
    person.click(dialog.findChild(QPushButton, "conflictTakeOther"))
    person.idle()
    person.wait(lambda: not waiting.isVisible())
    person.wait(lambda: len(person.rows(table)) == 0)
    assert person.text(dialog.findChild(QLabel, "conflictStatus")) == "Nothing left to decide."
    person.wait(lambda: "先报价再寄样品" in _card_text(person))

    # Edit › Undo gives hers back, and the field waits for a decision again
    person.click(dialog.findChild(QPushButton, "conflictClose"))
    person.activate()
    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: "先寄样品" in _card_text(person) and "先报价再寄样品" not in _card_text(person))
    person.wait(lambda: waiting.isVisible())

    # a third value, typed
    person.click(waiting)
    person.wait(lambda: len(person.rows(table)) == 1)
    person.expect(fill({"": "两样都做"}))
    person.click(dialog.findChild(QPushButton, "conflictType"))
    person.wait_answered()
    person.idle()
    person.wait(lambda: not waiting.isVisible())
    person.wait(lambda: "两样都做" in _card_text(person))
