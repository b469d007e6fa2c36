"""Files a person writes through the app's own chooser: File › Export…, the follow-ups calendar, a person's data."""

from PySide6.QtWidgets import QLabel, QTableView

from person import file_path, press


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
