"""Settings › Call list…: the limits and weights of today's calls, each with a line saying what it does.

Two groups: *limits* (how long the list is, who is left off, how far ahead it
looks) and *weights* (how many points each reason to call scores; the list
shows the highest totals first).  Every setting has its explanation twice: a
line under it and the editor's tooltip (with the default).  Shares are edited
as percentages; the stored values stay fractions (CallListSettings).  OK saves
through ``save`` on the task runner; a refusal shows in the dialog, which stays
open (see :mod:`crm_desktop.ui.shell.saving`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.calllist import CallListSettings
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP as T
from crm_desktop.ui.shell.dialogs import fit_and_remember
from crm_desktop.ui.shell.saving import Job, SavingDialog

LIMITS = ("top_n", "max_reasons", "rest_days", "birthday_lookahead_days", "horizon_days", "at_risk_top_share",
          "top_value_share")
WEIGHTS = ("w_followup", "w_complaint_overdue", "w_complaint_open", "w_at_risk", "w_top_value", "w_growth",
           "w_birthday", "w_contact_birthday", "w_anniversary", "w_quiet_deal", "w_stage_mismatch", "w_winback")
SEGMENTS = ("cost_per_order", "cost_per_customer_year", "mvc_share", "mgc_ratio")
SWITCHES = ("include_winback",)
"""Settings that are a tick box (in the limits group)."""
PERCENT = frozenset({"at_risk_top_share", "top_value_share", "mvc_share"})
"""Fractions shown as percentages."""

SETTINGS: dict[str, tuple[str, str]] = {
    "top_n": (T("CallListSettingsDialog", "Rows on the list"),
              T("CallListSettingsDialog", "How many customers today's list shows, the strongest reasons first.")),
    "max_reasons": (T("CallListSettingsDialog", "Reasons per row"),
                    T("CallListSettingsDialog", "How many reasons to call each row gives (1 to 3).")),
    "rest_days": (T("CallListSettingsDialog", "Rest after a contact (days)"),
                  T("CallListSettingsDialog", "Someone contacted this recently stays off the list, unless a "
                                              "follow-up or a complaint of theirs is due.")),
    "birthday_lookahead_days": (
        T("CallListSettingsDialog", "Birthdays: days ahead"),
        T("CallListSettingsDialog", "A birthday or anniversary this many days away is a reason to call "
                                    "(0: only on the day).")),
    "horizon_days": (T("CallListSettingsDialog", "Value horizon (days)"),
                     T("CallListSettingsDialog", "A customer's expected value is what they are expected to buy "
                                                 "within this many days.")),
    "at_risk_top_share": (
        T("CallListSettingsDialog", "Valuable: top share by spend"),
        T("CallListSettingsDialog", "Customers among this share of buyers by amount spent count as valuable; a "
                                    "valuable customer who stops ordering is called back.")),
    "top_value_share": (
        T("CallListSettingsDialog", "Top value: share of customers"),
        T("CallListSettingsDialog", "This share of customers, those with the highest expected value, get a "
                                    "reason to call.")),
    "w_followup": (T("CallListSettingsDialog", "Follow-up due"),
                   T("CallListSettingsDialog", "A promised next step that is due; more the longer it is overdue "
                                               "(up to 3 times).")),
    "w_complaint_overdue": (
        T("CallListSettingsDialog", "Complaint past its deadline"),
        T("CallListSettingsDialog", "An open complaint whose deadline has passed; more the longer past it "
                                    "(up to 3 times).")),
    "w_complaint_open": (T("CallListSettingsDialog", "Open complaint"),
                         T("CallListSettingsDialog", "An open complaint still within its deadline.")),
    "w_at_risk": (T("CallListSettingsDialog", "Valuable customer at risk"),
                  T("CallListSettingsDialog", "A valuable customer who orders less than usual or has stopped; "
                                              "more the less likely they still buy.")),
    "w_top_value": (T("CallListSettingsDialog", "Top value"),
                    T("CallListSettingsDialog", "A customer among the top value (see the share above).")),
    "w_growth": (T("CallListSettingsDialog", "Growth chance"),
                 T("CallListSettingsDialog", "A customer expected to buy much more than so far.")),
    "w_birthday": (T("CallListSettingsDialog", "Customer's birthday"),
                   T("CallListSettingsDialog", "The customer's birthday is near; double on the day.")),
    "w_contact_birthday": (T("CallListSettingsDialog", "Contact's birthday"),
                           T("CallListSettingsDialog", "The birthday of a contact at a business customer is near; "
                                                       "double on the day.")),
    "w_anniversary": (T("CallListSettingsDialog", "Anniversary"),
                      T("CallListSettingsDialog", "The customer's anniversary is near; double on the day.")),
    "w_quiet_deal": (T("CallListSettingsDialog", "Quiet deal"),
                     T("CallListSettingsDialog", "An open deal whose customer nobody contacted for longer than its "
                                                 "stage usually takes; more the longer past it (up to 3 times).")),
    "w_stage_mismatch": (T("CallListSettingsDialog", "Stage mismatch"),
                         T("CallListSettingsDialog", "The relationship stage says commitment or expansion, but the "
                                                     "customer is dormant or lost by what they buy.")),
    "w_winback": (T("CallListSettingsDialog", "Win back"),
                  T("CallListSettingsDialog", "A customer who spent a lot and stopped buying (lost or dormant); more "
                                              "the more they spent. Only with “Include win-back customers” on.")),
    "cost_per_order": (T("CallListSettingsDialog", "Cost to serve: per order"),
                       T("CallListSettingsDialog", "What handling one order costs the team (delivery, invoicing), in "
                                                   "the book's currency. With costs set, a customer whose expected "
                                                   "value does not cover them is BZ: serve them at lower cost.")),
    "cost_per_customer_year": (
        T("CallListSettingsDialog", "Cost to serve: per customer and year"),
        T("CallListSettingsDialog", "What keeping one customer costs a year (visits, calls, samples), in the "
                                    "book's currency. 0 and 0: nobody is BZ.")),
    "mvc_share": (T("CallListSettingsDialog", "MVC: top share of buyers"),
                  T("CallListSettingsDialog", "The most valuable customers (keep them): this share of buyers with "
                                              "the highest expected value after costs.")),
    "mgc_ratio": (T("CallListSettingsDialog", "MGC: expected against spent so far"),
                  T("CallListSettingsDialog", "The most growable (develop them): expected to buy at least this "
                                              "many times what they have spent so far; everyone else is a "
                                              "migrator.")),
}
"""Per setting: its label and the one line saying what it does (context CallListSettingsDialog)."""


def _t(text: str) -> str:
    """Translate a text marked above with ``T("CallListSettingsDialog", …)``."""
    return QCoreApplication.translate("CallListSettingsDialog", text)


class CallListSettingsDialog(SavingDialog):
    """Weights and limits of today's calls (team settings; the defaults live in CallListSettings).

    ``editors[name]`` is each setting's spin box (objectName ``setting_<name>``), ``help[name]`` its
    explanation (objectName ``setting_<name>_help``); :meth:`values` gives the settings as typed, and OK
    hands them to ``save`` (none: the dialog only closes).
    """

    def __init__(self, current: CallListSettings, save: Callable[[CallListSettings], Any] | None = None, *,
                 runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, runner=runner)
        self._save = save
        self.setObjectName("calllistSettingsDialog")
        self.setWindowTitle(self.tr("Today's calls: settings"))
        self.editors: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self.help: dict[str, QLabel] = {}
        defaults = CallListSettings()

        limits = QGroupBox(self.tr("Limits"), self)
        limits.setObjectName("calllistLimits")
        limits_intro = QLabel(self.tr("How long the list is, who stays off it, and how far ahead it looks."), limits)
        weights = QGroupBox(self.tr("Weights (points)"), self)
        weights.setObjectName("calllistWeights")
        weights_intro = QLabel(self.tr("Each reason to call scores its weight in points; a customer's score is the "
                                       "sum of their reasons, and the list shows the highest scores first. "
                                       "0 turns a reason off."), weights)
        segments = QGroupBox(self.tr("Value segments (MVC, MGC, BZ)"), self)
        segments.setObjectName("calllistSegments")
        segments_intro = QLabel(self.tr("How customers are grouped by value on the dashboard, the card and the "
                                        "list: BZ first (expected value below the cost to serve), then MVC among "
                                        "the rest, then MGC, everyone else a migrator."), segments)
        self.include_winback = QCheckBox(self.tr("Include win-back customers"), limits)
        self.include_winback.setObjectName("setting_include_winback")
        self.include_winback.setChecked(current.include_winback)
        self.include_winback.setToolTip(self.tr(
            "Lost and dormant customers who spent a lot are left off the list unless this is on; then they get a "
            "win-back reason, weighed like the others. Default: off."))
        for box, intro, names in ((limits, limits_intro, LIMITS), (weights, weights_intro, WEIGHTS),
                                  (segments, segments_intro, SEGMENTS)):
            intro.setWordWrap(True)
            form = QFormLayout()
            for name in names:
                editor = self._editor(name, getattr(current, name), getattr(defaults, name), box)
                label, explanation = SETTINGS[name]
                help_label = QLabel(_t(explanation), box)
                help_label.setObjectName(f"setting_{name}_help")
                help_label.setWordWrap(True)
                help_label.setStyleSheet("color: #555")
                self.help[name] = help_label
                form.addRow(_t(label), editor)
                form.addRow("", help_label)
            if box is limits:
                form.addRow("", self.include_winback)
            layout = QVBoxLayout(box)
            layout.addWidget(intro)
            layout.addLayout(form)

        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addWidget(limits)
        inner.addWidget(weights)
        inner.addWidget(segments)
        inner.addStretch(1)
        scroll = QScrollArea(self)  # 16 settings with their lines do not fit 768 pixels: the buttons stay put
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        buttons = self.button_box(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                  | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        fit_and_remember(self, "calllist_settings", QSize(640, 700))

    def _editor(self, name: str, value: float, default: float, parent: QWidget) -> QSpinBox | QDoubleSpinBox:
        lo, hi = CallListSettings.LIMITS.get(name, (0, 10000))
        editor: QSpinBox | QDoubleSpinBox
        if isinstance(default, int):
            whole = QSpinBox(parent)
            whole.setRange(int(lo), int(hi))
            whole.setValue(int(value))
            editor, shown_default = whole, str(default)
        elif name in PERCENT:
            percent = QDoubleSpinBox(parent)
            percent.setDecimals(1)
            percent.setRange(lo * 100, hi * 100)
            percent.setSuffix(" %")
            percent.setValue(value * 100)
            editor, shown_default = percent, f"{default * 100:g} %"
        else:
            number = QDoubleSpinBox(parent)
            number.setDecimals(2 if name in SEGMENTS else 1)
            number.setRange(float(lo), float(hi))
            number.setValue(value)
            editor, shown_default = number, f"{default:g}"
        editor.setObjectName(f"setting_{name}")
        explanation = _t(SETTINGS[name][1])
        editor.setToolTip(self.tr("{explanation} Default: {value}.").format(explanation=explanation,
                                                                          value=shown_default))
        self.editors[name] = editor
        return editor

    def restore_defaults(self) -> None:
        default = CallListSettings()
        for name, editor in self.editors.items():
            value = getattr(default, name)
            editor.setValue(value * 100 if name in PERCENT else value)
        self.include_winback.setChecked(default.include_winback)

    def values(self) -> CallListSettings:
        defaults = CallListSettings()
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            value = editor.value() / 100 if name in PERCENT else editor.value()
            out[name] = type(getattr(defaults, name))(value)
        return CallListSettings(**out, include_winback=self.include_winback.isChecked())

    def job(self) -> Job | None:
        values, save = self.values(), self._save
        return (lambda: values) if save is None else (lambda: save(values))
