"""Push and pull through a real PostgreSQL hub: two laptops converge."""

from helpers.hub import laptop, make_hub

from crm_desktop.domain.models import CustomerInput


def test_two_laptops_converge_through_the_hub(pg_url, tmp_path, clock):
    """A customer made on one laptop reaches the other; an edit on each side of different fields keeps both."""
    url = make_hub(pg_url)
    a = laptop(tmp_path / "a", "王磊", clock, url)
    b = laptop(tmp_path / "b", "李娜", clock, url)
    try:
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
    finally:
        a.close()
        b.close()


def test_the_waiting_count_follows_edits_and_syncs(pg_url, tmp_path, clock):
    """"N changes waiting" counts each edit at once, is 0 after a sync, and a pulled edit of the other
    laptop leaves nothing waiting (the count after a sync only looks at what it sent and took)."""
    url = make_hub(pg_url)
    a = laptop(tmp_path / "a", "王磊", clock, url)
    b = laptop(tmp_path / "b", "李娜", clock, url)
    try:
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
    finally:
        a.close()
        b.close()


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
