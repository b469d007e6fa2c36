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
