"""A new laptop's first sync takes the hub's whole book at once, checked like a restore (pull.first_pull)."""

import pytest
from helpers.hub import cut_connections, laptop, make_hub, two_laptops

from crm_desktop.db.hub.errors import HubError
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.services.hub import pull
from crm_desktop.services.privacy import ErasureService


def _team_book(a):
    """A's book: customers with contacts, one deleted, one erased; returns the kept customers' ids."""
    svc = a.services.customers
    kept = [svc.create(CustomerInput(name=f"客户{i}", phone=f"1380013{i:04d}",
                                     contacts=[ContactInput(name=f"联系人{i}")])).id for i in range(30)]
    gone = svc.create(CustomerInput(name="删除我")).id
    svc.delete(gone)
    erased = svc.create(CustomerInput(name="王秘密", phone="13999999999")).id
    ErasureService(a.services.ctx).erase(erased)
    return kept


def _converge(b, a):
    """B syncs, then A: both books hold the same records."""
    b.hub.sync()
    a.hub.sync()
    assert b.state().tables == a.state().tables


def test_a_new_laptops_first_sync_takes_the_hubs_book_whole_and_then_has_nothing_to_send(
        pg_url, tmp_path, clock, monkeypatch):
    """B (a new install) ends with exactly the hub's records, its own site id and person, a search index,
    and a shadow that knows every row: its next sync sends and takes nothing.  No batch is merged."""
    url = make_hub(pg_url)
    with two_laptops(tmp_path, clock, url) as (a, b):
        kept = _team_book(a)
        a.hub.sync()
        site = b.db.site_id
        assert b.hub.first_pull_pending()
        with monkeypatch.context() as m:
            m.setattr(pull, "apply_batch", lambda *a, **k: pytest.fail("merged batch by batch"))
            got = b.hub.sync()
        assert got.pulled > 60 and got.waiting == 0 and not b.hub.first_pull_pending()
        a.hub.sync()  # takes B's person row
        assert b.state().tables == a.state().tables
        assert b.db.site_id == site and b.services.customers.get(kept[7]).name == "客户7"
        assert b.state().erasures == a.state().erasures
        assert [b.services.customers.get(i).name for i in b.services.customers.search(CustomerQuery(text="联系人12"))] \
            == ["客户12"]
        assert not b.services.customers.search(CustomerQuery(text="王秘密"))
        again = b.hub.sync()
        assert (again.pushed, again.pulled) == (0, 0)


def test_a_first_pull_broken_mid_way_leaves_the_book_as_it_was_and_the_next_sync_takes_it(
        pg_url, tmp_path, clock, monkeypatch):
    """The connection is cut while the hub's rows stream in: the sync fails with a sentence, the book is
    still empty and still waits for its first pull; the next sync brings everything."""
    url = make_hub(pg_url)
    a = laptop(tmp_path / "a", "王磊", clock, url)
    b = laptop(tmp_path / "b", "李娜", clock, url)
    real = pull.hub.stream_rows

    def cut_after_customers(pg, table, after, upto, size=5000):
        if table == "contact":
            cut_connections(url, b.hub.address().role)
        yield from real(pg, table, after, upto, size)

    try:
        _team_book(a)
        a.hub.sync()
        monkeypatch.setattr(pull.hub, "stream_rows", cut_after_customers)
        with pytest.raises(HubError):
            b.hub.sync()
        assert b.services.customers.search(CustomerQuery()) == [] and b.hub.first_pull_pending()
        monkeypatch.setattr(pull.hub, "stream_rows", real)
        _converge(b, a)
    finally:
        a.close()
        b.close()


def test_a_book_written_to_during_its_first_pull_is_merged_not_replaced(pg_url, tmp_path, clock, monkeypatch):
    """Another program writes a customer into B's book while the hub's book is being checked: the file is
    not swapped (that customer would be lost); the rows are merged batch by batch instead and the new
    customer reaches the hub at the next sync."""
    url = make_hub(pg_url)
    a = laptop(tmp_path / "a", "王磊", clock, url)
    b = laptop(tmp_path / "b", "李娜", clock, url)
    real = pull.take_in
    made = []

    def take_in_and_write(*args, **kw):
        report = real(*args, **kw)
        made.append(b.services.customers.create(CustomerInput(name="半路客户")).id)
        return report

    try:
        kept = _team_book(a)
        a.hub.sync()
        monkeypatch.setattr(pull, "take_in", take_in_and_write)
        b.hub.sync()
        monkeypatch.setattr(pull, "take_in", real)
        assert b.services.customers.get(made[0]).name == "半路客户"
        assert b.services.customers.get(kept[3]).name == "客户3"
        _converge(b, a)
    finally:
        a.close()
        b.close()
