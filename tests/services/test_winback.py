"""The win-back list: formerly valuable customers who stopped buying, ranked, with their churn reasons."""

from __future__ import annotations

import numpy as np
import pytest
from calllist_book import add_customer, add_orders, background_book

from crm_desktop.domain.changes import Kind
from crm_desktop.domain.errors import UserError
from crm_desktop.services.calllist import CallListService
from crm_desktop.services.winback import WinBackService, winback_indices, winback_mask


@pytest.fixture
def book(ctx):
    """30 steady buyers; two big buyers who stopped long ago (王磊's and 李娜's); a small one who stopped."""
    steady = background_book(ctx)
    big = add_customer(ctx, "big", owner="王磊")
    add_orders(ctx, big, [400 + 14 * j for j in range(12)], 900000)
    bigger = add_customer(ctx, "bigger", owner="李娜")
    add_orders(ctx, bigger, [300 + 14 * j for j in range(12)], 1500000)
    small = add_customer(ctx, "small", owner="王磊")
    add_orders(ctx, small, [400], 100)
    return {"steady": steady, "big": big, "bigger": bigger, "small": small}


@pytest.fixture
def winback(services):
    return services.get(WinBackService)


def test_lost_big_spenders_are_listed_best_first_and_steady_or_small_ones_are_not(winback, book, ctx):
    """Lost customers in the top deciles by spend are listed by spent × P(active); steady buyers and a
    small lost buyer are not."""
    rows = winback.rows(ctx.now())
    ids = [r.customer_id for r in rows]
    assert set(ids) == {book["big"], book["bigger"]}
    assert [r.rank_value for r in rows] == sorted((r.rank_value for r in rows), reverse=True)
    big = next(r for r in rows if r.customer_id == book["big"])
    assert big.name == "big" and big.owner == "王磊" and big.stage in ("lost", "dormant")
    assert big.spent == 12 * 900000 and big.churn_reason is None and big.currency == "CNY"
    assert abs((ctx.now().date() - big.last_order).days - 400) <= 1


def test_whose_limits_the_list_to_that_salespersons_customers(winback, book, ctx):
    """Whose = 王磊: only his customers (and nobody's); None: everyone's."""
    assert [r.customer_id for r in winback.rows(ctx.now(), whose="王磊")] == [book["big"]]
    assert len(winback.rows(ctx.now(), whose=None)) == 2


def test_the_list_comes_from_the_call_lists_run(services, winback, book, ctx, monkeypatch):
    """After the call list fitted today, the win-back list fits nothing again."""
    services.get(CallListService).build()
    monkeypatch.setattr("crm_desktop.services.calllist.score_book", lambda *a, **k: pytest.fail("fitted again"))
    assert len(winback.ids(ctx.now())) == 2


def test_churn_reason_is_a_stamped_customer_edit_and_asked_only_once(winback, book, ctx):
    """A win-back customer without a reason is asked; after setting it they are not; the steady are never."""
    assert winback.asks_churn(book["big"], ctx.now())
    assert not winback.asks_churn(book["steady"][0], ctx.now())
    before, changes = winback.set_churn_reason(book["big"], "competitor")
    assert before is None and changes.touches(Kind.CUSTOMER) and changes.touches_customer(book["big"])
    assert winback.churn_reason(book["big"]) == "competitor"
    assert not winback.asks_churn(book["big"], ctx.now())
    assert next(r for r in winback.rows(ctx.now()) if r.customer_id == book["big"]).churn_reason == "competitor"
    again, nothing = winback.set_churn_reason(book["big"], "competitor")
    assert again == "competitor" and not nothing
    undone, _ = winback.set_churn_reason(book["big"], None)
    assert undone == "competitor" and winback.churn_reason(book["big"]) is None


def test_an_unknown_reason_or_a_missing_customer_is_one_sentence(winback, book):
    """A word outside the list, or a customer that does not exist, is refused with a sentence."""
    with pytest.raises(UserError):
        winback.set_churn_reason(book["big"], "weather")
    with pytest.raises(UserError):
        winback.set_churn_reason("nope", "price")
    assert winback.churn_reason(book["big"]) is None


class _Scores:
    """Just the arrays the win-back rule reads."""

    def __init__(self, stage, segment, spent, p_alive):
        n = len(stage)
        self.has_orders = np.array([s != "prospect" for s in stage])
        self.lifecycle = np.array(stage)
        self.segment = np.array(segment)
        self.total_spent = np.array(spent, float)
        self.p_alive = np.array(p_alive, float)
        self.customer_ids = np.array([f"c{i}" for i in range(n)], dtype=object)


def test_the_rule_takes_stopped_mvc_and_mgc_and_top_spenders_ranked_by_value_times_p_active():
    """Dormant MVC, lost MGC and a lost top spender are in; active MVC, a lost low spender and a
    prospect are out; order is spent × P(active)."""
    s = _Scores(["dormant", "lost", "lost", "active", "lost", "prospect", "active", "active", "active", "active"],
                ["MVC", "MGC", "migrator", "MVC", "migrator", "migrator", "migrator", "migrator", "migrator",
                 "migrator"],
                [100, 50, 900, 800, 1, 0, 10, 10, 10, 10], [0.3, 0.2, 0.01, 0.9, 0.1, 1.0, 1, 1, 1, 1])
    assert winback_mask(s).tolist() == [True, True, True] + [False] * 7
    assert winback_indices(s).tolist() == [0, 1, 2]  # 30, 10, 9


def test_the_call_list_leaves_them_out_until_the_team_setting_includes_them(services, book, ctx):
    """Off by default: no win-back reason; on: the stopped big spenders are listed with a win-back reason
    that says segment, stage and what they spent ("… · lost · spent ¥… so far: win back")."""
    from crm_desktop.domain.calllist import WIN_BACK, render_reason

    calllist = services.get(CallListService)
    assert not any(r.kind == WIN_BACK for e in calllist.build(ctx.now()) for r in e.reasons)
    assert calllist.settings().include_winback is False
    calllist.save_settings(__import__("dataclasses").replace(calllist.settings(), include_winback=True))
    entries = {e.customer_id: e for e in calllist.build(ctx.now())}
    assert {book["big"], book["bigger"]} <= set(entries)
    assert book["small"] not in entries
    reason = next(r for r in entries[book["big"]].reasons if r.kind == WIN_BACK)
    assert render_reason(reason).endswith("spent ¥108,000 so far: win back")
    assert reason.params["stage"] in ("lost", "dormant") and reason.score > 0
    bigger = next(r for r in entries[book["bigger"]].reasons if r.kind == WIN_BACK)
    assert bigger.score > reason.score  # spent more: ranked higher
