"""A deal from the Customer menu to lost: on the board, dragged to the next stage, undone, dropped on Lost with a
reason; the customer's Deals tab and timeline show where it went."""

import warnings
from datetime import timedelta

from pages import click_tab, pick_data
from person import press
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QListView, QTableView, QTabWidget, QWidget

from crm_desktop.domain.deals import DealInput
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.deals import DealService

NAME = "冯晓东"


def _add_customer(book_services) -> str:
    svc = book_services().customers
    cid = svc.create(CustomerInput(name=NAME, phone="13912345670")).id
    svc.ctx.db.close()
    return cid


def _cards(person, stage: str) -> list[str]:
    view = person.find(QListView, f"cards_{stage}")
    return [r for r in person.rows(view, 0)]


def drag(person, source: QListView, row: int, target: QListView) -> None:
    """Drag the card *row* of *source* and drop it on *target*, as the mouse does (enter, move, drop)."""
    index = source.model().index(row, 0)
    source.scrollTo(index)
    mime = source.model().mimeData([index])
    where = QPoint(target.viewport().width() // 2, 10)
    buttons, keys, action = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.MoveAction
    with warnings.catch_warnings():  # the drag events have only QPoint constructors, which PySide marks deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        events = (QDragEnterEvent(where, action, mime, buttons, keys),
                  QDragMoveEvent(where, action, mime, buttons, keys))
    for event in events:
        QApplication.sendEvent(target.viewport(), event)
        assert event.isAccepted(), "the column refused the card"
    QApplication.sendEvent(target.viewport(), QDropEvent(QPointF(where), action, mime, buttons, keys))
    person.idle()


def test_a_deal_from_new_to_lost(launch_app, book, book_services):
    """New deal… on the customer, seen on the board; dragged to Needs confirmed; Ctrl+Z puts it back; dropped on
    Lost with "Competitor": off the board, "Lost (Competitor)" on the customer's Deals tab and on the timeline."""
    from crm_desktop.services.orders import format_amount

    _add_customer(book_services)
    services = book_services()
    before = sum(r.amount_minor for r in services.get(DealService).board()[1]["contact"])  # the demo's deals
    services.ctx.db.close()
    person = launch_app(book)
    person.open_card(NAME)

    def fill(dialog):
        assert dialog.objectName() == "dealDialog"
        title = dialog.findChild(QLineEdit, "dealTitle")
        title.setFocus()
        person.type("年度办公用品采购", title)
        amount = dialog.findChild(QLineEdit, "dealAmount")
        amount.setFocus()
        person.type("38,000", amount)
        press("ok")(dialog)

    person.expect(fill)
    person.choose("customer", "new_deal")
    person.wait_answered()
    person.idle()
    assert "年度办公用品采购" in person.status()

    person.choose("view", "show_deals")
    person.idle()
    page = person.find(QTabWidget, "deals_page")
    assert person.window.pages.currentWidget() is page
    person.wait(lambda: f"{NAME} — 年度办公用品采购" in _cards(person, "contact"))
    column = person.find(QWidget, "stage_contact")
    assert format_amount(before + 3_800_000, "CNY") in person.text(column.findChild(QLabel, "stageTitle"))

    source = person.find(QListView, "cards_contact")
    row = _cards(person, "contact").index(f"{NAME} — 年度办公用品采购")
    drag(person, source, row, person.find(QListView, "cards_needs"))
    person.wait(lambda: f"{NAME} — 年度办公用品采购" in _cards(person, "needs"))
    assert f"{NAME} — 年度办公用品采购" not in _cards(person, "contact")

    person.activate()
    person.choose("edit", "undo")
    person.idle()
    person.wait(lambda: f"{NAME} — 年度办公用品采购" in _cards(person, "contact"))
    assert f"{NAME} — 年度办公用品采购" not in _cards(person, "needs")

    def lost(dialog):
        assert dialog.objectName() == "lostReasonDialog"
        pick_data(dialog.findChild(QComboBox, "lostReason"), "competitor")
        press("ok")(dialog)

    person.expect(lost)
    source = person.find(QListView, "cards_contact")
    drag(person, source, _cards(person, "contact").index(f"{NAME} — 年度办公用品采购"),
         person.find(QListView, "cards_lost"))
    person.wait_answered()
    person.idle()
    person.wait(lambda: f"{NAME} — 年度办公用品采购" not in _cards(person, "contact"))

    person.window.open_customer(person.window.current_customer_id())
    tab = person.find(QWidget, "customer_deals_tab")
    click_tab(person, person.window.customer_tabs, tab)
    table = person.find(QTableView, "customerDealTable")
    person.wait(lambda: table.model().rowCount() == 1)
    assert person.rows(table)[0][:3] == ("年度办公用品采购", "38,000.00 CNY", "Lost (Competitor)")

    panel = person.find(QWidget, "timelinePanel")
    click_tab(person, person.window.customer_tabs, panel)
    timeline = panel.findChild(QTableView)
    person.wait(lambda: any("Contact made → Lost" in " ".join(r) for r in person.rows(timeline)))



def test_a_quiet_deal_shows_on_todays_calls(launch_app, book, book_services, clock):
    """A deal in Proposal/quote for 12 days without a contact is on today's call list, saying so."""
    svc = book_services()
    cid = svc.customers.create(CustomerInput(name=NAME, phone="13912345670")).id
    clock.value -= timedelta(days=12)
    svc.get(DealService).create(DealInput(cid, title="年度办公用品采购", stage="proposal"))
    clock.value += timedelta(days=12)
    svc.ctx.db.close()
    person = launch_app(book)
    view = person.find(QListView, "calllistView")
    person.wait(lambda: any(NAME in r for r in person.rows(view, 0)), timeout=20000)
    row = next(r for r in person.rows(view, 0) if NAME in r)
    assert "in Proposal/quote for 12 days; deals usually move on within " in row, row
