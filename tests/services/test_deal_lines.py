"""Products on a deal: the amount follows the lines, a deal without lines keeps its typed amount, bad lines
are refused line by line; and two books editing one product offline keep both edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from helpers.backups import PASS, fast_backups, teammate_book

from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import LineInput, ProductInput
from crm_desktop.services.deal_lines import DealLineService
from crm_desktop.services.deals import DealInput, DealService, InvalidDeal
from crm_desktop.services.products import ProductService


@pytest.fixture
def book(ctx, customers):
    cid = customers.create(CustomerInput(name="张伟")).id
    svc = ProductService(ctx)
    chair = svc.create(ProductInput("A-01", "办公椅", "把", "1280")).id
    paper = svc.create(ProductInput("B-02", "打印纸", "箱", "199.50")).id
    return cid, chair, paper


def test_a_deal_with_lines_has_their_total_as_its_amount(ctx, book):
    """2 chairs at 1,200 less 10 % and 3 boxes at 199.50: 2,160 + 598.50 = 2,758.50, whatever was typed."""
    cid, chair, paper = book
    deals = DealService(ctx)
    lines = (LineInput(chair, "2", 120000, "10"), LineInput(paper, "3", 19950))
    did = deals.create(DealInput(cid, title="办公家具", amount="1", lines=lines)).id
    assert deals.get(did).amount_minor == 275850
    stored = DealLineService(ctx).lines(did)
    assert [(r.code, r.quantity_milli, r.unit_price_minor, r.discount_bp, r.total_minor) for r in stored] == [
        ("A-01", 2000, 120000, 1000, 216000), ("B-02", 3000, 19950, 0, 59850)]


def test_editing_the_lines_changes_the_amount_and_no_lines_keeps_the_typed_one(ctx, book):
    """One line less: the amount is the rest; no lines at all: the amount typed counts again."""
    cid, chair, paper = book
    deals = DealService(ctx)
    data = DealInput(cid, title="办公家具", lines=(LineInput(chair, "2", 128000), LineInput(paper, "1", 19950)))
    did = deals.create(data).id
    assert deals.update(did, replace(data, lines=(LineInput(paper, "4", 19950),)))
    assert deals.get(did).amount_minor == 79800 and len(DealLineService(ctx).lines(did)) == 1
    deals.update(did, replace(data, title="办公纸张", amount="5,000", lines=None))  # lines left as they are
    assert deals.get(did).amount_minor == 79800 and deals.get(did).title == "办公纸张"
    deals.update(did, replace(data, amount="5,000", lines=()))
    assert deals.get(did).amount_minor == 500000 and DealLineService(ctx).lines(did) == []


def test_a_deal_without_lines_keeps_its_typed_amount(ctx, book):
    """No products: the deal is what was typed, as before."""
    cid, _chair, _paper = book
    deals = DealService(ctx)
    assert deals.get(deals.create(DealInput(cid, title="咨询", amount="38,000")).id).amount_minor == 3800000


def test_bad_lines_are_refused_each_with_its_sentence(ctx, book):
    """A zero quantity and a discount above 100 %: two sentences, no deal saved."""
    cid, chair, paper = book
    deals = DealService(ctx)
    with pytest.raises(InvalidDeal) as caught:
        deals.create(DealInput(cid, title="办公家具",
                               lines=(LineInput(chair, "0", 1), LineInput(paper, "1", 1, "120"))))
    assert [e.text() for e in caught.value.errors] == ["The quantity “0” must be above zero.",
                                                       "“120” is not between 0 % and 100 %."]
    assert deals.for_customer(cid) == []


def test_two_books_editing_one_product_offline_keep_both_edits(ctx, tmp_path, clock):
    """We change the chair's price, the teammate its name, each offline: after both merge, both hold the new
    price and the new name (field by field, no conflict between different fields)."""
    svc = ProductService(ctx)
    pid = svc.create(ProductInput("A-01", "办公椅", "把", "1280", "CNY", "13")).id
    other = teammate_book(tmp_path / "other.sqlite", "王磊", clock)
    try:
        fast_backups(ctx).backup(tmp_path / "mine.crmbak", PASS)
        fast_backups(other.ctx).merge(tmp_path / "mine.crmbak", PASS)
        theirs = ProductService(other.ctx)
        clock.value += timedelta(minutes=1)
        svc.update(pid, ProductInput("A-01", "办公椅", "把", "1180", "CNY", "13"))
        clock.value += timedelta(minutes=1)
        theirs.update(pid, ProductInput("A-01", "人体工学办公椅", "把", "1280", "CNY", "13"))
        fast_backups(other.ctx).backup(tmp_path / "theirs.crmbak", PASS)
        fast_backups(ctx).merge(tmp_path / "theirs.crmbak", PASS)
        fast_backups(ctx).backup(tmp_path / "mine2.crmbak", PASS)
        fast_backups(other.ctx).merge(tmp_path / "mine2.crmbak", PASS)
        for book_svc in (svc, theirs):
            row = book_svc.get(pid)
            assert (row.name, row.price_minor) == ("人体工学办公椅", 118000)
    finally:
        other.ctx.db.close()
