"""What a person sees of automatic backups: one at start and at quit when something changed, the status bar
says when, a language switch writes none, and a backup that failed at quit is said at the next start."""

import errno
import sqlite3

from person import press
from PySide6.QtWidgets import QLabel, QLineEdit


def _auto(book):
    folder = book.parent / "backups" / book.stem
    return sorted(folder.glob("auto-*.sqlite")) if folder.is_dir() else []


def _new_customer(person, name):
    def answer(dialog):
        edit = dialog.findChild(QLineEdit, "customerName")
        edit.setFocus()
        person.type(name, edit)
        press("save")(dialog)

    person.expect(answer)
    person.shortcut("Ctrl+N")
    person.wait_answered()
    person.idle()


def test_automatic_backups_as_a_person_sees_them(launch_app, book, clock, monkeypatch):
    """Start: a backup of the day and "Last backup" in the status bar.  A language switch writes none.  Quit
    after adding a customer: a backup holding them.  Quit with no change: none.  A quit whose backup fails
    (disk full): the next start says so in the status bar."""
    from datetime import timedelta

    person = launch_app(book)
    person.wait(lambda: len(_auto(book)) == 1, timeout=20000)
    person.idle()
    person.wait(lambda: "Last backup:" in person.find(QLabel, "lastBackup").text())

    old = person.window
    person.choose("view", "language_zh_CN")
    person.wait(lambda: person.window is not old)
    person.idle()
    person.choose("view", "language_en")
    person.idle()
    assert len(_auto(book)) == 1, "switching the language writes no backup"

    clock.value += timedelta(hours=1)
    _new_customer(person, "孙悦")
    person.finish()
    person.controller.close()  # File › Quit: the window goes at once, the backup follows the last job
    files = _auto(book)
    assert len(files) == 2
    names = {r[0] for r in sqlite3.connect(files[-1]).execute("SELECT name FROM customer")}
    assert "孙悦" in names

    clock.value += timedelta(hours=1)
    again = launch_app(book)
    again.idle()
    again.finish()
    again.controller.close()
    assert len(_auto(book)) == 2, "nothing changed: no new backup at quit"

    clock.value += timedelta(hours=1)
    third = launch_app(book)
    _new_customer(third, "钱进")

    def disk_full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("crm_desktop.services.backup.auto.new_private_file", disk_full)
    third.finish()
    third.controller.close()
    monkeypatch.undo()
    fourth = launch_app(book)
    label = fourth.find(QLabel, "lastBackup")
    fourth.wait(lambda: "Automatic backup failed" in label.text())
    assert "disk is full" in label.toolTip()
