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
