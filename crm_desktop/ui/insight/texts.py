"""Words and numbers of the value analysis in the user's language: segment and stage names, money in the
book's currency and numbers by the locale (``QLocale()``, which follows the app's language)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from crm_desktop.domain.calllist import CURRENCY_SYMBOLS
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP

CONTEXT = "insight"

SEGMENT_NAMES = {
    "MVC": QT_TRANSLATE_NOOP("insight", "MVC (most valuable)"),
    "MGC": QT_TRANSLATE_NOOP("insight", "MGC (most growable)"),
    "migrator": QT_TRANSLATE_NOOP("insight", "Migrators"),
    "BZ": QT_TRANSLATE_NOOP("insight", "BZ (below zero)"),
}
SEGMENT_SHORT = {
    "MVC": "MVC", "MGC": "MGC", "migrator": QT_TRANSLATE_NOOP("insight", "Migrators"), "BZ": "BZ",
}
SEGMENT_HELP = {
    "MVC": QT_TRANSLATE_NOOP("insight", "The top 20 % of buying customers by expected value: keep them."),
    "MGC": QT_TRANSLATE_NOOP("insight", "Expected to bring at least as much as they have spent so far: grow them."),
    "migrator": QT_TRANSLATE_NOOP("insight", "Buying customers who are neither MVC, MGC nor BZ."),
    "BZ": QT_TRANSLATE_NOOP("insight", "Cost more to serve than they are expected to bring."),
}
STAGE_NAMES = {
    "prospect": QT_TRANSLATE_NOOP("insight", "Prospect"),
    "new": QT_TRANSLATE_NOOP("insight", "New"),
    "active": QT_TRANSLATE_NOOP("insight", "Active"),
    "at_risk": QT_TRANSLATE_NOOP("insight", "At risk"),
    "dormant": QT_TRANSLATE_NOOP("insight", "Dormant"),
    "lost": QT_TRANSLATE_NOOP("insight", "Lost"),
}
STAGE_HELP = {
    "prospect": QT_TRANSLATE_NOOP("insight", "No order yet."),
    "new": QT_TRANSLATE_NOOP("insight", "First order within the last 30 days."),
    "active": QT_TRANSLATE_NOOP("insight", "Buying in their usual rhythm."),
    "at_risk": QT_TRANSLATE_NOOP("insight", "P(active) below 70 %, or 1.5 times their usual gap without an order."),
    "dormant": QT_TRANSLATE_NOOP("insight", "P(active) below 40 %, or 2.5 times their usual gap without an order."),
    "lost": QT_TRANSLATE_NOOP("insight", "P(active) below 15 %, or 4 times their usual gap without an order."),
}


def t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def segment_name(key: str, short: bool = False) -> str:
    table = SEGMENT_SHORT if short else SEGMENT_NAMES
    return t(table[key]) if key in table else key


def stage_name(key: str) -> str:
    return t(STAGE_NAMES[key]) if key in STAGE_NAMES else key


def number(value: float) -> str:
    """A count with the locale's digit grouping."""
    return QLocale().toString(int(round(value)))


def percent(share: float, digits: int = 0) -> str:
    """A share (0..1) as a percentage by the locale: "82 %" in English, "82%" in Chinese."""
    loc = QLocale()
    space = "" if loc.language() == QLocale.Language.Chinese else " "
    return f"{loc.toString(share * 100.0, 'f', digits)}{space}%"


def money(amount_minor: float, currency: str) -> str:
    """Whole units of the book's currency with the locale's grouping: 4378600 CNY → "¥43,786"."""
    units = QLocale().toString(int(round(float(amount_minor) / 100.0)))
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{units}" if symbol else f"{units} {currency}"


def score_text(column: str, s: Any, currency: str) -> str:
    """One score column of the customer list (see :class:`~crm_desktop.services.insight.ScoreCells`)."""
    if column == "segment":
        return segment_name(s.segment, short=True) if s.segment else ""
    if column == "decile":
        return str(s.decile) if s.decile else ""
    if column == "stage":
        return stage_name(s.stage)
    if column == "expected_value":
        return money(s.expected_value, currency) if s.segment else ""
    if column == "p_alive":
        return percent(s.p_alive) if s.segment else ""
    if column == "rfm":
        return str(s.rfm)
    return ""


def money_short(amount_minor: float, currency: str) -> str:
    """An axis or bar label: thousands as "k" in English, 万 in Chinese."""
    units = float(amount_minor) / 100.0
    symbol = CURRENCY_SYMBOLS.get(currency, "")
    if QLocale().language() == QLocale.Language.Chinese and abs(units) >= 10_000:
        return f"{symbol}{QLocale().toString(units / 10_000, 'f', 1)}万"
    if abs(units) >= 1000:
        return f"{symbol}{QLocale().toString(units / 1000, 'f', 0)}k"
    return f"{symbol}{QLocale().toString(int(round(units)))}"
