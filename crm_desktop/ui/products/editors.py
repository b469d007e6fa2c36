"""The dialogs editing one product and one price list (the catalogue dialog opens them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import products as p
from crm_desktop.domain.products import PriceListRow, ProductInput, ProductRow
from crm_desktop.services.orders import format_amount
from crm_desktop.services.products import PriceListInput
from crm_desktop.ui.shell.saving import Job, SavingDialog

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

def segment_label(segment: str | None) -> str:
    """The segment a price list applies to, in words ("named customers only" for None)."""
    if segment is None:
        return translate("products", "Named customers only")
    names = {"MVC": translate("products", "Most valuable customers (MVC)"),
             "MGC": translate("products", "Most growable customers (MGC)"),
             "BZ": translate("products", "Below zero (BZ)"),
             "migrator": translate("products", "Migrators")}
    return names.get(segment, segment)


def amount_input(minor: int, currency: str) -> str:
    """An amount as typed in an editor: the number without the currency ("" for none)."""
    return format_amount(minor, currency).rsplit(" ", 1)[0].replace(",", "") if minor else ""


class ProductDialog(SavingDialog):
    """A new product (``initial`` None) or an edit of one; ``save(ProductInput)`` writes it."""

    def __init__(self, save: Callable[[ProductInput], Any], initial: ProductRow | None = None, *,
                 runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="productError")
        buttons = self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("productDialog")
        self.setWindowTitle(self.tr("New product") if initial is None else self.tr("Product {code}").format(
            code=initial.code))
        self.save = save
        self.code = QLineEdit(initial.code if initial else "", self)
        self.code.setObjectName("productCode")
        self.code.setMaxLength(p.MAX_CODE)
        self.name = QLineEdit(initial.name if initial else "", self)
        self.name.setObjectName("productName")
        self.name.setMaxLength(p.MAX_NAME)
        self.unit = QLineEdit(initial.unit if initial else "", self)
        self.unit.setObjectName("productUnit")
        self.unit.setMaxLength(p.MAX_UNIT)
        self.unit.setPlaceholderText(self.tr("e.g. piece, box, kg"))
        self.price = QLineEdit(amount_input(initial.price_minor, initial.currency) if initial else "", self)
        self.price.setObjectName("productPrice")
        self.price.setPlaceholderText(self.tr("e.g. 1,280.00"))
        self.currency = QComboBox(self)
        self.currency.setObjectName("productCurrency")
        self.currency.setEditable(True)
        for code in ("CNY", "USD", "EUR", "HKD"):
            self.currency.addItem(code)
        self.currency.setCurrentText(initial.currency if initial else "CNY")
        money = QHBoxLayout()
        money.addWidget(self.price, 1)
        money.addWidget(self.currency)
        self.tax = QLineEdit(p.format_rate(initial.tax_bp) if initial else "13", self)
        self.tax.setObjectName("productTax")
        self.tax.setPlaceholderText(self.tr("e.g. 13"))
        self.active = QCheckBox(self.tr("Still sold (offered on new deals)"), self)
        self.active.setObjectName("productActive")
        self.active.setChecked(initial.active if initial else True)
        form = QFormLayout()
        form.addRow(self.tr("&Code"), self.code)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Unit"), self.unit)
        form.addRow(self.tr("&Price"), money)
        form.addRow(self.tr("&Tax rate (%)"), self.tax)
        form.addRow("", self.active)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.code.setFocus()

    def data(self) -> ProductInput:
        return ProductInput(self.code.text(), self.name.text(), self.unit.text(), self.price.text(),
                            self.currency.currentText(), self.tax.text(), self.active.isChecked())

    def job(self) -> Job | None:
        data, save = self.data(), self.save
        return lambda: save(data)


class PriceListDialog(SavingDialog):
    """A new price list (``initial`` None) or an edit of one: its name, the segment it applies to, the
    customers it names (the window's selected customer can be added) and a price per active product.
    ``save(PriceListInput)`` writes it."""

    CODE, NAME, LIST_PRICE, PRICE = 0, 1, 2, 3

    def __init__(self, save: Callable[[PriceListInput], Any], products: Sequence[ProductRow],
                 initial: PriceListRow | None = None, names: dict[str, str] | None = None,
                 current: tuple[str, str] | None = None, *, runner: Any = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner, error_name="priceListError")
        buttons = self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.setObjectName("priceListDialog")
        self.setWindowTitle(self.tr("New price list") if initial is None else self.tr("Price list {name}").format(
            name=initial.name))
        self.save = save
        self.products = list(products)
        self.name = QLineEdit(initial.name if initial else "", self)
        self.name.setObjectName("priceListName")
        self.name.setMaxLength(p.MAX_LIST_NAME)
        self.segment = QComboBox(self)
        self.segment.setObjectName("priceListSegment")
        self.segment.addItem(segment_label(None), None)
        for key in p.SEGMENTS:
            self.segment.addItem(segment_label(key), key)
        if initial is not None:
            self.segment.setCurrentIndex(max(0, self.segment.findData(initial.segment)))
        self.customers = QListWidget(self)
        self.customers.setObjectName("priceListCustomers")
        self.customers.setMaximumHeight(90)
        for cid in sorted(initial.customer_ids if initial else (), key=lambda c: (names or {}).get(c, c)):
            self._add_customer(cid, (names or {}).get(cid, cid))
        self.current = current
        self.add_current = QPushButton(self.tr("Add the selected customer") if current is None else
                                       self.tr("Add {name}").format(name=current[1]), self)
        self.add_current.setObjectName("addListCustomer")
        self.add_current.setEnabled(current is not None)
        self.add_current.clicked.connect(self._add_current)
        self.remove_customer = QPushButton(self.tr("Remove customer"), self)
        self.remove_customer.setObjectName("removeListCustomer")
        self.remove_customer.clicked.connect(self._remove_customer)
        self.table = QTableWidget(len(self.products), 4, self)
        self.table.setObjectName("priceListPrices")
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Product"), self.tr("Catalogue price"),
                                              self.tr("Price on this list")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        for col in (self.CODE, self.LIST_PRICE, self.PRICE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        prices = initial.prices if initial else {}
        for row, prod in enumerate(self.products):
            for col, value in ((self.CODE, prod.code), (self.NAME, prod.name),
                               (self.LIST_PRICE, format_amount(prod.price_minor, prod.currency))):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
            given = prices.get(prod.id)
            item = QTableWidgetItem(amount_input(given.price_minor, given.currency) if given else "")
            item.setData(Qt.ItemDataRole.UserRole, prod.id)
            self.table.setItem(row, self.PRICE, item)
        if self.products:
            self.table.setCurrentCell(0, self.PRICE)
        people = QHBoxLayout()
        people.addWidget(self.add_current)
        people.addWidget(self.remove_customer)
        people.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Applies to"), self.segment)
        form.addRow(self.tr("And to these customers"), self.customers)
        form.addRow("", people)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(700, 560)
        self.name.setFocus()

    def _add_current(self) -> None:
        if self.current is not None:
            self._add_customer(*self.current)

    def _add_customer(self, customer_id: str, name: str) -> None:
        if any(self.customers.item(i).data(Qt.ItemDataRole.UserRole) == customer_id
               for i in range(self.customers.count())):
            return
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, customer_id)
        self.customers.addItem(item)

    def _remove_customer(self) -> None:
        row = self.customers.currentRow()
        if row >= 0:
            self.customers.takeItem(row)

    def set_price(self, product_id: str, text: str) -> None:
        """Type *text* as the list's price of *product_id* (what a person does in the price column)."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, self.PRICE)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == product_id:
                item.setText(text)

    def data(self) -> PriceListInput:
        prices: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, self.PRICE)
            if item is not None:
                prices[str(item.data(Qt.ItemDataRole.UserRole))] = item.text()
        ids = tuple(str(self.customers.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.customers.count()))
        return PriceListInput(self.name.text(), self.segment.currentData(), ids, prices)

    def job(self) -> Job | None:
        editor = QApplication.focusWidget()
        if editor is not None and self.table.isAncestorOf(editor):
            self.table.commitData(editor)  # the price being typed counts
        data, save = self.data(), self.save
        return lambda: save(data)
