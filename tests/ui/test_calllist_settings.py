"""Settings › Call list…: every limit, weight and segment rule explained (a line and a tooltip), in three groups,
both languages."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QGroupBox, QLabel

from crm_desktop.domain.calllist import CallListSettings
from crm_desktop.ui.calllist.settings_dialog import LIMITS, SEGMENTS, SWITCHES, WEIGHTS, CallListSettingsDialog


@pytest.fixture
def dialog(qtbot):
    d = CallListSettingsDialog(CallListSettings(top_n=12, top_value_share=0.125, w_growth=7.5))
    qtbot.addWidget(d)
    return d


def test_every_setting_is_in_its_group_with_a_line_and_a_tooltip(dialog):
    """Limits, weights and the value-segment rules are three groups; each setting has an explanation under it
    and in its tooltip (+ default)."""
    assert set(LIMITS) | set(WEIGHTS) | set(SEGMENTS) | set(SWITCHES) == set(CallListSettings.field_names())
    for group, names in (("calllistLimits", LIMITS), ("calllistWeights", WEIGHTS), ("calllistSegments", SEGMENTS)):
        box = dialog.findChild(QGroupBox, group)
        for name in names:
            assert box.isAncestorOf(dialog.editors[name]), name
            line = box.findChild(QLabel, f"setting_{name}_help").text()
            assert len(line) > 20 and line in dialog.editors[name].toolTip(), name
            assert "Default:" in dialog.editors[name].toolTip()


def test_shares_are_percentages_and_values_round_trip(dialog):
    """A share of 0.125 is edited as 12.5 %; the settings read back are the ones given; defaults restore."""
    assert dialog.editors["top_value_share"].value() == 12.5
    assert dialog.editors["top_value_share"].suffix() == " %"
    assert dialog.values() == CallListSettings(top_n=12, top_value_share=0.125, w_growth=7.5)
    dialog.editors["at_risk_top_share"].setValue(35)
    assert dialog.values().at_risk_top_share == pytest.approx(0.35)
    dialog.editors["cost_per_customer_year"].setValue(120.5)
    dialog.editors["mvc_share"].setValue(25)
    assert (dialog.values().cost_per_customer_year, dialog.values().mvc_share) == (120.5, pytest.approx(0.25))
    dialog.include_winback.setChecked(True)
    assert dialog.values().include_winback and "Default: off" in dialog.include_winback.toolTip()
    dialog.restore_defaults()
    assert dialog.values() == CallListSettings()


def test_the_explanations_read_chinese(qapp, qtbot):
    """Under 简体中文 every label and explanation is Chinese (no English sentence left)."""
    from crm_desktop.ui.shell.i18n import install_translators

    install_translators(qapp, "zh_CN")
    try:
        d = CallListSettingsDialog(CallListSettings())
        qtbot.addWidget(d)
        texts = [lbl.text() for lbl in d.findChildren(QLabel) if lbl.text()]
        texts += [b.title() for b in d.findChildren(QGroupBox)] + [e.toolTip() for e in d.editors.values()]
    finally:
        install_translators(qapp, "en")
    english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t)]
    assert not english, english
    assert d.windowTitle() and not re.search(r"[A-Za-z]{3,}", d.windowTitle())
