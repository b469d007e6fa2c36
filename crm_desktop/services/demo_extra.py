"""What the demo book holds beyond customers, contacts, orders, contacts logged and complaints: relationship
stages that fit how each customer buys, deals with their stage history (open, won and lost), and why some of
the big spenders who stopped buying left.

Its own random stream (from the demo's seed), so adding it changed nothing else of the demo: the same seed
still gives the same customers, orders and contacts.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

Row = tuple[Any, ...]

DEAL_COLUMNS = ("id", "created_stamp", "stamp", "customer_id", "title", "amount_minor", "currency",
                "expected_close", "stage", "owner", "source", "notes", "created_at", "stage_changed_at",
                "closed_at", "lost_reason")
CHANGE_COLUMNS = ("id", "created_stamp", "stamp", "deal_id", "at", "actor", "from_stage", "to_stage")
OPEN_STAGES = ("contact", "needs", "proposal", "negotiation")
LOST_REASONS = ("price",) * 4 + ("competitor",) * 3 + ("timing",) * 2 + ("no_budget",) * 2 + ("other",)
CHURN_REASONS = ("price",) * 6 + ("competitor",) * 5 + ("service",) * 3 + ("quality",) * 3 + ("moved",) * 2 + (
    "other",)
STAGES_BY_BUYING = {
    "never": (None, None, "awareness", "awareness", "exploration"),
    "active": (None, "exploration", "expansion", "expansion", "commitment", "commitment"),
    "stopped": (None, None, "awareness", "dissolution", "dissolution", "exploration"),
}
"""The relationship stage a salesperson would have set, by how the customer buys; a few committed customers
who stopped buying remain (each one a stage mismatch on the call list)."""


class DemoExtras:
    """The demo's deals, relationship stages and churn reasons, customer by customer."""

    def __init__(self, seed: int, seed_texts: Any, stamp: str, now_epoch: int,
                 text_of: Callable[[int], str], date_of: Callable[[int], str]) -> None:
        self.rng = random.Random(seed * 104729 + 3)
        self.t = seed_texts
        self.stamp = stamp
        self.now = now_epoch
        self.text_of, self.date_of = text_of, date_of
        self.owner_names: dict[str, str] = {}  # person id → name: stage changes name who made them

    def stage(self, buying: str) -> str | None:
        """A relationship stage for a customer who never bought, buys, or stopped buying."""
        if buying == "stopped" and self.rng.random() < 0.12:
            return self.rng.choice(("expansion", "commitment"))
        return self.rng.choice(STAGES_BY_BUYING[buying])

    def churn(self, buying: str, spent_minor: int) -> str | None:
        """Why a big spender who stopped buying left, for about a third of them (the rest not asked yet)."""
        big = spent_minor >= 5 * int(self.t["order_median_minor"])
        if buying != "stopped" or not big or self.rng.random() > 0.35:
            return None
        return self.rng.choice(CHURN_REASONS)

    def deals(self, cid: str, kind: str, owner: str, buying: str, deals: list[Row], changes: list[Row]) -> None:
        """Perhaps a deal of this customer (firms more often than people, buyers more than others), with its
        history; closed ones were won or lost in the last four months; most open ones moved on recently (a
        team's pipeline is mostly alive: only some deals have gone quiet)."""
        rng = self.rng
        chance = (0.11 if kind != "person" else 0.025) * (1.3 if buying == "active" else 0.6)
        if rng.random() > chance:
            return
        deal_id = f"{rng.getrandbits(128):032x}"
        last = OPEN_STAGES.index(rng.choice(OPEN_STAGES[:2] * 3 + OPEN_STAGES[2:] * 2))
        if rng.random() < 0.62:
            outcome = "open"
        else:  # the further a deal got, the likelier it was won: the win rates the board learns rise by stage
            outcome = "won" if rng.random() < (0.12, 0.3, 0.55, 0.78)[last] else "lost"
        day = 86400
        stays = [int(rng.uniform(1.5, 12) * day) for _ in OPEN_STAGES[:last + 1]]
        if outcome == "open":  # entered its stage lately (most) or weeks ago (some: quiet by now)
            entered = self.now - int((rng.uniform(0.2, 4) if rng.random() < 0.88 else rng.uniform(7, 20)) * day)
            created = entered - sum(stays[:-1])
        else:
            created = self.now - rng.randrange(10, 150) * day - rng.randrange(day)
        at, before = created, None
        history: list[tuple[int, str | None, str]] = []
        for stage, stay in zip(OPEN_STAGES[:last + 1], stays):
            history.append((at, before, stage))
            before = stage
            at += stay
        closed_at = None
        if outcome != "open":
            at = min(at, self.now - day)
            history.append((at, before, outcome))
            closed_at = at
        stage_since = history[-1][0]
        typical = 6 * int(self.t["order_median_minor"])  # a deal is a few orders' worth, in hundreds
        amount = max(10_000, int(rng.lognormvariate(0, 0.8) * typical) // 10_000 * 10_000)
        expected = self.date_of(self.now + rng.randrange(-10, 75) * day) if outcome == "open" else None
        deals.append((deal_id, self.stamp, self.stamp, cid, rng.choice(self.t["deal_titles"]), amount,
                      self.t["currency"], expected, history[-1][2], owner, "", "", self.text_of(created),
                      self.text_of(stage_since), self.text_of(closed_at) if closed_at else None,
                      rng.choice(LOST_REASONS) if outcome == "lost" else None))
        for when, src, dst in history:
            changes.append((f"{rng.getrandbits(128):032x}", self.stamp, self.stamp, deal_id, self.text_of(when),
                            self.owner_names.get(owner, owner), src, dst))


def catalogue(seed_texts: Any, stamp: str) -> list[tuple[str, tuple[str, ...], list[Row]]]:
    """The demo's product catalogue and its MVC price list (8 % off, whole units): (table, columns, rows) in
    the order they are written.  Ids derive from the codes as the products service makes them."""
    from crm_desktop.db.sync import stable_id
    from crm_desktop.domain.products import code_key

    spec = seed_texts.get("products")
    if not spec:
        return []
    currency = seed_texts["currency"]
    products, items = [], []
    list_id = stable_id("price_list", "demo-mvc")
    for code, name, unit, price, tax in spec["items"]:
        pid = stable_id("product", code_key(code))
        products.append((pid, stamp, stamp, code, name, unit, int(price), currency, int(tax), 1))
        items.append((stable_id("price_list_item", list_id, pid), stamp, stamp, list_id, pid,
                      int(price) * 92 // 100 // 100 * 100, currency))
    return [
        ("product", ("id", "created_stamp", "stamp", "code", "name", "unit", "price_minor", "currency", "tax_bp",
                     "active"), products),
        ("price_list", ("id", "created_stamp", "stamp", "name", "segment"),
         [(list_id, stamp, stamp, spec["price_list"], "MVC")]),
        ("price_list_item", ("id", "created_stamp", "stamp", "price_list_id", "product_id", "price_minor",
                             "currency"), items),
    ]
