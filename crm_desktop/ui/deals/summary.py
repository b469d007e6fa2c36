"""The words under the board's stage names and beside its filter: amounts per currency, each stage's win
probability and where it comes from, and the weighted pipeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from crm_desktop.domain import deals as d
from crm_desktop.domain.deals import DealRow
from crm_desktop.services.orders import format_amount

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def total_text(rows: Sequence[DealRow]) -> str:
    """The sum of *rows*' amounts, per currency (most common first)."""
    sums: dict[str, int] = {}
    for r in rows:
        sums[r.currency] = sums.get(r.currency, 0) + r.amount_minor
    parts = [format_amount(v, c) for c, v in sorted(sums.items(), key=lambda kv: -kv[1]) if v]
    return " + ".join(parts[:2]) + (" …" if len(parts) > 2 else "")


def rate_text(rate: d.WinRate) -> str:
    """Where a stage's win probability comes from, in words (the tooltip of its column)."""
    if rate.learned:
        return translate("deals", "{p} % of the team's %n closed deal(s) that went through this stage were won.",
                         "", rate.sample).format(p=round(rate.percent))
    return translate("deals", "The team's setting for this stage ({p} %): only %n closed deal(s) went through it "
                              "so far.", "", rate.sample).format(p=round(rate.percent))


def pipeline_text(rows: Sequence[DealRow], rates: Mapping[str, d.WinRate]) -> str:
    """"12 open deals · ¥480,000, weighted ¥196,000" (per currency, the largest first)."""
    sums = d.pipeline(rows, rates)
    money = " + ".join(translate("deals", "{amount}, weighted {weighted}").format(
        amount=format_amount(p.amount_minor, p.currency), weighted=format_amount(p.weighted_minor, p.currency))
        for p in sums[:2])
    count = translate("deals", "%n open deal(s)", "", len(rows))
    return f"{count} · {money}" if money else count
