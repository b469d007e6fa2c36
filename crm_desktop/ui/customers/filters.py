"""The customer list's less common filters (Filters…): today's segment, decile and lifecycle stage, the
relationship stage, the industry and "not contacted for at least N days"; and their one-line summary for the
list's bar (:func:`describe`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.enums import RelationshipStage
from crm_desktop.domain.models import CustomerQuery
from crm_desktop.domain.views import DECILES, LIFECYCLES, MAX_QUIET_DAYS, MAX_VALUE, SEGMENTS
from crm_desktop.ui.insight.texts import segment_name, stage_name
from crm_desktop.ui.shell.labels import label

translate = QCoreApplication.translate
"""Qt's translate under the name lupdate recognises (``translate(context, text)``)."""

FILTER_FIELDS = ("segments", "deciles", "lifecycles", "relationship_stage", "industry", "quiet_days",
                 "p_alive_below", "value_at_least")
"""The fields of :class:`CustomerQuery` this dialog sets (the rest are the list's own boxes)."""


def only_filters(query: CustomerQuery) -> CustomerQuery:
    """The part of *query* this dialog sets, everything else at its default."""
    return CustomerQuery(**{f: getattr(query, f) for f in FILTER_FIELDS})


def describe(query: CustomerQuery) -> str:
    """"MGC · 制造业 · 30天未联系": the dialog's filters of *query* as one line ("" when none is set)."""
    parts = []
    if query.segments:
        parts.append("/".join(segment_name(s, short=True) for s in SEGMENTS if s in query.segments))
    if query.deciles:
        parts.append(translate("CustomerFilters", "decile {deciles}").format(
            deciles=", ".join(str(d) for d in sorted(query.deciles))))
    if query.lifecycles:
        parts.append("/".join(stage_name(s) for s in LIFECYCLES if s in query.lifecycles))
    if query.relationship_stage:
        parts.append(label(RelationshipStage(query.relationship_stage)))
    if query.industry:
        parts.append(query.industry)
    if query.quiet_days:
        parts.append(translate("CustomerFilters", "not contacted for %n day(s)", "", query.quiet_days))
    if query.p_alive_below is not None:
        parts.append(translate("CustomerFilters", "P(active) below {p} %").format(p=query.p_alive_below))
    if query.value_at_least is not None:
        parts.append(translate("CustomerFilters", "expected value at least {value}").format(
            value=QLocale().toString(query.value_at_least)))
    return " · ".join(parts)


