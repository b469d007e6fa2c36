"""The dashboard's figures about deals: why deals were lost (the reason asked when a deal moves to Lost),
over the last year.  One aggregate over the deals, apart from the scores' cached figures (a deal's move
does not change the scores, and the aggregate costs a few milliseconds)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from crm_desktop.db import deals as q
from crm_desktop.domain import deals as d
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.deals import DealService

DAYS = 365
"""How far back the lost deals are counted."""


@dataclass(frozen=True)
class LostFigure:
    """Deals lost for ``reason`` and their amount in the figures' currency (deals in other currencies are
    counted, not added)."""

    reason: str
    deals: int
    amount_minor: int


@dataclass(frozen=True)
class LostReasons:
    """Every reason (:data:`~crm_desktop.domain.deals.LOST_REASONS`, in its order) with its deals since ``since``;
    ``currency`` the one most lost deals were in."""

    rows: tuple[LostFigure, ...]
    currency: str
    since: datetime

    @property
    def total(self) -> int:
        return sum(r.deals for r in self.rows)


class DealFigures:
    """Figures about the team's deals."""

    def __init__(self, ctx: ServiceContext, deals: DealService | None = None) -> None:
        self.ctx = ctx
        self.deals = deals or DealService(ctx)

    @classmethod
    def from_services(cls, services: Any) -> DealFigures:
        return cls(services.ctx, services.get(DealService))

    def lost_reasons(self, now: datetime | None = None, days: int = DAYS) -> LostReasons:
        """Deals lost in the *days* before *now*, by reason (a missing or unknown reason counts as "other")."""
        since = (now or self.ctx.now()) - timedelta(days=days)
        lost = self.deals.settings().lost.key
        with self.ctx.db.reading() as tx:
            found = q.lost_by_reason(tx, lost, since)
        by_currency: Counter[str] = Counter()
        for _reason, currency, n, _amount in found:
            by_currency[currency] += n
        currency = by_currency.most_common(1)[0][0] if by_currency else "CNY"
        counts: Counter[str] = Counter()
        amounts: Counter[str] = Counter()
        for reason, cur, n, amount in found:
            key = reason if reason in d.LOST_REASONS else "other"
            counts[key] += n
            if cur == currency:
                amounts[key] += amount
        rows = tuple(LostFigure(key, counts[key], amounts[key]) for key in d.LOST_REASONS)
        return LostReasons(rows, currency, since)
