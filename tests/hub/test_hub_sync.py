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
