"""The manager's Friday: View › Dashboard, a click on the top decile lists exactly those customers, and the
decile table goes to a spreadsheet that reads back."""

from person import file_path
from PySide6.QtWidgets import QLabel, QTableView, QToolButton

from crm_desktop.ui.insight.feature import InsightFeature


def _top_decile_of(book_services, clock) -> set[str]:
    """The top decile computed apart from the app: the book scored on its own, as of the app's clock."""
    from crm_desktop.services.calllist import CallListService

    services = book_services()
    scores, _ = services.get(CallListService).scores(clock(), before=None)
    services.ctx.db.close()
    return {c for c, d in zip(scores.customer_ids.tolist(), scores.decile.tolist()) if d == 1}


def test_dashboard_top_decile_lists_its_customers_and_exports(book_services, clock, launch_app, book, tmp_path):
    """Open the dashboard through the menu, click the top decile → the list shows exactly those customers;
    export the decile data to .xlsx and read it back."""
    from openpyxl import load_workbook

    expected = _top_decile_of(book_services, clock)
    person = launch_app(book)
    person.choose("view", "show_dashboard")
    page = person.window.feature(InsightFeature).page
    assert person.window.pages.currentWidget() is page
    person.wait(lambda: page.figures is not None and not page.refreshing, timeout=30000)
    person.idle()
    assert page.figures.deciles[0].customers == len(expected)
    assert "buying customers" in person.find(QLabel, "insight_summary").text()

    deciles = person.find(QTableView, "insight_decile_table")
    person.click_row(deciles, 0)
    person.idle()
    assert person.window.pages.currentIndex() == 0
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() == len(expected))
    shown = {table.model().id_at(r) for r in range(table.model().rowCount())}
    assert shown == expected
    assert "decile group 1" in person.find(QLabel, "customerSubset").text()
    assert person.find(QLabel, "customerCount").text() == f"{len(expected)} customers"

    person.choose("view", "show_dashboard")
    person.idle()
    target = tmp_path / "deciles.xlsx"
    export = person.find(QToolButton, "insight_export")
    action = next(a for a in export.menu().actions() if a.objectName() == "insight_xlsx_deciles")
    person.expect(file_path(target))
    action.trigger()
    person.wait_answered()
    person.idle()
    person.wait(target.exists)
    rows = list(load_workbook(target, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Group", "Customers", "Revenue so far")
    assert [r[0] for r in rows[1:]] == list(range(1, 11))
    assert rows[1][1] == len(expected)
    assert sum(r[1] for r in rows[1:]) == page.figures.buyers
    assert "Saved" in person.status()
    person.finish()
