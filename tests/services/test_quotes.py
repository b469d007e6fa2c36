"""Quotes of a deal: a frozen copy of its lines under the next version, refused one line at a time when wrong;
sending logs an e-mail; accepting makes an order with lines that the scores see, and undoing takes it back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import LineInput, ProductInput
from crm_desktop.domain.quotes import QuoteInput, QuoteLineInput
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.deals import DealInput, DealService
from crm_desktop.services.orders import OrderInput, OrderService
from crm_desktop.services.products import ProductService
from crm_desktop.services.quotes import InvalidQuote, QuoteAccepted, QuoteService
from crm_desktop.services.timeline import TimelineService


@pytest.fixture
def deal(ctx, customers):
    cid = customers.create(CustomerInput(name="张伟", company="华为技术有限公司")).id
    svc = ProductService(ctx)
    chair = svc.create(ProductInput("A-01", "办公椅", "把", "1280", tax_rate="13")).id
    paper = svc.create(ProductInput("B-02", "打印纸", "箱", "199.50", tax_rate="6")).id
    deals = DealService(ctx)
    did = deals.create(DealInput(cid, title="办公家具", lines=(LineInput(chair, "2", 128000, "10"),
                                                              LineInput(paper, "3", 19950)))).id
    return cid, did, chair, paper


def _input(chair, paper, qty="2"):
    return QuoteInput((QuoteLineInput(chair, qty, 128000, "10", "13"), QuoteLineInput(paper, "3", 19950, "", "6")),
                      date(2026, 12, 31), "zh")


def test_the_draft_starts_from_the_deals_lines_at_each_products_tax(ctx, deal):
    """No quote yet: the deal's two lines, 13 % and 6 % from the catalogue, valid for 30 days."""
    _cid, did, _chair, _paper = deal
    draft = QuoteService(ctx).draft(did)
    assert [(x.code, x.quantity_milli, x.discount_bp, x.tax_bp) for x in draft.lines] == [
        ("A-01", 2000, 1000, 1300), ("B-02", 3000, 0, 600)]
    assert draft.valid_until == ctx.now().astimezone().date() + timedelta(days=30) and draft.quotes == []


def test_a_quote_freezes_the_lines_and_the_next_one_is_v2(ctx, deal):
    """v1 keeps its product names and totals after the catalogue changes; the next quote is v2."""
    _cid, did, chair, paper = deal
    svc = QuoteService(ctx)
    first = svc.get(svc.create(did, _input(chair, paper)).id)
    assert (first.version, first.net_minor, first.tax_minor, first.gross_minor) == (1, 290250, 33543, 323793)
    assert first.currency == "CNY" and first.created_by == ctx.user and first.valid_until == date(2026, 12, 31)
    ProductService(ctx).update(chair, ProductInput("A-01", "人体工学椅", "把", "1500", tax_rate="13"))
    second = svc.get(svc.create(did, _input(chair, paper, "4")).id)
    assert second.version == 2 and second.lines[0].name == "人体工学椅"
    assert svc.get(first.id).lines[0].name == "办公椅" and svc.get(first.id).gross_minor == 323793
    assert [x.version for x in svc.for_deal(did)] == [2, 1]
    assert svc.draft(did).lines[0].quantity_milli == 4000  # the next one starts from the latest


def test_bad_lines_are_refused_with_nothing_saved(ctx, deal):
    """A tax rate above 100 % and a zero quantity name their lines; no lines at all is refused too."""
    _cid, did, chair, paper = deal
    svc = QuoteService(ctx)
    bad = QuoteInput((QuoteLineInput(chair, "0", 100), QuoteLineInput(paper, "1", 100, "", "130")))
    with pytest.raises(InvalidQuote) as err:
        svc.create(did, bad)
    assert {e.field for e in err.value.errors} == {"line:1", "line:2"}
    with pytest.raises(InvalidQuote):
        svc.create(did, QuoteInput(()))
    assert svc.for_deal(did) == []


def test_sending_logs_an_email_on_the_timeline_and_marks_it_sent(ctx, deal):
    """"发送报价单 v1" by e-mail, and the quote has its sent time."""
    cid, did, chair, paper = deal
    svc = QuoteService(ctx)
    qid = svc.create(did, _input(chair, paper)).id
    changes = svc.mark_sent(qid)
    assert changes.touches_customer(cid)
    assert svc.get(qid).sent_at is not None
    entries = TimelineService(ctx).page(cid, kinds=("interaction",)).entries
    assert [(e.channel, e.body) for e in entries] == [("email", "发送报价单 v1")]


def test_accepting_makes_an_order_with_lines_and_wins_the_deal(ctx, deal):
    """The order's amount is the gross total, its lines the quote's; the deal is won; undo takes both back."""
    cid, did, chair, paper = deal
    svc = QuoteService(ctx)
    qid = svc.create(did, _input(chair, paper)).id
    accepted = svc.accept(qid)
    order = OrderService(ctx).get(accepted.order_id)
    assert (order.customer_id, order.amount_minor, order.currency) == (cid, 323793, "CNY")
    assert len(accepted.line_ids) == 2 and svc.get(qid).order_id == accepted.order_id
    deals = DealService(ctx)
    assert deals.get(did).stage == deals.settings().won.key
    with pytest.raises(QuoteAccepted):
        svc.accept(qid)
    svc.undo_accept(accepted)
    assert deals.get(did).stage != deals.settings().won.key and svc.get(qid).order_id is None
    with pytest.raises(Exception, match="no longer exists"):
        OrderService(ctx).get(accepted.order_id)


