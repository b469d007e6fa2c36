"""What a salesperson can meet when joining, each one sentence: wrong password, not a hub, a newer hub."""

import pytest
from helpers.hub import invite, laptop, make_hub, new_role

from crm_desktop.db.hub.connect import open_admin
from crm_desktop.db.hub.errors import HubLoginError, HubNewerError, NotAHubError
from crm_desktop.services.hub import Invitation, read_invitation


def _tampered(invitation: str, password: str) -> str:
    inv = read_invitation(invitation)
    return Invitation(inv.address, password).encode()


def test_joining_refuses_a_wrong_password_a_foreign_database_and_a_newer_hub(pg_url, tmp_path, clock):
    """A wrong password is the login sentence; a database without the hub's tables is "not a hub"; a hub
    made by a newer app asks to update; nothing is stored in the book for any of them."""
    url = make_hub(pg_url)
    top = laptop(tmp_path / "a", "王磊", clock, url, join=False)
    try:
        good = invite(url, new_role("x"))
        with pytest.raises(HubLoginError):
            top.hub.join(_tampered(good, "not-the-password"))
        with open_admin(url) as conn:
            conn.execute("UPDATE hub_meta SET value = '99' WHERE key = 'hub_version'")
            conn.commit()
        with pytest.raises(HubNewerError) as newer:
            top.hub.join(good)
        assert "newer version" in str(newer.value)
        with open_admin(url) as conn:
            conn.execute("DELETE FROM hub_meta WHERE key = 'app'")
            conn.commit()
        with pytest.raises(NotAHubError):
            top.hub.join(good)
        assert not top.hub.is_connected() and top.passwords.saved == {}
    finally:
        top.close()
