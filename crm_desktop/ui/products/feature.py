"""Products in the main window: ``install(window)`` adds *View ▸ Products…* (the catalogue and the price lists)
and *File ▸ Import products…* (a CSV or Excel sheet, previewed with each row's problems, updating by code)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from crm_desktop.services.products import ProductService
from crm_desktop.ui.products.catalogue import ProductsDialog

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

    def show(self) -> None:
        """View ▸ Products…: the catalogue and the price lists; what was written is announced on closing."""
        dialog = ProductsDialog(self.service, runner=self.window.runner, current=self.window.current_customer_id(),
                                parent=self.window)
        self.last_dialog = dialog
        dialog.exec()
        if dialog.changed:
            self.window.notify_changed(dialog.changed)


def install(window: Any) -> ProductsFeature:
    """Add products to *window* (see the module docstring)."""
    return ProductsFeature(window)
