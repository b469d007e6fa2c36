"""Products in the main window: ``install(window)`` adds *View ▸ Products…* (the catalogue and the price lists)
and *File ▸ Import products…* (a CSV or Excel sheet, previewed with each row's problems, updating by code)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from crm_desktop.services.imports.products import ProductsImporter
from crm_desktop.services.products import ProductService
from crm_desktop.ui.products.catalogue import ProductsDialog
from crm_desktop.ui.products.import_dialog import ProductsImportDialog

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


class ProductsFeature(QObject):
    """The wiring between the window and the product dialogs (``window.feature(ProductsFeature)``);
    ``last_dialog`` is the dialog opened last (tests drive it)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.service: ProductService = window.services.get(ProductService)
        self.last_dialog: Any = None
        self.show_action = QAction(translate("products", "&Products and price lists…"), window)
        self.show_action.setObjectName("action_products")
        self.show_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.show_action.triggered.connect(self.show)
        window.add_actions("view", [self.show_action], separate=False)
        self.import_action = QAction(translate("products", "Import &products…"), window)
        self.import_action.setObjectName("action_import_products")
        self.import_action.triggered.connect(self.import_products)
        window.add_actions("file", [self.import_action], separate=False)

    def show(self) -> None:
        """View ▸ Products…: the catalogue and the price lists; what was written is announced on closing."""
        dialog = ProductsDialog(self.service, runner=self.window.runner, current=self.window.current_customer_id(),
                                parent=self.window)
        self.last_dialog = dialog
        dialog.exec()
        if dialog.changed:
            self.window.notify_changed(dialog.changed)

    def import_products(self) -> ProductsImportDialog:
        """File ▸ Import products…: the preview dialog (a file is chosen in it)."""
        importer = ProductsImporter(self.service.ctx)
        dialog = ProductsImportDialog(importer.prepare_file, importer.run, self.window.runner, self.window)
        dialog.imported.connect(self._imported)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _imported(self, result: Any) -> None:
        self.window.notify_changed(result.changes)
        self.window.statusBar().showMessage(_imported_text(result), 10000)


def install(window: Any) -> ProductsFeature:
    """Add products to *window* (see the module docstring)."""
    return ProductsFeature(window)


def _imported_text(result: Any) -> str:
    return translate("products", "Imported products: {added}, {updated}.").format(
        added=translate("products", "%n added", "", result.added),
        updated=translate("products", "%n updated", "", result.updated))
