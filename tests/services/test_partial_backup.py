"""A backup of my customers only: nobody else's customer leaves the laptop, a teammate merges it, and it
cannot replace a whole book."""

from __future__ import annotations

import pytest
from helpers.backups import PASS, fast_backups

from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.exchange import backup_file as bf
from crm_desktop.services.backup.errors import PartialRestoreError
from crm_desktop.services.timeline import ContactLogInput, TimelineService


@pytest.fixture
def book(ctx, customers):
    """李娜's customers (one under a second spelling of her name) and 王磊's, with contacts and notes."""
    mine = customers.create(CustomerInput(name="张伟", phone="13800138000")).id
    also_mine = customers.create(CustomerInput(name="刘洋", owner="李娜 ")).id
    his = customers.create(CustomerInput(name="秘密客户甲", owner="王磊", notes="机密备注乙",
                                         contacts=[ContactInput(name="联系人丙")])).id
    TimelineService(ctx).log_contact(ContactLogInput(his, summary="只给王磊看的通话丁", outcome="reached"))
    return mine, also_mine, his


def test_a_backup_of_my_customers_holds_no_trace_of_anyone_elses(ctx, book, tmp_path):
    """Only 李娜's two customers are in the file; not one byte of 王磊's customer, contact or call remains."""
    out = tmp_path / "mine.crmbak"
    result = fast_backups(ctx).backup(out, PASS, only_of="李娜")
    assert (result.partial_of, result.customers) == ("李娜", 2)
    _header, image = bf.read_backup(out, PASS)
    for secret in ("秘密客户甲", "机密备注乙", "联系人丙", "只给王磊看的通话丁"):
        assert secret.encode("utf-8") not in image, secret
    assert "张伟".encode() in image


def test_a_teammate_merges_it_and_sees_whose_it_is(ctx, book, tmp_path, clock):
    """The preview says whose customers it holds; merging adds them to the teammate's book."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    fast_backups(ctx).backup(tmp_path / "mine.crmbak", PASS, only_of="李娜")
    other = ServiceContext(open_database(tmp_path / "other.sqlite", create=True), user="陈静", now=clock)
    theirs = CustomerService(other)
    theirs.create(CustomerInput(name="陈静的客户"))
    preview = fast_backups(other).merge_preview(tmp_path / "mine.crmbak", PASS)
    assert preview.partial_of == "李娜" and preview.counts["customer"].new == 2
    fast_backups(other).merge_apply(preview)
    theirs.invalidate()
    from crm_desktop.domain.models import CustomerQuery

    names = {theirs.get(c).name for c in theirs.search(CustomerQuery())}
    assert names == {"张伟", "刘洋", "陈静的客户"}
    other.db.close()


def test_it_cannot_replace_a_book(ctx, book, tmp_path, customers):
    """Restoring a backup of some customers is refused with one sentence; the book is unchanged."""
    fast_backups(ctx).backup(tmp_path / "mine.crmbak", PASS, only_of="李娜")
    with pytest.raises(PartialRestoreError) as refused:
        fast_backups(ctx).restore(tmp_path / "mine.crmbak", PASS)
    assert "merge it instead" in refused.value.text()
    customers.invalidate()
    assert customers.get(book[2]).name == "秘密客户甲"


def test_a_backup_of_chosen_customers_holds_only_them_and_no_book_figures(ctx, book, tmp_path):
    """Two chosen customers (one mine, one 王磊's): their records are in; the third customer, his deal and the
    dashboard's cached figures of the whole book are not."""
    mine, _also_mine, his = book
    out = tmp_path / "chosen.crmbak"
    result = fast_backups(ctx).backup(out, PASS, only_ids=[mine, his])
    assert (result.partial_of, result.customers) == ("", 2)
    _header, image = bf.read_backup(out, PASS)
    assert "刘洋".encode() not in image and "秘密客户甲".encode() in image
    preview_path = tmp_path / "copy.sqlite"
    preview_path.write_bytes(image)
    import sqlite3

    conn = sqlite3.connect(preview_path)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key = 'partial_of'").fetchone() == ("李娜",)
        assert conn.execute("SELECT COUNT(*) FROM insight_figures").fetchone() == (0,)
    finally:
        conn.close()


def test_other_customers_deals_leave_no_trace(ctx, book, tmp_path):
    """A deal of a customer left out (its title, its stage history) is not in a backup of my customers."""
    from crm_desktop.services.deals import DealInput, DealService

    _mine, _also, his = book
    DealService(ctx).create(DealInput(his, title="秘密商机戊", amount="1000"))
    out = tmp_path / "mine.crmbak"
    fast_backups(ctx).backup(out, PASS, only_of="李娜")
    _header, image = bf.read_backup(out, PASS)
    assert "秘密商机戊".encode() not in image
