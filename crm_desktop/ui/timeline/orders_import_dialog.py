"""Import orders from CSV/.xlsx: choose a file, see the preview and every row's problem, then import.

The file is read and checked on the task runner (nothing written); the
Import button stays disabled while any row has a problem, because the import
is all or nothing.  "Create missing customers" re-checks the file with unknown
references turned into new customers.  The import itself runs as a long job
with progress in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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

from crm_desktop.services.imports import OrdersImportResult, OrdersPlan
from crm_desktop.services.orders import format_amount
from crm_desktop.ui.shell.files import choose_open
from crm_desktop.ui.shell.labels import error_text

if TYPE_CHECKING:
    from crm_desktop.ui.shell.tasks import TaskRunner

PREVIEW_ROWS = 500
"""Rows shown in the preview table (all rows are checked)."""

R = TypeVar("R")
Prepare = Callable[[str, bool], OrdersPlan]
"""``prepare(path, create_missing)``: read and check a file, nothing written."""
Run = Callable[[OrdersPlan, Callable[[int, int], None] | None], OrdersImportResult]
"""``run(plan, report)``: write the plan, reporting (done, total) when *report* is given."""


class OrdersImportDialog(QDialog):
    """``prepare(path, create_missing) -> OrdersPlan`` and ``run(plan, progress) -> OrdersImportResult``
    are called on ``runner`` (inline when None).  ``imported`` fires with the result."""

    imported = Signal(object)

    def __init__(self, prepare: Prepare, run: Run, runner: TaskRunner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prepare = prepare
        self._run = run
        self.runner = runner
        self.plan: OrdersPlan | None = None
        self.path: str | None = None
        self.result_data: OrdersImportResult | None = None
        self.setWindowTitle(self.tr("Import orders"))
        self.resize(900, 600)
        self.file_label = QLabel(self.tr("Columns: customer (external id, phone, e-mail or name), date, amount, "
                                         "currency, description."), self)
        self.file_label.setWordWrap(True)
        self.setObjectName("ordersImportDialog")
        self.choose = QPushButton(self.tr("Choose file…"), self)
        self.choose.setObjectName("ordersChooseFile")
        self.choose.clicked.connect(self._choose)
        self.create_missing = QCheckBox(self.tr("Create customers that are not found"), self)
        self.create_missing.toggled.connect(self._reload)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.preview = QTableWidget(0, 6, self)
        self.preview.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Customer"), self.tr("Matched by"),
                                                self.tr("Date"), self.tr("Amount"), self.tr("What")])
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems = QListWidget(self)
        self.problems.setMaximumHeight(140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.create_missing)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(QLabel(self.tr("Problems:"), self))
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        path = choose_open(self, "orders", self.tr("Import orders"),
                           [self.tr("Tables (*.csv *.tsv *.txt *.xlsx)"), self.tr("All files (*)")])
        if path:
            self.load(path)

    def _reload(self, _checked: bool = False) -> None:
        if self.path:
            self.load(self.path)

    def _call(self, fn: Callable[[], R], done: Callable[[R], None],
              failed: Callable[[BaseException], None]) -> None:
        if self.runner is None:
            try:
                result = fn()
            except Exception as exc:  # noqa: BLE001
                failed(exc)
            else:
                done(result)
        else:
            self.runner.run(fn, done, failed)

    def load(self, path: str) -> None:
        """Read and check *path* (nothing is written) and show the preview."""
        self.path = path
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Reading {path}…").format(path=path))
        create = self.create_missing.isChecked()
        prepare = self._prepare
        self._call(lambda: prepare(path, create), self.show_plan, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.plan = None
        self.summary.setText(error_text(exc))
        self.import_button.setEnabled(False)

    def show_plan(self, plan: OrdersPlan) -> None:
        self.plan = plan
        bad = len({i.row for i in plan.issues})
        self.summary.setText(self.tr("{rows} read: {ok}, {new}, {bad}.").format(
            rows=self.tr("%n row(s)", "", plan.total), ok=self.tr("%n order(s) ready", "", len(plan.rows)),
            new=self.tr("%n new customer(s)", "", len(plan.new_customers)),
            bad=self.tr("%n row(s) with problems", "", bad)))
        matched = {"external_id": self.tr("External id"), "phone": self.tr("Phone"), "email": self.tr("E-mail"),
                   "name": self.tr("Name"), "new": self.tr("New customer")}
        shown = plan.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for r, row in enumerate(shown):
            values = (str(row.row), row.reference, matched.get(row.matched_by, row.matched_by),
                      row.ordered_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                      format_amount(row.amount_minor, row.currency), row.description)
            for c, v in enumerate(values):
                self.preview.setItem(r, c, QTableWidgetItem(v))
        self.problems.clear()
        for issue in plan.issues:
            self.problems.addItem(self.tr("Row {row}: {problem}").format(
                row=issue.row, problem=issue.text(QCoreApplication.translate)))
        if plan.issues:
            self.problems.addItem(self.tr("Nothing will be imported until every row is correct: "
                                          "fix the file and choose it again."))
        self.import_button.setEnabled(plan.ok)

    def start_import(self) -> None:
        if self.plan is None or not self.plan.ok:
            return
        plan, run = self.plan, self._run
        self.import_button.setEnabled(False)
        self.choose.setEnabled(False)
        self.summary.setText(self.tr("Importing %n order(s)…", "", len(plan.rows)))

        def done(result: OrdersImportResult) -> None:
            self.result_data = result
            self.imported.emit(result)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.choose.setEnabled(True)
            self._failed(exc)

        if self.runner is None:
            self._call(lambda: run(plan, None), done, failed)
        else:
            self.runner.run_long(self.tr("Importing orders"), lambda progress: run(plan, progress.report),
                                 done, failed)
