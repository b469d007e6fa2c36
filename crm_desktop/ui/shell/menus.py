"""The window's own menus, actions and toolbar (features add theirs through ``MainWindow.add_actions``).

Menus: File (New book…, Open book…, Open recent, Quit — features put theirs
above Quit), Edit (Undo, Redo, Find…), Customer (New, Edit, Delete), View
(Language), Tools, Settings (Your name…).  Every menu has the objectName
``menu_<key>`` and every action ``action_<name>``, so tests reach them where a
person does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from crm_desktop.ui.shell.main_window import MainWindow

MENUS = ("file", "edit", "customer", "view", "tools", "settings")
"""The menus features may add actions to (``MainWindow.add_actions``)."""


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def make_action(window: MainWindow, name: str, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
    """A QAction named ``action_<name>`` calling *slot* with no argument."""
    a = QAction(text, window)
    a.setObjectName(f"action_{name}")
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    a.triggered.connect(lambda _checked=False: slot())
    return a


def _menu(window: MainWindow, key: str, title: str) -> QMenu:
    m = window.menuBar().addMenu(title)
    m.setObjectName(f"menu_{key}")
    window.menus[key] = m
    return m


def build_menus(window: MainWindow) -> None:
    """Make the window's menus, its own actions and the toolbar."""
    window.menus = {}
    _file_menu(window)
    m_edit = _menu(window, "edit", translate("MainWindow", "&Edit"))
    undo = window.undo_stack.createUndoAction(window, translate("MainWindow", "&Undo"))
    undo.setObjectName("action_undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, translate("MainWindow", "&Redo"))
    redo.setObjectName("action_redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    m_edit.addAction(undo)
    m_edit.addAction(redo)
    m_edit.addSeparator()
    window.find_action = make_action(window, "find", translate("MainWindow", "&Find…"), window.focus_search, "Ctrl+F")
    m_edit.addAction(window.find_action)
    window.addAction(window.find_action)

    m_customer = _menu(window, "customer", translate("MainWindow", "&Customer"))
    window.new_action = make_action(window, "new_customer", translate("MainWindow", "&New customer…"),
                                    window.new_customer, "Ctrl+N")
    edit = make_action(window, "edit_customer", translate("MainWindow", "&Edit customer…"),
                       lambda: window.with_current(window.edit_customer), "Ctrl+E")
    delete = make_action(window, "delete_customer", translate("MainWindow", "&Delete customer"),
                         lambda: window.with_current(window.delete_customer))
    window.customer_actions = [edit, delete]
    for a in (window.new_action, edit, delete):
        m_customer.addAction(a)
        window.addAction(a)

    _view_menu(window)
    _menu(window, "tools", translate("MainWindow", "&Tools"))
    m_settings = _menu(window, "settings", translate("MainWindow", "&Settings"))
    m_settings.addAction(make_action(window, "user_name", translate("MainWindow", "Your &name…"), window.ask_user_name))

    tb = window.addToolBar(translate("MainWindow", "Main"))
    tb.setObjectName("mainToolbar")
    window.toolbar = tb
    for a in (window.find_action, window.new_action, undo):
        tb.addAction(a)


def _file_menu(window: MainWindow) -> None:
    m_file = _menu(window, "file", translate("MainWindow", "&File"))
    m_file.addAction(make_action(window, "new_book", translate("MainWindow", "&New book…"), window.ask_new_book))
    m_file.addAction(make_action(window, "open_book", translate("MainWindow", "&Open book…"), window.ask_open_book,
                                 QKeySequence.StandardKey.Open))
    window.recent_menu = m_file.addMenu(translate("MainWindow", "Open &recent"))
    window.recent_menu.setObjectName("menu_recent")
    window.recent_menu.aboutToShow.connect(window.fill_recent)
    window.fill_recent()
    window.file_anchor = m_file.addSeparator()
    m_file.addAction(make_action(window, "quit", translate("MainWindow", "&Quit"), window.close,
                                 QKeySequence.StandardKey.Quit))


def _view_menu(window: MainWindow) -> None:
    m_view = _menu(window, "view", translate("MainWindow", "&View"))
    m_lang = m_view.addMenu(translate("MainWindow", "&Language"))
    m_lang.setObjectName("menu_language")
    group = QActionGroup(window)
    for code, name in (("", translate("MainWindow", "System default")), ("zh_CN", "简体中文"), ("en", "English")):
        a = QAction(name, window, checkable=True)
        a.setObjectName(f"action_language_{code or 'system'}")
        a.setChecked(window.settings.language == code)
        a.triggered.connect(lambda _c=False, code=code: window.ask_language(code))
        group.addAction(a)
        m_lang.addAction(a)
    m_view.addSeparator()
