"""The Deals widgets on their own: the stages dialog, the board's columns, filter and keyboard moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from crm_desktop.domain import deals as d
from crm_desktop.domain.deals import DealRow, DealSettings
from crm_desktop.ui.deals.board import DealsPanel, StageModel
from crm_desktop.ui.deals.dialog import StagesDialog

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def _deal(did: str, stage: str, name: str = "张伟", amount: int = 100000) -> DealRow:
    since = NOW - timedelta(days=3)
    return DealRow(did, "c-" + did, name, None, "年度采购", amount, "CNY", None, stage, "李娜", "", "", since, since)


def test_stages_dialog_adds_renames_and_orders_open_stages(qtbot):
    """Add a stage after the first, rename it, move it down, remove the last open one: Won and Lost stay last
    and the defaults keep their translatable (empty) names."""
    saved = []
    dialog = StagesDialog(DealSettings(), saved.append)
    qtbot.addWidget(dialog)
    dialog.table.setCurrentCell(0, 0)
    dialog.add_stage()
    dialog.table.item(1, 0).setText("试用")
    dialog.move_stage(1)
    dialog.table.setCurrentCell(4, 0)
    dialog.remove_stage()
    dialog.accept()
    stages = saved[0].stages
    assert [s.label() for s in stages] == ["Contact made", "Needs confirmed", "试用", "Proposal/quote", "Won", "Lost"]
    assert [s.name for s in stages if s.key in d.STAGE_NAMES] == ["", "", "", "", ""]
    assert not d.stage_errors(stages)


def test_board_shows_columns_with_counts_and_filters(qtbot):
    """A column per open stage with its count and total; the filter keeps the matching cards."""
    panel = DealsPanel(lambda: NOW)
    qtbot.addWidget(panel)
    rows = [_deal("a", "contact", "张伟"), _deal("b", "contact", "王芳"), _deal("c", "proposal", "王芳", 250000)]
    panel.show_deals(DealSettings(), d.board_columns(rows, DealSettings()))
    assert [c.stage.key for c in panel.columns] == ["contact", "needs", "proposal", "negotiation", "won", "lost"]
    assert "Contact made · 2" in panel.column("contact").title.text()
    assert "2,000.00 CNY" in panel.column("contact").title.text()
    panel.filter.setText("王芳")
    assert [r.id for r in panel.column("contact").model.rows] == ["b"]
    assert panel.summary.text().startswith("2 open deals")


def test_each_stage_shows_its_chance_of_winning_and_the_summary_the_weighted_pipeline(qtbot):
    """With win rates, a column reads "won 50 %" and says in its tooltip where the number comes from (learned
    from 8 closed deals, or the setting while only 2 went through); the summary weighs the open amounts."""
    panel = DealsPanel(lambda: NOW)
    qtbot.addWidget(panel)
    rows = [_deal("a", "proposal", "张伟", 1_000_000), _deal("b", "negotiation", "王芳", 2_000_000)]
    rates = {"proposal": d.WinRate(50.0, 8, True), "negotiation": d.WinRate(70.0, 2, False)}
    panel.show_deals(DealSettings(), d.board_columns(rows, DealSettings()), rates)
    assert "won 50 %" in panel.column("proposal").title.text()
    assert panel.column("proposal").title.toolTip() == (
        "50 % of the team's 8 closed deals that went through this stage were won.")
    assert "only 2 closed deals went through it so far" in panel.column("negotiation").title.toolTip()
    assert panel.summary.text() == "2 open deals · 30,000.00 CNY, weighted 19,000.00 CNY"


def test_a_drop_on_another_column_asks_for_the_move_and_on_its_own_column_does_not(qtbot):
    """The dragged card's id travels in the drag; dropping it elsewhere asks to move it there."""
    panel = DealsPanel(lambda: NOW)
    qtbot.addWidget(panel)
    panel.show_deals(DealSettings(), d.board_columns([_deal("a", "contact")], DealSettings()))
    source: StageModel = panel.column("contact").model
    mime = source.mimeData([source.index(0)])
    asked = []
    panel.move_requested.connect(lambda row, stage: asked.append((row.id, stage)))
    assert not source.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, source.index(-1))
    target = panel.column("lost").model
    assert target.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target.index(-1))
    target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target.index(-1))
    assert asked == [("a", "lost")]


def test_ctrl_right_asks_to_move_the_selected_card_on(qtbot):
    """With a card selected, Ctrl+→ asks to move it to the next open stage."""
    panel = DealsPanel(lambda: NOW)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_deals(DealSettings(), d.board_columns([_deal("a", "needs")], DealSettings()))
    assert panel.select("a")
    view = panel.column("needs").view
    view.setFocus()
    asked = []
    panel.move_requested.connect(lambda row, stage: asked.append((row.id, stage)))
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert asked == [("a", "proposal")]


def test_the_list_sorts_and_enter_opens_the_selected_deal(qtbot):
    """The List tab holds the same open deals, sorted by amount on a header click; Enter opens the row."""
    panel = DealsPanel(lambda: NOW)
    qtbot.addWidget(panel)
    panel.show()
    rows = [_deal("a", "contact", "张伟", 300), _deal("b", "proposal", "王芳", 100), _deal("c", "needs", "李娜", 200)]
    panel.show_deals(DealSettings(), d.board_columns(rows, DealSettings()))
    panel.setCurrentWidget(panel.table)
    panel.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    shown = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert shown == ["王芳", "李娜", "张伟"]
    opened = []
    panel.open_requested.connect(lambda row: opened.append(row.id))
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.proxy.index(1, 0))
    QTest.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == ["c"]


def test_the_deal_dialog_adds_products_at_the_customers_price_and_the_amount_follows(qtbot):
    """Adding two products uses the customer's prices, the amount field shows their total and is read-only,
    a discount typed in the table lowers it, and the saved input carries the lines."""
    from crm_desktop.domain.products import PriceSource, ProductRow
    from crm_desktop.ui.deals.dialog import DealDialog

    chair = ProductRow("p1", "A-01", "办公椅", "把", 128000, "CNY", 1300, True)
    paper = ProductRow("p2", "B-02", "打印纸", "箱", 19950, "CNY", 1300, True)
    prices = {"p1": PriceSource(118000, "CNY", "segment", "MVC 价格"), "p2": PriceSource(19950, "CNY", "catalogue")}
    saved = []
    dialog = DealDialog(saved.append, DealSettings(), "c1", "张伟", "李娜", products=([chair, paper], prices, []))
    qtbot.addWidget(dialog)
    dialog.title.setText("办公家具")
    assert dialog.lines.add_product("p1", "2") and dialog.lines.add_product("p2")
    assert dialog.lines.note.text() == "Catalogue price."
    assert dialog.amount.text() == "2,559.50" and dialog.amount.isReadOnly()
    dialog.lines.set_cell(0, dialog.lines.DISCOUNT, "10")
    assert dialog.amount.text() == "2,323.50"
    dialog.accept()
    [data] = saved
    assert [(x.product_id, x.quantity, x.unit_price_minor, x.discount) for x in data.lines] == [
        ("p1", "2", 118000, "10"), ("p2", "1", 19950, "")]
