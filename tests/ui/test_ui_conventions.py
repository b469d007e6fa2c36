"""Conventions every window of the app keeps: files are chosen through one chooser, titles never repeat the app's
name, and every literal text reaches the translation."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "crm_desktop" / "ui"


def test_no_module_but_files_py_opens_a_file_dialog():
    """QFileDialog's static helpers (getOpenFileName …) skip the chooser the journeys answer: only files.py may
    use QFileDialog at all."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "files.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "QFileDialog":
                offenders.append(f"{path.name}:{node.lineno}")
            elif isinstance(node, ast.alias) and node.name == "QFileDialog":
                offenders.append(f"{path.name}: imports QFileDialog")
    assert not offenders, "use crm_desktop.ui.shell.files.choose_open / choose_save: " + ", ".join(offenders)


def test_no_title_is_the_apps_name():
    """Qt adds the application's name to every window title on Linux: a message box or dialog titled with
    APP_DISPLAY_NAME read "CRM Desktop — CRM Desktop". Titles say what the box is about (or nothing)."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in ("setToolTip", "setApplicationDisplayName"):  # the tray's tooltip and the app's own name
                continue
            for arg in node.args + [k.value for k in node.keywords]:
                if isinstance(arg, ast.Name) and arg.id == "APP_DISPLAY_NAME":
                    offenders.append(f"{path.name}:{node.lineno} {called}(…APP_DISPLAY_NAME…)")
    assert not offenders, "\n".join(offenders)


HELPERS = {"_t", "_tr", "_translate"}
"""Home-made translating helpers: lupdate reads only tr, translate, QT_TRANSLATE_NOOP and T (see
resources/translations/README.md), so a literal given to one of these is never translated."""


def test_every_literal_text_is_seen_by_lupdate():
    """A literal passed to a home-made helper (``_t("yes")``) never reaches the .ts, so it shows in English under
    简体中文; only variables holding QT_TRANSLATE_NOOP texts may go through such helpers."""
    root = UI.parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name = node.func.id
            if name not in HELPERS:
                continue
            if node.args and isinstance(node.args[-1], ast.Constant) and isinstance(node.args[-1].value, str):
                offenders.append(f"{path.relative_to(root.parent)}:{node.lineno} {name}({node.args[-1].value!r})")
    assert not offenders, "write translate(context, text) or self.tr(text):\n" + "\n".join(offenders)
