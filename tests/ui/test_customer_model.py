"""The customer list's model: ids of the search, rows read by page as painted, nothing read while busy."""

from crm_desktop.domain.changes import Changes
from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.ui.customers.table_model import PAGE, CustomerTableModel


def _fill(customers, n):
    return [customers.create(CustomerInput(name=f"客户{i:04d}", phone=f"1380013{i:04d}")).id for i in range(n)]


def test_model_passes_qtmodeltester(qtmodeltester, customers):
    """The lazy model satisfies Qt's model contract."""
    _fill(customers, 30)
    model = CustomerTableModel(customers.rows)
    model.set_ids(customers.search(CustomerQuery()))
    qtmodeltester.check(model)


def test_rows_load_by_page_on_demand(customers):
    """Only the page being painted is loaded."""
    _fill(customers, PAGE + 10)
    calls = []

    def loader(ids, text):
        calls.append(len(ids))
        return customers.rows(ids, text)

    model = CustomerTableModel(loader)
    model.set_ids(customers.search(CustomerQuery()))
    assert calls == []
    assert model.data(model.index(PAGE + 5, 0)) == f"客户{PAGE + 5:04d}"
    assert calls == [10]
    model.data(model.index(PAGE + 6, 0))
    assert calls == [10]


def test_header_click_requests_sql_sort(qtbot, customers):
    """Sorting asks for a re-query instead of sorting rows in the model."""
    model = CustomerTableModel(customers.rows)
    with qtbot.waitSignal(model.sort_requested) as sig:
        from PySide6.QtCore import Qt

        model.sort(1, Qt.SortOrder.DescendingOrder)
    assert sig.args == ["company", True]


def test_a_busy_model_reads_no_rows_and_shows_them_loading(customers):
    """While the book's file is swapped the model reads nothing and every row says "Loading…"; afterwards the
    rows are read again (the cached page may be of the old file)."""
    _fill(customers, 5)
    calls = []

    def loader(ids, text):
        calls.append(len(ids))
        return customers.rows(ids, text)

    model = CustomerTableModel(loader)
    model.set_ids(customers.search(CustomerQuery()))
    assert model.data(model.index(0, 0)) == "客户0000" and calls == [5]
    model.set_busy(True)
    assert model.data(model.index(1, 0)) == "Loading…" and model.data(model.index(1, 1)) is None
    assert model.row_data(2) is None and calls == [5]
    model.set_busy(False)
    assert model.data(model.index(1, 0)) == "客户0001" and calls == [5, 5]


def test_a_busy_list_searches_only_when_the_swap_is_over(qtbot, window, customers, monkeypatch):
    """A search asked for while the list is busy waits; when the list is no longer busy it runs once."""
    panel = window.list_panel
    searches = []
    search = customers.search
    monkeypatch.setattr(customers, "search", lambda query: searches.append(query) or search(query))
    window.data_replacing()
    panel.refresh()
    panel.search.setText("zw")
    qtbot.wait(300)  # longer than the search-as-you-type delay
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert searches == [] and panel.count.text() == "Loading…"
    window.data_replaced(Changes())
    qtbot.waitUntil(lambda: window.runner.pending == 0)
    assert [q.text for q in searches] == ["zw"]
