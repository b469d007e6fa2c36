"""File ▸ Import products…: choose a CSV/.xlsx sheet, see what it would add and update and every row's
problems, then import the good rows (a product whose code is known is updated).

The file is read and checked on the task runner (nothing written); rows with problems are listed and left
out; Import writes the others in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.products import format_rate
from crm_desktop.services.imports.products import ProductsImportResult, ProductsPlan
from crm_desktop.services.orders import format_amount
from crm_desktop.ui.shell.files import choose_open
from crm_desktop.ui.shell.labels import error_text

PREVIEW_ROWS = 500
"""Rows shown in the preview table (all rows are checked)."""
R = TypeVar("R")


class ProductsImportDialog(QDialog):
    """``prepare(path) -> ProductsPlan`` and ``run(plan) -> ProductsImportResult`` are called on ``runner``
    (inline when None); ``imported`` fires with the result."""

    imported = Signal(object)

    def __init__(self, prepare: Callable[[str], ProductsPlan], run: Callable[[ProductsPlan], ProductsImportResult],
                 runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productsImportDialog")
        self.setWindowTitle(self.tr("Import products"))
        self._prepare, self._run, self.runner = prepare, run, runner
        self.plan: ProductsPlan | None = None
        self.result_data: ProductsImportResult | None = None
        intro = QLabel(self.tr("Columns: code (编码), name (名称/品名), unit (单位), price (单价/价格), tax rate "
                               "(税率). A product whose code is already in the catalogue is updated."), self)
        intro.setWordWrap(True)
        self.choose = QPushButton(self.tr("Choose file…"), self)
        self.choose.setObjectName("productsChooseFile")
        self.choose.clicked.connect(self._choose)
        self.summary = QLabel(self)
        self.summary.setObjectName("productsImportSummary")
        self.summary.setWordWrap(True)
        self.preview = QTableWidget(0, 7, self)
        self.preview.setObjectName("productsImportPreview")
        self.preview.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Code"), self.tr("Name"), self.tr("Unit"),
                                                self.tr("Price"), self.tr("Tax"), self.tr("Action")])
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems = QListWidget(self)
        self.problems.setObjectName("productsImportProblems")
        self.problems.setMaximumHeight(130)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("productsImportButton")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(QLabel(self.tr("Problems:"), self))
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(820, 560)

    def _choose(self) -> None:
        path = choose_open(self, "products", self.tr("Import products"),
                           [self.tr("Tables (*.csv *.tsv *.txt *.xlsx)"), self.tr("All files (*)")])
        if path:
            self.load(path)

    def _call(self, fn: Callable[[], R], done: Callable[[R], None], failed: Callable[[BaseException], None]) -> None:
        if self.runner is None:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001 - shown as its sentence, as the runner does
                failed(exc)
            else:
                done(result)
        else:
            self.runner.run(fn, done, failed, urgent=True)

    def load(self, path: str) -> None:
        """Read and check *path* (nothing is written) and show the preview."""
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Reading {path}…").format(path=path))
        prepare = self._prepare
        self._call(lambda: prepare(path), self.show_plan, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.plan = None
        self.summary.setText(error_text(exc))
        self.import_button.setEnabled(False)
        self.choose.setEnabled(True)

    def show_plan(self, plan: ProductsPlan) -> None:
        self.plan = plan
        self.summary.setText(self.tr("{rows} read: {new}, {updated}, {bad}.").format(
            rows=self.tr("%n row(s)", "", plan.total), new=self.tr("%n new product(s)", "", plan.new),
            updated=self.tr("%n to update", "", plan.updated),
            bad=self.tr("%n row(s) with problems (left out)", "", plan.bad_rows)))
        shown = plan.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for r, row in enumerate(shown):
            v = row.values
            price = format_amount(v["price_minor"], v["currency"]) if "price_minor" in v else ""
            values = (str(row.row), row.code, row.name, v.get("unit", ""), price,
                      f"{format_rate(v['tax_bp'])} %" if "tax_bp" in v else "",
                      self.tr("New") if row.existing_id is None else self.tr("Update"))
            for c, text in enumerate(values):
                self.preview.setItem(r, c, QTableWidgetItem(text))
        self.problems.clear()
        for issue in plan.issues:
            self.problems.addItem(self.tr("Row {row}: {problem}").format(
                row=issue.row, problem=issue.text(QCoreApplication.translate)))
        self.import_button.setEnabled(bool(plan.rows))

    def start_import(self) -> None:
        if self.plan is None or not self.plan.rows:
            return
        plan, run = self.plan, self._run
        self.import_button.setEnabled(False)
        self.choose.setEnabled(False)
        self.summary.setText(self.tr("Importing %n product(s)…", "", len(plan.rows)))

        def done(result: ProductsImportResult) -> None:
            self.result_data = result
            self.imported.emit(result)
            self.accept()

        self._call(lambda: run(plan), done, self._failed)
