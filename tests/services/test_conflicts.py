"""Reviewing the "2 versions" a merge kept: who and when, keep / take the other / type a third, undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.backups import PASS, edit_customer, fast_backups, teammate_book

from crm_desktop.domain.changes import Kind
from crm_desktop.domain.errors import ValidationError
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.conflicts import ConflictService, NotTypable


@pytest.fixture
def teammate(tmp_path, clock):
    """王磊's book beside ours (李娜's)."""
    services = teammate_book(tmp_path / "other.sqlite", "王磊", clock)
    yield services.ctx, services.customers
    services.ctx.db.close()


def _two_versions(ctx, customers, teammate, tmp_path, clock, field="notes", mine="先报价", theirs="先寄样品"):
    """Both books edit one customer's *field* after sharing it; we merge the teammate's backup last."""
    octx, ocust = teammate
    cid = customers.create(CustomerInput(name="张伟", phone="13800138000")).id
    fast_backups(ctx).backup(tmp_path / "mine.crmbak", PASS)
    fast_backups(octx).merge(tmp_path / "mine.crmbak", PASS)
    clock.value += timedelta(minutes=1)
    edit_customer(customers, cid, **{field: mine})
    clock.value += timedelta(minutes=1)
    edit_customer(ocust, cid, **{field: theirs})  # later: wins the merge
    fast_backups(octx).backup(tmp_path / "theirs.crmbak", PASS)
    fast_backups(ctx).merge(tmp_path / "theirs.crmbak", PASS)
    customers.invalidate()
    return cid


def test_a_merge_conflict_is_listed_with_both_values_who_and_when(ctx, customers, teammate, tmp_path, clock):
    """The review lists the field with the value kept (the teammate's later edit) and ours, named and dated."""
    cid = _two_versions(ctx, customers, teammate, tmp_path, clock)
    svc = ConflictService(ctx)
    assert svc.count() == 1
    [item] = svc.pending()
    assert (item.customer_id, item.customer_name, item.table_name, item.field) == (cid, "张伟", "customer", "notes")
    assert (item.kept.value, item.kept.by, item.kept.mine) == ("先寄样品", "王磊", False)
    assert (item.other.value, item.other.by, item.other.mine) == ("先报价", "李娜", True)
    assert item.kept.at is not None and item.other.at is not None and item.other.at < item.kept.at
    assert item.current == "先寄样品" and item.typable


def test_keeping_writes_nothing_and_the_review_empties(ctx, customers, teammate, tmp_path, clock):
    """Keep: the customer is unchanged, the field no longer waits; undo puts it back for review."""
    cid = _two_versions(ctx, customers, teammate, tmp_path, clock)
    svc = ConflictService(ctx)
    [item] = svc.pending()
    decision = svc.keep(item.id)
    assert not decision.wrote and decision.changes.kinds == {Kind.CONFLICT}
    assert svc.count() == 0 and customers.get(cid).notes == "先寄样品"
    svc.undo(decision)
    assert svc.count() == 1


def test_taking_the_other_version_is_an_edit_that_wins_the_next_merge(ctx, customers, teammate, tmp_path, clock):
    """Take the other: the field holds our lost value again, and the teammate gets it at their next merge."""
    octx, ocust = teammate
    cid = _two_versions(ctx, customers, teammate, tmp_path, clock)
    svc = ConflictService(ctx)
    clock.value += timedelta(minutes=1)
    decision = svc.take_other(svc.pending()[0].id)
    customers.invalidate()
    assert decision.wrote and decision.changes.touches(Kind.CUSTOMER) and decision.changes.touches_customer(cid)
    assert customers.get(cid).notes == "先报价" and svc.count() == 0
    fast_backups(ctx).backup(tmp_path / "decided.crmbak", PASS)
    fast_backups(octx).merge(tmp_path / "decided.crmbak", PASS)
    ocust.invalidate()
    assert ocust.get(cid).notes == "先报价"


def test_undoing_a_taken_version_restores_the_value_and_the_question(ctx, customers, teammate, tmp_path, clock):
    """Undo after taking the other version: the kept value is back and the field waits again."""
    cid = _two_versions(ctx, customers, teammate, tmp_path, clock)
    svc = ConflictService(ctx)
    clock.value += timedelta(minutes=1)
    decision = svc.take_other(svc.pending()[0].id)
    clock.value += timedelta(minutes=1)
    svc.undo(decision)
    customers.invalidate()
    assert customers.get(cid).notes == "先寄样品" and svc.count() == 1


def test_a_typed_phone_is_checked_and_stored_as_the_card_stores_it(ctx, customers, teammate, tmp_path, clock):
    """A third value for a phone is normalised (E.164) and found by search; a bad one is refused, nothing
    written."""
    cid = _two_versions(ctx, customers, teammate, tmp_path, clock, field="phone", mine="13900139000",
                        theirs="13700137000")
    svc = ConflictService(ctx)
    [item] = svc.pending()
    with pytest.raises(ValidationError):
        svc.type_value(item.id, "not a phone")
    assert svc.count() == 1
    clock.value += timedelta(minutes=1)
    svc.type_value(item.id, "136 0013 6000")
    customers.invalidate()
    assert customers.get(cid).phone == "+8613600136000"
    from crm_desktop.domain.models import CustomerQuery

    assert customers.search(CustomerQuery(text="13600136000")) == [cid]


def test_only_text_fields_take_a_typed_value(ctx, customers, teammate, tmp_path, clock):
    """A choice (the preferred channel) can be kept or taken, not typed."""
    from crm_desktop.domain.enums import Channel

    _two_versions(ctx, customers, teammate, tmp_path, clock, field="preferred_channel", mine=Channel.WECHAT,
                  theirs=Channel.EMAIL)
    svc = ConflictService(ctx)
    [item] = svc.pending()
    assert not item.typable and (item.kept.value, item.other.value) == ("email", "wechat")
    with pytest.raises(NotTypable):
        svc.type_value(item.id, "fax")
    clock.value += timedelta(minutes=1)
    svc.take_other(item.id)
    customers.invalidate()
    assert customers.get(item.row_id).preferred_channel is Channel.WECHAT
