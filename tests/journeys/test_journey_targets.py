"""A sales target from the Settings menu to the calls that close its gap: 王磊 sets his month's target, the
Deals page says how far he is and who is likely to reorder soon, and "Call them" starts a call session of
exactly those customers."""

from person import press
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QListView, QPushButton, QTableWidget

from crm_desktop.services.targets import TargetService


def test_set_a_target_then_call_the_likely_reorders(launch_app, book, book_services, clock):
    """Settings › Sales targets… → 王磊's row ¥5,000,000 → OK; the Deals page reads "target ¥5,000,000: …%
    achieved, forecast …" with the customers likely to reorder; "Call them" → a session of those customers."""
    person = launch_app(book)
    person.shortcut("Ctrl+Shift+D")
    person.idle()
    head = person.find(QLabel, "targetHead")
    person.wait(lambda: "no target set" in head.text(), timeout=30000)

    def set_mine(dialog):
        assert dialog.objectName() == "targetsDialog"
        table = dialog.findChild(QTableWidget, "targetTable")
        rows = [table.item(r, 0).text() for r in range(table.rowCount())]
        assert rows[0] == "The whole team" and "王磊" in rows
        spin = table.cellWidget(rows.index("王磊"), 1)
        assert isinstance(spin, QDoubleSpinBox)
        spin.setValue(5_000_000)
        press("ok")(dialog)

    person.expect(set_mine)
    person.choose("settings", "sales_targets")
    person.wait_answered()
    person.idle()
    person.wait(lambda: "target ¥5,000,000" in head.text(), timeout=30000)
    assert "% achieved, forecast ¥" in head.text(), head.text()
    services = book_services()
    month = services.get(TargetService).progress_month()
    assert services.get(TargetService).targets()[month]["王磊"] == 500_000_000
    expected = services.get(TargetService).progress("王磊")
    services.ctx.db.close()
    tail = person.find(QLabel, "targetTail")
    assert expected.repeaters and "likely to reorder soon" in tail.text(), tail.text()
    assert expected.repeaters[0].name in tail.text()

    person.click(person.find(QPushButton, "targetCall"))
    person.idle()
    view = person.find(QListView, "calllistView")
    bar = person.find(QLabel, "calllistSession")
    want = {r.customer_id for r in expected.repeaters}
    person.wait(lambda: {e.customer_id for e in view.model().entries} == want, timeout=20000)
    assert bar.text().startswith(f"Calling: Likely to reorder in {month}")
    person.finish()
