"""Files a person writes through the app's own chooser: File › Export…, the follow-ups calendar, a person's data."""

from person import file_path, press
from PySide6.QtWidgets import QLabel, QTableView


def _pick_export_kind(kind_text: str):
    def answer(dialog):
        from PySide6.QtWidgets import QComboBox

        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(combo.findText(kind_text))
        press("ok")(dialog)

    answer.__name__ = f"export {kind_text}"
    return answer


def test_export_customers_and_the_calendar_through_the_chooser(person, tmp_path):
    """File › Export… › Customers to an .xlsx typed without suffix; File › Export follow-ups (.ics); both land."""
    target = tmp_path / "out" / "客户"
    target.parent.mkdir()
    person.expect(_pick_export_kind("Customers"), file_path(target))
    person.choose("file", "export")
    person.wait_answered()
    person.idle()
    person.wait(lambda: (tmp_path / "out" / "客户.csv").exists())
    assert "Exported" in person.status()

    ics = tmp_path / "out" / "跟进"
    person.expect(file_path(ics))
    person.choose("file", "export_followups")
    person.wait_answered()
    person.idle()
    person.wait(lambda: (tmp_path / "out" / "跟进.ics").exists())
    assert (tmp_path / "out" / "跟进.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_export_a_persons_data_through_the_chooser(person, tmp_path):
    """Customer › Export this person's data… writes the file the person named."""
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() > 0)
    person.click_row(table, 0)
    person.idle()
    name = table.model().index(0, 0).data()
    person.wait(lambda: name in person.find(QLabel, "cardTitle").text())
    target = tmp_path / "access.txt"
    person.expect(file_path(target))
    person.choose("customer", "export_person")
    person.wait_answered()
    person.idle()
    person.wait(target.exists)
    assert name in target.read_text(encoding="utf-8-sig")


def test_import_orders_through_the_chooser(book_services, launch_app, book, tmp_path):
    """File › Import orders… › Choose file… picks the sheet in the app's chooser; Import adds the order."""
    from person import later
    from PySide6.QtWidgets import QPushButton

    from crm_desktop.domain.models import CustomerInput

    services = book_services()
    services.customers.create(CustomerInput(name="陆明", phone="13711112222"))
    services.ctx.db.close()
    sheet = tmp_path / "订单.csv"
    sheet.write_text("客户,日期,金额\n13711112222,2026-11-20,1280.50\n", encoding="utf-8")
    person = launch_app(book)
    opened = []

    def choose_file(dialog):  # the import dialog is modal over the window: the person works in it
        assert dialog.objectName() == "ordersImportDialog"
        opened.append(dialog)
        later(lambda: person.click(dialog.findChild(QPushButton, "ordersChooseFile")), dialog)

    person.expect(choose_file, file_path(sheet))
    person.choose("file", "import_orders")
    person.wait_answered()
    person.idle()
    dialog = opened[0]
    run = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Import")
    person.wait(run.isEnabled)
    assert "1 row read: 1 order ready, 0 new customers, 0 rows with problems." in \
        [lbl.text() for lbl in dialog.findChildren(QLabel)]
    person.click(run)
    person.idle()
    person.wait(lambda: "Imported 1 order and 0 new customers." in person.status())
