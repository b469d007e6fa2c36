"""Switching the language, both ways, and going on working."""

from PySide6.QtWidgets import QLabel, QLineEdit, QTableView


def test_switch_to_chinese_and_back_keeps_the_window_and_the_customer(launch_app, book, qtbot):
    """View › Language › 简体中文 rebuilds the window in Chinese, maximized as it was, on the same customer;
    searching still works; English comes back the same way; nothing is printed to stderr."""
    person = launch_app(book)
    assert person.window.isMaximized(), "a 1366×768 screen starts maximized"
    table = person.find(QTableView, "customerTable")
    person.click_row(table, 3)
    person.idle()
    chosen = table.model().index(3, 0).data()
    person.wait(lambda: chosen in person.text(person.find(QLabel, "cardTitle")))
    old = person.window

    person.choose("view", "language_zh_CN")
    person.wait(lambda: person.window is not old)
    person.idle()
    window = person.window
    assert window.isMaximized()
    assert [a.text() for a in window.menuBar().actions()][:2] == ["文件(&F)", "编辑(&E)"]
    person.wait(lambda: chosen in person.text(person.find(QLabel, "cardTitle")))
    assert "客户" in person.find(QLabel, "customerCount").text()
    # keep working in Chinese: find someone and open their card
    person.shortcut("Ctrl+F")
    person.type("zw")
    person.idle()
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() > 0 and table.model().index(0, 0).data() != chosen)
    assert person.find(QLineEdit, "customerSearch").text() == "zw"

    person.choose("view", "language_en")
    person.wait(lambda: person.window is not window)
    person.idle()
    assert [a.text() for a in person.window.menuBar().actions()][:2] == ["&File", "&Edit"]
    assert person.window.isMaximized()
    assert person.find(QLineEdit, "customerSearch").text() == "zw", "the search survives the switch"
    person.wait(lambda: "customer" in person.find(QLabel, "customerCount").text())
    assert "客户" not in person.find(QLabel, "customerCount").text(), "the count is English again"
