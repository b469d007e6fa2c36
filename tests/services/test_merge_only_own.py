"""A book's rule for one sender: from 王磊's backups take only changes to customers 王磊 owns, so a
salesperson cannot overwrite the manager's records; new customers and his own edits still arrive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.backups import PASS, edit_customer, fast_backups

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.timeline import ContactLogInput, TimelineService


@pytest.fixture
def team(ctx, customers, tmp_path, clock):
    """The manager (李娜, this book) owns 大客户; 王磊 owns 小客户.  王磊 then edits both, logs a call on the
    manager's, and adds a new customer; returns (his backup, the ids)."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    big = customers.create(CustomerInput(name="大客户", notes="经理的备注")).id
    small = customers.create(CustomerInput(name="小客户", owner="王磊", notes="旧")).id
    fast_backups(ctx).backup(tmp_path / "manager.crmbak", PASS)
    his_ctx = ServiceContext(open_database(tmp_path / "wang.sqlite", create=True), user="王磊", now=clock)
    his = CustomerService(his_ctx)
    fast_backups(his_ctx).merge(tmp_path / "manager.crmbak", PASS)
    clock.value += timedelta(minutes=5)
    edit_customer(his, big, notes="王磊改的")
    edit_customer(his, small, notes="王磊的新备注")
    TimelineService(his_ctx).log_contact(ContactLogInput(big, summary="王磊打给大客户", outcome="reached"))
    from crm_desktop.services.deals import DealInput, DealService

    DealService(his_ctx).create(DealInput(big, title="王磊在经理客户上开的商机", amount="100"))
    new = his.create(CustomerInput(name="新客户")).id
    fast_backups(his_ctx).backup(tmp_path / "wang.crmbak", PASS)
    his_ctx.db.close()
    return tmp_path / "wang.crmbak", big, small, new


def test_only_his_customers_change_and_the_preview_says_what_was_left_out(ctx, customers, team):
    """With the rule: the manager's customer keeps her notes and gets no call from him; his customer and
    his new customer arrive; the preview counts what it leaves out."""
    backup, big, small, new = team
    svc = fast_backups(ctx)
    preview = svc.merge_preview(backup, PASS, only_own=True)
    # the manager's notes, his call on her customer, and his deal there with its first stage
    assert preview.only_own and preview.withheld == 4
    svc.merge_apply(preview)
    customers.invalidate()
    assert customers.get(big).notes == "经理的备注"
    assert customers.get(small).notes == "王磊的新备注" and customers.get(new).name == "新客户"
    with ctx.db.raw_connection() as conn:
        for table in ("interaction", "deal"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE customer_id = ?", (big,)).fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM deal_stage_change").fetchone()[0] == 0


def test_without_the_rule_everything_merges(ctx, customers, team):
    """No rule (the default): his edit of the manager's customer is the later one and wins, as always."""
    backup, big, _small, _new = team
    preview = fast_backups(ctx).merge_preview(backup, PASS)
    assert not preview.only_own and preview.withheld == 0
    fast_backups(ctx).merge_apply(preview)
    customers.invalidate()
    assert customers.get(big).notes == "王磊改的"


def test_the_rule_is_remembered_for_that_sender(ctx, team):
    """Set once for 王磊's laptop, later previews of his backups apply it without asking."""
    backup, *_ = team
    svc = fast_backups(ctx)
    first = svc.merge_preview(backup, PASS)
    svc.set_only_own(first.sender, True)
    first.discard()
    again = svc.merge_preview(backup, PASS)
    assert again.only_own and again.withheld == 4
    again.discard()
    svc.set_only_own(again.sender, False)
    assert not svc.merge_preview(backup, PASS).only_own
