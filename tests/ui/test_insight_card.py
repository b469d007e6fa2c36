"""The line on the customer card: segment, decile, stage, P(active), rhythm and value, each explained."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))

from calllist_book import add_customer, add_orders, background_book

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.insight import CustomerScores


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=20000)


@pytest.fixture
def book(ctx):
    """30 steady buyers and a prospect."""
    ids = background_book(ctx)
    return {"steady": ids, "prospect": add_customer(ctx, "prospect")}


@pytest.fixture
def window(book, qtbot, services, runner, settings):
    from crm_desktop.ui.shell.main_window import MainWindow

    w = MainWindow(services, runner, settings, db_label="test.sqlite")
    qtbot.addWidget(w)
    w.show()
    w.start()
    qtbot.waitUntil(lambda: runner.pending == 0)
    return w


def _line(window):
    from crm_desktop.ui.insight.card_line import CardScoreLine

    return window.findChild(CardScoreLine, "cardScores")


def test_the_card_shows_the_customers_scores_with_a_tooltip_on_each_part(qtbot, window, book):
    """A steady buyer's card: six parts, each with its own explanation."""
    window.set_current_customer(book["steady"][29])
    _idle(qtbot, window)
    line = _line(window)
    assert line.isVisible()
    assert set(line.parts) == {"segment", "decile", "stage", "p_alive", "rhythm", "value"}
    text = line.plain_text()
    assert "Group " in text and "P(active) " in text and "usually orders every 3 weeks" in text
    assert "expected in 12 months ¥" in text
    for part in line.parts:
        assert len(line.tooltip(part)) > 20, part
        assert f"href='{part}'" in line.text()  # hovering it shows the tooltip
    assert "BG/NBD" in line.tooltip("p_alive")


def test_a_prospect_gets_a_short_line_and_no_customer_none(qtbot, window, book):
    """No orders: "Prospect · no orders yet…"; no current customer: no line."""
    window.set_current_customer(book["prospect"])
    _idle(qtbot, window)
    line = _line(window)
    assert line.isVisible() and line.plain_text().startswith("Prospect")
    window.set_current_customer(None)
    _idle(qtbot, window)
    assert not line.isVisible()


def test_an_order_reloads_the_line(qtbot, window, book, ctx):
    """After an order is written the line is read again from the new fit."""
    cid = book["prospect"]
    window.set_current_customer(cid)
    _idle(qtbot, window)
    add_orders(ctx, cid, [40, 20, 2], 500_000)
    window.notify_changed(Changes.of(Kind.ORDER, customers=[cid]))
    _idle(qtbot, window)
    assert "P(active)" in _line(window).plain_text()


def test_line_parts_name_the_model_and_the_rhythm_source():
    """The tooltips say which model and whether the rhythm is the customer's own."""
    from crm_desktop.ui.insight.card_line import line_parts

    s = CustomerScores("c", True, "MGC", 3, "at_risk", 0.41, 45.0, False, 123456.0, 12, "CNY", "rfm-fallback", 1,
                       80.0)
    parts = {p: (text, tip) for p, text, tip in line_parts(s)}
    assert parts["segment"][0] == "MGC" and "grow" in parts["segment"][1]
    assert parts["stage"][0] == "At risk" and "70 %" in parts["stage"][1]
    assert parts["p_alive"][0] == "P(active) 41 %" and "simple rule" in parts["p_alive"][1]
    assert "ordered only once" in parts["rhythm"][1]
    assert parts["value"][0] == "expected in 12 months ¥1,235"


def test_the_list_shows_score_columns_and_sorts_by_them(qtbot, window, book):
    """Segment … RFM columns fill in once today's run is there; sorting by decile puts group 1 on top."""
    from PySide6.QtCore import Qt

    from crm_desktop.ui.customers.table_model import COLUMNS

    _idle(qtbot, window)
    model = window.list_panel.model
    col = COLUMNS.index("decile")
    assert model.headerData(col, Qt.Orientation.Horizontal) == "Decile"
    model.sort(col)
    _idle(qtbot, window)
    assert model.data(model.index(0, col)) == "1"
    assert model.data(model.index(0, COLUMNS.index("rfm"))).startswith("R")
    assert model.data(model.index(0, COLUMNS.index("expected_value"))).startswith("¥")
    assert model.data(model.index(model.rowCount() - 1, COLUMNS.index("stage"))) == "Prospect"
