"""Tools › Find duplicates › merge a pair › undo: the orders move to the record kept and today's calls
score it by them at once; the review reads in the person's language (是/否, not yes/no)."""

from datetime import timedelta

from person import press
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QRadioButton, QTableView, QTableWidget

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.orders import OrderInput, OrderService
from crm_desktop.ui.exchange.duplicates_dialog import DuplicatesDialog

NAME = "黄建国"
VALUE = "by expected"  # the call list's "top 3 % by expected 12-month value (…)" reason


def _two_records(book_services, **extra):
    """The same customer twice: one record with a year of big monthly orders, one without any."""
    services = book_services()
    svc = services.customers
    plain = svc.create(CustomerInput(name=NAME, phone="13500001111", **extra)).id
    buyer = svc.create(CustomerInput(name=NAME, phone="13500001111", company="建国五金")).id
    orders = services.get(OrderService)
    now = services.ctx.now()
    for month in range(12):
        orders.create(OrderInput(buyer, now - timedelta(days=7 + 30 * month), "80000"))
    services.ctx.db.close()
    return plain, buyer


def _open_review(person) -> DuplicatesDialog:
    person.choose("tools", "find_duplicates")
    person.wait(lambda: person.top_level(DuplicatesDialog, "duplicatesDialog") is not None)
    dialog = person.top_level(DuplicatesDialog, "duplicatesDialog")
    pairs = dialog.findChild(QTableWidget, "duplicatePairs")
    person.wait(lambda: any(NAME in r[0] and NAME in r[1] for r in person.rows(pairs)), timeout=20000)
    person.idle()
    row = next(i for i, r in enumerate(person.rows(pairs)) if NAME in r[0] and NAME in r[1])
    person.click_row(pairs, row)
    person.wait(lambda: dialog.findChild(QPushButton, "duplicateMerge").isEnabled())
    person.idle()
    return dialog


def _field_rows(person, dialog) -> dict[str, tuple[str, str]]:
    fields = dialog.findChild(QTableWidget, "duplicateFields")
    return {r[0]: (r[1], r[2]) for r in person.rows(fields)}


def _value_reason(person, name_filter) -> str:
    """What today's calls say about the customer on the card: their row's reasons, else Why not? answer."""
    view = person.find(QListView, "calllistView")
    person.idle()
    for r in range(view.model().rowCount()):
        text = view.model().index(r, 0).data()
        if name_filter(text.split("\n")[0]):
            return text
    said = []
    person.expect(lambda box: (said.append(box.text()), press("ok")(box)))
    person.choose("customer", "why_not_on_list")
    person.wait_answered()
    return said[0]


def _card_shows(person, customer_name_part: str) -> None:
    person.shortcut("Ctrl+F")
    box = person.focus()
    box.selectAll()
    person.type(customer_name_part)
    person.idle()
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() >= 1 and table.model().index(0, 0).data() == NAME)


def test_merge_moves_the_orders_and_the_call_list_scores_the_kept_record(book_services, launch_app, book):
    """Keep the record without orders: after Merge its row on today's calls gives the value reason its new
    orders earn; Undo last merge gives them back to the other record."""
    plain, buyer = _two_records(book_services)
    person = launch_app(book)
    person.wait(lambda: person.find(QListView, "calllistView").model().rowCount() > 0, timeout=30000)
    person.idle()

    dialog = _open_review(person)
    fields = _field_rows(person, dialog)
    orders = fields["Orders"]
    assert sorted(orders) == ["0", "12"], orders
    keep = "duplicateKeepA" if orders[0] == "0" else "duplicateKeepB"
    assert fields["Company"][0 if keep == "duplicateKeepA" else 1] == ""
    person.click(dialog.findChild(QRadioButton, keep))
    person.click(dialog.findChild(QPushButton, "duplicateMerge"))
    status = dialog.findChild(QLabel, "duplicateStatus")
    person.wait(lambda: status.text().startswith("Merged"))
    person.idle()

    # one 黄建国 left (the one kept, with the other's company as the review proposed), and today's calls
    # know what he buys
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: sum(1 for r in person.rows(table, 0) if r == NAME) == 1)
    dialog.hide()  # a person moves the review aside to look at the main window
    person.window.activateWindow()
    row = next(i for i, r in enumerate(person.rows(table, 0)) if r == NAME)
    person.click_row(table, row)
    person.idle()
    person.wait(lambda: NAME in person.find(QLabel, "cardTitle").text())
    said = _value_reason(person, lambda head: NAME in head)
    assert VALUE in said, f"the call list did not refit after the merge moved 12 orders: {said!r}"

    # undo: two records again; the plain one has no orders to be scored by any more
    dialog.show()
    person.click(dialog.findChild(QPushButton, "duplicateUndo"))
    person.wait(lambda: "undone" in status.text())
    person.idle()
    person.wait(lambda: sum(1 for r in person.rows(table, 0) if r == NAME) == 2)
    dialog.close()
    person.idle()
    rows = person.rows(table)
    plain_row = next(i for i, r in enumerate(rows) if r[0] == NAME and "建国五金" not in " ".join(r))
    person.click_row(table, plain_row)
    person.idle()
    person.wait(lambda: "建国五金" not in person.find(QLabel, "cardTitle").text()
                and NAME in person.find(QLabel, "cardTitle").text())
    said = _value_reason(person, lambda head: False)  # ask Why not? for the card's customer
    assert VALUE not in said, said


def test_the_review_speaks_chinese(book_services, launch_app, book):
    """In 简体中文 the side-by-side review shows 是/否 for yes/no fields and Chinese field names."""
    _two_records(book_services, consent_marketing=True)
    person = launch_app(book, language="zh_CN")
    dialog = _open_review(person)
    fields = _field_rows(person, dialog)
    assert fields["营销许可"] in (("是", "否"), ("否", "是")), fields
    texts = {t for pair in fields.values() for t in pair} | set(fields)
    assert not texts & {"yes", "no", "True", "False", "Orders", "Tags"}, texts
    dialog.close()
