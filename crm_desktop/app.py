"""The window's entry point for the command line (``crm-desktop`` with no command).

The wiring itself — settings, translations, which book opens, the window —
lives in :mod:`crm_desktop.ui.shell.application`, inside the layer allowed to
use Qt.
"""

from __future__ import annotations


def run_gui(db: str | None = None, language: str | None = None) -> int:
    """Open the main window and run until it closes (see :func:`crm_desktop.ui.shell.application.launch`)."""
    from crm_desktop.ui.shell.application import run_gui as run

    return run(db, language)
