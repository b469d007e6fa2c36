"""The customer import wizard: file → columns and checks → import, with progress and cancel.

1. **File**: pick a CSV, .xlsx or .vcf; the encoding is detected and shown
   (the user can override it) and the first rows are previewed; a preset
   (Google Contacts, Outlook) may be chosen.  When the encoding cannot be told
   for sure (not UTF-8, not clearly GB18030) the preview shows the likeliest
   candidate with the picker set to it, and says so: the person confirms by
   going on or picks another.
2. **Columns**: each column's target is chosen automatically from its title
   and can be changed (a business sheet's 联系人, 职务, 手机 … go to the
   contact targets, see :mod:`crm_desktop.services.imports`); "Check rows" validates every row and matches it to
   existing customers (same external id, phone or e-mail), listing problems
   by file row; the user chooses what to do with matches (skip, update,
   create).
3. **Import**: runs in the background with a progress bar; Cancel rolls
   everything back (one transaction), so nothing is half-imported.

All file reading and database work goes through the task runner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.imports import (
    ENCODINGS,
    KEPT,
    PRESETS,
    TARGETS,
    CustomerImporter,
    EncodingUncertain,
    ImportPlan,
    ImportResult,
    Table,
    auto_mapping,
    detect_preset,
    read_any,
)
from crm_desktop.ui.shell.dialogs import fit_and_remember
from crm_desktop.ui.shell.files import choose_open
from crm_desktop.ui.shell.labels import error_text
from crm_desktop.ui.shell.tasks import Cancelled, Progress

if TYPE_CHECKING:
    from crm_desktop.services import Services
    from crm_desktop.ui.shell.tasks import TaskRunner

PREVIEW_ROWS = 50


def _tr(text: str) -> str:
    return QCoreApplication.translate("import", text)


class ImportWizard(QDialog):
    """Three pages in a stack; ``table``/``plan``/``result`` hold what each step produced.

    ``imported(result)`` is emitted after a successful import so the window refreshes.
    """

    imported = Signal(object)

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import customers"))
        fit_and_remember(self, "import_wizard", QSize(1040, 700))
        self.services = services
        self.runner = runner
        self.importer = CustomerImporter(services.ctx, services.customers.invalidate)
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self._progress: Progress | None = None
        self._label = ""
        self._read_generation = 0
        self._uncertain: EncodingUncertain | None = None
        """Set when detection refused to guess: the preview then shows its first candidate to confirm."""

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._file_page())
        self.stack.addWidget(self._columns_page())
        self.stack.addWidget(self._run_page())

        self.back_button = QPushButton(self.tr("< Back"), self)
        self.next_button = QPushButton(self.tr("Next >"), self)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        for button, name in ((self.back_button, "importBack"), (self.next_button, "importNext"),
                             (self.import_button, "importRun"), (self.cancel_button, "importClose")):
            button.setObjectName(name)
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go(self.stack.currentIndex() + 1))
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.import_button, self.cancel_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        runner.progressed.connect(self._on_progress)
        self.go(0)

    # --- pages ---------------------------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget(self)
        self.path_edit = QLineEdit(page)
        self.path_edit.setReadOnly(True)
        browse = QPushButton(self.tr("Choose file…"), page)
        browse.setObjectName("importChooseFile")
        browse.clicked.connect(self.browse)
        self.encoding = QComboBox(page)
        self.encoding.setObjectName("importEncoding")
        self.encoding.addItem(self.tr("Detect automatically"), None)
        for enc in ENCODINGS:
            self.encoding.addItem(enc, enc)
        self.encoding.currentIndexChanged.connect(lambda _i: self.reload())
        self.preset = QComboBox(page)
        for key, text in PRESETS.items():
            self.preset.addItem(_tr(text), key)
        self.preset.currentIndexChanged.connect(lambda _i: self._apply_mapping())
        self.file_status = QLabel(page)
        self.file_status.setObjectName("importFileStatus")
        self.file_status.setWordWrap(True)
        self.preview = QTableWidget(0, 0, page)
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Encoding:"), self.encoding)
        form.addRow(self.tr("Column layout:"), self.preset)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.file_status)
        layout.addWidget(self.preview, 1)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget(self)
        self.mapping_table = QTableWidget(0, 3, page)
        self.mapping_table.setObjectName("importMapping")
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("First value"),
                                                      self.tr("Import as")])
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping_table.verticalHeader().setVisible(False)
        self.check_button = QPushButton(self.tr("Check rows"), page)
        self.check_button.setObjectName("importCheckRows")
        self.check_button.clicked.connect(self.check_rows)
        self.check_status = QLabel(page)
        self.check_status.setObjectName("importCheckStatus")
        self.check_status.setWordWrap(True)
        self.issues = QTableWidget(0, 3, page)
        self.issues.setObjectName("importIssues")
        self.issues.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Field"), self.tr("Problem")])
        self.issues.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.issues.verticalHeader().setVisible(False)
        self.issues.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.policy = QButtonGroup(page)
        policy_row = QHBoxLayout()
        policy_row.addWidget(QLabel(self.tr("Rows matching an existing customer (same id, phone or e-mail):"), page))
        for i, (key, text) in enumerate((("skip", self.tr("skip them")), ("update", self.tr("update the customer")),
                                         ("create", self.tr("create another customer")))):
            b = QRadioButton(text, page)
            b.setProperty("policy", key)
            b.setChecked(i == 0)
            self.policy.addButton(b, i)
            policy_row.addWidget(b)
        policy_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_table, 3)
        checks = QHBoxLayout()
        checks.addWidget(self.check_button)
        checks.addWidget(self.check_status, 1)
        layout.addLayout(checks)
        layout.addWidget(self.issues, 1)
        layout.addLayout(policy_row)
        return page

    def _run_page(self) -> QWidget:
        page = QWidget(self)
        self.progress_bar = QProgressBar(page)
        self.run_status = QLabel(page)
        self.run_status.setObjectName("importRunStatus")
        self.run_status.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.run_status)
        layout.addWidget(self.progress_bar)
        layout.addStretch(1)
        return page

    # --- navigation ----------------------------------------------------------------------------------------------
    def go(self, index: int) -> None:
        index = max(0, min(index, 2))
        if index == 1 and self.table is None:
            return
        self.stack.setCurrentIndex(index)
        running = self._progress is not None
        self.back_button.setEnabled(index == 1 and not running)
        self.next_button.setVisible(index == 0)
        self.next_button.setEnabled(self.table is not None and bool(self.table.headers))
        self.import_button.setVisible(index == 1)
        self.import_button.setEnabled(self.plan is not None and bool(self.plan.rows))

    def policy_key(self) -> str:
        button = self.policy.checkedButton()  # the radio buttons are exclusive: one is always checked
        return str(button.property("policy")) if button is not None else "skip"

    def set_policy(self, key: str) -> None:
        for b in self.policy.buttons():
            b.setChecked(b.property("policy") == key)

    # --- step 1: the file ----------------------------------------------------------------------------------------
    def browse(self) -> None:
        path = choose_open(self, "imports", self.tr("Import customers"),
                           [self.tr("Customer files (*.csv *.txt *.tsv *.xlsx *.vcf)"), self.tr("All files (*)")])
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        self.path_edit.setText(path)
        self._uncertain = None
        self.encoding.blockSignals(True)
        self.encoding.setCurrentIndex(0)  # detect again for a new file
        self.encoding.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        path = self.path_edit.text()
        if not path:
            return
        self.table = None
        self.plan = None
        self._read_generation += 1
        gen = self._read_generation
        encoding = self.encoding.currentData()
        self.file_status.setText(self.tr("Reading…"))
        self.go(0)

        def done(table: Table) -> None:
            if gen == self._read_generation:
                self.show_table(table)

        def failed(exc: BaseException) -> None:
            if gen != self._read_generation:
                return
            self.preview.setRowCount(0)
            self.preview.setColumnCount(0)
            if isinstance(exc, EncodingUncertain) and exc.candidates and encoding is None:
                self._uncertain = exc
                self.choose_encoding(exc.candidates[0])  # preview the likeliest; the person confirms or picks
                return
            self.file_status.setText(error_text(exc))
            self.go(0)

        self.runner.run(lambda: read_any(path, encoding), done, failed)

    def choose_encoding(self, encoding: str) -> None:
        """Select *encoding* in the picker (adding it when it is not listed); the file is read again."""
        index = self.encoding.findData(encoding)
        if index < 0:
            self.encoding.addItem(encoding, encoding)
            index = self.encoding.count() - 1
        if index == self.encoding.currentIndex():
            self.reload()
        else:
            self.encoding.setCurrentIndex(index)  # reloads through currentIndexChanged

    def show_table(self, table: Table) -> None:
        self.table = table
        self.preview.setColumnCount(len(table.headers))
        self.preview.setHorizontalHeaderLabels(table.headers)
        shown = table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        self.preview.setVerticalHeaderLabels([str(n) for n in table.row_numbers[:PREVIEW_ROWS]])
        for r, cells in enumerate(shown):
            for c, v in enumerate(cells):
                self.preview.setItem(r, c, QTableWidgetItem(v[:500]))
        enc = table.encoding if table.encoding != "xlsx" else self.tr("Excel workbook")
        status = self.tr("{rows}, {columns}; encoding: {encoding}.").format(
            rows=self.tr("%n row(s)", "", len(table.rows)), columns=self.tr("%n column(s)", "", len(table.headers)),
            encoding=enc)
        if self._uncertain is not None and self.encoding.currentData() is not None:
            status = self.tr("The file is not UTF-8 and its encoding could not be told for sure: it is shown as "
                             "{encoding}. If the names below look wrong, choose another encoding ({candidates})."
                             ).format(encoding=enc, candidates=", ".join(self._uncertain.candidates)) + " " + status
        self.file_status.setText(status)
        detected = detect_preset(table.headers)
        if self.preset.currentData() == "auto" and detected != "auto":
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(self.preset.findData(detected))
            self.preset.blockSignals(False)
        self._apply_mapping()
        self.go(0)

    # --- step 2: columns and checks ------------------------------------------------------------------------------
    def _apply_mapping(self) -> None:
        if self.table is None:
            return
        mapping = auto_mapping(self.table.headers, self.preset.currentData() or "auto")
        self.mapping_table.setRowCount(len(self.table.headers))
        first = self.table.rows[0] if self.table.rows else [""] * len(self.table.headers)
        for i, (header, target) in enumerate(zip(self.table.headers, mapping)):
            self.mapping_table.setItem(i, 0, QTableWidgetItem(header))
            self.mapping_table.setItem(i, 1, QTableWidgetItem(first[i][:200] if i < len(first) else ""))
            combo = QComboBox(self.mapping_table)
            combo.addItem(self.tr("(ignore)"), None)
            for key, text in TARGETS.items():
                combo.addItem(_tr(text), key)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.currentIndexChanged.connect(lambda _i: self._mapping_changed())
            self.mapping_table.setCellWidget(i, 2, combo)
        self._mapping_changed()

    def _target_box(self, column: int) -> QComboBox:
        combo = self.mapping_table.cellWidget(column, 2)
        assert isinstance(combo, QComboBox), f"column {column} has no target picker"
        return combo

    def mapping(self) -> list[str | None]:
        return [self._target_box(i).currentData() for i in range(self.mapping_table.rowCount())]

    def set_target(self, column: int, target: str | None) -> None:
        combo = self._target_box(column)
        combo.setCurrentIndex(max(0, combo.findData(target)))

    def _mapping_changed(self) -> None:
        self.plan = None
        self.issues.setRowCount(0)
        self.check_status.setText(self.tr("Press “Check rows” to validate every row before importing."))
        self.go(self.stack.currentIndex())

    def check_rows(self) -> None:
        if self.table is None:
            return
        table, mapping = self.table, self.mapping()
        self.check_button.setEnabled(False)
        self.check_status.setText(self.tr("Checking…"))

        def done(plan: ImportPlan) -> None:
            self.check_button.setEnabled(True)
            self.show_plan(plan)

        def failed(exc: BaseException) -> None:
            self.check_button.setEnabled(True)
            self.check_status.setText(error_text(exc))

        self.runner.run(lambda: self.importer.prepare(table, mapping), done, failed)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        lines = [self.tr("{new}, {matched}, {rejected}.").format(
            new=self.tr("%n new customer(s)", "", plan.new),
            matched=self.tr("%n match(es) an existing customer", "", plan.matched),
            rejected=self.tr("%n row(s) cannot be imported", "", plan.rejected))]
        lines += plan.summary(QCoreApplication.translate)
        self.check_status.setText("\n".join(lines))
        issues = sorted(plan.issues, key=lambda i: i.row)
        self.issues.setRowCount(len(issues))
        for r, issue in enumerate(issues):
            self.issues.setItem(r, 0, QTableWidgetItem(str(issue.row)))
            self.issues.setItem(r, 1, QTableWidgetItem(_tr(TARGETS[issue.field]) if issue.field in TARGETS
                                                       else issue.field))
            text = issue.text(QCoreApplication.translate)
            if not issue.blocking:
                text = self.tr("Imported, but: {problem}").format(problem=text)
            self.issues.setItem(r, 2, QTableWidgetItem(text))
        self.go(1)

    # --- step 3: import ------------------------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.plan is None or self._progress is not None:
            return
        plan, policy, importer = self.plan, self.policy_key(), self.importer
        description = self.path_edit.text()
        self._label = self.tr("Importing customers")
        self.progress_bar.setRange(0, 0)
        self.run_status.setText(self.tr("Importing… Cancel undoes everything."))
        self.go(2)

        def job(progress: Progress) -> ImportResult:
            return importer.run(plan, policy, progress.report, description=description)

        self._progress = self.runner.run_long(self._label, job, self._done, self._failed)
        self.go(2)

    def _on_progress(self, label: str, done: int, total: int) -> None:
        if label == self._label and self._progress is not None:
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(done)

    def _done(self, result: ImportResult) -> None:
        self._progress = None
        self.import_result = result
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        lines = [self.tr(
            "Done: {added} added, {updated} updated, {skipped} skipped, {rejected}. "
            "File ▸ Undo last import takes it back.").format(
            added=result.added, updated=result.updated, skipped=result.skipped,
            rejected=self.tr("%n row(s) not imported", "", result.rejected))]
        if result.contacts:
            lines.append(self.tr("Contacts added: {count}").format(count=result.contacts))
        if self.plan is not None:
            lines += [line for key, line in zip(
                [k for k in KEPT if self.plan.kept.get(k)], self.plan.summary(QCoreApplication.translate))
                if key != "contact_added"]
        self.run_status.setText("\n".join(lines))
        self.cancel_button.setText(self.tr("Close"))
        self.go(2)
        self.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._progress = None
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        if isinstance(exc, Cancelled):
            self.run_status.setText(self.tr("Import cancelled; nothing was changed."))
        else:
            self.run_status.setText(self.tr("The import failed and nothing was changed: {reason}").format(
                reason=error_text(exc)))
        self.cancel_button.setText(self.tr("Close"))
        self.go(2)

    def cancel_or_close(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
            self.run_status.setText(self.tr("Cancelling…"))
            return
        self.reject() if self.import_result is None else self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._progress is not None:
            self._progress.cancel()
            event.ignore()  # closes once the worker has rolled back
            return
        super().closeEvent(event)
