"""Row-level security on the hub: a member writes only as itself, never with another member's stamps, a
revoked member is shut out, and with "own customers only" a member cannot read a colleague's customers."""

import psycopg
import pytest
from helpers.hub import invite, laptop, make_hub, new_role, two_laptops

from crm_desktop.db.hub.admin import remove_member, set_own_customers_only
from crm_desktop.db.hub.connect import open_hub
from crm_desktop.db.hub.errors import HubLoginError
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.hub import read_invitation

STAMP_A = "1790000000000-00000-"


def _member(url):
    role = new_role("r")
    inv = read_invitation(invite(url, role))
    return role, open_hub(inv.address, inv.password)


def _insert(conn, cid, stamp, pushed_by=None):
    cols = "id, created_stamp, stamp, kind, name, name_pinyin, name_initials, company, phone, email, wechat, " \
           "address, industry, consent_marketing, do_not_contact, owner, needs, notes, external_id, created_at, " \
           "updated_at"
    vals = [cid, stamp, stamp, "person", "x", "", "", "", "", "", "", "", "", False, False, "", "", "", "",
            "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"]
    if pushed_by is not None:
        cols += ", pushed_by"
        vals.append(pushed_by)
    conn.execute(f"INSERT INTO customer ({cols}) VALUES ({', '.join(['%s'] * len(vals))})", vals)
    conn.commit()


def test_a_member_cannot_write_as_another_or_forge_their_stamps(pg_url, tmp_path, clock):
    """Writing with another member's name in pushed_by, or with another member's site as the latest stamp,
    is refused by the policies; the member's own stamps and an e-mail-only teammate's are accepted."""
    url = make_hub(pg_url)
    b = laptop(tmp_path / "b", "李娜", clock, url)
    role, conn = _member(url)
    try:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _insert(conn, "a" * 32, STAMP_A + "unregistered", pushed_by=b.hub.address().role)
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _insert(conn, "b" * 32, STAMP_A + b.db.site_id)
        conn.rollback()
        _insert(conn, "c" * 32, STAMP_A + "mailonlyteammate")  # a site no member has: relayed edits pass
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE customer SET stamp = %s WHERE id = %s", ("1790000000001-00000-" + b.db.site_id,
                                                                           "c" * 32))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE customer SET pushed_by = %s WHERE id = %s", (b.hub.address().role, "c" * 32))
        conn.rollback()
        conn.execute("UPDATE customer SET notes = 'ok' WHERE id = %s", ("c" * 32,))
        conn.commit()
        assert conn.execute("SELECT notes, pushed_by FROM customer WHERE id = %s", ("c" * 32,)).fetchone() == \
            ("ok", role)
    finally:
        conn.close()
        b.close()


def test_a_removed_member_cannot_connect_or_sync(pg_url, tmp_path, clock):
    """hub remove-user ends the member's session and its next sync is refused with the login sentence."""
    url = make_hub(pg_url)
    a = laptop(tmp_path / "a", "王磊", clock, url)
    try:
        a.hub.sync()
        inv_role = a.hub.address().role
        password = a.passwords.get(a.hub.address().key)
        live = open_hub(a.hub.address(), password)
        assert remove_member(url, inv_role) >= 1
        with pytest.raises(psycopg.OperationalError):
            live.execute("SELECT 1").fetchone()
        with pytest.raises(HubLoginError):
            a.hub.sync()
    finally:
        a.close()


def test_own_customers_only_hides_a_colleagues_customers(pg_url, tmp_path, clock):
    """With the team setting on, a member pulls its own customers and the pool, never a colleague's."""
    url = make_hub(pg_url)
    with two_laptops(tmp_path, clock, url) as (a, b):
        mine = a.services.customers.create(CustomerInput(name="张伟")).id
        with a.db.writing() as tx:  # one customer for the pool
            from crm_desktop.db.models import Customer
            from crm_desktop.db.sync import update_row

            pool = a.services.customers.create(CustomerInput(name="公海客户")).id
            update_row(tx, Customer, pool, {"owner": ""}, a.services.ctx.stamp())
        a.hub.sync()
        set_own_customers_only(url, True)
        b.hub.sync()
        seen = b.state().tables["customer"]
        assert pool in seen and mine not in seen
