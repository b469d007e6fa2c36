"""Finding a customer: by pinyin initials, by full pinyin, by part of a phone number."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableView, QTabWidget

from crm_desktop.domain.enums import CustomerKind
from crm_desktop.domain.models import ContactInput, CustomerInput


def _add_people(book_services):
    svc = book_services().customers
    svc.create(CustomerInput(name="华信科技", kind=CustomerKind.BUSINESS, contacts=[ContactInput(name="张伟")]))
    svc.create(CustomerInput(name="张伟", company="华为技术有限公司", phone="13800138000"))
    svc.ctx.db.close()


def _found_by_column(table) -> int:
    model = table.model()
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("Found by")


def _search(person, text, first_found_by=None):
    """Ctrl+F, type *text*; wait until the list shows 张伟 first (found by *first_found_by*)."""
    person.shortcut("Ctrl+F")
    box = person.find(QLineEdit, "customerSearch")
    assert person.focus() is box
    person.type(text)
    table = person.find(QTableView, "customerTable")
    col = _found_by_column(table)

    def shown() -> bool:
        m = table.model()
        return (m.rowCount() > 0 and m.index(0, 0).data() == "张伟"
                and (first_found_by is None or m.index(0, col).data() == first_found_by))

    person.wait(shown, timeout=5000)
    person.idle()
    return table


def test_find_zhang_wei_three_ways(book_services, launch_app, book):
    """zw, zhangwei and 0013 all put 张伟 first and say what matched; Enter shows his card."""
    _add_people(book_services)
    person = launch_app(book)
    for text, found_by in (("zw", "pinyin zw"), ("zhangwei", "pinyin zhangwei"), ("0013", "phone")):
        table = _search(person, text, found_by)
        assert not table.isColumnHidden(_found_by_column(table))
    # a contact-only match is there too, and says so
    table = _search(person, "张伟", "name")
    col = _found_by_column(table)
    rows = person.rows(table)
    assert ("华信科技",) == tuple(r[0] for r in rows if r[col] == "contact 张伟")
    # Enter in the search box opens the first row's card, not a dialog
    person.key(Qt.Key.Key_Return)
    person.idle()
    tabs = person.find(QTabWidget, "customerTabs")
    assert tabs.currentIndex() == 0
    person.wait(lambda: "张伟" in person.find(QLabel, "cardTitle").text())
    # clearing the search hides the "Found by" column again
    box = person.find(QLineEdit, "customerSearch")
    box.setFocus()
    box.selectAll()
    person.key(Qt.Key.Key_Delete)
    person.wait(lambda: table.isColumnHidden(col))


def test_the_card_follows_the_search(book_services, launch_app, book):
    """A search that no longer shows the customer on the card moves the card to its first result; Edit opens
    that customer, not the one from before."""
    from person import later

    _add_people(book_services)
    person = launch_app(book)
    table = person.find(QTableView, "customerTable")
    person.click_row(table, 5)
    person.idle()
    before = table.model().index(5, 0).data()
    person.wait(lambda: before in person.text(person.find(QLabel, "cardTitle")))
    _search(person, "zhangwei", "pinyin zhangwei")
    person.wait(lambda: "张伟" in person.text(person.find(QLabel, "cardTitle")))
    seen = []
    person.expect(lambda d: (seen.append(d.findChild(QLineEdit, "customerName").text()), later(d.reject, d)))
    person.choose("customer", "edit_customer")
    person.wait_answered()
    assert seen == ["张伟"]
