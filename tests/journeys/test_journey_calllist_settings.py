"""Settings › Call list…: the person reads what each setting does, shortens the list, and the list follows."""

from person import press
from PySide6.QtWidgets import QApplication, QLabel, QListView, QSpinBox


def test_shorter_list_from_the_settings_dialog(launch_app, call_book):
    """The dialog fits the screen and explains its settings; "Rows on the list" = 2 leaves two rows today."""
    path, _ids = call_book
    person = launch_app(path)
    view = person.find(QListView, "calllistView")
    person.wait(lambda: view.model().rowCount() > 2, timeout=20000)
    person.idle()

    def two_rows(dialog):
        assert dialog.objectName() == "calllistSettingsDialog"
        screen = QApplication.primaryScreen().availableGeometry()
        assert dialog.frameGeometry().height() <= screen.height(), "the dialog is taller than the screen"
        help_line = dialog.findChild(QLabel, "setting_top_n_help")
        assert "How many customers" in help_line.text()
        rows = dialog.findChild(QSpinBox, "setting_top_n")
        assert "Default: 30" in rows.toolTip()
        rows.setFocus()
        rows.selectAll()
        person.type("2", rows)
        press("ok")(dialog)

    person.expect(two_rows)
    person.choose("settings", "calllist_settings")
    person.wait_answered()
    person.idle()
    person.wait(lambda: view.model().rowCount() == 2, timeout=20000)
