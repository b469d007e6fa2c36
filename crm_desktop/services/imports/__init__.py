"""Imports: customers from a sheet or an address book, orders from a sheet (all or nothing, undoable).

What the window and the command line use is re-exported here: the mapping
vocabulary (:mod:`crm_desktop.exchange.customer_columns`), reading a file
(:mod:`crm_desktop.exchange.tabular`, :mod:`crm_desktop.exchange.vcard`),
and the importers (:mod:`.customers`, :mod:`.orders`).
"""

from __future__ import annotations

from crm_desktop.exchange.customer_columns import PRESETS, TARGETS, auto_mapping, detect_preset
from crm_desktop.exchange.tabular import ENCODINGS, EncodingUncertain, RowProblem, Table, TabularError
from crm_desktop.services.imports.customers import CustomerImporter, import_file, read_any
from crm_desktop.services.imports.orders import (
    NoSuchImport,
    NothingToImport,
    OrdersFileError,
    OrdersImporter,
    OrdersImportResult,
    OrdersPlan,
    PlanHasProblems,
)
from crm_desktop.services.imports.plan import (
    KEPT,
    MATCH_POLICIES,
    ImportPlan,
    ImportResult,
    NothingToUndo,
    RowIssue,
    UndoResult,
)

__all__ = [
    "PRESETS", "TARGETS", "auto_mapping", "detect_preset", "ENCODINGS", "EncodingUncertain", "RowProblem", "Table",
    "TabularError", "CustomerImporter", "import_file", "read_any", "KEPT", "MATCH_POLICIES", "ImportPlan",
    "ImportResult", "NothingToUndo", "RowIssue", "UndoResult", "NoSuchImport", "NothingToImport", "OrdersFileError",
    "OrdersImporter", "OrdersImportResult", "OrdersPlan", "PlanHasProblems",
]
