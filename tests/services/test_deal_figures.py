"""Why deals were lost, for the dashboard: every reason counted over the last year, amounts in the main
currency, older losses and reopened deals left out."""

from __future__ import annotations

from datetime import timedelta

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.deal_figures import DealFigures
from crm_desktop.services.deals import DealInput, DealService


def test_lost_deals_are_counted_by_reason_over_the_last_year(ctx, customers, clock):
    """Two lost on price (one in USD, counted not added), one to a competitor, one lost 400 days ago left out,
    one lost then reopened left out."""
    cid = customers.create(CustomerInput(name="张伟")).id
    deals = DealService(ctx)
    lost = deals.settings().lost.key

    def lose(title, amount, reason, currency="CNY"):
        did = deals.create(DealInput(cid, title=title, amount=amount, currency=currency)).id
        deals.move(did, lost, reason)
        return did

    start = clock.value
    clock.value = start - timedelta(days=400)
    lose("旧单", "999", "timing")
    clock.value = start
    lose("打印机", "12,000", "price")
    lose("打印机 US", "500", "price", "USD")
    lose("复印机", "8,000", "competitor")
    reopened = lose("碎纸机", "300", "no_budget")
    deals.move(reopened, deals.settings().open_stages[0].key)
    figures = DealFigures(ctx).lost_reasons()
    assert figures.currency == "CNY" and figures.total == 3
    assert [(r.reason, r.deals, r.amount_minor) for r in figures.rows] == [
        ("price", 2, 1200000), ("competitor", 1, 800000), ("timing", 0, 0), ("no_budget", 0, 0), ("other", 0, 0)]
