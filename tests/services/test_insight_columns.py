"""The customer list sorted by today's scores (segment, decile, stage, expected value, P(active), RFM)."""

from __future__ import annotations

from calllist_book import add_customer, add_orders, background_book

from crm_desktop.domain.models import CustomerQuery
from crm_desktop.services.insight import InsightService, ScoreCells


def test_score_table_has_every_customer_and_prospects_have_no_segment(services, ctx):
    """One row per customer of today's run; a prospect has its stage but no segment, decile or RFM."""
    background_book(ctx, 12)
    prospect = add_customer(ctx, "prospect")
    table = services.get(InsightService).score_table()
    assert len(table) == 13
    assert table[prospect].segment == "" and table[prospect].stage == "prospect" and table[prospect].rfm == ""
    assert all(c.decile >= 1 and c.rfm.startswith("R") for k, c in table.items() if k != prospect)
    assert services.get(InsightService).score_table() is table  # made once per fit


def test_sorting_by_a_score_column(customers, ctx, services):
    """Decile 1 first, expected value highest first when descending, prospects last either way."""
    ids = background_book(ctx, 20)
    big = add_customer(ctx, "big")
    add_orders(ctx, big, [2 + 7 * j for j in range(40)], 900_000)
    prospect = add_customer(ctx, "prospect")
    customers.warm_up()
    table = services.get(InsightService).score_table()
    customers.set_scores(table)
    by_decile = customers.search(CustomerQuery(sort="decile"))
    deciles = [table[c].decile for c in by_decile[:-1]]
    assert deciles == sorted(deciles) and deciles[0] == 1 and by_decile[-1] == prospect
    by_value = customers.search(CustomerQuery(sort="expected_value", descending=True))
    assert by_value[0] == big and by_value[-1] == prospect
    by_stage = customers.search(CustomerQuery(sort="stage"))
    assert by_stage[0] == prospect
    assert set(customers.search(CustomerQuery(sort="rfm"))) == set(ids) | {big, prospect}
    by_segment = [table[c].segment for c in customers.search(CustomerQuery(sort="segment"))]
    order = ["MVC", "MGC", "migrator", "BZ", ""]
    assert by_segment == sorted(by_segment, key=order.index) and by_segment[0] == "MVC"


def test_new_scores_resort(customers, ctx):
    """Sorting by a score follows the scores handed in last."""
    a, b = add_customer(ctx, "a"), add_customer(ctx, "b")
    customers.warm_up()
    cell = ScoreCells("MVC", 1, "active", 10.0, 0.9, 5, 5, 5)
    customers.set_scores({a: cell, b: cell._replace(expected_value=20.0)})
    assert customers.search(CustomerQuery(sort="expected_value", descending=True)) == [b, a]
    customers.set_scores({a: cell._replace(expected_value=30.0), b: cell._replace(expected_value=20.0)})
    assert customers.search(CustomerQuery(sort="expected_value", descending=True)) == [a, b]
