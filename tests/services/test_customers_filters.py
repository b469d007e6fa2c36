"""The customer list's filters on today's scores and on activity, its activity columns and the views' counts."""

from __future__ import annotations

from calllist_book import add_customer, add_interaction

from crm_desktop.domain.models import CustomerQuery
from crm_desktop.services.insight import ScoreCells

CELL = ScoreCells("MVC", 1, "active", 10.0, 0.9, 5, 5, 5)


def _book(ctx, customers):
    """Four customers with hand-set scores: a sleeping MVC, an active MVC, an MGC and a prospect."""
    ids = {name: add_customer(ctx, name, industry=industry, owner=owner, relationship_stage=stage)
           for name, industry, owner, stage in (("a", "制造业", "王磊", "commitment"), ("b", "零售", "王磊", None),
                                                ("c", "制造业", "李娜", "awareness"), ("d", "", "王磊", None))}
    customers.warm_up()
    customers.set_scores({
        ids["a"]: CELL._replace(stage="dormant"), ids["b"]: CELL,
        ids["c"]: CELL._replace(segment="MGC", decile=3, stage="at_risk"),
        ids["d"]: ScoreCells("", 10, "prospect", 0.0, 0.0, 0, 0, 0),
    })
    return ids


def test_score_filters_read_todays_scores(customers, ctx):
    """Segment, decile and lifecycle filters keep only customers whose scores match; prospects have no decile."""
    ids = _book(ctx, customers)
    assert customers.search(CustomerQuery(segments=frozenset({"MVC"}))) == [ids["a"], ids["b"]]
    assert customers.search(CustomerQuery(segments=frozenset({"MVC"}), lifecycles=frozenset({"dormant", "at_risk"}))) \
        == [ids["a"]]
    assert customers.search(CustomerQuery(deciles=frozenset({3, 10}))) == [ids["c"]]
    assert customers.search(CustomerQuery(lifecycles=frozenset({"prospect"}))) == [ids["d"]]
    customers.set_scores({})
    assert customers.search(CustomerQuery(segments=frozenset({"MVC"}))) == []


def test_p_active_and_expected_value_filters(customers, ctx):
    """"P(active) below 50 %" keeps the buying customers under it (never a prospect); "expected value at least"
    compares whole units of the currency with the minor units of the scores."""
    ids = _book(ctx, customers)
    customers.set_scores({ids["a"]: CELL._replace(p_alive=0.3, expected_value=250_000.0),
                          ids["b"]: CELL._replace(p_alive=0.8, expected_value=900_000.0),
                          ids["d"]: ScoreCells("", 10, "prospect", 0.0, 0.0, 0, 0, 0)})
    assert customers.search(CustomerQuery(p_alive_below=50)) == [ids["a"]]
    assert customers.search(CustomerQuery(value_at_least=5_000)) == [ids["b"]]
    assert customers.search(CustomerQuery(value_at_least=2_500, p_alive_below=90)) == [ids["a"], ids["b"]]
    assert customers.search(CustomerQuery(value_at_least=2_500, segments=frozenset({"MGC"}))) == []


def test_industry_and_relationship_stage_filters(customers, ctx):
    """Industry and relationship stage filter as stored, with the other filters."""
    ids = _book(ctx, customers)
    assert customers.search(CustomerQuery(industry="制造业")) == [ids["a"], ids["c"]]
    assert customers.search(CustomerQuery(industry="制造业", segments=frozenset({"MGC"}))) == [ids["c"]]
    assert customers.search(CustomerQuery(relationship_stage="commitment")) == [ids["a"]]
    assert customers.industries() == ["制造业", "零售"]


def test_not_contacted_for_n_days(customers, ctx):
    """Quiet for 30 days: the last contact is older than 30 days, or there was none; a deleted contact counts
    for nothing."""
    ids = _book(ctx, customers)
    add_interaction(ctx, ids["a"], 45)
    add_interaction(ctx, ids["b"], 45)
    add_interaction(ctx, ids["b"], 3)
    add_interaction(ctx, ids["c"], 29)
    assert customers.search(CustomerQuery(quiet_days=30)) == [ids["a"], ids["d"]]
    assert customers.search(CustomerQuery(quiet_days=30, segments=frozenset({"MVC"}))) == [ids["a"]]
    assert customers.search(CustomerQuery(quiet_days=30, text="d")) == [ids["d"]]
    assert customers.search(CustomerQuery(quiet_days=2)) == [ids["a"], ids["b"], ids["c"], ids["d"]]


def test_rows_carry_last_contact_and_first_open_next_step(customers, ctx, clock):
    """A page row has the newest contact and the open next step due first (done ones are skipped)."""
    ids = _book(ctx, customers)
    add_interaction(ctx, ids["a"], 10, next_due_days_ago=-5, step="send quote")
    add_interaction(ctx, ids["a"], 4, next_due_days_ago=-9, step="visit")
    add_interaction(ctx, ids["a"], 2, next_due_days_ago=-1, step="done already", done=True)
    rows = customers.rows([ids["a"], ids["b"]])
    a, b = rows[ids["a"]], rows[ids["b"]]
    assert (clock() - a.last_contact).days == 2
    assert a.next_step == "send quote" and (a.next_due_at - clock()).days == 5
    assert b.last_contact is None and b.next_step == "" and b.next_due_at is None


def test_sorting_by_last_contact_and_next_due(customers, ctx):
    """Sorting by last contact or next due follows the book as it is now; customers without one come last in
    either direction."""
    ids = _book(ctx, customers)
    add_interaction(ctx, ids["a"], 10)
    add_interaction(ctx, ids["c"], 2, next_due_days_ago=-3, step="call")
    add_interaction(ctx, ids["b"], 5, next_due_days_ago=-1, step="mail")
    assert customers.search(CustomerQuery(sort="last_contact")) == [ids["a"], ids["b"], ids["c"], ids["d"]]
    assert customers.search(CustomerQuery(sort="last_contact", descending=True)) == \
        [ids["c"], ids["b"], ids["a"], ids["d"]]
    assert customers.search(CustomerQuery(sort="next_due")) == [ids["b"], ids["c"], ids["a"], ids["d"]]
    add_interaction(ctx, ids["d"], 0)  # logged just now, announced as the window does
    customers.invalidate(index=False, contacts_of=[ids["d"]])
    assert customers.search(CustomerQuery(sort="last_contact", descending=True))[0] == ids["d"]


def test_kept_last_contacts_are_read_again_only_for_the_customers_announced(customers, ctx):
    """The last contacts are read once and kept; announcing a customer's new contact re-reads only theirs,
    announcing everyone (a merge) re-reads all."""
    ids = _book(ctx, customers)
    add_interaction(ctx, ids["a"], 45)
    assert customers.search(CustomerQuery(quiet_days=30)) == [ids["a"], ids["b"], ids["c"], ids["d"]]
    add_interaction(ctx, ids["a"], 1)
    add_interaction(ctx, ids["b"], 1)
    customers.invalidate(index=False, contacts_of=[ids["a"]])
    assert customers.search(CustomerQuery(quiet_days=30)) == [ids["b"], ids["c"], ids["d"]]
    customers.invalidate()
    assert customers.search(CustomerQuery(quiet_days=30)) == [ids["c"], ids["d"]]


def test_counts_of_several_queries(customers, ctx):
    """counts() says how many customers each query lists."""
    _book(ctx, customers)
    assert customers.counts([CustomerQuery(), CustomerQuery(segments=frozenset({"MVC"})),
                             CustomerQuery(owner="王磊", industry="零售")]) == [4, 2, 1]
