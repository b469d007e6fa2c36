"""The window's entry point imports the layers below the UI before Qt (:data:`crm_desktop.app.BEFORE_QT`)."""

import os
import subprocess
import sys

SCRIPT = """
import sys
from crm_desktop.app import BEFORE_QT, import_before_qt
import_before_qt()
assert not any(m.startswith("PySide6") for m in sys.modules), "a service imported Qt"
before = set(sys.modules)
import importlib
import crm_desktop.ui.shell.application
from crm_desktop.ui.shell.main_window import FEATURES
for name in FEATURES:
    importlib.import_module(name)
late = sorted(m for m in set(sys.modules) - before
              if m.startswith("crm_desktop.services.") and ".".join(m.split(".")[:3]) not in BEFORE_QT)
print(" ".join(late))
"""


def test_the_windows_services_are_imported_before_qt():
    """Every service module the window's modules import at their top is among those imported before Qt:
    one imported after Qt costs its share of the 0.2 s PySide6's import hook adds to a start."""
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [], f"add these to crm_desktop.app.BEFORE_QT: {out.stdout.strip()}"
