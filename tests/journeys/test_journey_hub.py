"""Joining the team hub from the File menu, syncing, an edit while the hub is unreachable, and Sync now
once it is back."""

import keyring
import psycopg
import pytest
from helpers.hub import invite, make_hub, new_role
from helpers.memory_keyring import MemoryKeyring
from person import press
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTableView


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(before)


def _allow(pg_server, dbname: str, allowed: bool) -> None:
    """The hub's database accepts connections or not (as if its server were down or back)."""
    with psycopg.connect(host=str(pg_server.folder), port=pg_server.port, user=pg_server.superuser,
                         dbname="postgres", autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')


def _connect(person, invitation: str) -> None:
    """File ▸ Connect to team hub…, paste *invitation*, Connect; wait until the status bar says synced."""
    status = person.find(QLabel, "hubStatus")

    def paste(dialog):
        dialog.findChild(QPlainTextEdit, "hubInvitation").setPlainText(invitation)
        press("Connect")(dialog)

    person.expect(paste)
    person.choose("file", "hub_connect")
    person.wait_answered()
    person.wait(lambda: status.isVisible() and status.text().startswith("Synced"), timeout=60000)


def test_connect_sync_offline_and_back(launch_app, book, pg_server, pg_url, memory_keyring):
    """File ▸ Connect to team hub… with an invitation syncs and the status bar says synced; an edit while
    the hub is unreachable shows "offline, 1 change waiting"; Sync now once it is back: synced."""
    url = make_hub(pg_url)
    invitation = invite(url, new_role("j"))
    dbname = url.split("@/")[1].split("?")[0]
    person = launch_app(book)
    status = person.find(QLabel, "hubStatus")
    assert not status.isVisible()
    _connect(person, invitation)
    person.idle()

    _allow(pg_server, dbname, False)
    table = person.find(QTableView, "customerTable")
    customers = table.model().rowCount()

    def new_customer(dialog):
        name = dialog.findChild(QLineEdit, "customerName")
        name.setFocus()
        person.type("赵六", name)
        press("save")(dialog)

    person.expect(new_customer)
    person.choose("customer", "new_customer")
    person.wait_answered()
    person.wait(lambda: table.model().rowCount() == customers + 1)
    person.choose("file", "hub_sync")
    person.wait(lambda: status.text().startswith("Offline"), timeout=30000)
    assert status.text() == "Offline, 1 change waiting", status.text()
    assert "cannot be reached" in person.status()

    _allow(pg_server, dbname, True)
    person.activate()
    person.click(table)
    person.shortcut("Ctrl+Shift+Y")
    person.wait(lambda: status.text().startswith("Synced") and "waiting" not in status.text(), timeout=30000)
    assert "1 sent" in person.status()


def test_a_new_install_joins_and_shows_the_teams_book(launch_app, tmp_path, clock, pg_url, memory_keyring):
    """A salesperson's first start on a new, empty book: File ▸ Connect to team hub… takes the team's whole
    book at once (the file is swapped, as in a restore); the list then shows the team's customers, and
    typing a name finds one of them."""
    from helpers.hub import laptop

    from crm_desktop.db.database import open_database
    from crm_desktop.domain.models import CustomerInput

    url = make_hub(pg_url)
    teammate = laptop(tmp_path / "a", "王磊", clock, url)
    try:
        for i in range(25):
            teammate.services.customers.create(CustomerInput(name=f"团队客户{i}", phone=f"1380013{i:04d}"))
        teammate.hub.sync()
    finally:
        teammate.close()
    invitation = invite(url, new_role("n"))
    new_book = tmp_path / "new.sqlite"
    open_database(new_book, create=True).close()  # what the first start makes
    person = launch_app(new_book)
    table = person.find(QTableView, "customerTable")
    assert table.model().rowCount() == 0
    _connect(person, invitation)
    person.wait(lambda: table.model().rowCount() == 25)
    person.activate()
    person.click(table)
    person.shortcut("Ctrl+F")
    person.type("团队客户7")
    person.wait(lambda: table.model().rowCount() == 1)
