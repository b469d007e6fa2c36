"""Every file a person picks is picked through crm_desktop/ui/files.py (a dialog the journeys can answer)."""

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
    assert not offenders, "use crm_desktop.ui.files.choose_open / choose_save: " + ", ".join(offenders)
