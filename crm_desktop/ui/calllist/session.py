"""The call session bar of the "Today's calls" dock: which set is being called, how far along, and the way
back to today's list.

A session (:meth:`crm_desktop.services.calllist.CallListService.session`) takes today's list's place in
the dock: the same keys work on it (Enter, Ctrl+L, D, S, undo), customers logged since it began are marked
done and move to the end, and "Back to today's calls" ends it.  :class:`SessionState` is what the panel
keeps between rebuilds (the set, its name, when it began and who was logged in it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.domain import calllist as d

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


SESSION_LIMIT = 10_000
"""Customers a session holds at most: the first of a bigger set, in its order (a list's sort, a bar's best
expected value first).  Nobody calls more in one go, and each rebuild reads every one of them."""


@dataclass
class SessionState:
    """A running session: its customers (in the set's order), its name, when it began, who was logged;
    ``set_size``: how many the set had before it was cut to :data:`SESSION_LIMIT`."""

    ids: list[str]
    title: str
    started_at: datetime
    logged: set[str] = field(default_factory=set)
    set_size: int = 0

    @classmethod
    def of(cls, ids: list[str], title: str, started_at: datetime) -> SessionState:
        return cls(list(ids[:SESSION_LIMIT]), title, started_at, set_size=len(ids))


class SessionBar(QWidget):
    """"Calling: My sleeping MVCs · 12 of 40 done", who was left out, and "Back to today's calls"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calllistSessionBar")
        self.label = QLabel(self)
        self.label.setObjectName("calllistSession")
        self.label.setWordWrap(True)
        self.left_out = QLabel(self)
        self.left_out.setObjectName("calllistSessionLeftOut")
        self.left_out.setWordWrap(True)
        self.left_out.setEnabled(False)
        self.back = QPushButton(self.tr("Back to today's calls"), self)
        self.back.setObjectName("calllistSessionBack")
        self.back.setToolTip(self.tr("End this session and show today's list again"))
        self.label.setStyleSheet("font-weight: bold")
        # the dock is narrow: the name and the count get a line of their own, the way back sits under them
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.left_out, 1)
        row.addWidget(self.back)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.label)
        lay.addLayout(row)
        self.setVisible(False)

    def starting(self, title: str) -> None:
        """The session was asked for: its name, until the first build is back."""
        self.label.setText(self.tr("Calling: {title}…").format(title=title))
        self.left_out.clear()
        self.setVisible(True)

    def show_session(self, session: Any, set_size: int = 0) -> None:
        """How far along *session* (a :class:`~crm_desktop.services.calllist_session.CallSession`) is;
        *set_size*: the customers of the whole set, when the session holds only the first of them."""
        total = len(session.entries)
        self.label.setText(self.tr("Calling: {title} · {done} of {total} done").format(
            title=session.title, done=session.done, total=total))
        parts = []
        if set_size > SESSION_LIMIT:
            loc = QLocale()
            parts.append(self.tr("only the first {n} of {total}").format(n=loc.toString(SESSION_LIMIT),
                                                                          total=loc.toString(set_size)))
        if n := session.left_out.get(d.WHY_DO_NOT_CONTACT, 0):
            parts.append(self.tr("%n left out: do not contact", "", n))
        if n := session.left_out.get(d.WHY_SNOOZED, 0):
            parts.append(self.tr("%n left out: snoozed", "", n))
        self.left_out.setText(" · ".join(parts))


def list_title(panel: Any) -> str:
    """What the customer list *panel* shows, as a session's name: its subset's title (a dashboard bar, a
    saved view), else its search and filters ("Customer list: “zhang” · VIP")."""
    query = panel.query()
    if query.ids is not None and panel.subset_title:
        return str(panel.subset_title)
    parts = [f"“{query.text.strip()}”"] if query.text.strip() else []
    parts += [combo.currentText() for combo in (panel.kind, panel.owner, panel.tag, panel.dnc)
              if combo.currentData() is not None]
    if not parts:
        return translate("CallSession", "All customers")
    return translate("CallSession", "Customer list: {filters}").format(filters=" · ".join(parts))
