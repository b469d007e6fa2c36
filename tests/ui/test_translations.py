"""The 简体中文 translation: complete, up to date with the sources, and loaded by the app."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "crm_desktop_zh_CN.ts"
QM = TRANSLATIONS / "crm_desktop_zh_CN.qm"
EN_TS = TRANSLATIONS / "crm_desktop_en.ts"
LUPDATE = Path(sys.executable).parent / "pyside6-lupdate"
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n")


def _messages(ts_path: Path):
    """(context, source, translation texts, translation element) for every message."""
    for ctx in ET.parse(ts_path).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            forms = [f.text or "" for f in tr.iter("numerusform")] if msg.get("numerus") == "yes" else [tr.text or ""]
            yield name, msg.findtext("source") or "", forms, tr


def _script():
    """The update_translations.py module (it holds the lupdate call and its options)."""
    spec = importlib.util.spec_from_file_location("update_translations", TRANSLATIONS / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated_with_its_placeholders():
    """No unfinished or empty translation; each keeps the source's {placeholders} and %n."""
    problems = []
    for ctx, source, forms, tr in _messages(TS):
        if tr.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"[{ctx}] {source!r}: {tr.get('type')}")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for text in forms:
            if not text.strip():
                problems.append(f"[{ctx}] {source!r}: empty translation")
            elif sorted(set(PLACEHOLDER.findall(text))) != wanted:
                problems.append(f"[{ctx}] {source!r} -> {text!r}: placeholders differ")
    assert not problems, "\n".join(problems)


def test_ts_covers_all_source_strings(tmp_path):
    """lupdate over the current sources finds no string the committed .ts lacks a translation for."""
    if not LUPDATE.exists() and not LUPDATE.with_suffix(".exe").exists():
        pytest.skip("pyside6-lupdate is not installed next to the interpreter")
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    _script().run_lupdate(copy, "zh_CN")
    new = [f"[{ctx}] {source!r}" for ctx, source, _forms, tr in _messages(copy) if tr.get("type") == "unfinished"]
    assert not new, ("untranslated strings; run python resources/translations/update_translations.py "
                     "and translate them:\n" + "\n".join(new))


@pytest.mark.parametrize("ts", [TS, EN_TS], ids=["zh_CN", "en"])
def test_qm_is_built_from_the_committed_ts(tmp_path, ts):
    """The committed .qm is exactly what lrelease makes of the committed .ts."""
    if not LRELEASE.exists() and not LRELEASE.with_suffix(".exe").exists():
        pytest.skip("pyside6-lrelease is not installed next to the interpreter")
    fresh = tmp_path / ts.with_suffix(".qm").name
    _script().run_lrelease(ts, fresh)
    assert fresh.read_bytes() == ts.with_suffix(".qm").read_bytes(), \
        "run python resources/translations/update_translations.py"


def test_english_has_every_plural_in_two_forms(tmp_path):
    """Every %n message of the sources has a finished English singular and plural (no "1 customer(s)")."""
    problems = []
    for ctx, source, forms, tr in _messages(EN_TS):
        counted = all("%n" in f or "%Ln" in f for f in forms)  # %Ln: the count with the locale's grouping
        if tr.get("type") or len(forms) != 2 or not counted or "(s)" in "".join(forms):
            problems.append(f"[{ctx}] {source!r}: {forms}")
    assert not problems, "\n".join(problems)
    if not LUPDATE.exists() and not LUPDATE.with_suffix(".exe").exists():
        pytest.skip("pyside6-lupdate is not installed next to the interpreter")
    copy = tmp_path / EN_TS.name
    shutil.copy(EN_TS, copy)
    _script().run_lupdate(copy, "en", extra=("-pluralonly",))
    new = [f"[{ctx}] {source!r}" for ctx, source, _f, tr in _messages(copy) if tr.get("type") == "unfinished"]
    assert not new, "plural messages without English forms; run update_translations.py:\n" + "\n".join(new)


def test_english_counts_read_as_english(qapp):
    """Under English, "%n customer(s)" reads "1 customer" and "2004 customers"."""
    from PySide6.QtCore import QCoreApplication

    from crm_desktop.ui.shell.i18n import install_translators

    install_translators(qapp, "en")
    try:
        one = QCoreApplication.translate("CustomerListPanel", "%n customer(s)", "", 1)
        many = QCoreApplication.translate("CustomerListPanel", "%n customer(s)", "", 2004)
    finally:
        install_translators(qapp, "en")
    assert (one, many) == ("1 customer", "2004 customers")


@pytest.fixture
def chinese(qapp):
    """The app's translators for 简体中文, removed again afterwards."""
    from crm_desktop.ui.shell.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield qapp
    install_translators(qapp, "en")


def test_chinese_translation_is_loaded(chinese):
    """install_translators("zh_CN") makes labels come out in Chinese."""
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("labels", "Business") == "企业"
    assert QCoreApplication.translate("labels", "Decider") == "决策者"


def test_main_window_menus_are_chinese(chinese, window):
    """A MainWindow built under the Chinese translators shows Chinese menu titles."""
    titles = [a.text() for a in window.menuBar().actions()]
    assert "文件(&F)" in titles and "编辑(&E)" in titles and "客户(&C)" in titles, titles
    assert not any(t.startswith("&File") for t in titles)


def test_qt_file_dialog_is_chinese_under_zh_cn(qtbot):
    """Qt's own file dialog reads Chinese, including the labels Qt's catalogue lacks."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

    from crm_desktop.ui.shell.i18n import install_translators

    install_translators(QApplication.instance(), "zh_CN")
    try:
        dialog = QFileDialog()
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = [lbl.text() for lbl in dialog.findChildren(QLabel) if lbl.text()]
        assert labels and all(re.search(r"[\u4e00-\u9fff]", t) for t in labels), labels
    finally:
        install_translators(QApplication.instance(), "en")
