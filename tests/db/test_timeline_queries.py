"""Timeline SQL: one UNION ALL across interactions, orders and complaint events, keyset paged."""

from datetime import timedelta

from crm_desktop.db import timeline as q
from crm_desktop.db.models import Complaint, ComplaintEvent, Interaction, Order
from crm_desktop.db.sync import insert_row, set_deleted
from crm_desktop.domain.models import CustomerInput


def _seed(ctx, customers, now):
    cid = customers.create(CustomerInput(name="张伟")).id
    other = customers.create(CustomerInput(name="李娜")).id
    with ctx.db.engine.begin() as conn:
        s = ctx.stamp()
        for i in range(5):
            insert_row(conn, Interaction, {"customer_id": cid, "occurred_at": now - timedelta(hours=3 * i),
                                           "summary": f"call {i}"}, s)
            insert_row(conn, Order, {"customer_id": cid, "ordered_at": now - timedelta(hours=3 * i + 1),
                                     "amount_minor": 100 * i}, s)
        comp = insert_row(conn, Complaint, {"customer_id": cid, "opened_at": now - timedelta(hours=2)}, s)
        insert_row(conn, ComplaintEvent, {"complaint_id": comp, "at": now - timedelta(hours=2), "to_status": "new"}, s)
        insert_row(conn, Interaction, {"customer_id": other, "occurred_at": now, "summary": "not theirs"}, s)
        gone = insert_row(conn, Interaction, {"customer_id": cid, "occurred_at": now, "summary": "deleted"}, s)
        set_deleted(conn, Interaction, gone, True, ctx.stamp())
    return cid


def test_entries_of_all_kinds_come_newest_first(ctx, customers, clock):
    """Interactions, orders and complaint events merge into one list ordered by time, live rows only."""
    cid = _seed(ctx, customers, clock())
    with ctx.db.engine.connect() as conn:
        rows = q.timeline_page(conn, cid, q.TIMELINE_KINDS, None, 100)
    assert len(rows) == 11
    times = [r[2] for r in rows]
    assert times == sorted(times, reverse=True)
    assert [r[0] for r in rows[:4]] == ["interaction", "order", "complaint", "interaction"]
    assert not any(r[6] in ("deleted", "not theirs") for r in rows)


def test_keyset_pages_cover_everything_once(ctx, customers, clock):
    """Following the (at, id) cursor page by page yields every entry exactly once, in order."""
    cid = _seed(ctx, customers, clock())
    seen, cursor = [], None
    with ctx.db.engine.connect() as conn:
        full = q.timeline_page(conn, cid, q.TIMELINE_KINDS, None, 100)
        while True:
            page = q.timeline_page(conn, cid, q.TIMELINE_KINDS, cursor, 3)
            if not page:
                break
            seen.extend(page)
            cursor = (page[-1][2], page[-1][1])
    assert [r[1] for r in seen] == [r[1] for r in full]


def test_filter_by_kind(ctx, customers, clock):
    """Asking for orders only returns orders."""
    cid = _seed(ctx, customers, clock())
    with ctx.db.engine.connect() as conn:
        rows = q.timeline_page(conn, cid, {"order"}, None, 100)
    assert {r[0] for r in rows} == {"order"} and len(rows) == 5


def test_open_followups_are_one_kind_of_row_for_the_page_and_the_call_list(ctx, customers, clock):
    """Everyone's (the page, with buckets) and a few customers' (the call list, no bucket) open next steps are
    FollowUps of the same query: soonest first, done steps and deleted customers' steps left out."""
    now = clock()
    a = customers.create(CustomerInput(name="张伟", phone="13800138000")).id
    b = customers.create(CustomerInput(name="李娜")).id
    gone = customers.create(CustomerInput(name="王芳")).id
    with ctx.db.writing() as tx:
        s = ctx.stamp()
        for cid, hours, done in ((a, 5, False), (a, -2, False), (b, 1, False), (b, 3, True), (gone, 1, False)):
            insert_row(tx, Interaction, {"customer_id": cid, "occurred_at": now - timedelta(days=1), "summary": "call",
                                         "next_step": f"step {hours}", "next_done": done, "channel": "wechat",
                                         "next_due_at": now - timedelta(hours=hours)}, s)
    customers.delete(gone)
    with ctx.db.reading() as tx:
        page = q.open_followups(tx, bucket=lambda due: "overdue" if due < now else "later")
        some = q.open_followups(tx, customer_ids=[a])
    assert [(f.customer_id, f.what, f.bucket) for f in page] == [
        (a, "step 5", "overdue"), (b, "step 1", "overdue"), (a, "step -2", "later")]
    assert [(f.what, f.bucket, f.channel, f.phone, f.customer_name) for f in some] == [
        ("step 5", "", "wechat", "+8613800138000", "张伟"), ("step -2", "", "wechat", "+8613800138000", "张伟")]
    assert all(f.kind == "next_step" and f.due.tzinfo is not None for f in page + some)
