"""Customer ▸ Shared pool…: customers nobody owns or nobody has contacted for a while, to claim.

The pool's rule (days without contact) is a team setting shown and changed in the dialog.  Claiming makes
me the owner as one undoable step; when a teammate claimed the same customer on their laptop, the merge
keeps the later claim and its preview names both (:mod:`crm_desktop.services.pool`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.services.pool import MAX_AFTER_DAYS, Claimed, PoolCustomer, PoolService
from crm_desktop.services.validation import format_phone
from crm_desktop.ui.shell.undo import WriteCommand


class PoolDialog(QDialog):
    """The pool: who is in it and why, the team's rule, and Claim."""

    def __init__(self, feature: PoolFeature, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature = feature
        self.setObjectName("poolDialog")
        self.setWindowTitle(self.tr("Shared pool"))
        self.resize(900, 560)
        self.rows: list[PoolCustomer] = []
        self._stored_days: int | None = None  # the team's rule as last read (None: not read yet)
        intro = QLabel(self.tr("Customers nobody owns, and customers nobody has contacted for a while. Claim the "
                               "ones you will look after: they become yours, and teammates see it after the next "
                               "merge."), self)
        intro.setWordWrap(True)
        self.days = QSpinBox(self)
        self.days.setObjectName("poolAfterDays")
        self.days.setRange(0, MAX_AFTER_DAYS)
        self.days.setSpecialValueText(self.tr("never (only customers nobody owns)"))
        self.days.setSuffix(self.tr(" days"))
        self.days.setToolTip(self.tr("A team setting: it travels with backups, so the whole team uses one rule."))
        self.days.editingFinished.connect(self._days_changed)
        rule = QHBoxLayout()
        rule.addWidget(QLabel(self.tr("Owned customers are back in the pool after"), self))
        rule.addWidget(self.days)
        rule.addWidget(QLabel(self.tr("without any contact."), self))
        rule.addStretch(1)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("poolTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Company"), self.tr("Phone"),
                                              self.tr("Owner"), self.tr("Last contact")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.doubleClicked.connect(lambda _i: self._open())
        self.status = QLabel(self)
        self.status.setObjectName("poolStatus")
        self.claim_button = QPushButton(self.tr("Claim for me"), self)
        self.claim_button.setObjectName("poolClaim")
        self.claim_button.clicked.connect(self._claim)
        self.open_button = QPushButton(self.tr("Open customer"), self)
        self.open_button.setObjectName("poolOpen")
        self.open_button.clicked.connect(self._open)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("poolClose")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.claim_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(rule)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self._enable()
        self.table.setFocus()

    def load(self) -> None:
        self.status.setText(self.tr("Reading…"))
        self.feature.read(lambda svc: (svc.after_days(), svc.customers()), self._fill)

    def _fill(self, found: tuple[int, list[PoolCustomer]]) -> None:
        days, rows = found
        if self._stored_days is None or self.days.value() == self._stored_days:  # not while being changed
            self.days.blockSignals(True)
            self.days.setValue(days)
            self.days.blockSignals(False)
        self._stored_days = days
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            last = (row.last_contact.astimezone().strftime("%Y-%m-%d") if row.last_contact
                    else self.tr("never"))
            cells = (row.name, row.company, format_phone(row.phone) if row.phone else "",
                     row.owner or self.tr("nobody"), last)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.status.setText(self.tr("%n customer(s) in the pool.", "", len(rows)) if rows
                            else self.tr("The pool is empty."))
        self._enable()

    def chosen(self) -> list[PoolCustomer]:
        picked = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[r] for r in picked if 0 <= r < len(self.rows)]

    def _enable(self) -> None:
        n = len(self.chosen())
        self.claim_button.setEnabled(n > 0)
        self.open_button.setEnabled(n == 1)

    def _claim(self) -> None:
        rows = self.chosen()
        if rows:
            self.feature.claim(rows)

    def _open(self) -> None:
        rows = self.chosen()
        if len(rows) == 1:
            self.feature.window.set_current_customer(rows[0].id)

    def _days_changed(self) -> None:
        """The person typed another number of days (leaving the box unchanged writes nothing)."""
        if self._stored_days is not None and self.days.value() != self._stored_days:
            self._stored_days = self.days.value()
            self.feature.set_after_days(self.days.value())


class PoolFeature(QObject):
    """The shared pool of one window: its dialog, claims on the undo stack."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.runner = window.runner
        self.service: PoolService = window.services.get(PoolService)
        self.dialog: PoolDialog | None = None
        self.pool_action = QAction(self.tr("Shared &pool…"), window)
        self.pool_action.setObjectName("action_shared_pool")
        self.pool_action.triggered.connect(lambda _c=False: self.open_pool())
        window.add_actions("customer", [self.pool_action])
        window.data_changed.connect(self._changed)

    def read(self, fn: Any, done: Any) -> None:
        svc = self.service
        self.runner.run(lambda: fn(svc), done, lambda exc: self.window.show_error(exc, self.tr("Shared pool")))

    def open_pool(self) -> PoolDialog:
        if self.dialog is None:
            self.dialog = PoolDialog(self, self.window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.load()
        return self.dialog

    def _changed(self, changes: Changes) -> None:
        if (self.dialog is not None and self.dialog.isVisible()
                and changes.touches(Kind.CUSTOMER, Kind.INTERACTION, Kind.SETTING)):
            self.dialog.load()

    def claim(self, rows: list[PoolCustomer]) -> None:
        """Make me the owner of *rows*: one undo step."""
        svc, ids = self.service, [r.id for r in rows]
        text = (self.tr("Claim “{name}”").format(name=rows[0].name) if len(rows) == 1
                else self.tr("Claim %n customer(s)", "", len(rows)))
        made: dict[str, Claimed] = {}

        def write() -> Changes:
            made["c"] = svc.claim(ids)
            return made["c"].changes

        def done(changes: Changes) -> None:
            self.window.undo_stack.push(WriteCommand(self.window, text, write, lambda: svc.unclaim(made["c"]),
                                                     changes))
            self.window.notify_changed(changes)
            self.window.statusBar().showMessage(self.tr("%n customer(s) are yours now.", "", len(made["c"].previous)),
                                                5000)

        self.runner.run(write, done, lambda exc: self.window.show_error(exc, text), urgent=True)

    def set_after_days(self, days: int) -> None:
        svc = self.service
        self.runner.run(lambda: svc.set_after_days(days), self.window.notify_changed,
                        lambda exc: self.window.show_error(exc, self.tr("Shared pool")), urgent=True)


def install(window: Any) -> PoolFeature:
    """Add Customer ▸ Shared pool… to *window*."""
    return PoolFeature(window)

