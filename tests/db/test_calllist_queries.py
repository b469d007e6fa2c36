"""Bulk reads of the call list: orders as arrays with as-of cut, open follow-ups, complaints, contacts, facts,
settings."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from calllist_book import add_complaint, add_customer, add_interaction, add_orders

from crm_desktop.db import calllist as q
from crm_desktop.db.models import Customer, Order
from crm_desktop.db.sync import set_deleted


def test_order_arrays_cut_at_before_and_skip_deleted(ctx):
    """Orders at or after `before`, tombstoned orders and orders of deleted customers are left out."""
    a = add_customer(ctx, "A")
    b = add_customer(ctx, "B")
    add_orders(ctx, a, [10, 5, 1], 1234)
    add_orders(ctx, b, [20], 99)
    with ctx.db.engine.begin() as conn:
        oid = conn.exec_driver_sql(
            "SELECT id FROM sales_order WHERE customer_id = ? AND amount_minor = 99", (b,)
        ).scalar()
        set_deleted(conn, Order, oid, True, ctx.stamp())
    with ctx.db.engine.connect() as conn:
        arr = q.order_arrays(conn, before=ctx.now() - timedelta(days=2))
    assert sorted(arr.customer_ids.tolist()) == sorted([a, b])
    assert arr.customer_index.tolist() == [arr.customer_ids.tolist().index(a)] * 2
    assert arr.amount_minor.tolist() == [1234, 1234] and arr.currency == "CNY"
    want = (ctx.now() - timedelta(days=10)).timestamp() / 86400
    assert abs(min(arr.ordered_days) - want) < 1e-6
    with ctx.db.engine.begin() as conn:
        set_deleted(conn, Customer, a, True, ctx.stamp())
    with ctx.db.engine.connect() as conn:
        assert q.order_arrays(conn).customer_index.size == 0


def test_open_followups_complaints_and_last_contacts(ctx):
    """Open follow-ups (not done, due before a time), open complaints and last contacts per customer."""
    from crm_desktop.db import complaints as cq
    from crm_desktop.db import timeline as tq

    a = add_customer(ctx, "A")
    add_interaction(ctx, a, 5, next_due_days_ago=2, step="quote")
    add_interaction(ctx, a, 3, next_due_days_ago=1, done=True)
    add_interaction(ctx, a, 1, next_due_days_ago=-3)
    add_complaint(ctx, a, 5, 4)
    add_complaint(ctx, a, 5, 4, status="closed")
    with ctx.db.engine.connect() as conn:
        fus = tq.open_followups(conn, due_before=ctx.now())
        assert [f.what for f in fus] == ["quote"]
        assert len(tq.open_followups(conn, customer_ids=[a])) == 2
        assert [c.status for c in cq.open_complaints(conn, ctx.now())] == ["new"]
        last = q.last_contacts(conn, [a])
        assert abs(last[a] - (ctx.now() - timedelta(days=1)).timestamp() / 86400) < 1e-6
        assert q.last_contacts(conn, [a], until=ctx.now() - timedelta(days=2))[a] < last[a]


def test_customer_facts_and_unavailable(ctx):
    """Facts include snooze and do-not-contact; both keep a customer off the list."""
    a = add_customer(ctx, "A", do_not_contact=True)
    b = add_customer(ctx, "B", preferred_channel="wechat")
    until = datetime(2030, 1, 1, tzinfo=UTC)
    with ctx.db.engine.begin() as conn:
        q.set_snoozed_until(conn, b, until, ctx.stamp())
    with ctx.db.engine.connect() as conn:
        f = q.customer_facts(conn, [a, b])
        assert f[a].do_not_contact and f[b].snoozed_until == until and f[b].preferred_channel == "wechat"
        assert q.unavailable_customers(conn, ctx.now()) == {a, b}


def test_dated_events_can_be_limited_to_days_of_the_year(ctx):
    """With days of the year given, only the birthdays and anniversaries on them come back (customers' and
    contacts'); without, every date."""
    from datetime import date

    from calllist_book import add_contact

    a = add_customer(ctx, "A", birthday=date(1980, 12, 2), anniversary=date(2010, 5, 1))
    b = add_customer(ctx, "B", birthday=date(1990, 7, 7))
    add_contact(ctx, b, "小王", date(1985, 12, 3))
    with ctx.db.engine.connect() as conn:
        every = q.dated_events(conn)
        near = q.dated_events(conn, ["12-01", "12-02", "12-03"])
        none = q.dated_events(conn, [])
    assert len(every) == 4
    assert sorted((e[0], e[1]) for e in near) == sorted([(a, "birthday"), (b, "contact_birthday")])
    assert none == []


def test_many_names_are_read_at_once_and_give_the_same_answer(ctx, monkeypatch):
    """customer_names of many customers (one read of every name) equals the seek per chunk, deleted included."""
    ids = [add_customer(ctx, f"客户{i}") for i in range(6)]
    with ctx.db.engine.begin() as conn:
        set_deleted(conn, Customer, ids[0], True, ctx.stamp())
    wanted = [*ids[:4], "no-such-id"]
    with ctx.db.engine.connect() as conn:
        seek = q.customer_names(conn, wanted)
        monkeypatch.setattr(q, "_ALL_NAMES_FROM", 2)
        at_once = q.customer_names(conn, wanted)
    assert at_once == seek == {cid: f"客户{i}" for i, cid in enumerate(ids[:4])}


def test_the_tables_named_for_the_book_check_are_the_models_tables():
    """database.BOOK_TABLES (checked on every open without loading the ORM) names exactly the models' tables."""
    from sqlmodel import SQLModel

    from crm_desktop.db import models  # noqa: F401 - registers the tables
    from crm_desktop.db.database import BOOK_TABLES

    assert set(BOOK_TABLES) == set(SQLModel.metadata.tables)
