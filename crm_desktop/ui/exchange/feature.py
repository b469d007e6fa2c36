"""Import, export, duplicates and right-of-access in the main window.

``install(window)`` adds:

* File ▸ Import customers…, Export…, Undo last import;
* Tools ▸ Find duplicates…;
* Customer ▸ Export this person's data… (right of access, for the selected customer).

The actions that need a file name ask with a file dialog and then call the
methods of :class:`ExchangeFeature` that take the path (the tests call those).
All file and database work runs on the task runner; after an import, its undo
or a merge of duplicates the window is told what changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.export import export
from crm_desktop.services.imports import CustomerImporter
from crm_desktop.services.privacy import PrivacyService
from crm_desktop.ui.exchange.duplicates_dialog import DuplicatesDialog
from crm_desktop.ui.exchange.import_wizard import ImportWizard
from crm_desktop.ui.shell.files import choose_save
from crm_desktop.ui.shell.labels import error_text

EXPORT_KINDS = ("customers", "orders", "interactions", "complaints", "mailing", "products", "deals")
IMPORTED = Changes.of(Kind.CUSTOMER, Kind.CONTACT, Kind.TAG, customers=None)
"""What a customer import (or its undo) changes: anyone's fields, contacts and tags."""


class ExchangeFeature(QObject):
    """The actions and what they do; ``window`` is the MainWindow."""

    def __init__(self, window: Any) -> None:
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
        window.add_actions("customer", [self.person_action], for_customer=True)

    # --- helpers -------------------------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.last_message = text
        self.window.statusBar().showMessage(text, 10000)

    def _fail(self, exc: BaseException, title: str = "") -> None:
        """One sentence in a box titled with what failed."""
        self.last_message = error_text(exc)
        QMessageBox.warning(self.window, title, self.last_message)

    def _refresh(self, changes: Changes = IMPORTED, select: str | None = None) -> None:
        """After a write: tell the window what it changed (so the call list refits after orders moved), with
        *select* the current customer."""
        if select:
            self.window.set_current_customer(select)
        self.window.notify_changed(changes)

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

        def found(last: Any) -> None:
            if last is None:
                self._say(self.tr("There is no import to undo."))
                return
            answer = QMessageBox.question(
                self.window, self.tr("Undo last import"),
                self.tr("Undo the last import ({what})? Customers it added are removed and the fields it changed "
                        "get their old values back.").format(what=last[1]))
            if answer == QMessageBox.StandardButton.Yes:
                self.undo_import()

        self.runner.run(importer.last_batch, found, lambda exc: self._fail(exc, self.tr("Undo last import")),
                        urgent=True)

    def undo_import(self) -> None:
        importer = CustomerImporter(self.services.ctx, self.services.customers.invalidate)

        def done(result: Any) -> None:
            self._refresh()
            msg = self.tr("Import undone: {removed}, {restored}.").format(
                removed=self.tr("%n customer(s) removed", "", result.removed),
                restored=self.tr("%n field(s) restored", "", result.restored))
            if result.kept:
                msg += " " + self.tr("%n field(s) edited since then were left as they are.", "", result.kept)
            self._say(msg)

        self.runner.run_long(self.tr("Undoing import"), lambda progress: importer.undo_last(progress.report),
                             done, lambda exc: self._fail(exc, self.tr("Undo last import")))

    # --- export --------------------------------------------------------------------------------------------------
    def ask_export(self) -> None:
        names = [self.tr("Customers"), self.tr("Orders"), self.tr("Interactions"), self.tr("Complaints"),
                 self.tr("Mailing list (customers who agreed to marketing)"), self.tr("Products"), self.tr("Deals")]
        name, ok = QInputDialog.getItem(self.window, self.tr("Export"), self.tr("What to export:"), names, 0, False)
        if not ok:
            return
        kind = EXPORT_KINDS[names.index(name)]
        filters = [self.tr("CSV for Excel (*.csv)"), self.tr("Excel workbook (*.xlsx)")]
        if kind in ("customers", "mailing"):  # neither address book holds do-not-contact customers
            filters.append(self.tr("vCard address book (*.vcf)"))
        found = choose_save(self.window, "exports", self.tr("Export"), f"{kind}.csv", filters)
        if found is None:
            return
        path, chosen = found
        if not Path(path).suffix:
            path += ".xlsx" if "xlsx" in chosen else ".vcf" if "vcf" in chosen else ".csv"
        self.export_to(kind, path)

    def export_to(self, kind: str, path: str) -> None:
        db = self.services.ctx.db

        def done(n: int) -> None:
            self._say(self.tr("Exported %n row(s) to {path}.", "", n).format(path=path))

        from crm_desktop.services.insight import InsightService  # the scores' numpy is not needed at start

        insight = self.services.get(InsightService) if kind == "customers" else None

        def job() -> int:  # customers carry today's scores, the same columns as the list
            scores = insight.score_table() if insight is not None and not path.lower().endswith(".vcf") else None
            return export(db, kind, path, translate=QCoreApplication.translate, scores=scores)

        self.runner.run(job, done, lambda exc: self._fail(exc, self.tr("Export")))

    def ask_export_person(self) -> None:
        cid = self.window.current_customer_id()
        if not cid:
            return
        found = choose_save(self.window, "exports", self.tr("Export this person's data"), "personal-data.txt",
                            [self.tr("Readable text (*.txt)"), self.tr("JSON (*.json)")])
        if found is not None:
            path, chosen = found
            if not Path(path).suffix:
                path += ".json" if "json" in chosen else ".txt"
            self.export_person(cid, path)

    def export_person(self, customer_id: str, path: str) -> None:
        svc = self.services.get(PrivacyService)

        def done(p: Any) -> None:
            self._say(self.tr("Saved everything stored about this customer to {path}.").format(path=str(p)))

        self.runner.run(lambda: svc.export_person(customer_id, path, translate=QCoreApplication.translate),
                        done, lambda exc: self._fail(exc, self.tr("Export this person's data")))

    # --- duplicates ----------------------------------------------------------------------------------------------
    def open_duplicates(self, scan: bool = True) -> DuplicatesDialog:
        dialog = DuplicatesDialog(self.services, self.runner, self.window)
        dialog.merged.connect(lambda cid, changes: self._refresh(changes, select=cid))
        dialog.unmerged.connect(lambda cid, changes: self._refresh(changes, select=cid))
        self.duplicates = dialog
        dialog.show()
        if scan:
            dialog.scan()
        return dialog


def install(window: Any) -> ExchangeFeature:
    """Add the import/export/duplicates actions to *window* (see module docstring)."""
    return ExchangeFeature(window)
