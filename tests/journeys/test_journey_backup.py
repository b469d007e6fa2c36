"""Backing up, merging a teammate's backup into another book, restoring and undoing the restore."""

from person import cancel, file_path, passphrase, press
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QTableView, QTableWidget

PASSPHRASE = "橙子 tiger 7 lamp river"



def test_back_up_merge_restore_and_undo(launch_app, book, tmp_path, monkeypatch):
    """File › Back up… writes an encrypted file; a new book merges it after a preview; File › Restore… replaces
    the book and File › Undo restore brings it back."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    person = launch_app(book)
    table = person.find(QTableView, "customerTable")
    customers = table.model().rowCount()
    out = tmp_path / "team" / "wang-lei.crmbak"
    out.parent.mkdir()

    saved = []
    person.expect(file_path(out), passphrase(PASSPHRASE), lambda box: (saved.append(box.text()), press("close")(box)))
    person.choose("file", "backup")
    person.wait_answered(timeout=30000)
    person.idle()
    assert out.exists() and out.stat().st_size > 10_000
    assert PASSPHRASE.encode() not in out.read_bytes()
    assert "passphrase" in saved[0]
    assert "Last backup:" in person.find(QLabel, "lastBackup").text()

    # a second, new book merges the teammate's backup
    second = tmp_path / "mine.sqlite"
    person.expect(file_path(second))
    old_window = person.window
    person.choose("file", "new_book")
    person.wait(lambda: person.window is not old_window)
    person.idle()
    table = person.find(QTableView, "customerTable")
    assert table.model().rowCount() == 0

    preview = {}

    def look_and_merge(dialog):
        counts = dialog.findChild(QTableWidget, "mergeCounts")
        preview["rows"] = [tuple(counts.item(r, c).text() for c in range(counts.columnCount()))
                           for r in range(counts.rowCount())]
        press("Merge")(dialog)

    person.expect(file_path(out), passphrase(PASSPHRASE), look_and_merge)
    person.choose("file", "merge")
    person.wait_answered(timeout=30000)
    person.idle()
    person.wait(lambda: table.model().rowCount() == customers, timeout=20000)
    customer_row = next(r for r in preview["rows"] if r[0] == "Customers")
    assert customer_row[1] == str(customers), "the preview counts the new customers"
    assert "Merged:" in person.status()

    # one more customer of my own, then restore the backup over this book: they are gone; undo: back
    def new_customer(dialog):
        name = dialog.findChild(QLineEdit, "customerName")
        name.setFocus()
        person.type("赵六", name)
        press("save")(dialog)

    person.expect(new_customer)
    person.choose("customer", "new_customer")
    person.wait_answered()
    person.idle()
    person.wait(lambda: table.model().rowCount() == customers + 1)
    person.expect(file_path(out), press(QMessageBox.StandardButton.Yes), passphrase(PASSPHRASE))
    person.choose("file", "restore")
    person.wait_answered(timeout=30000)
    person.idle()
    person.wait(lambda: table.model().rowCount() == customers, timeout=20000)
    assert person.action("file", "undo_restore").isEnabled()
    person.choose("file", "undo_restore")
    person.idle()
    person.wait(lambda: table.model().rowCount() == customers + 1, timeout=20000)
    # a merge cancelled at the file chooser changes nothing
    person.expect(cancel)
    person.choose("file", "merge")
    person.wait_answered()
    person.idle()
    assert table.model().rowCount() == customers + 1