class CustomerFiltersDialog(QDialog):
    """Checkboxes for segments, deciles and lifecycle stages, a box each for the relationship stage and the
    industry, and a number of days; :meth:`query` applies them to the list's query."""

    def __init__(self, query: CustomerQuery, industries: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerFiltersDialog")
        self.setWindowTitle(self.tr("Filter the customer list"))
        self._base = query
        note = QLabel(self.tr("Segment, decile, lifecycle stage, P(active) and expected value are today's scores "
                              "(as on the dashboard); a box left empty does not filter."), self)
        note.setWordWrap(True)
        self.segments = self._checks("filterSegment", [(s, segment_name(s)) for s in SEGMENTS], query.segments, 2)
        self.deciles = self._checks("filterDecile", [(d, str(d)) for d in DECILES], query.deciles, 5)
        self.lifecycles = self._checks("filterLifecycle", [(s, stage_name(s)) for s in LIFECYCLES],
                                       query.lifecycles, 3)
        self.stage = QComboBox(self)
        self.stage.setObjectName("filterRelationship")
        self.stage.addItem(self.tr("Any"), None)
        for st in RelationshipStage:
            self.stage.addItem(label(st), str(st))
        self.stage.setCurrentIndex(max(self.stage.findData(query.relationship_stage), 0))
        self.industry = QComboBox(self)
        self.industry.setObjectName("filterIndustry")
        self.industry.addItem(self.tr("Any"), None)
        for name in sorted(set(industries) | ({query.industry} if query.industry else set())):
            self.industry.addItem(name, name)
        self.industry.setCurrentIndex(max(self.industry.findData(query.industry), 0))
        self.quiet = QSpinBox(self)
        self.quiet.setObjectName("filterQuietDays")
        self.quiet.setRange(0, MAX_QUIET_DAYS)
        self.quiet.setSpecialValueText(self.tr("no limit"))
        self.quiet.setSuffix(self.tr(" days"))
        self.quiet.setValue(query.quiet_days or 0)
        self.quiet.setToolTip(self.tr("Only customers whose last contact is at least this many days ago, or "
                                      "who were never contacted"))
        self.p_alive = QSpinBox(self)
        self.p_alive.setObjectName("filterPAliveBelow")
        self.p_alive.setRange(0, 100)
        self.p_alive.setSpecialValueText(self.tr("no limit"))
        self.p_alive.setSuffix(" %")
        self.p_alive.setValue(query.p_alive_below or 0)
        self.p_alive.setToolTip(self.tr("Only buying customers whose probability of still buying is below this"))
        self.value = QSpinBox(self)
        self.value.setObjectName("filterValueAtLeast")
        self.value.setRange(0, MAX_VALUE)
        self.value.setSingleStep(1000)
        self.value.setGroupSeparatorShown(True)
        self.value.setSpecialValueText(self.tr("no limit"))
        self.value.setValue(query.value_at_least or 0)
        self.value.setToolTip(self.tr("Only customers expected to bring at least this much over the scores' "
                                      "horizon (in the book's currency)"))
        form = QFormLayout()
        form.addRow(self.tr("Segment"), self.segments)
        form.addRow(self.tr("Decile"), self.deciles)
        form.addRow(self.tr("Lifecycle"), self.lifecycles)
        form.addRow(self.tr("Relationship stage"), self.stage)
        form.addRow(self.tr("Industry"), self.industry)
        form.addRow(self.tr("Not contacted for at least"), self.quiet)
        form.addRow(self.tr("P(active) below"), self.p_alive)
        form.addRow(self.tr("Expected value at least"), self.value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.Reset, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Reset).setText(self.tr("Clear all"))
        buttons.button(QDialogButtonBox.StandardButton.Reset).clicked.connect(self.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _checks(self, name: str, items: list[tuple[object, str]], chosen: frozenset[object],
                per_row: int) -> QWidget:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (value, text) in enumerate(items):
            check = QCheckBox(text, box)
            check.setObjectName(f"{name}_{value}")
            check.setProperty("value", value)
            check.setChecked(value in chosen)
            grid.addWidget(check, i // per_row, i % per_row)
        return box

    @staticmethod
    def _chosen(box: QWidget) -> frozenset[object]:
        return frozenset(c.property("value") for c in box.findChildren(QCheckBox) if c.isChecked())

    def clear(self) -> None:
        """Every filter of the dialog off."""
        for box in (self.segments, self.deciles, self.lifecycles):
            for check in box.findChildren(QCheckBox):
                check.setChecked(False)
        self.stage.setCurrentIndex(0)
        self.industry.setCurrentIndex(0)
        self.quiet.setValue(0)
        self.p_alive.setValue(0)
        self.value.setValue(0)

    def query(self) -> CustomerQuery:
        """The list's query given in, with this dialog's filters as chosen."""
        return replace(
            self._base, segments=frozenset(str(s) for s in self._chosen(self.segments)),
            deciles=frozenset(int(str(d)) for d in self._chosen(self.deciles)),
            lifecycles=frozenset(str(s) for s in self._chosen(self.lifecycles)),
            relationship_stage=self.stage.currentData(), industry=self.industry.currentData(),
            quiet_days=self.quiet.value() or None, p_alive_below=self.p_alive.value() or None,
            value_at_least=self.value.value() or None)
