"""File › Back up my customers only…: the file holds my customers; restoring it is refused with one
sentence (merge it instead), and the book is untouched."""

from person import file_path, passphrase, press
from PySide6.QtWidgets import QListView

PASSPHRASE = "橙子 tiger 7 lamp river"



def _add_hers(path, clock):
    from crm_desktop.db.database import open_database
    from crm_desktop.domain.models import CustomerInput
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext

    db = open_database(path, create=False)
    Services(ServiceContext(db, user="李娜", now=clock)).customers.create(CustomerInput(name="李娜的客户"))
    db.close()


def test_back_up_my_customers_then_restore_is_refused(launch_app, call_book, clock, tmp_path, monkeypatch):
    """The backup of 王磊's 5 customers is saved; File › Restore… of it says to merge instead."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    path, _ids = call_book
    _add_hers(path, clock)
    person = launch_app(path)
    out = tmp_path / "wang-lei-only.crmbak"
    person.expect(file_path(out), passphrase(PASSPHRASE), press("close"))
    person.choose("file", "backup_mine")
    person.wait_answered(timeout=30000)
    person.idle()
    assert out.exists()
    person.wait(lambda: "Backup of 5 customers of 王磊 saved" in person.status())

    said = []
    person.expect(file_path(out), press("Yes"), passphrase(PASSPHRASE),
                  lambda box: (said.append(box.text()), press("ok")(box)))
    person.choose("file", "restore")
    person.wait_answered(timeout=30000)
    person.idle()
    assert said and said[0].startswith("This backup holds only 王磊's customers")
    view = person.find(QListView, "calllistView")
    person.wait(lambda: view.model().rowCount() > 0)
    assert not person.action("file", "undo_restore").isEnabled(), "nothing was replaced"


def test_back_up_selected_customers(launch_app, call_book, tmp_path, monkeypatch):
    """Select two customers in the list → File › Back up selected customers… → "2 selected customers";
    with nothing selected it says to select them first."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    path, _ids = call_book
    person = launch_app(path)
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() == 5)
    table.clearSelection()
    said = []
    person.expect(lambda box: (said.append(box.text()), press("ok")(box)))
    person.choose("file", "backup_selected")
    person.wait_answered()
    assert said and said[0].startswith("Select the customers to back up")

    person.click_row(table, 0)
    person.click_row(table, 1, modifiers=Qt.KeyboardModifier.ControlModifier)
    out = tmp_path / "two.crmbak"
    person.expect(file_path(out), passphrase(PASSPHRASE), press("close"))
    person.choose("file", "backup_selected")
    person.wait_answered(timeout=30000)
    person.idle()
    assert out.exists()
    person.wait(lambda: "Backup of 2 selected customers saved" in person.status())
