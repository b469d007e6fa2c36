"""Products from a Chinese sheet to a deal: File › Import products…, the catalogue lists them, the MVC price list
gets a price, and a deal of an MVC customer with two products uses that price and totals the lines."""

from pages import click_tab, pick_data
from person import file_path, later, press
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTabWidget,
    QWidget,
)

SHEET = "编码,品名,单位,单价,税率\nBG-001,人体工学椅,把,1280,13%\nBG-002,复印纸,箱,199.50,13%\n"


def _mvc_customer(book_services) -> str:
    """The name of an MVC customer of the demo book whose name no other customer has (found by the scores)."""
    from sqlalchemy import text

    from crm_desktop.services.insight import InsightService

    services = book_services()
    cells = services.get(InsightService).score_table()
    with services.ctx.db.reading() as tx:
        names = {r[0]: r[1] for r in tx.execute(text(
            "SELECT id, name FROM customer WHERE deleted_stamp IS NULL AND name IN (SELECT name FROM customer "
            "WHERE deleted_stamp IS NULL GROUP BY name HAVING count(*) = 1)"))}
    name = next(names[cid] for cid, c in sorted(cells.items()) if c.segment == "MVC" and cid in names)
    services.ctx.db.close()
    return name


def _when(condition, then, tries: int = 500) -> None:
    """Call *then* once *condition* holds (checked every 20 ms while the event loop runs)."""
    if condition():
        then()
    elif tries:
        QTimer.singleShot(20, lambda: _when(condition, then, tries - 1))


def _import_sheet(person, tmp_path) -> None:
    sheet = tmp_path / "产品.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    opened = []

    def choose_file(dialog):
        assert dialog.objectName() == "productsImportDialog"
        opened.append(dialog)
        later(lambda: person.click(dialog.findChild(QPushButton, "productsChooseFile")), dialog)

    person.expect(choose_file, file_path(sheet))
    person.choose("file", "import_products")
    person.wait_answered()
    person.idle()
    dialog = opened[0]
    run = dialog.findChild(QPushButton, "productsImportButton")
    person.wait(run.isEnabled)
    assert person.text(dialog.findChild(QLabel, "productsImportSummary")) == \
        "2 rows read: 2 new products, 0 to update, 0 rows with problems (left out)."
    person.click(run)
    person.idle()
    person.wait(lambda: "Imported products: 2 added, 0 updated." in person.status())


def _without_the_demos_catalogue(book) -> None:
    """The team starts its own catalogue: the demo's products and price list are taken out first."""
    import sqlite3

    conn = sqlite3.connect(book)
    try:
        for table in ("price_list_item", "price_list_customer", "price_list", "deal_line", "product"):
            conn.execute(f"DELETE FROM {table}")
        conn.commit()
    finally:
        conn.close()


def _mvc_price_list(person) -> list[list[str]]:
    """View › Products and price lists…: the catalogue's rows and, last, what the new MVC price list (1,180 for
    the chair) shows in the lists: its segment and how many prices."""
    listed: list[list[str]] = []
    saved: list[str] = []

    def catalogue(dialog):
        assert dialog.objectName() == "productsDialog"
        table = dialog.findChild(QTableWidget, "productsTable")
        person.wait(lambda: table.rowCount() == 2)
        listed.extend([table.item(r, c).text() for c in range(4)] for r in range(2))
        tabs = dialog.findChild(QTabWidget, "productsTabs")

        def new_list():
            click_tab(person, tabs, tabs.widget(1))
            person.click(dialog.findChild(QPushButton, "newPriceList"))

        later(new_list, dialog)

    def price_list(dialog):
        assert dialog.objectName() == "priceListDialog"
        name = dialog.findChild(QLineEdit, "priceListName")
        name.setFocus()
        person.type("MVC 专享价", name)
        pick_data(dialog.findChild(QComboBox, "priceListSegment"), "MVC")
        prices = dialog.findChild(QTableWidget, "priceListPrices")
        row = next(r for r in range(prices.rowCount()) if prices.item(r, 0).text() == "BG-001")
        prices.setFocus()
        prices.setCurrentCell(row, 3)
        person.key(Qt.Key.Key_F2, widget=prices)
        person.wait(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and prices.isAncestorOf(QApplication.focusWidget()))
        person.type("1180", QApplication.focusWidget())
        products = dialog.parent()
        lists = products.findChild(QTableWidget, "priceListsTable")
        press("ok")(dialog)
        def close():
            saved.extend([lists.item(0, 1).text(), lists.item(0, 3).text()])
            later(products.reject, products)

        _when(lambda: lists.rowCount() == 1, close)

    person.expect(catalogue, price_list)
    person.choose("view", "products")
    person.wait_answered()
    person.idle()
    listed.append(saved)
    return listed


def test_products_from_a_chinese_sheet_to_an_mvc_customers_deal(book_services, launch_app, book, tmp_path):
    """Import a Chinese sheet → the catalogue lists both products; the MVC price list gets 1,180 for the chair;
    a deal of an MVC customer with the chair and the paper costs 1,180 + 199.50 = 1,379.50."""
    name = _mvc_customer(book_services)
    _without_the_demos_catalogue(book)
    person = launch_app(book)
    _import_sheet(person, tmp_path)
    listed = _mvc_price_list(person)
    assert listed == [["BG-001", "人体工学椅", "把", "1,280.00 CNY"], ["BG-002", "复印纸", "箱", "199.50 CNY"],
                      ["Most valuable customers (MVC)", "1"]]

    person.open_card(name)
    seen = {}

    def deal(dialog):
        assert dialog.objectName() == "dealDialog"
        title = dialog.findChild(QLineEdit, "dealTitle")
        title.setFocus()
        person.type("办公室升级", title)
        picker = dialog.findChild(QComboBox, "dealLineProduct")
        for code in ("BG-001", "BG-002"):
            picker.setFocus()
            person.type(code, picker.lineEdit())
            person.click(dialog.findChild(QPushButton, "addDealLine"))
        seen["note"] = person.text(dialog.findChild(QLabel, "dealLineNote"))
        lines = dialog.findChild(QTableWidget, "dealLinesTable")
        seen["lines"] = [[lines.item(r, c).text() for c in range(5)] for r in range(lines.rowCount())]
        seen["amount"] = dialog.findChild(QLineEdit, "dealAmount").text()
        press("ok")(dialog)

    person.expect(deal)
    person.choose("customer", "new_deal")
    person.wait_answered()
    person.idle()
    assert seen["lines"] == [["BG-001  人体工学椅", "1", "1,180.00", "", "1,180.00 CNY"],
                             ["BG-002  复印纸", "1", "199.50", "", "199.50 CNY"]]
    assert seen["amount"] == "1,379.50" and seen["note"] == "Catalogue price."

    tab = person.find(QWidget, "customer_deals_tab")
    click_tab(person, person.window.customer_tabs, tab)
    table = person.find(QTableView, "customerDealTable")
    person.wait(lambda: table.model().rowCount() >= 1)
    assert ("办公室升级", "1,379.50 CNY") in [r[:2] for r in person.rows(table)]
