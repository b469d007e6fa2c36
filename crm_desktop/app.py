"""The window's entry point for the command line (``crm-desktop`` with no command).

The wiring itself — settings, translations, which book opens, the window —
lives in :mod:`crm_desktop.ui.shell.application`, inside the layer allowed to
use Qt.
"""

from __future__ import annotations

import importlib

BEFORE_QT = (
    "crm_desktop.services.books", "crm_desktop.services.customers", "crm_desktop.services.backup",
    "crm_desktop.services.bulk_edit", "crm_desktop.services.calllist", "crm_desktop.services.calllist_quiet",
    "crm_desktop.services.company", "crm_desktop.services.complaints", "crm_desktop.services.conflicts",
    "crm_desktop.services.deal_figures", "crm_desktop.services.deal_lines", "crm_desktop.services.deals",
    "crm_desktop.services.dedupe", "crm_desktop.services.duplicate_hints", "crm_desktop.services.export",
    "crm_desktop.services.followups", "crm_desktop.services.hub", "crm_desktop.services.imports",
    "crm_desktop.services.insight", "crm_desktop.services.insight_extra", "crm_desktop.services.merge",
    "crm_desktop.services.orders", "crm_desktop.services.people", "crm_desktop.services.pool",
    "crm_desktop.services.privacy", "crm_desktop.services.products", "crm_desktop.services.quote_document",
    "crm_desktop.services.quotes", "crm_desktop.services.targets", "crm_desktop.services.timeline",
    "crm_desktop.services.whose", "crm_desktop.services.winback",
)
"""The services the window's modules import, imported before Qt is.  PySide6 wraps every ``import``
made after it is loaded, and reads the source of each new module it sees (to know whether the module
uses it): the window's 176 modules outside Qt took 0.2 s more to import after Qt than before it.
``tests/test_app.py`` checks that the window's modules bring no service module not listed here."""


def import_before_qt() -> None:
    """Import :data:`BEFORE_QT` (the layers below the UI, with SQLAlchemy, cryptography …)."""
    for name in BEFORE_QT:
        importlib.import_module(name)


def run_gui(db: str | None = None, language: str | None = None) -> int:
    """Open the main window and run until it closes (see :func:`crm_desktop.ui.shell.application.launch`)."""
    import_before_qt()
    from crm_desktop.ui.shell.application import run_gui as run

    return run(db, language)
