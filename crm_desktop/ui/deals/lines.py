"""The products on a deal, edited inside the deal dialog: pick a product (its price is the customer's: their
own price list's, their segment's, else the catalogue's), set quantity, unit price and discount; the total
follows as you type and becomes the deal's amount."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import products as p
from crm_desktop.domain.errors import UserError
from crm_desktop.domain.products import DealLineRow, LineInput, PriceSource, ProductRow
from crm_desktop.services.orders import AMOUNT_MESSAGES, AmountError, format_amount, parse_amount

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


@dataclass(frozen=True, slots=True)
class _Line:
    product_id: str
    label: str


class LinesEditor(QWidget):
    """The deal's lines.  ``products``: the active catalogue; ``prices``: product id → the customer's price;
    ``initial``: the deal's stored lines.  ``changed`` fires when the lines or their numbers change."""

    changed = Signal()
    PRODUCT, QUANTITY, PRICE, DISCOUNT, TOTAL = range(5)

    def __init__(self, products: Sequence[ProductRow], prices: Mapping[str, PriceSource],
                 initial: Sequence[DealLineRow] = (), currency: str = "CNY", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dealLines")
        self.prices = dict(prices)
        self.currency = currency
        self.picker = QComboBox(self)
        self.picker.setObjectName("dealLineProduct")
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for prod in products:
            self.picker.addItem(f"{prod.code}  {prod.name}", prod.id)
        self.picker.setCurrentIndex(-1)
        edit = self.picker.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("Type a code or name"))
        self.add_button = QPushButton(self.tr("Add &product"), self)
        self.add_button.setObjectName("addDealLine")
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton(self.tr("Remove line"), self)
        self.remove_button.setObjectName("removeDealLine")
        self.remove_button.clicked.connect(self.remove_current)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("dealLinesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Quantity"), self.tr("Unit price"),
                                              self.tr("Discount %"), self.tr("Total")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.PRODUCT, QHeaderView.ResizeMode.Stretch)
        for col in (self.QUANTITY, self.PRICE, self.DISCOUNT, self.TOTAL):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setMinimumHeight(120)
        self.table.itemChanged.connect(self._edited)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("dealLinesTotal")
        self.note = QLabel(self)
        self.note.setObjectName("dealLineNote")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.total_label)
        lay.addLayout(bottom)
        for line in initial:
            self._append(_Line(line.product_id, f"{line.code}  {line.name}"), p.format_quantity(line.quantity_milli),
                         line.unit_price_minor, p.format_rate(line.discount_bp) if line.discount_bp else "")
        self._refresh_total()

    # --- editing --------------------------------------------------------------------------------------
    def add_product(self, product_id: str, quantity: str = "1") -> bool:
        """Add a line of *product_id* at the customer's price (False, with a note, when it cannot be added)."""
        price = self.prices.get(product_id)
        index = self.picker.findData(product_id)
        if price is None or index < 0:
            return False
        if price.currency != self.currency:
            self.note.setText(self.tr("This product is priced in {currency}; the deal is in {deal}.").format(
                currency=price.currency, deal=self.currency))
            return False
        self._append(_Line(product_id, self.picker.itemText(index)), quantity, price.price_minor, "")
        self.note.setText(self._source_text(price))
        self._refresh_total()
        self.changed.emit()
        return True

    def add_current(self) -> None:
        """Add the product chosen in the picker (its typed text is matched when nothing was chosen)."""
        index = self.picker.currentIndex()
        if index < 0 or self.picker.itemText(index) != self.picker.currentText():
            index = self.picker.findText(self.picker.currentText(), Qt.MatchFlag.MatchContains)
        if index >= 0 and self.add_product(str(self.picker.itemData(index))):
            self.picker.setCurrentIndex(-1)
            self.table.setCurrentCell(self.table.rowCount() - 1, self.QUANTITY)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)
            self._refresh_total()
            self.changed.emit()

    def _source_text(self, price: PriceSource) -> str:
        if price.kind == "catalogue":
            return self.tr("Catalogue price.")
        return self.tr("Price from the list “{name}”.").format(name=price.list_name)

    def _append(self, line: _Line, quantity: str, price_minor: int, discount: str) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(line.label)
        name.setData(Qt.ItemDataRole.UserRole, line.product_id)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, self.PRODUCT, name)
        self.table.setItem(row, self.QUANTITY, QTableWidgetItem(quantity))
        self.table.setItem(row, self.PRICE, QTableWidgetItem(
            format_amount(price_minor, self.currency).rsplit(" ", 1)[0]))
        self.table.setItem(row, self.DISCOUNT, QTableWidgetItem(discount))
        total = QTableWidgetItem("")
        total.setFlags(total.flags() & ~Qt.ItemFlag.ItemIsEditable)
        total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, self.TOTAL, total)
        self.table.blockSignals(False)

    def _edited(self, item: QTableWidgetItem) -> None:
        if item.column() in (self.QUANTITY, self.PRICE, self.DISCOUNT):
            self._refresh_total()
            self.changed.emit()

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Type *text* into a cell (what a person does in the table)."""
        item = self.table.item(row, column)
        if item is not None:
            item.setText(text)

    # --- reading --------------------------------------------------------------------------------------
    def count(self) -> int:
        return self.table.rowCount()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _row_total(self, row: int) -> int | None:
        try:
            return p.line_total(p.parse_quantity(self._text(row, self.QUANTITY)),
                                parse_amount(self._text(row, self.PRICE), self.currency),
                                p.parse_rate(self._text(row, self.DISCOUNT)))
        except (p.NumberError, AmountError):
            return None

    def total(self) -> int | None:
        """The lines' total in minor units (None: some line's numbers are not numbers yet)."""
        totals = [self._row_total(r) for r in range(self.table.rowCount())]
        return None if any(t is None for t in totals) else sum(t for t in totals if t is not None)

    def _refresh_total(self) -> None:
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            t = self._row_total(r)
            item = self.table.item(r, self.TOTAL)
            if item is not None:
                item.setText("" if t is None else format_amount(t, self.currency))
        self.table.blockSignals(False)
        total = self.total()
        self.total_label.setText("" if not self.table.rowCount() else self.tr("Total: {amount}").format(
            amount=format_amount(total, self.currency) if total is not None else "—"))

    def lines(self) -> tuple[LineInput, ...]:
        """The lines as typed; raises :class:`UserError` (one sentence) when a unit price is not an amount
        (quantities and discounts are checked by the service)."""
        return tuple(LineInput(product, self._text(r, self.QUANTITY), price, self._text(r, self.DISCOUNT))
                     for r, product, price in self._rows())

    def _rows(self) -> list[tuple[int, str, int]]:
        """(row, product id, unit price) of each line; raises :class:`UserError` (one sentence) when a unit
        price is not an amount."""
        out = []
        for r in range(self.table.rowCount()):
            item = self.table.item(r, self.PRODUCT)
            raw = self._text(r, self.PRICE)
            try:
                price = parse_amount(raw, self.currency)
            except AmountError as exc:
                raise UserError(AMOUNT_MESSAGES[exc.reason], value=raw, currency=self.currency) from None
            out.append((r, str(item.data(Qt.ItemDataRole.UserRole)) if item else "", price))
        return out
