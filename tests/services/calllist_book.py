"""A small hand-made book for the call-list tests (written with the stamped writers)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from crm_desktop.db.models import Complaint, Contact, Customer, Interaction, Order
from crm_desktop.db.sync import insert_row


def add_customer(ctx, name: str, **fields) -> str:
    values = dict(name=name, name_pinyin=name.lower(), phone=fields.pop("phone", "+8613800000000"),
                  created_at=ctx.now() - timedelta(days=900), updated_at=ctx.now() - timedelta(days=900))
    values.update(fields)
    with ctx.db.engine.begin() as conn:
        return insert_row(conn, Customer, values, ctx.stamp())


def add_orders(ctx, customer_id: str, days_ago: list[float], amount_minor: int = 10000) -> None:
    with ctx.db.engine.begin() as conn:
        for d in days_ago:
            insert_row(conn, Order, {"customer_id": customer_id, "ordered_at": ctx.now() - timedelta(days=d),
                                     "amount_minor": amount_minor}, ctx.stamp())


def add_interaction(ctx, customer_id: str, days_ago: float, *, next_due_days_ago: float | None = None,
                    step: str = "", done: bool = False) -> str:
    values = {"customer_id": customer_id, "occurred_at": ctx.now() - timedelta(days=days_ago), "summary": "call",
              "next_step": step, "next_done": done}
    if next_due_days_ago is not None:
        values["next_due_at"] = ctx.now() - timedelta(days=next_due_days_ago)
    with ctx.db.engine.begin() as conn:
        return insert_row(conn, Interaction, values, ctx.stamp())


def add_complaint(ctx, customer_id: str, hours_ago: float, deadline_hours: float, status: str = "new") -> str:
    opened = ctx.now() - timedelta(hours=hours_ago)
    with ctx.db.engine.begin() as conn:
        return insert_row(conn, Complaint, {"customer_id": customer_id, "opened_at": opened, "status": status,
                                            "response_due_at": opened + timedelta(hours=deadline_hours)}, ctx.stamp())


def add_contact(ctx, customer_id: str, name: str, birthday: date) -> str:
    with ctx.db.engine.begin() as conn:
        return insert_row(conn, Contact, {"customer_id": customer_id, "name": name, "birthday": birthday}, ctx.stamp())


def background_book(ctx, n: int = 30) -> list[str]:
    """n steady buyers (every ~3 weeks for a year) so BG/NBD has a book to fit; none has a reason."""
    ids = []
    for k in range(n):
        cid = add_customer(ctx, f"bg{k:03d}")
        add_orders(ctx, cid, [3 + 21 * j + (k % 5) for j in range(15)], 5000 + 100 * k)
        ids.append(cid)
    return ids


UTC = UTC
_ = datetime