def test_the_order_of_an_accepted_quote_changes_the_customers_scores(ctx, deal, clock):
    """A customer with one order of 100.00 gains a second: two orders, more spent, a higher monetary value."""
    cid, did, chair, paper = deal
    OrderService(ctx).create(OrderInput(cid, clock() - timedelta(days=40), "100"))
    calllist = CallListService(ctx)
    before, _cur = calllist.scores(clock())
    i = list(before.customer_ids).index(cid)
    svc = QuoteService(ctx)
    svc.accept(svc.create(did, _input(chair, paper)).id)
    clock.value += timedelta(days=1)
    after, _cur = calllist.scores(clock())
    j = list(after.customer_ids).index(cid)
    assert (before.n_orders[i], after.n_orders[j]) == (1, 2)
    assert after.total_spent[j] == 10000 + 323793 and after.frequency[j] > before.frequency[i]


def test_the_command_lines_quote_is_v1_from_the_deals_lines_when_there_is_none(ctx, deal):
    """latest_or_first makes v1 once, then returns it."""
    _cid, did, _chair, _paper = deal
    svc = QuoteService(ctx)
    first = svc.latest_or_first(did)
    assert first.version == 1 and first.net_minor == 290250 and svc.latest_or_first(did).id == first.id


def test_quotes_show_on_the_customers_timeline_with_the_deals(ctx, deal, clock):
    """v1 and v2 with their gross totals, newest first, among the deal's entries; sent once sent."""
    cid, did, chair, paper = deal
    svc = QuoteService(ctx)
    svc.create(did, _input(chair, paper))
    clock.value += timedelta(minutes=5)
    second = svc.create(did, _input(chair, paper, "1")).id
    svc.mark_sent(second)
    entries = [e for e in TimelineService(ctx).page(cid).entries if e.kind == "quote"]
    assert [(e.outcome, e.amount_minor, e.body, e.from_status) for e in entries] == [
        ("2", 193617, "办公家具", "sent"), ("1", 323793, "办公家具", None)]
    assert TimelineService(ctx).page(cid, kinds=("order",)).entries == ()


def test_winning_a_deal_with_a_quote_orders_its_latest_once(ctx, deal):
    """order_on_won accepts the latest version (v2), not v1, and does nothing the second time."""
    _cid, did, chair, paper = deal
    svc = QuoteService(ctx)
    svc.create(did, _input(chair, paper))
    latest = svc.create(did, _input(chair, paper, "1")).id
    accepted = svc.order_on_won(did)
    assert accepted is not None and accepted.quote_id == latest and accepted.move is None
    assert OrderService(ctx).get(accepted.order_id).amount_minor == 193617
    assert svc.order_on_won(did) is None
    assert [(x[2], x[4], x[7]) for x in svc.order_lines(accepted.order_id)] == [("办公椅", 1000, 1300),
                                                                                  ("打印纸", 3000, 600)]


def test_a_deal_without_quotes_wins_without_an_order(ctx, deal):
    """No quote: nothing is ordered; orders without lines keep their amount."""
    cid, did, _chair, _paper = deal
    plain = OrderService(ctx).create(OrderInput(cid, ctx.now(), "88.80")).id
    svc = QuoteService(ctx)
    assert svc.order_on_won(did) is None
    assert OrderService(ctx).get(plain).amount_minor == 8880 and svc.order_lines(plain) == []


def test_two_books_quoting_and_ordering_offline_keep_both(ctx, deal, tmp_path, clock):
    """We make v2 and accept it, the teammate makes their own v2 offline; after merging both ways, both books
    hold both quotes (the teammate's under their name), our order and its two lines."""
    from helpers.backups import PASS, fast_backups, teammate_book

    _cid, did, chair, paper = deal
    mine = QuoteService(ctx)
    mine.create(did, _input(chair, paper))
    other = teammate_book(tmp_path / "other.sqlite", "王磊", clock)
    try:
        fast_backups(ctx).backup(tmp_path / "mine.crmbak", PASS)
        fast_backups(other.ctx).merge(tmp_path / "mine.crmbak", PASS)
        theirs = QuoteService(other.ctx)
        clock.value += timedelta(minutes=1)
        accepted = mine.accept(mine.create(did, _input(chair, paper, "4")).id)
        clock.value += timedelta(minutes=1)
        their_v2 = theirs.create(did, _input(chair, paper, "1")).id
        fast_backups(other.ctx).backup(tmp_path / "theirs.crmbak", PASS)
        fast_backups(ctx).merge(tmp_path / "theirs.crmbak", PASS)
        fast_backups(ctx).backup(tmp_path / "mine2.crmbak", PASS)
        fast_backups(other.ctx).merge(tmp_path / "mine2.crmbak", PASS)
        for svc in (mine, theirs):
            quotes = svc.for_deal(did)
            assert sorted((x.version, x.created_by) for x in quotes) == [(1, "李娜"), (2, "李娜"), (2, "王磊")]
            assert svc.get(their_v2).gross_minor == 193617
            assert OrderService(svc.ctx).get(accepted.order_id).amount_minor == 4 * 130176 + 63441
            assert len(svc.order_lines(accepted.order_id)) == 2
    finally:
        other.ctx.db.close()
