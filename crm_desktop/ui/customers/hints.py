"""Live duplicate hints under the new-customer form (防撞单): "already in the book — open them instead".

As the name, phone, company or e-mail is typed, the panel asks the hint
service (:class:`crm_desktop.services.duplicate_hints.DuplicateHintService`)
on the task runner, a moment after the last keystroke; only the newest
answer is shown (as the list's search does), so typing never waits.  Each
hint is a button naming the customer, their company, whose customer they are,
when they were last contacted and what matched; clicking it emits
:attr:`DuplicateHintsPanel.chosen` with the customer's id.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from crm_desktop.services.dedupe import REASONS
from crm_desktop.services.duplicate_hints import DuplicateHint, HintResult

HINT_DELAY_MS = 150
"""Wait this long after a keystroke before looking up (typing a phone makes one lookup, not eleven)."""

REASON_CODES = {"phone": "phone", "email": "email", "sound": "sound", "company": "company"}
"""A hint's reason → the duplicate finder's reason label (:data:`crm_desktop.services.dedupe.REASONS`)."""

Lookup = Callable[[str, str, str, str], HintResult]
"""``lookup(name, phone, company, email)``, run on the task runner."""


class DuplicateHintsPanel(QWidget):
    """The hints below the form; hidden while there are none."""

    chosen = Signal(str)  # the id of the existing customer to open instead

    def __init__(self, lookup: Lookup, runner: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicateHints")
        self._lookup = lookup
        self._runner = runner
        self._generation = 0
        self._typed = ("", "", "", "")
        self.result = HintResult()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HINT_DELAY_MS)
        self._timer.timeout.connect(self._look_up)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.title = QLabel(self.tr("Already in the book? Open one instead of adding a second record:"), self)
        self.title.setObjectName("duplicateHintsTitle")
        self.title.setWordWrap(True)
        self._layout.addWidget(self.title)
        self.buttons: list[QPushButton] = []
        self.more = QLabel(self)
        self.more.setObjectName("duplicateHintsMore")
        self._layout.addWidget(self.more)
        self.setVisible(False)

    def typed(self, name: str, phone: str, company: str, email: str) -> None:
        """The form changed: look up shortly (the newest typing wins)."""
        typed = (name.strip(), phone.strip(), company.strip(), email.strip())
        if typed == self._typed:
            return
        self._typed = typed
        self._generation += 1  # an answer for older typing is dropped
        self._timer.start()

    def _look_up(self) -> None:
        generation = self._generation
        typed, lookup = self._typed, self._lookup
        if not any(typed):
            self._show(HintResult())
            return
        self._runner.run(lambda: lookup(*typed), lambda r: self._answered(generation, r),
                         lambda _exc: self._answered(generation, HintResult()), urgent=True)

    def _answered(self, generation: int, result: HintResult) -> None:
        if generation == self._generation:
            self._show(result)

    def _show(self, result: HintResult) -> None:
        self.result = result
        for b in self.buttons:
            self._layout.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        for i, hint in enumerate(result.hints):
            b = QPushButton(self.describe(hint), self)
            b.setObjectName("duplicateHint")
            b.setFlat(True)
            b.setStyleSheet("text-align: left; padding: 2px 6px;")
            b.setToolTip(self.tr("Open this customer instead"))
            b.clicked.connect(lambda _c=False, cid=hint.id: self.chosen.emit(cid))
            self._layout.insertWidget(1 + i, b)
            self.buttons.append(b)
        self.more.setText(self.tr("… and %n more", "", result.more) if result.more else "")
        self.more.setVisible(bool(result.more))
        self.setVisible(bool(result.hints))

    def describe(self, hint: DuplicateHint) -> str:
        """One line: name (company) — whose — last contact — why."""
        who = hint.name + (f" ({hint.company})" if hint.company else "")
        owner = self.tr("owner: {owner}").format(owner=hint.owner) if hint.owner else self.tr("no owner")
        if hint.last_contact is not None:
            last = self.tr("last contact {date}").format(date=hint.last_contact.astimezone().strftime("%Y-%m-%d"))
        else:
            last = self.tr("never contacted")
        why = ", ".join(QCoreApplication.translate("dedupe", REASONS[REASON_CODES[r]]) for r in hint.reasons)
        return " — ".join((who, owner, last, why))
