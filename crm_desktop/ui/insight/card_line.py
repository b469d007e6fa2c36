"""One line on the customer card with their place in today's scoring run, each part explained in a tooltip:

    MVC · Group 1 · Active · P(active) 82 % · usually orders every 3 weeks · expected in 12 months ¥43,786

The scores come from the call list's daily fit (:meth:`InsightService.customer_scores`), read on the task
runner whenever the current customer changes or a write changes what the scores are made of.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QLabel, QToolTip, QWidget

from crm_desktop.domain.calllist import duration_unit, format_duration
from crm_desktop.services.insight import CustomerScores
from crm_desktop.ui.insight import texts
from crm_desktop.ui.insight.texts import money, percent, segment_name, stage_name

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

PARTS = ("segment", "decile", "stage", "p_alive", "rhythm", "value")


def _model_text(model: str) -> str:
    if model == "bgnbd+gamma-gamma":
        return translate("insight", "the BG/NBD model (how often) and the Gamma-Gamma model (how much), fitted on "
                                    "every customer's orders today")
    if model == "bgnbd+mean-order-value":
        return translate("insight", "the BG/NBD model (how often), fitted on every customer's orders today, and "
                                    "their own average order")
    return translate("insight", "a simple rule (too few orders in the book for the models): one usual gap "
                                "without an order keeps P(active) at 100 %, three gaps bring it to 37 %")


def line_parts(s: CustomerScores) -> list[tuple[str, str, str]]:
    """(part, text, tooltip) of the card's line for *s*, in the user's language."""
    if not s.has_orders:
        return [("stage", stage_name("prospect"), translate("insight", texts.STAGE_HELP["prospect"])),
                ("value", translate("insight", "no orders yet, so no value to estimate"),
                 translate("insight", "Scores start with the first order."))]
    how = _model_text(s.model)
    gap = format_duration(s.usual_gap_days, duration_unit(s.usual_gap_days), QCoreApplication.translate)
    since = format_duration(s.days_since_last_order, duration_unit(s.days_since_last_order),
                            QCoreApplication.translate)
    return [
        ("segment", segment_name(s.segment, short=True),
         "\n".join((segment_name(s.segment), translate("insight", texts.SEGMENT_HELP[s.segment])))),
        ("decile", translate("insight", "Group {n}").format(n=s.decile),
         translate("insight", "十分制: the customers with orders ranked by expected value over the next {months} "
                              "months and cut into ten groups of equal size; group 1 is the most valuable tenth.")
         .format(months=s.horizon_months)),
        ("stage", stage_name(s.stage),
         "\n".join((translate("insight", texts.STAGE_HELP[s.stage]),
                    translate("insight", "Last order {since} ago; usual gap {gap}.").format(since=since, gap=gap),
                    translate("insight", "This lifecycle is computed from the orders; the relationship stage on "
                                         "the card is the one a salesperson sets.")))),
        ("p_alive", translate("insight", "P(active) {p}").format(p=percent(s.p_alive)),
         translate("insight", "The probability that the customer still buys, from {how}: {orders} orders, the "
                              "last one {since} ago.").format(how=how, orders=s.orders, since=since)),
        ("rhythm", translate("insight", "usually orders every {gap}").format(gap=gap),
         translate("insight", "Time from their first to their last order divided by the number of repeat orders.")
         if s.gap_is_own else
         translate("insight", "They have ordered only once: the usual gap of the book's customers is shown.")),
        ("value", translate("insight", "expected in {months} months {value}").format(
            months=s.horizon_months, value=money(s.expected_value, s.currency)),
         translate("insight", "Expected purchases over the next {months} months times the expected order value, "
                              "from {how}; discounted by 10 % a year.").format(months=s.horizon_months, how=how)),
    ]


class CardScoreLine(QLabel):
    """The line under the customer's name, wrapping on a narrow card; hovering a part shows how it was
    computed.  Hidden while there is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardScores")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.parts: dict[str, tuple[str, str]] = {}
        """part → (its text, how it was computed)"""
        self.linkHovered.connect(self._hovered)
        self.setVisible(False)

    def show_scores(self, s: CustomerScores | None) -> None:
        """Show *s* (None: hide the line)."""
        self.parts = {} if s is None else {part: (text, tip) for part, text, tip in line_parts(s)}
        if s is None:
            self.setVisible(False)
            return
        html_parts = []
        for part, (text, _tip) in self.parts.items():
            style = "color: #1565c0; font-weight: bold" if part == "segment" and s.segment == "MVC" else "color: #333"
            html_parts.append(f"<a href='{part}' style='text-decoration: none; {style}'>{html.escape(text)}</a>")
        self.setText(" · ".join(html_parts))
        self.setVisible(True)

    def tooltip(self, part: str) -> str:
        """How *part* was computed (what hovering it shows)."""
        return self.parts.get(part, ("", ""))[1]

    def plain_text(self) -> str:
        """The line as one string (what a person reads)."""
        return " · ".join(text for text, _tip in self.parts.values())

    def _hovered(self, part: str) -> None:
        if part in self.parts:
            QToolTip.showText(QCursor.pos(), self.tooltip(part), self)
        else:
            QToolTip.hideText()


class CardScores(QObject):
    """Keeps the line on *window*'s card showing the current customer (reads on the task runner)."""

    def __init__(self, window: Any, service: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.line = CardScoreLine()
        self._generation = 0
        window.add_card_header(self.line)
        window.customer_changed.connect(self.load)

    def load(self, customer_id: str | None = None) -> None:
        """Read *customer_id*'s scores (None: the current customer's) and show them when they are back."""
        self._generation += 1
        mine = self._generation
        cid = customer_id or self.window.current_customer_id()
        if not cid:
            self.line.show_scores(None)
            return
        service = self.service

        def shown(s: CustomerScores | None) -> None:
            if mine == self._generation:
                self.line.show_scores(s)

        self.window.runner.run(lambda: service.customer_scores(cid), shown, lambda _exc: shown(None))
