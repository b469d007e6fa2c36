"""The hub on the command line: hub init, add-user, sync --join, sync, remove-user, and the refusals."""

import keyring
import pytest
from helpers.hub import new_role
from helpers.memory_keyring import MemoryKeyring

from crm_desktop.cli import main
from crm_desktop.db.database import open_database
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services import Services
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.hub import KEYRING_SERVICE, make_invitation


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def _book(path, name=None, clock=None):
    db = open_database(path)
    if name:
        Services(ServiceContext(db, user="王磊", now=clock)).customers.create(CustomerInput(name=name))
    db.close()
    return str(path)


def _invitation(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("crm-hub:"))


def test_the_commands_connect_two_books(pg_url, tmp_path, capsys, memory_keyring, clock):
    """init, add-user twice, sync --join on two books: the second book gets the first one's customer; the
    password sits in the keyring, and remove-user shuts the member out with one sentence."""
    assert main(["hub", "init", pg_url]) == 0
    roles = [new_role("cli"), new_role("cli")]
    invitations = []
    for role in roles:
        assert main(["hub", "add-user", role, "--hub", pg_url]) == 0
        invitations.append(_invitation(capsys.readouterr().out))
    one = _book(tmp_path / "one.sqlite", "张伟", clock)
    two = _book(tmp_path / "two.sqlite")
    assert main(["sync", "--join", invitations[0], "--db", one]) == 0
    assert "Connected to the team hub" in capsys.readouterr().out
    assert main(["sync", "--join", invitations[1], "--db", two]) == 0
    out = capsys.readouterr().out
    assert "Synced" in out or "同步" in out
    db = open_database(two)
    try:
        with db.reading() as tx:
            names = [r[0] for r in tx.exec_driver_sql("SELECT name FROM customer")]
    finally:
        db.close()
    assert "张伟" in names
    assert any(service == KEYRING_SERVICE for service, _ in memory_keyring.saved)
    assert main(["hub", "remove-user", roles[1], "--hub", pg_url]) == 0
    capsys.readouterr()
    assert main(["sync", "--db", two]) == 2
    assert "refused this login" in capsys.readouterr().err


def test_a_remote_hub_without_verified_tls_and_a_damaged_invitation_are_refused(tmp_path, capsys, memory_keyring):
    """An invitation to another computer without sslmode=verify-full, or a damaged one: one sentence, exit 2."""
    book = _book(tmp_path / "b.sqlite")
    plain = make_invitation("hub.example.com", 5432, "team", "wanglei", "secret", sslmode="require")
    assert main(["sync", "--join", plain, "--db", book]) == 2
    assert "verified TLS" in capsys.readouterr().err
    assert main(["sync", "--join", plain[:-6], "--db", book]) == 2
    assert "invitation is damaged" in capsys.readouterr().err
    assert main(["sync", "--db", book]) == 2
    assert "not connected to a team hub" in capsys.readouterr().err
