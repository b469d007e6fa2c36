"""The lines of a quote: the deal's lines editor (product at the customer's price, quantity, unit price,
discount) with a tax-rate column, started from the product's rate; the totals show net, tax and gross."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from crm_desktop.domain import products as p
from crm_desktop.domain.products import PriceSource, ProductRow
from crm_desktop.domain.quotes import QuoteLine, QuoteLineInput, line_tax
from crm_desktop.services.orders import format_amount
from crm_desktop.ui.deals.lines import LinesEditor, _Line

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class QuoteLinesEditor(LinesEditor):
    """The quote's lines: ``products`` the active catalogue (their tax rates start new lines), ``prices`` the
    customer's price of each, ``initial`` the lines to begin with."""

    TAX = 4

    def __init__(self, products: Sequence[ProductRow], prices: Mapping[str, PriceSource],
                 initial: Sequence[QuoteLine] = (), currency: str = "CNY", parent: QWidget | None = None) -> None:
        self.tax_rates = {prod.id: prod.tax_bp for prod in products}
        self._pending_tax: int | None = None
        super().__init__(products, prices, (), currency, parent)
        self.setObjectName("quoteLines")
        self.table.setObjectName("quoteLinesTable")
        self.table.insertColumn(self.TAX)
        self.TOTAL = 5
        self.table.setHorizontalHeaderItem(self.TAX, QTableWidgetItem(self.tr("Tax %")))
        self.table.horizontalHeader().setSectionResizeMode(self.TAX, QHeaderView.ResizeMode.ResizeToContents)
        for line in initial:
            known = self.picker.findData(line.product_id)
            label = self.picker.itemText(known) if known >= 0 else f"{line.code}  {line.name}"
            self._pending_tax = line.tax_bp
            self._append(_Line(line.product_id, label), p.format_quantity(line.quantity_milli),
                         line.unit_price_minor, p.format_rate(line.discount_bp) if line.discount_bp else "")
        self._refresh_total()

    def _append(self, line: _Line, quantity: str, price_minor: int, discount: str) -> None:
        super()._append(line, quantity, price_minor, discount)
        tax = self._pending_tax if self._pending_tax is not None else self.tax_rates.get(line.product_id, 0)
        self._pending_tax = None
        self.table.blockSignals(True)
        self.table.setItem(self.table.rowCount() - 1, self.TAX, QTableWidgetItem(p.format_rate(tax)))
        self.table.blockSignals(False)

    def _edited(self, item: QTableWidgetItem) -> None:
        if item.column() in (self.QUANTITY, self.PRICE, self.DISCOUNT, self.TAX):
            self._refresh_total()
            self.changed.emit()

    def _row_tax(self, row: int) -> int | None:
        net = self._row_total(row)
        try:
            return None if net is None else line_tax(net, p.parse_rate(self._text(row, self.TAX)))
        except p.NumberError:
            return None

    def _refresh_total(self) -> None:
        super()._refresh_total()
        if self.table.columnCount() <= self.TOTAL or not self.table.rowCount():
            return
        net = self.total()
        taxes = [self._row_tax(r) for r in range(self.table.rowCount())]
        if net is None or any(t is None for t in taxes):
            return
        tax = sum(t for t in taxes if t is not None)
        self.total_label.setText(self.tr("Net {net} · tax {tax} · total {gross}").format(
            net=format_amount(net, self.currency), tax=format_amount(tax, self.currency),
            gross=format_amount(net + tax, self.currency)))

    def quote_lines(self) -> tuple[QuoteLineInput, ...]:
        """The lines as typed; raises :class:`UserError` (one sentence) when a unit price is not an amount
        (quantities, discounts and tax rates are checked by the service)."""
        return tuple(QuoteLineInput(product, self._text(r, self.QUANTITY), price, self._text(r, self.DISCOUNT),
                                    self._text(r, self.TAX)) for r, product, price in self._rows())
