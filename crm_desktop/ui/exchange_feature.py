"""Import, export, duplicates and right-of-access in the main window.

``install(window)`` adds:

* File ▸ Import customers…, Export…, Undo last import;
* Tools ▸ Find duplicates…;
* Customer ▸ Export this person's data… (right of access, for the selected customer).

The actions that need a file name ask with a file dialog and then call the
methods of :class:`ExchangeFeature` that take the path (the tests call those).
All file and database work runs on the task runner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from crm_desktop import APP_DISPLAY_NAME
from crm_desktop.exchange.customers_import import CustomerImporter
from crm_desktop.exchange.export import export
from crm_desktop.services.privacy import PrivacyService
from crm_desktop.ui.duplicates_panel import DuplicatesDialog
from crm_desktop.ui.import_wizard import ImportWizard
from crm_desktop.ui.labels import error_text

EXPORT_KINDS = ("customers", "orders", "interactions", "complaints", "mailing")


class ExchangeFeature(QObject):
    """The actions and what they do; ``window`` is the MainWindow."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.services = window.services
        self.runner = window.runner
        self.wizard: ImportWizard | None = None
        self.duplicates: DuplicatesDialog | None = None
        self.last_message = ""

        self.import_action = QAction(self.tr("&Import customers…"), window)
        self.import_action.setObjectName("action_import_customers")
        self.import_action.triggered.connect(lambda: self.open_import_wizard())
        self.export_action = QAction(self.tr("&Export…"), window)
        self.export_action.setObjectName("action_export")
        self.export_action.triggered.connect(self.ask_export)
        self.undo_import_action = QAction(self.tr("Undo last import"), window)
        self.undo_import_action.setObjectName("action_undo_customer_import")
        self.undo_import_action.triggered.connect(self.ask_undo_import)
        self.duplicates_action = QAction(self.tr("Find &duplicates…"), window)
        self.duplicates_action.setObjectName("action_find_duplicates")
        self.duplicates_action.triggered.connect(lambda: self.open_duplicates())
        self.person_action = QAction(self.tr("Export this person's data…"), window)
        self.person_action.setObjectName("action_export_person")
        self.person_action.triggered.connect(self.ask_export_person)

        window.add_actions("file", [self.import_action, self.export_action, self.undo_import_action])
        window.add_actions("tools", [self.duplicates_action])
        window.add_actions("customer", [self.person_action])
        window.customer_actions.append(self.person_action)

    # --- helpers -------------------------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 10000)

    def _fail(self, exc: BaseException) -> None:
        self.last_message = error_text(exc)
        QMessageBox.warning(self.window, APP_DISPLAY_NAME, self.last_message)

    def _refresh(self, select: str | None = None) -> None:
        self.services.customers.invalidate()
        self.window.notify_changed("customer")
        if select:
            self.window.list_panel.refresh(select=select)
        else:
            self.window.list_panel.refresh()
        self.window.list_panel.reload_filters()

    # --- import --------------------------------------------------------------------------------------------------
    def open_import_wizard(self, path: str | None = None) -> ImportWizard:
        wizard = ImportWizard(self.services, self.runner, self.window)
        wizard.imported.connect(lambda _r: self._refresh())
        self.wizard = wizard
        if path:
            wizard.open_file(path)
        wizard.show()
        return wizard

    def ask_undo_import(self) -> None:
        importer = CustomerImporter(self.services.ctx, self.services.customers.invalidate)
        last = importer.last_batch()
        if last is None:
            self._say(self.tr("There is no import to undo."))
            return
        answer = QMessageBox.question(
            self.window, APP_DISPLAY_NAME,
            self.tr("Undo the last import ({what})? Customers it added are removed and the fields it changed "
                    "get their old values back.").format(what=last[1]))
        if answer == QMessageBox.StandardButton.Yes:
            self.undo_import()

    def undo_import(self) -> None:
        importer = CustomerImporter(self.services.ctx, self.services.customers.invalidate)

        def done(result) -> None:
            self._refresh()
            msg = self.tr("Import undone: {removed} customers removed, {restored} fields restored.").format(
                removed=result.removed, restored=result.restored)
            if result.kept:
                msg += " " + self.tr("{kept} fields edited since were left as they are.").format(kept=result.kept)
            self._say(msg)

        self.runner.run_long(self.tr("Undoing import"), lambda progress: importer.undo_last(progress.report),
                             done, self._fail)

    # --- export --------------------------------------------------------------------------------------------------
    def ask_export(self) -> None:
        names = [self.tr("Customers"), self.tr("Orders"), self.tr("Interactions"), self.tr("Complaints"),
                 self.tr("Mailing list (customers who agreed to marketing)")]
        name, ok = QInputDialog.getItem(self.window, self.tr("Export"), self.tr("What to export:"), names, 0, False)
        if not ok:
            return
        kind = EXPORT_KINDS[names.index(name)]
        filters = self.tr("CSV for Excel (*.csv);;Excel workbook (*.xlsx)")
        if kind in ("customers", "mailing"):  # neither address book holds do-not-contact customers
            filters += self.tr(";;vCard address book (*.vcf)")
        path, chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export"), f"{kind}.csv", filters)
        if not path:
            return
        if not Path(path).suffix:
            path += ".xlsx" if "xlsx" in chosen else ".vcf" if "vcf" in chosen else ".csv"
        self.export_to(kind, path)

    def export_to(self, kind: str, path: str) -> None:
        db = self.services.ctx.db

        def done(n: int) -> None:
            self._say(self.tr("Exported {n} rows to {path}.").format(n=n, path=path))

        self.runner.run(lambda: export(db, kind, path, translate=QCoreApplication.translate), done, self._fail)

    def ask_export_person(self) -> None:
        cid = self.window.current_customer_id()
        if not cid:
            return
        path, _f = QFileDialog.getSaveFileName(
            self.window, self.tr("Export this person's data"), "personal-data.txt",
            self.tr("Readable text (*.txt);;JSON (*.json)"))
        if path:
            self.export_person(cid, path)

    def export_person(self, customer_id: str, path: str) -> None:
        svc = self.services.get(PrivacyService)

        def done(p) -> None:
            self._say(self.tr("Saved everything stored about this customer to {path}.").format(path=str(p)))

        self.runner.run(lambda: svc.export_person(customer_id, path, translate=QCoreApplication.translate),
                        done, self._fail)

    # --- duplicates ----------------------------------------------------------------------------------------------
    def open_duplicates(self, scan: bool = True) -> DuplicatesDialog:
        dialog = DuplicatesDialog(self.services, self.runner, self.window)
        dialog.merged.connect(lambda cid: self._refresh(select=cid))
        dialog.unmerged.connect(lambda cid: self._refresh(select=cid))
        self.duplicates = dialog
        dialog.show()
        if scan:
            dialog.scan()
        return dialog


def install(window) -> None:
    """Add the import/export/duplicates actions to *window* (see module docstring)."""
    window.exchange_feature = ExchangeFeature(window)
