"""Find duplicates: scan the whole book, review pairs side by side, merge field by field, undo.

Left: the likely pairs, best first, with why they were flagged.  Right: the
two records side by side, one row per field, and for each field a choice
(keep A's value, take B's, or both texts).  "Keep A"/"Keep B" says which
record survives; Merge moves every contact, interaction, order and complaint
to it.  "Not a duplicate" hides the pair for this review.  "Undo last merge"
brings the other record back with everything that was moved.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.services.dedupe import (
    MERGE_FIELDS,
    REASONS,
    TEXT_FIELDS,
    DedupeService,
    DuplicatePair,
    MergeSide,
)
from crm_desktop.services.validation import format_phone
from crm_desktop.ui.shell.labels import error_text, label

if TYPE_CHECKING:
    from crm_desktop.services import Services
    from crm_desktop.ui.shell.tasks import TaskRunner

FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("duplicates", "Name"), "kind": QT_TRANSLATE_NOOP("duplicates", "Kind"),
    "company": QT_TRANSLATE_NOOP("duplicates", "Company"), "phone": QT_TRANSLATE_NOOP("duplicates", "Phone"),
    "email": QT_TRANSLATE_NOOP("duplicates", "E-mail"), "address": QT_TRANSLATE_NOOP("duplicates", "Address"),
    "industry": QT_TRANSLATE_NOOP("duplicates", "Industry"), "size": QT_TRANSLATE_NOOP("duplicates", "Company size"),
    "lead_source": QT_TRANSLATE_NOOP("duplicates", "Lead source"),
    "preferred_channel": QT_TRANSLATE_NOOP("duplicates", "Preferred channel"),
    "birthday": QT_TRANSLATE_NOOP("duplicates", "Birthday"),
    "anniversary": QT_TRANSLATE_NOOP("duplicates", "Anniversary"),
    "consent_marketing": QT_TRANSLATE_NOOP("duplicates", "Marketing consent"),
    "do_not_contact": QT_TRANSLATE_NOOP("duplicates", "Do not contact"),
    "owner": QT_TRANSLATE_NOOP("duplicates", "Owner"),
    "relationship_stage": QT_TRANSLATE_NOOP("duplicates", "Relationship stage"),
    "needs": QT_TRANSLATE_NOOP("duplicates", "Needs"), "notes": QT_TRANSLATE_NOOP("duplicates", "Notes"),
    "external_id": QT_TRANSLATE_NOOP("duplicates", "External id"),
}
COUNT_LABELS = {
    "contact": QT_TRANSLATE_NOOP("duplicates", "Contacts"),
    "interaction": QT_TRANSLATE_NOOP("duplicates", "Interactions"),
    "sales_order": QT_TRANSLATE_NOOP("duplicates", "Orders"),
    "complaint": QT_TRANSLATE_NOOP("duplicates", "Complaints"),
    "deal": QT_TRANSLATE_NOOP("duplicates", "Deals"),
}


translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""


def _t(text: str) -> str:
    """Translate a text marked elsewhere with ``QT_TRANSLATE_NOOP("duplicates", …)``."""
    return QCoreApplication.translate("duplicates", text)


def show_value(field: str, value: object) -> str:
    """A stored field value as the review shows it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return translate("duplicates", "yes") if value else translate("duplicates", "no")
    if isinstance(value, date):
        return value.isoformat()
    if field == "phone":
        return format_phone(str(value))
    if field in ("kind", "size", "lead_source", "preferred_channel", "relationship_stage"):
        return label(value)
    return str(value)


