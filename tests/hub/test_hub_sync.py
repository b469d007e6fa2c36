"""Push and pull through a real PostgreSQL hub: two laptops converge."""

import pytest
from helpers.hub import make_hub, two_laptops

from crm_desktop.domain.models import CustomerInput


def test_two_laptops_converge_through_the_hub(pg_url, tmp_path, clock):
    """A customer made on one laptop reaches the other; an edit on each side of different fields keeps both."""
    url = make_hub(pg_url)
    with two_laptops(tmp_path, clock, url) as (a, b):
        cid = a.services.customers.create(CustomerInput(name="张伟", phone="13800138000")).id
        first = a.hub.sync()
        assert first.pushed >= 2 and first.waiting == 0
        got = b.hub.sync()
        assert got.pulled >= 1
        assert b.services.customers.get(cid).name == "张伟"
        detail = a.services.customers.get(cid)
        a.services.customers.update(cid, CustomerInput(name="张伟", phone="13800138000", company="华为"))
        b.services.customers.update(cid, CustomerInput(name="张伟", phone="13900139000"))
        a.hub.sync()
        b.hub.sync()
        a.hub.sync()
        assert a.state().tables == b.state().tables
        final = a.services.customers.get(cid)
        assert final.company == "华为" and final.phone.endswith("13900139000") and detail.name == "张伟"


def test_the_waiting_count_follows_edits_and_syncs(pg_url, tmp_path, clock):
    """"N changes waiting" counts each edit at once, is 0 after a sync, and a pulled edit of the other
    laptop leaves nothing waiting (the count after a sync only looks at what it sent and took)."""
    url = make_hub(pg_url)
    with two_laptops(tmp_path, clock, url) as (a, b):
        a.services.customers.create(CustomerInput(name="李四"))  # the first write also makes my person
        assert a.hub.sync().waiting == 0 and a.hub.waiting() == 0
        cid = a.services.customers.create(CustomerInput(name="张伟")).id
        assert a.hub.waiting() == 1
        assert a.hub.sync().waiting == 0 and a.hub.waiting() == 0
        a.services.customers.update(cid, CustomerInput(name="张伟", company="华为"))
        assert a.hub.waiting() == 1
        b.hub.sync()
        b.services.customers.update(cid, CustomerInput(name="张伟", company="华为", phone="13800138000"))
        assert b.hub.sync().waiting == 0
        got = a.hub.sync()
        assert got.waiting == 0 and got.pulled >= 1 and a.hub.waiting() == 0
        assert a.state().tables == b.state().tables


def test_a_table_looked_at_in_parts_finds_a_waiting_row_in_any_part(tmp_path):
    """The pending probe of a large table cut into rowid spans sees a changed row whichever span holds it,
    and nothing when every row is as the hub has it."""
    import sqlite3

    from crm_desktop.db.hub import book as hub_book

    conn = sqlite3.connect(tmp_path / "b.sqlite")
    conn.execute("CREATE TABLE interaction (id TEXT PRIMARY KEY, stamp TEXT, created_stamp TEXT, "
                 "deleted_stamp TEXT, field_stamps TEXT)")
    conn.executemany("INSERT INTO interaction VALUES (?, 's', 's', NULL, NULL)", [(f"i{n:04d}",) for n in range(1000)])
    hub_book.ensure_shadow(conn)
    conn.execute("INSERT INTO hub_shadow SELECT 'interaction', id, 's|s||' FROM interaction")
    parts = hub_book.probe_parts(conn, "interaction", 2, 500)
    assert parts == [(-(2**63), 500), (501, 2**63 - 1)]
    assert hub_book.probe_parts(conn, "interaction", 2, 5000) == [None]
    assert not any(hub_book.has_pending(conn, "interaction", p) for p in parts)
    for rowid in (1, 500, 501, 1000):
        conn.execute("UPDATE interaction SET stamp = 't' WHERE rowid = ?", (rowid,))
        assert [hub_book.has_pending(conn, "interaction", p) for p in parts] == [rowid <= parts[0][1],
                                                                                 rowid > parts[0][1]]
        assert hub_book.has_pending(conn, "interaction")
        conn.execute("UPDATE interaction SET stamp = 's' WHERE rowid = ?", (rowid,))


def test_the_pulls_first_batch_is_merged_while_the_push_runs(pg_url, tmp_path, clock):
    """A sync merges the hub's first batch while it pushes: a push cut after its first batch still leaves
    the other laptop's edits merged and that batch's rows known to the hub; the next sync sends the rest,
    and both laptops end with the same book and nothing waiting."""
    url = make_hub(pg_url)
    with two_laptops(tmp_path, clock, url) as (a, b):
        ids = [a.services.customers.create(CustomerInput(name=f"客户{n}")).id for n in range(6)]
        a.hub.sync()
        b.hub.sync()
        for cid in ids[:3]:
            b.services.customers.update(cid, CustomerInput(name="客户", company="李娜的公司"))
        b.hub.sync()
        for cid in ids[3:]:
            a.services.customers.update(cid, CustomerInput(name="客户", phone="13800138000"))
        assert a.hub.waiting() == 3

        def cut(kind: str, _n: int) -> None:
            if kind == "push":
                raise ConnectionAbortedError("cut")

        with pytest.raises(ConnectionAbortedError):
            a.hub.sync(push_batch_size=1, between_batches=cut)
        assert all(a.services.customers.get(cid).company == "李娜的公司" for cid in ids[:3])
        assert a.hub.waiting() == 2  # the first pushed row is known to the hub; two still wait
        assert not list((tmp_path / "a").glob("**/crm-hub-*"))
        assert a.hub.sync().waiting == 0
        b.hub.sync()
        assert a.state().tables == b.state().tables
        assert all(b.services.customers.get(cid).phone.endswith("13800138000") for cid in ids[3:])


def test_a_pushed_version_does_not_replace_the_books_present_one(tmp_path):
    """Signatures of pushed rows leave alone a row whose shadow holds the book's present version (a pull
    merged it meanwhile) and replace any other."""
    import sqlite3

    from crm_desktop.db.hub import book as hub_book

    conn = sqlite3.connect(tmp_path / "b.sqlite")
    conn.execute("CREATE TABLE customer (id TEXT PRIMARY KEY, stamp TEXT, created_stamp TEXT, "
                 "deleted_stamp TEXT, field_stamps TEXT)")
    conn.executemany("INSERT INTO customer VALUES (?, ?, 'c', NULL, NULL)", [("merged", "s2"), ("edited", "s3")])
    hub_book.ensure_shadow(conn)
    conn.executemany("INSERT INTO hub_shadow VALUES ('customer', ?, ?)", [("merged", "s2|c||"), ("edited", "s0|c||")])
    sent = [{"id": rid, "stamp": "s1", "created_stamp": "c"} for rid in ("merged", "edited", "new")]
    hub_book.remember(conn, "customer", sent, keep_current=True)
    assert dict(conn.execute("SELECT id, sig FROM hub_shadow")) == {"merged": "s2|c||", "edited": "s1|c||",
                                                                     "new": "s1|c||"}
    hub_book.remember(conn, "customer", sent)
    assert dict(conn.execute("SELECT id, sig FROM hub_shadow"))["merged"] == "s1|c||"
