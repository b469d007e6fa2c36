"""The products dialog on its own (no runner: its reads and writes run at once): add a product, a refused
one keeps what was typed, deactivate, and a price list with a price."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from crm_desktop.domain.products import ProductInput
from crm_desktop.services.products import ProductService
from crm_desktop.ui.products.catalogue import ProductsDialog


def _when_open(fill) -> None:
    """Call *fill* with the next modal dialog once it shows."""
    def later():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not isinstance(dialog, QDialog) or dialog.objectName() == "productsDialog":
            QTimer.singleShot(10, later)
            return
        fill(dialog)
    QTimer.singleShot(0, later)


def test_add_a_product_then_deactivate_it(qtbot, ctx):
    """Add product… saves it and lists it selected; Deactivate marks it; a taken code shows its sentence."""
    svc = ProductService(ctx)
    dialog = ProductsDialog(svc)
    qtbot.addWidget(dialog)

    def fill(editor):
        editor.code.setText("A-01")
        editor.name.setText("办公椅")
        editor.price.setText("1,280")
        editor.accept()
    _when_open(fill)
    dialog.add_product()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "A-01"
    assert dialog.selected().name == "办公椅" and dialog.changed
    dialog.toggle_active()
    assert not svc.products()[0].active and dialog.table.item(0, 5).text() == "Deactivated"

    seen = []

    def refused(editor):
        editor.code.setText("a-01")
        editor.name.setText("别的")
        editor.accept()
        seen.append((editor.isVisible(), editor.error.text(), editor.name.text()))
        editor.reject()
    _when_open(refused)
    dialog.add_product()
    assert seen == [(True, "Another product already has the code “a-01”.", "别的")]
    assert len(svc.products()) == 1


def test_a_price_list_gets_a_price_per_product(qtbot, ctx):
    """New price list… for MVC with one product's price: listed with its segment and one price."""
    svc = ProductService(ctx)
    pid = svc.create(ProductInput("A-01", "签字笔", "支", "2.50")).id
    dialog = ProductsDialog(svc)
    qtbot.addWidget(dialog)

    def fill(editor):
        editor.name.setText("MVC 价格")
        editor.segment.setCurrentIndex(editor.segment.findData("MVC"))
        editor.set_price(pid, "2.20")
        editor.accept()
    _when_open(fill)
    dialog.edit_list(new=True)
    pl = svc.price_lists()[0]
    assert (pl.name, pl.segment, pl.prices[pid].price_minor) == ("MVC 价格", "MVC", 220)
    assert dialog.list_table.item(0, 1).text() == "Most valuable customers (MVC)"
    assert dialog.list_table.item(0, 3).text() == "1"


def test_the_import_dialog_previews_new_and_updated_products_and_names_bad_rows(qtbot, ctx, tmp_path):
    """A sheet with a known code, a new one and a bad row: the preview says New / Update, lists the row's
    problem, and Import writes the two good rows."""
    import csv

    from crm_desktop.services.imports.products import ProductsImporter
    from crm_desktop.ui.products.import_dialog import ProductsImportDialog

    svc = ProductService(ctx)
    svc.create(ProductInput("A-01", "办公椅", "把", "1280"))
    path = tmp_path / "p.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([["编码", "品名", "单价"], ["A-01", "办公椅", "1180"], ["B-02", "打印纸", "199"],
                                 ["C-03", "", "1"]])
    importer = ProductsImporter(ctx)
    dialog = ProductsImportDialog(importer.prepare_file, importer.run)
    qtbot.addWidget(dialog)
    dialog.load(str(path))
    assert [dialog.preview.item(r, 6).text() for r in range(dialog.preview.rowCount())] == ["Update", "New"]
    assert dialog.problems.item(0).text() == "Row 4: Give the product a name."
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported):
        dialog.start_import()
    assert dialog.result_data.added == 1 and dialog.result_data.updated == 1
    assert {p.code: p.price_minor for p in svc.products()} == {"A-01": 118000, "B-02": 19900}
