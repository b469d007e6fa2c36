"""View ▸ Products…: the catalogue (add, edit, deactivate) and the price lists (new, edit, delete) in one dialog.

Every read and write runs on the task runner (without one, in dialog tests, at once).  Enter on a row edits it;
the dialog reports what it wrote in ``changed`` so the window can tell the other panels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain import products as p
from crm_desktop.domain.changes import Changes
from crm_desktop.domain.products import PriceListRow, ProductRow
from crm_desktop.services.orders import format_amount
from crm_desktop.services.products import ProductService
from crm_desktop.ui.products.editors import PriceListDialog, ProductDialog, segment_label
from crm_desktop.ui.shell.labels import error_text


def _table(parent: QWidget, name: str, headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for col in range(len(headers)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return table


def _cell(text: str, key: str | None = None, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if key is not None:
        item.setData(Qt.ItemDataRole.UserRole, key)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class ProductsDialog(QDialog):
    """The catalogue and the price lists.  ``current`` is the window's selected customer (id, name), which a
    price list may name (its id); ``last_dialog`` the editor opened last (tests drive it)."""

    def __init__(self, service: ProductService, *, runner: Any = None, current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productsDialog")
        self.setWindowTitle(self.tr("Products and price lists"))
        self.service = service
        self.runner = runner
        self.current = current
        self.changed = Changes()
        self.last_dialog: Any = None
        self.rows: list[ProductRow] = []
        self.lists: list[PriceListRow] = []

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("productsTabs")
        catalogue = QWidget(self.tabs)
        self.table = _table(catalogue, "productsTable", [self.tr("Code"), self.tr("Name"), self.tr("Unit"),
                                                          self.tr("Price"), self.tr("Tax"), self.tr("Status")], 1)
        self.table.doubleClicked.connect(lambda _i: self.edit_product())
        self.add_button = QPushButton(self.tr("&Add product…"), catalogue)
        self.add_button.setObjectName("addProduct")
        self.add_button.clicked.connect(self.add_product)
        self.edit_button = QPushButton(self.tr("&Edit…"), catalogue)
        self.edit_button.setObjectName("editProduct")
        self.edit_button.clicked.connect(self.edit_product)
        self.active_button = QPushButton(self.tr("&Deactivate"), catalogue)
        self.active_button.setObjectName("toggleProduct")
        self.active_button.clicked.connect(self.toggle_active)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.count = QLabel(catalogue)
        self.count.setObjectName("productsCount")
        lay = QVBoxLayout(catalogue)
        lay.addWidget(self.table, 1)
        lay.addLayout(self._row(self.add_button, self.edit_button, self.active_button, self.count))
        self.tabs.addTab(catalogue, self.tr("&Catalogue"))

        lists = QWidget(self.tabs)
        self.list_table = _table(lists, "priceListsTable", [self.tr("Price list"), self.tr("Applies to"),
                                                             self.tr("Customers"), self.tr("Prices")], 0)
        self.list_table.doubleClicked.connect(lambda _i: self.edit_list())
        self.new_list_button = QPushButton(self.tr("&New price list…"), lists)
        self.new_list_button.setObjectName("newPriceList")
        self.new_list_button.clicked.connect(lambda: self.edit_list(new=True))
        self.edit_list_button = QPushButton(self.tr("Ed&it…"), lists)
        self.edit_list_button.setObjectName("editPriceList")
        self.edit_list_button.clicked.connect(self.edit_list)
        self.delete_list_button = QPushButton(self.tr("De&lete"), lists)
        self.delete_list_button.setObjectName("deletePriceList")
        self.delete_list_button.clicked.connect(self.delete_list)
        note = QLabel(self.tr("A customer pays the price on a list naming them, else on their segment's list, "
                              "else the catalogue price."), lists)
        note.setWordWrap(True)
        lay = QVBoxLayout(lists)
        lay.addWidget(self.list_table, 1)
        lay.addWidget(note)
        lay.addLayout(self._row(self.new_list_button, self.edit_list_button, self.delete_list_button))
        self.tabs.addTab(lists, self.tr("&Price lists"))

        for table, slot in ((self.table, self.edit_product), (self.list_table, self.edit_list)):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), table)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        main = QVBoxLayout(self)
        main.addWidget(self.tabs, 1)
        main.addWidget(buttons)
        self.resize(760, 520)
        self.reload()

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for w in widgets:
            if isinstance(w, QLabel):
                row.addStretch(1)
            row.addWidget(w)
        if not any(isinstance(w, QLabel) for w in widgets):
            row.addStretch(1)
        return row

    # --- running work ----------------------------------------------------------------------------------
    def _run(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def failed(exc: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Products"), error_text(exc))

        if self.runner is None:
            try:
                result = job()
            except Exception as exc:  # noqa: BLE001 - shown as its sentence, as the runner does
                failed(exc)
                return
            done(result)
        else:
            self.runner.run(job, done, failed, urgent=True)

    def reload(self, select: str | None = None) -> None:
        """Read the catalogue and the price lists again (select the product *select* afterwards)."""
        svc = self.service
        self._run(lambda: (svc.products(), svc.price_lists()), lambda found: self._show(found[0], found[1], select))

    def _show(self, rows: list[ProductRow], lists: list[PriceListRow], select: str | None) -> None:
        self.rows, self.lists = rows, lists
        self.table.setRowCount(len(rows))
        for r, prod in enumerate(rows):
            status = self.tr("Active") if prod.active else self.tr("Deactivated")
            for col, item in enumerate((_cell(prod.code, prod.id), _cell(prod.name), _cell(prod.unit),
                                        _cell(format_amount(prod.price_minor, prod.currency), align_right=True),
                                        _cell(f"{p.format_rate(prod.tax_bp)} %", align_right=True),
                                        _cell(status))):
                self.table.setItem(r, col, item)
            if prod.id == select:
                self.table.selectRow(r)
        if rows and not self.table.selectedItems():
            self.table.selectRow(0)
        self.count.setText(self.tr("%n product(s)", "", len(rows)))
        self.list_table.setRowCount(len(lists))
        for r, pl in enumerate(lists):
            for col, item in enumerate((_cell(pl.name, pl.id), _cell(segment_label(pl.segment)),
                                        _cell(str(len(pl.customer_ids)), align_right=True),
                                        _cell(str(len(pl.prices)), align_right=True))):
                self.list_table.setItem(r, col, item)
        if lists and not self.list_table.selectedItems():
            self.list_table.selectRow(0)
        self._selection_changed()

    def selected(self) -> ProductRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def selected_list(self) -> PriceListRow | None:
        row = self.list_table.currentRow()
        return self.lists[row] if 0 <= row < len(self.lists) and self.list_table.selectedItems() else None

    def _selection_changed(self) -> None:
        prod = self.selected()
        self.edit_button.setEnabled(prod is not None)
        self.active_button.setEnabled(prod is not None)
        self.active_button.setText(self.tr("&Deactivate") if prod is None or prod.active else self.tr("&Activate"))

    def _wrote(self, changes: Changes, select: str | None = None) -> None:
        self.changed = self.changed | changes
        self.reload(select)

    # --- the catalogue ---------------------------------------------------------------------------------
    def add_product(self) -> None:
        dialog = ProductDialog(lambda data: self.service.create(data), runner=self.runner, parent=self)
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved is not None:
            self._wrote(dialog.saved.changes, dialog.saved.id)

    def edit_product(self) -> None:
        prod = self.selected()
        if prod is None:
            return
        dialog = ProductDialog(lambda data: self.service.update(prod.id, data), prod, runner=self.runner,
                               parent=self)
        self.last_dialog = dialog
        if dialog.exec() and dialog.saved:
            self._wrote(dialog.saved, prod.id)

    def toggle_active(self) -> None:
        prod = self.selected()
        if prod is None:
            return
        svc = self.service
        self._run(lambda: svc.set_active(prod.id, not prod.active), lambda ch: self._wrote(ch, prod.id))

    # --- price lists -----------------------------------------------------------------------------------
    def edit_list(self, new: bool = False) -> None:
        pl = None if new else self.selected_list()
        if pl is None and not new:
            return
        svc = self.service
        active = [r for r in self.rows if r.active]

        asked = [*(pl.customer_ids if pl else ()), *([self.current] if self.current else [])]

        def opened(names: dict[str, str]) -> None:
            current = (self.current, names[self.current]) if self.current in names else None
            dialog = PriceListDialog(lambda data: svc.save_price_list(None if pl is None else pl.id, data), active,
                                     pl, names, current, runner=self.runner, parent=self)
            self.last_dialog = dialog
            if dialog.exec() and dialog.saved is not None:
                self._wrote(dialog.saved.changes)
                self.tabs.setCurrentIndex(1)

        self._run(lambda: svc.customer_names(asked), opened)

    def delete_list(self) -> None:
        pl = self.selected_list()
        if pl is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete price list"),
                                      self.tr("Delete the price list “{name}”? Its customers pay their segment's "
                                              "or the catalogue price again.").format(name=pl.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        svc = self.service
        self._run(lambda: svc.delete_price_list(pl.id), self._wrote)
