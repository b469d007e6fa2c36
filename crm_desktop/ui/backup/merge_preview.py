"""The merge preview: what merging a teammate's backup would change, before anything is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from crm_desktop.domain.records import record_label
from crm_desktop.ui.backup.conflicts import field_label, value_text


class MergePreviewDialog(QDialog):
    """Who sent it, counts per kind of record, the conflicts ("2 versions") and possible duplicates; OK merges.

    Also says how many changes were dated after the backup itself (treated as
    made then) and what the file held besides the app's data (never used).
    """

    def __init__(self, preview: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge a teammate's backup"))
        self.resize(720, 520)
        lay = QVBoxLayout(self)
        self.replan: bool | None = None  # the person changed the rule: preview again with only_own = this
        self._about(lay, preview)
        self._notes(lay, preview)
        self._counts(lay, preview)
        self._conflicts(lay, preview)
        self._duplicates(lay, preview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not preview.is_empty)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _about(self, lay: QVBoxLayout, preview: Any) -> None:
        """Who made it and when; this book's rule for that sender; whose customers it holds."""
        who = preview.sender_name or self.tr("a teammate")
        self.sender_label = QLabel(self.tr("Backup made {when} by {name}.").format(
            when=preview.made_at.astimezone().strftime("%Y-%m-%d %H:%M"), name=who), self)
        lay.addWidget(self.sender_label)
        if preview.sender_name:
            self.only_own = QCheckBox(self.tr("From {name}, take only changes to customers {name} owns here "
                                              "(remembered for {name})").format(name=preview.sender_name), self)
            self.only_own.setObjectName("mergeOnlyOwn")
            self.only_own.setToolTip(self.tr("So that a teammate cannot overwrite your records: their new "
                                             "customers and their own customers still arrive."))
            self.only_own.setChecked(preview.only_own)
            self.only_own.toggled.connect(self._rule_changed)
            lay.addWidget(self.only_own)
            if preview.only_own:
                withheld = QLabel(self.tr("%n change(s) to customers {name} does not own are left out.", "",
                                          preview.withheld).format(name=preview.sender_name), self)
                withheld.setObjectName("mergeWithheld")
                lay.addWidget(withheld)
        if preview.partial_of:
            partial = QLabel(self.tr("It holds only {whose}'s customers: merging adds and updates those; your "
                                     "other customers stay as they are.").format(whose=preview.partial_of), self)
            partial.setObjectName("mergePartial")
            partial.setWordWrap(True)
            lay.addWidget(partial)

    def _notes(self, lay: QVBoxLayout, preview: Any) -> None:
        """Changes dated after the backup (treated as made then), and what the file held besides our data."""
        self.future_label = QLabel(self)
        self.future_label.setWordWrap(True)
        if preview.future:
            people = self.tr(", ").join(f"{name} ({n})" for name, n in sorted(preview.future.items()))
            self.future_label.setText(self.tr(
                "%n change(s) were dated after this backup was made (the sender's clock was probably wrong); "
                "they count as made when the backup was made: {people}.", "", preview.future_count).format(
                    people=people))
        self.future_label.setVisible(bool(preview.future))
        lay.addWidget(self.future_label)
        self.ignored_label = QLabel(self)
        self.ignored_label.setWordWrap(True)
        if preview.ignored:
            names = self.tr(", ").join(name for _kind, name in preview.ignored[:8])
            names += " …" if len(preview.ignored) > 8 else ""
            self.ignored_label.setText(self.tr(
                "The backup also held %n thing(s) this app does not use (triggers, views, tables, indexes or "
                "columns); they were ignored: {names}.", "", len(preview.ignored)).format(names=names))
        self.ignored_label.setVisible(bool(preview.ignored))
        lay.addWidget(self.ignored_label)

    def _counts(self, lay: QVBoxLayout, preview: Any) -> None:
        heads = [self.tr("Records"), self.tr("New"), self.tr("Changed"), self.tr("Deleted"), self.tr("Brought back"),
                 self.tr("2 versions")]
        rows = [(t, c) for t, c in preview.counts.items() if c.total]
        self.counts = QTableWidget(len(rows), len(heads), self)
        self.counts.setObjectName("mergeCounts")
        self.counts.setHorizontalHeaderLabels(heads)
        for i, (table, c) in enumerate(rows):
            label = record_label(table, QCoreApplication.translate)
            for j, v in enumerate((label, c.new, c.changed, c.deleted, c.brought_back, c.conflicting)):
                self.counts.setItem(i, j, QTableWidgetItem(str(v)))
        lay.addWidget(self.counts)

    def _conflicts(self, lay: QVBoxLayout, preview: Any) -> None:
        """The fields both sides changed (the later change kept), and customers two people made theirs."""
        lay.addWidget(QLabel(self.tr("2 versions (the other value is kept for review): {n}").format(
            n=preview.conflict_count), self))
        self.conflicts = QTableWidget(len(preview.conflicts), 3, self)
        self.conflicts.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Kept"), self.tr("Other version")])
        for i, c in enumerate(preview.conflicts):
            where = f"{record_label(c.table_name, QCoreApplication.translate)} · {field_label(c.field)}"
            for j, v in enumerate((where, value_text(c.field, _stored(c.kept_value)),
                                   value_text(c.field, _stored(c.lost_value)))):
                self.conflicts.setItem(i, j, QTableWidgetItem(v))
        lay.addWidget(self.conflicts)
        if preview.claims:
            claims = QLabel("\n".join(self.tr("{name}: made theirs by both {keeps} and {loses}; {keeps} keeps them "
                                              "(the later claim).").format(name=c.customer_name, keeps=c.keeps,
                                                                           loses=c.loses)
                                      for c in preview.claims[:10]), self)
            claims.setObjectName("mergeClaims")
            claims.setWordWrap(True)
            lay.addWidget(claims)

    def _duplicates(self, lay: QVBoxLayout, preview: Any) -> None:
        """New customers that look like ones we have, with whose ours are (no double-booking)."""
        lay.addWidget(QLabel(self.tr("Possible duplicate customers (not merged): {n}").format(
            n=preview.duplicate_count), self))
        self.duplicates = QTableWidget(len(preview.duplicates), 3, self)
        self.duplicates.setHorizontalHeaderLabels(
            [self.tr("From the backup"), self.tr("Already here"), self.tr("Same")])
        reasons = {"phone": self.tr("phone"), "email": self.tr("e-mail"), "name": self.tr("name")}
        for i, d in enumerate(preview.duplicates):
            here = self.tr("{name} ({owner}'s)").format(name=d.local_name, owner=d.local_owner) if d.local_owner \
                else d.local_name
            for j, v in enumerate((d.incoming_name, here, reasons.get(d.reason, d.reason))):
                self.duplicates.setItem(i, j, QTableWidgetItem(v))
        lay.addWidget(self.duplicates)

    def _rule_changed(self, on: bool) -> None:
        """The rule for this sender changed: the preview is made again with it (the dialog closes)."""
        self.replan = on
        self.reject()


def _stored(value: Any) -> str | None:
    """A merge plan's value as the text the book stores (flags as 0/1)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
