"""The customer list's Filters… dialog, its bar in words, and reopening a whole query (a saved view)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QSpinBox

from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.services.insight import ScoreCells
from crm_desktop.ui.customers.filters import CustomerFiltersDialog, describe
from crm_desktop.ui.customers.table_model import COLUMNS

CELL = ScoreCells("MVC", 1, "active", 10.0, 0.9, 5, 5, 5)


def _seed(customers):
    a = customers.create(CustomerInput(name="甲", industry="制造业", owner="李娜")).id
    b = customers.create(CustomerInput(name="乙", industry="零售", owner="王磊")).id
    c = customers.create(CustomerInput(name="丙", industry="制造业", owner="李娜")).id
    customers.warm_up()
    customers.set_scores({a: CELL, b: CELL, c: CELL._replace(segment="MGC", stage="dormant")})
    return a, b, c


def _started(qtbot, window, n):
    window.start()
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == n)
    return window.list_panel


def test_filters_dialog_filters_and_the_bar_says_what(qtbot, window, customers):
    """Filters… → MVC + 制造业: only 甲 is listed, the bar reads "Filters: MVC · 制造业"; Clear filters brings
    everyone back."""
    a, _b, _c = _seed(customers)
    panel = _started(qtbot, window, 3)

    def choose():
        dialog = panel.last_dialog
        if dialog is None or not dialog.isVisible():
            return
        poll.stop()
        dialog.findChild(QCheckBox, "filterSegment_MVC").setChecked(True)
        industry = dialog.findChild(QComboBox, "filterIndustry")
        industry.setCurrentIndex(industry.findText("制造业"))
        dialog.accept()

    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(choose)
    poll.start()
    panel.more_filters.click()
    qtbot.waitUntil(lambda: panel.model.ids() == [a])
    assert panel.filter_bar.isVisible() and panel.filter_label.text() == "Filters: MVC · 制造业"
    panel.filter_clear.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    assert not panel.filter_bar.isVisible()


def test_dialog_reads_back_what_it_was_given(qtbot):
    """The dialog opens with the list's filters ticked and returns them unchanged on OK; Clear all clears."""
    query = CustomerQuery(text="x", segments=frozenset({"MGC"}), deciles=frozenset({2, 3}),
                          lifecycles=frozenset({"at_risk"}), relationship_stage="commitment", industry="零售",
                          quiet_days=30, p_alive_below=40, value_at_least=10_000)
    dialog = CustomerFiltersDialog(query, ["制造业"])
    qtbot.addWidget(dialog)
    assert dialog.query() == query
    assert dialog.findChild(QSpinBox, "filterQuietDays").value() == 30
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Reset).click()
    assert dialog.query() == CustomerQuery(text="x")


def test_describe_in_words():
    """Each filter set shows as a short part of one line."""
    text = describe(CustomerQuery(segments=frozenset({"MGC", "MVC"}), deciles=frozenset({1, 2}),
                                  lifecycles=frozenset({"dormant", "at_risk"}), quiet_days=30))
    assert text == "MVC/MGC · decile 1, 2 · At risk/Dormant · not contacted for 30 days"
    assert describe(CustomerQuery(owner="me")) == ""
    assert describe(CustomerQuery(p_alive_below=40, value_at_least=10_000)) == (
        "P(active) below 40 % · expected value at least 10,000")


def test_set_query_sets_every_box_search_and_sort(qtbot, window, customers):
    """Reopening a query sets the search text, the kind/owner boxes, the Filters… part and the sort column."""
    _a, _b, c = _seed(customers)
    panel = _started(qtbot, window, 3)
    query = CustomerQuery(text="丙", owner="李娜", segments=frozenset({"MGC"}), sort="decile", descending=True)
    panel.set_query(query)
    qtbot.waitUntil(lambda: panel.model.ids() == [c])
    assert panel.query() == query
    assert panel.search.text() == "丙" and panel.owner.currentData() == "李娜"
    header = panel.view.horizontalHeader()
    assert COLUMNS[header.sortIndicatorSection()] == "decile"
    panel.set_query(CustomerQuery(owner="someone new"))
    assert panel.owner.currentText() == "someone new"


def test_a_logged_contact_moves_a_customer_out_of_the_quiet_list(qtbot, window, customers, services, clock):
    """Not contacted for 30 days lists a customer until a contact is logged and announced; the row's last
    contact column then shows that day."""
    from crm_desktop.domain.changes import Changes, Kind
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    a, b, _c = _seed(customers)
    panel = _started(qtbot, window, 3)
    panel.set_filters(CustomerQuery(quiet_days=30))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    services.get(TimelineService).log_contact(ContactLogInput(a, summary="hello", occurred_at=clock()))
    window.notify_changed(Changes.of(Kind.INTERACTION, customers=[a]))
    qtbot.waitUntil(lambda: a not in panel.model.ids() and b in panel.model.ids())
    panel.set_filters(CustomerQuery())
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3)
    column = COLUMNS.index("last_contact")
    row = panel.model.row_of(a)
    assert panel.model.index(row, column).data() == clock().astimezone().strftime("%Y-%m-%d")
    assert panel.model.index(panel.model.row_of(b), column).data() == ""
