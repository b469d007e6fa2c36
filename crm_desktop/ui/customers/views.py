"""Saved views of the customer list: ``install(window)`` adds View › Saved views (and the same menu on a
"Views" button at the list's top).

A view is the list's search, filters and sort under a name ("my sleeping MVCs"),
kept per user in the app's settings (:meth:`AppSettings.saved_views`).  The menu
lists each view with how many customers it holds — counted on the task runner
each time the menu opens, never on the UI thread — and reopens one exactly
(:meth:`CustomerListPanel.set_query`).  Save current view… keeps the list as it
is; Rename or delete views… manages them.  While none was ever kept, two
suggestions stand in (:func:`crm_desktop.domain.views.suggested_views`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.views import NAME_CHARS, SavedView, keepable, suggested_views, view_from_dict, view_to_dict

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def ask_name(parent: QWidget, title: str, name: str = "") -> str | None:
    """A view's name, typed by the person (None: cancelled or left empty)."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("savedViewNameDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(translate("SavedViews", "Name of the view:"))
    dialog.setTextValue(name)
    edit = dialog.findChild(QLineEdit)
    if edit is not None:
        edit.setMaxLength(NAME_CHARS)
    if not dialog.exec():
        return None
    return dialog.textValue().strip() or None


class SavedViews(QObject):
    """The saved views of one main window (``window.feature(SavedViews)``)."""

    counted = Signal()  # new counts are in :attr:`counts`

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.list_panel
        self.counts: dict[str, int] = {}
        """The last count of each view, by name."""
        self._counting = 0
        self.last_dialog: Any = None
        self.menu = QMenu(self.tr("Saved &views"), window)
        self.menu.setObjectName("menu_saved_views")
        self.menu.aboutToShow.connect(self.count)
        window.add_actions("view", [self.menu.menuAction()])
        self.button = QToolButton(self.panel)
        self.button.setObjectName("customerViewsButton")
        self.button.setText(self.tr("Views"))
        self.button.setToolTip(self.tr("Open, save, rename or delete saved views of this list"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        # the menu arrow beside the text, not over it
        self.button.setStyleSheet("QToolButton { padding-right: 14px; } QToolButton::menu-indicator { "
                                  "subcontrol-origin: padding; subcontrol-position: right center; }")
        self.panel.search_row.addWidget(self.button)
        window.user_renamed.connect(lambda _old, _new: self.fill())
        self.fill()

    # --- the list of views -----------------------------------------------------------
    def views(self) -> list[SavedView]:
        """The views kept, or the suggestions while none ever was."""
        kept = self.window.settings.saved_views()
        if kept is None:
            return [SavedView(translate("views", v.name), v.query)
                    for v in suggested_views(self.window.settings.user_name)]
        return [v for v in (view_from_dict(d) for d in kept) if v is not None]

    def _keep(self, views: list[SavedView]) -> None:
        self.window.settings.set_saved_views([view_to_dict(v) for v in views])
        self.fill()

    def fill(self) -> None:
        """Make the menu's entries: one per view with its last count, then save / manage."""
        self.menu.clear()
        views = self.views()
        for i, view in enumerate(views):
            a = QAction(self._entry(view), self.menu)
            a.setObjectName(f"action_saved_view_{i}")
            a.triggered.connect(lambda _c=False, view=view: self.open(view))
            self.menu.addAction(a)
        if views:
            self.menu.addSeparator()
        save = QAction(self.tr("&Save current view…"), self.menu)
        save.setObjectName("action_save_view")
        save.triggered.connect(lambda _c=False: self.ask_save())
        manage = QAction(self.tr("&Rename or delete views…"), self.menu)
        manage.setObjectName("action_manage_views")
        manage.setEnabled(bool(views))
        manage.triggered.connect(lambda _c=False: self.ask_manage())
        self.menu.addAction(save)
        self.menu.addAction(manage)

    def _entry(self, view: SavedView) -> str:
        n = self.counts.get(view.name)
        if n is None:
            return self.tr("{name} (…)").format(name=view.name)
        return self.tr("{name} ({count})").format(name=view.name, count=QLocale().toString(n))

    def count(self) -> None:
        """Count every view's customers on the worker; the entries show the new numbers when done."""
        views = self.views()
        if not views:
            return
        self._counting += 1
        generation = self._counting
        svc = self.window.customers

        def done(numbers: list[int]) -> None:
            if generation != self._counting:
                return
            self.counts = {v.name: n for v, n in zip(views, numbers, strict=True)}
            entries = [a for a in self.menu.actions() if a.objectName().startswith("action_saved_view_")]
            for a, v in zip(entries, views, strict=False):
                a.setText(self._entry(v))
            self.counted.emit()

        self.window.runner.run(lambda: svc.counts([v.query for v in views]), done, lambda _exc: None)

    # --- using them ------------------------------------------------------------------
    def open(self, view: SavedView) -> None:
        """Show the list as the view was saved: every filter, the search and the order."""
        self.window.show_page(self.window.splitter)
        self.panel.set_query(view.query)
        self.window.statusBar().showMessage(self.tr("Showing the view “{name}”.").format(name=view.name), 8000)

    def ask_save(self) -> None:
        """Save current view…: the list's search, filters and sort under a name (a view of that name is
        replaced)."""
        name = ask_name(self.window, self.tr("Save current view"))
        if name is None:
            return
        query = keepable(self.panel.query())
        views = [v for v in self.views() if v.name != name] + [SavedView(name, query)]
        self._keep(views)
        self.window.statusBar().showMessage(self.tr("Saved the view “{name}”.").format(name=name), 8000)

    def rename(self, old: str, new: str) -> None:
        """The view *old* is now called *new* (nothing when another view has that name: the person is told)."""
        views = self.views()
        if new == old:
            return
        if any(v.name == new for v in views):
            self.window.statusBar().showMessage(
                self.tr("There is already a view called “{name}”.").format(name=new), 8000)
            return
        self._keep([SavedView(new, v.query) if v.name == old else v for v in views])
        if old in self.counts:
            self.counts[new] = self.counts.pop(old)
            self.fill()

    def delete(self, name: str) -> None:
        self._keep([v for v in self.views() if v.name != name])
        self.counts.pop(name, None)

    def ask_manage(self) -> None:
        """Rename or delete views…: the list of views with Open, Rename… and Delete (window-modal; it goes
        away when closed)."""
        dialog = ManageViewsDialog(self, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_dialog = dialog
        self.count()
        dialog.open()


class ManageViewsDialog(QDialog):
    """The saved views with their counts, and buttons to open, rename or delete the chosen one."""

    def __init__(self, views: SavedViews, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedViewsDialog")
        self.setWindowTitle(self.tr("Saved views"))
        self.views = views
        self.list = QListWidget(self)
        self.list.setObjectName("savedViewsList")
        self.list.itemDoubleClicked.connect(lambda _item: self.open_chosen())
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.clicked.connect(self.open_chosen)
        self.rename_button = QPushButton(self.tr("&Rename…"), self)
        self.rename_button.clicked.connect(self.rename_chosen)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.clicked.connect(self.delete_chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for b in (self.open_button, self.rename_button, self.delete_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(420, 300)
        self.fill()
        views.counted.connect(self.fill)

    def fill(self) -> None:
        chosen = self.chosen()
        self.list.clear()
        names = [v.name for v in self.views.views()]
        for name in names:
            n = self.views.counts.get(name)
            self.list.addItem(self.tr("{name} (…)").format(name=name) if n is None else
                              self.tr("{name} ({count})").format(name=name, count=QLocale().toString(n)))
        self._names = names
        self.list.setCurrentRow(names.index(chosen) if chosen in names else 0)
        for b in (self.open_button, self.rename_button, self.delete_button):
            b.setEnabled(bool(names))

    def chosen(self) -> str | None:
        row = self.list.currentRow() if hasattr(self, "_names") else -1
        return self._names[row] if 0 <= row < len(self._names) else None

    def open_chosen(self) -> None:
        view = next((v for v in self.views.views() if v.name == self.chosen()), None)
        if view is not None:
            self.accept()
            self.views.open(view)

    def rename_chosen(self) -> None:
        old = self.chosen()
        if old is None:
            return
        new = ask_name(self, self.tr("Rename the view"), old)
        if new is not None:
            self.views.rename(old, new)
            self.fill()
            self.list.setCurrentRow(self._names.index(new) if new in self._names else 0)

    def delete_chosen(self) -> None:
        name = self.chosen()
        if name is not None:
            self.views.delete(name)
            self.fill()


def install(window: Any) -> SavedViews:
    return SavedViews(window)
