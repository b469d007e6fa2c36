"""The shared pool: who is in it, the team's rule, claims and undo, and offline claims that converge."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from calllist_book import add_customer, add_interaction
from helpers.backups import PASS, fast_backups, teammate_book
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.domain.changes import Kind
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.pool import DEFAULT_AFTER_DAYS, NoNameToClaimWith, PoolService


@pytest.fixture
def pool(ctx):
    return PoolService(ctx)


def _names(rows):
    return sorted(r.name for r in rows)


def test_the_pool_holds_the_unowned_and_the_long_quiet(ctx, pool, clock):
    """Nobody's customers and owned ones quiet for longer than the rule are in; a fresh contact, a
    do-not-contact flag or a recent handover keep one out; the longest quiet come first."""
    clock.value -= timedelta(days=400)  # the book was filled long ago
    add_customer(ctx, "Anna", owner="")
    quiet = add_customer(ctx, "Bob", owner="王磊")
    fresh = add_customer(ctx, "Carl", owner="王磊")
    add_customer(ctx, "Dora", owner="", do_not_contact=True)
    add_customer(ctx, "Eve", owner="王磊")  # never contacted
    handed = add_customer(ctx, "Finn", owner="王磊")
    clock.value += timedelta(days=400)
    add_interaction(ctx, quiet, DEFAULT_AFTER_DAYS + 10)
    add_interaction(ctx, fresh, 3)
    from crm_desktop.db.models import Customer
    from crm_desktop.db.sync import update_row

    with ctx.db.writing() as tx:  # handed over to 陈静 yesterday: hers now, not in the pool
        update_row(tx, Customer, handed, {"owner": "陈静"}, ctx.stamp())
    rows = pool.customers()
    assert _names(rows) == ["Anna", "Bob", "Eve"]
    assert [r.last_contact is None for r in rows] == [True, True, False]  # never contacted first


def test_the_rule_is_a_team_setting_and_zero_means_only_the_unowned(ctx, pool):
    """Set to 0 days: only nobody's customers; the setting is stored as a team setting (it merges)."""
    add_customer(ctx, "Anna", owner="")
    add_customer(ctx, "Eve", owner="王磊")
    changes = pool.set_after_days(0)
    assert changes.touches(Kind.SETTING) and pool.after_days() == 0
    assert _names(pool.customers()) == ["Anna"]
    assert not pool.set_after_days(0), "the same value again changes nothing"


def test_a_claim_makes_me_the_owner_and_undo_gives_it_back(ctx, pool, customers):
    """Claim: I own them and they leave the pool; undo: the owners they had."""
    a = add_customer(ctx, "Anna", owner="")
    b = add_customer(ctx, "Eve", owner="王磊")
    claimed = pool.claim([a, b])
    customers.invalidate()
    assert customers.get(a).owner == customers.get(b).owner == "李娜"
    assert claimed.changes.touches(Kind.CUSTOMER) and claimed.changes.customers == {a, b}
    assert pool.customers() == []
    pool.unclaim(claimed)
    customers.invalidate()
    assert (customers.get(a).owner, customers.get(b).owner) == ("", "王磊")


def test_claiming_needs_a_name(ctx, pool):
    """Without a name there is nobody to make the owner: one sentence, nothing written."""
    a = add_customer(ctx, "Anna", owner="")
    ctx.user = " "
    with pytest.raises(NoNameToClaimWith):
        pool.claim([a])


def _book(tmp_path, clock, name):
    s = teammate_book(tmp_path / f"{name}.sqlite", name, clock)
    return s, fast_backups(s)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(2, 3), gaps=st.lists(st.integers(1, 90), min_size=3, max_size=3),
       order=st.randoms(use_true_random=False))
def test_offline_claims_of_one_customer_converge_to_one_owner(tmp_path_factory, clock, n, gaps, order):
    """N people claim the same pool customer on their own laptops; whatever order the backups are then
    merged in, every book ends with one and the same owner: the last to claim."""
    tmp = tmp_path_factory.mktemp("claims")
    base, base_backups = _book(tmp, clock, "base")
    cid = base.customers.create(CustomerInput(name="孙悦")).id  # base's: claimed from the pool by everyone
    base_backups.backup(tmp / "base.crmbak", PASS)
    people = [_book(tmp, clock, name) for name in ("王磊", "李娜", "陈静")[:n]]
    for _s, b in people:
        b.merge(tmp / "base.crmbak", PASS)
    for (s, _b), gap in zip(people, gaps, strict=False):  # claims at different times, all offline
        clock.value += timedelta(minutes=gap)
        s.get(PoolService).claim([cid])
    last = people[-1][0].ctx.user
    pairs = list(itertools.permutations(range(n), 2))
    order.shuffle(pairs)
    for receiver, sender in pairs + pairs:  # two gossip rounds in a random order reach everyone
        clock.value += timedelta(seconds=1)
        out = tmp / f"from{sender}.crmbak"
        people[sender][1].backup(out, PASS)
        people[receiver][1].merge(out, PASS)
    owners = set()
    for s, _b in people:
        s.customers.invalidate()
        owners.add(s.customers.get(cid).owner)
    assert owners == {last}
    for s, _b in [*people, (base, base_backups)]:
        s.ctx.db.close()


def test_the_merge_preview_names_both_claimers(tmp_path, clock):
    """王磊 and 李娜 both claim 孙悦 offline; merging 李娜's later claim, 王磊's preview says both claimed and
    李娜 keeps her."""
    base, base_backups = _book(tmp_path, clock, "陈静")  # a customer 陈静 left behind
    wang, wang_backups = _book(tmp_path, clock, "王磊")
    li, li_backups = _book(tmp_path, clock, "李娜")
    cid = base.customers.create(CustomerInput(name="孙悦")).id
    base_backups.backup(tmp_path / "b.crmbak", PASS)
    for b in (wang_backups, li_backups):
        b.merge(tmp_path / "b.crmbak", PASS)
    for s in (wang, li):
        clock.value += timedelta(minutes=5)
        s.get(PoolService).claim([cid])
    li_backups.backup(tmp_path / "l.crmbak", PASS)
    preview = wang_backups.merge_preview(tmp_path / "l.crmbak", PASS)
    assert [(c.customer_name, c.keeps, c.loses) for c in preview.claims] == [("孙悦", "李娜", "王磊")]
    preview.discard()
    for s in (base, wang, li):
        s.ctx.db.close()
