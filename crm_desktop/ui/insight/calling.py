""""Call these customers" on the dashboard: straight from a chart to a call session.

Each clickable chart (the decile table, the segments, the lifecycle stages) gets a "Call…" button by its
title whose menu lists its groups with their counts, and the decile table a context menu for the row
under the pointer.  Choosing one emits :attr:`CallMenus.call_requested` with the group, and the feature
starts a call session through its customers (a left click still lists them on the Customers page).
Imported with the charts, when the dashboard is first shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QVBoxLayout

from crm_desktop.services.insight import Figures
from crm_desktop.ui.insight.texts import segment_name, stage_name

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

CALLABLE_CHARTS = {"deciles": "decile", "segments": "segment", "lifecycle": "stage"}
"""The chart boxes that offer a call session, and the kind of group their bars are."""


def group_title(kind: str, key: str) -> str:
    """What a group is called, as the list's subset and the session say it."""
    if kind == "decile":
        return translate("insight", "decile group {n} (十分制)").format(n=key)
    return segment_name(key) if kind == "segment" else stage_name(key)


def groups_of(f: Figures, kind: str) -> list[tuple[str, int]]:
    """(key, customers) of every group of *kind* in *f*, in the chart's order."""
    if kind == "decile":
        return [(str(g.decile), g.customers) for g in f.deciles]
    return [(g.group, g.customers) for g in (f.segments if kind == "segment" else f.stages)]


class CallMenus(QObject):
    """The "Call…" buttons of the dashboard's clickable charts (see the module docstring)."""

    call_requested = Signal(str, str, str)  # kind, key, title

    def __init__(self, charts: Any) -> None:
        super().__init__(charts)
        self.charts = charts
        self.buttons: dict[str, QToolButton] = {}
        for name in CALLABLE_CHARTS:
            box = charts.boxes[name]
            button = QToolButton(box)
            button.setObjectName(f"insight_call_{name}")
            button.setText(translate("insight", "Call…"))
            button.setToolTip(translate("insight", "Call these customers: a call session through a group, in "
                                                   "today's calls"))
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setMenu(QMenu(button))
            button.setEnabled(False)
            self.buttons[name] = button
            lay = box.layout()
            assert isinstance(lay, QVBoxLayout)
            lay.removeWidget(box.title)
            row = QHBoxLayout()
            row.addWidget(box.title, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            lay.insertLayout(0, row)
        view = charts.decile_view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._decile_menu)
        self.last_menu: QMenu | None = None

    def set_figures(self, f: Figures) -> None:
        """One menu entry per group of *f* with customers ("decile group 1 (十分制): 619 customers")."""
        for name, kind in CALLABLE_CHARTS.items():
            menu = self.buttons[name].menu()
            menu.clear()
            for key, n in groups_of(f, kind):
                if n <= 0:
                    continue
                text = translate("insight", "{group}: %n customer(s)", "", n).format(group=group_title(kind, key))
                menu.addAction(self._action(menu, kind, key, text))
            self.buttons[name].setEnabled(bool(menu.actions()))

    def _action(self, parent: QObject, kind: str, key: str, text: str) -> QAction:
        a = QAction(text, parent)
        a.setObjectName(f"insight_call_{kind}_{key}")
        a.triggered.connect(lambda _c=False: self.call_requested.emit(kind, key, group_title(kind, key)))
        return a

    def _decile_menu(self, pos: QPoint) -> None:
        """Right click on a row of the decile table: call its customers."""
        f = self.charts.figures
        index = self.charts.decile_view.indexAt(pos)
        if f is None or not index.isValid() or not 0 <= index.row() < len(f.deciles):
            return
        key = str(f.deciles[index.row()].decile)
        menu = QMenu(self.charts.decile_view)
        menu.setObjectName("insight_decile_menu")
        menu.addAction(self._action(menu, "decile", key, translate("insight", "Call these customers")))
        self.last_menu = menu
        menu.popup(self.charts.decile_view.viewport().mapToGlobal(pos))
