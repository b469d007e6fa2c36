"""Two laptops pushing the same row at the same moment: the row lock serialises them, both keep their fields."""

import threading

from helpers.hub import make_hub, two_laptops

from crm_desktop.db.models import Customer
from crm_desktop.db.sync import update_row
from crm_desktop.domain.models import CustomerInput


def test_simultaneous_pushes_of_one_row_keep_both_fields(pg_url, tmp_path, clock):
    """Both laptops edit other fields of the same customers and push at once: the hub has both edits."""
    url = make_hub(pg_url)
    with two_laptops(tmp_path, clock, url) as (a, b):
        ids = [a.services.customers.create(CustomerInput(name=f"客户{i}")).id for i in range(40)]
        a.hub.sync()
        b.hub.sync()
        with a.db.writing() as tx:
            for cid in ids:
                update_row(tx, Customer, cid, {"company": "华为"}, a.services.ctx.stamp())
        with b.db.writing() as tx:
            for cid in ids:
                update_row(tx, Customer, cid, {"industry": "制造"}, b.services.ctx.stamp())
        start = threading.Barrier(2)
        errors: list[BaseException] = []

        def push(top):
            try:
                start.wait()
                top.hub.sync(push_batch_size=7)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=push, args=(t,)) for t in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        a.hub.sync()
        b.hub.sync()
        for top in (a, b):
            rows = top.state().tables["customer"]
            assert all(rows[c]["company"] == "华为" and rows[c]["industry"] == "制造" for c in ids), top.name