class DuplicatesDialog(QDialog):
    """``pairs`` the current review list; ``sides`` the two records shown (A, B).

    ``merged(kept_id, changes)`` / ``unmerged(restored_id, changes)`` tell the window what the merge changed
    (a :class:`~crm_desktop.domain.changes.Changes`: the customers, and the orders, contacts … that moved).
    """

    merged = Signal(str, object)
    unmerged = Signal(str, object)

    def __init__(self, services: Services, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Find duplicates"))
        self.resize(1100, 650)
        self.services = services
        self.runner = runner
        self.svc: DedupeService = services.get(DedupeService)
        self.pairs: list[DuplicatePair] = []
        self.sides: tuple[MergeSide, MergeSide] | None = None
        self._generation = 0

        self.scan_button = QPushButton(self.tr("Scan again"), self)
        self.scan_button.setObjectName("duplicateScan")
        self.scan_button.clicked.connect(self.scan)
        self.status = QLabel(self)
        self.status.setObjectName("duplicateStatus")
        self.status.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Undo last merge"), self)
        self.undo_button.setObjectName("duplicateUndo")
        self.undo_button.clicked.connect(self.undo_last)

        self.pair_list = QTableWidget(0, 3, self)
        self.pair_list.setObjectName("duplicatePairs")
        self.pair_list.setHorizontalHeaderLabels([self.tr("Record A"), self.tr("Record B"), self.tr("Why")])
        self.pair_list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.pair_list.verticalHeader().setVisible(False)
        self.pair_list.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.pair_list.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.pair_list.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.pair_list.currentCellChanged.connect(lambda row, _c, _pr, _pc: self.show_pair(row))

        self.compare = QTableWidget(0, 4, self)
        self.compare.setObjectName("duplicateFields")
        self.compare.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Record A"), self.tr("Record B"),
                                                self.tr("Keep")])
        self.compare.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.compare.verticalHeader().setVisible(False)
        self.compare.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.keep_a = QRadioButton(self.tr("Keep record A"), self)
        self.keep_b = QRadioButton(self.tr("Keep record B"), self)
        self.keep_a.setObjectName("duplicateKeepA")
        self.keep_b.setObjectName("duplicateKeepB")
        self.keep_a.setChecked(True)
        self.merge_button = QPushButton(self.tr("Merge"), self)
        self.merge_button.setObjectName("duplicateMerge")
        self.merge_button.clicked.connect(self.merge_current)
        self.skip_button = QPushButton(self.tr("Not a duplicate"), self)
        self.skip_button.setObjectName("duplicateDismiss")
        self.skip_button.clicked.connect(self.dismiss_current)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.compare, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.keep_a)
        actions.addWidget(self.keep_b)
        actions.addStretch(1)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.merge_button)
        rl.addLayout(actions)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.pair_list)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.scan_button)
        top.addWidget(self.status, 1)
        top.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._set_pair_actions(False)

    # --- scanning ------------------------------------------------------------------------------------------------
    def scan(self) -> None:
        self.scan_button.setEnabled(False)
        self.status.setText(self.tr("Looking for duplicates…"))
        svc = self.svc
        self.runner.run_long(self.tr("Finding duplicates"), lambda progress: svc.scan(progress.report),
                             self.show_pairs, self._failed)

    def show_pairs(self, pairs: list[DuplicatePair]) -> None:
        self.scan_button.setEnabled(True)
        self.pairs = list(pairs)
        self._fill_list()

    def _fill_list(self) -> None:
        self.pair_list.blockSignals(True)
        self.pair_list.setRowCount(len(self.pairs))
        for r, p in enumerate(self.pairs):
            self.pair_list.setItem(r, 0, QTableWidgetItem(" · ".join(x for x in (p.a_name, p.a_company) if x)))
            self.pair_list.setItem(r, 1, QTableWidgetItem(" · ".join(x for x in (p.b_name, p.b_company) if x)))
            why = ", ".join(QCoreApplication.translate("dedupe", REASONS[c]) for c in p.reasons)
            self.pair_list.setItem(r, 2, QTableWidgetItem(f"{why} ({p.score:.0%})"))
        self.pair_list.blockSignals(False)
        if self.pairs:
            self.status.setText(self.tr("%n possible duplicate(s). Pick what to keep, field by field, then Merge.",
                                        "", len(self.pairs)))
            self.pair_list.setCurrentCell(0, 0)
            self.show_pair(0)
        else:
            self.status.setText(self.tr("No duplicates found."))
            self.sides = None
            self.compare.setRowCount(0)
            self._set_pair_actions(False)

    def _set_pair_actions(self, on: bool) -> None:
        for w in (self.merge_button, self.skip_button, self.keep_a, self.keep_b):
            w.setEnabled(on)

    # --- reviewing -----------------------------------------------------------------------------------------------
    def current_pair(self) -> DuplicatePair | None:
        row = self.pair_list.currentRow()
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def show_pair(self, row: int) -> None:
        if not 0 <= row < len(self.pairs):
            return
        pair = self.pairs[row]
        self._generation += 1
        gen = self._generation
        self._set_pair_actions(False)
        svc = self.svc

        def done(sides: tuple[MergeSide, MergeSide]) -> None:
            if gen == self._generation:
                self.show_sides(*sides)

        self.runner.run(lambda: svc.compare(pair.a_id, pair.b_id), done, self._failed)

    def show_sides(self, a: MergeSide, b: MergeSide) -> None:
        self.sides = (a, b)
        defaults = DedupeService.default_choices(a, b)
        self.compare.setRowCount(len(MERGE_FIELDS) + len(COUNT_LABELS) + 1)
        for r, f in enumerate(MERGE_FIELDS):
            self.compare.setItem(r, 0, QTableWidgetItem(_t(FIELD_LABELS[f])))
            va, vb = show_value(f, a.values[f]), show_value(f, b.values[f])
            self.compare.setItem(r, 1, QTableWidgetItem(va))
            self.compare.setItem(r, 2, QTableWidgetItem(vb))
            combo = QComboBox(self.compare)
            combo.addItem(self.tr("A"), "keep")
            combo.addItem(self.tr("B"), "lose")
            if f in TEXT_FIELDS:
                combo.addItem(self.tr("both"), "both")
            combo.setCurrentIndex(max(0, combo.findData(defaults[f])))
            combo.setEnabled(va != vb)
            self.compare.setCellWidget(r, 3, combo)
        base = len(MERGE_FIELDS)
        self.compare.setItem(base, 0, QTableWidgetItem(translate("duplicates", "Tags")))
        self.compare.setItem(base, 1, QTableWidgetItem(", ".join(a.tags)))
        self.compare.setItem(base, 2, QTableWidgetItem(", ".join(b.tags)))
        self.compare.setItem(base, 3, QTableWidgetItem(self.tr("all move to the kept record")))
        for i, (table, text) in enumerate(COUNT_LABELS.items(), start=base + 1):
            self.compare.setItem(i, 0, QTableWidgetItem(_t(text)))
            self.compare.setItem(i, 1, QTableWidgetItem(str(a.counts.get(table, 0))))
            self.compare.setItem(i, 2, QTableWidgetItem(str(b.counts.get(table, 0))))
            self.compare.setItem(i, 3, QTableWidgetItem(self.tr("all move to the kept record")))
        self.keep_a.setChecked(True)
        self._set_pair_actions(True)

    def _choice_box(self, field: str) -> QComboBox:
        combo = self.compare.cellWidget(MERGE_FIELDS.index(field), 3)
        assert isinstance(combo, QComboBox), f"no choice is shown for {field}"
        return combo

    def choice(self, field: str) -> str:
        """The current pick for *field*, as "a", "b" or "both"."""
        combo = self._choice_box(field)
        return {"keep": "a", "lose": "b", "both": "both"}[combo.currentData()]

    def set_choice(self, field: str, which: str) -> None:
        combo = self._choice_box(field)
        combo.setEnabled(True)
        combo.setCurrentIndex(combo.findData({"a": "keep", "b": "lose", "both": "both"}[which]))

    # --- merging -------------------------------------------------------------------------------------------------
    def merge_current(self) -> None:
        pair, sides = self.current_pair(), self.sides
        if pair is None or sides is None:
            return
        keep_b = self.keep_b.isChecked()
        keep, lose = (sides[1], sides[0]) if keep_b else sides
        choices = {}
        for f in MERGE_FIELDS:
            pick = self.choice(f)
            if pick == "both":
                choices[f] = "both"
            else:  # "a"/"b" name the columns; the service speaks of the kept and the other record
                choices[f] = "keep" if (pick == "b") == keep_b else "lose"
        svc = self.svc
        self._set_pair_actions(False)
        self.status.setText(self.tr("Merging…"))

        def done(result: Any) -> None:
            self.pairs = [p for p in self.pairs if lose.id not in (p.a_id, p.b_id)]
            self._fill_list()
            left = self.tr("%n possible duplicate(s) left.", "", len(self.pairs))
            self.status.setText(self.tr("Merged. Undo last merge brings the other record back.") + " " + left)
            self.merged.emit(keep.id, result.changes)

        self.runner.run(lambda: svc.merge(keep.id, lose.id, choices), done, self._failed)

    def dismiss_current(self) -> None:
        row = self.pair_list.currentRow()
        if 0 <= row < len(self.pairs):
            del self.pairs[row]
            self._fill_list()

    def undo_last(self) -> None:
        svc = self.svc

        def done(result: Any) -> None:
            self.status.setText(self.tr("The last merge was undone."))
            self.unmerged.emit(result.restored_id, result.changes)

        self.runner.run(lambda: svc.undo(), done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.status.setText(error_text(exc))
        self._set_pair_actions(self.sides is not None)
