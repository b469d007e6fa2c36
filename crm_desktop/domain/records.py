"""What people call each kind of record the app stores (for previews, reports and error sentences).

Table names (``customer``, ``sales_order`` …) are never shown: this maps them
to labels marked for translation in the ``records`` context, which the UI and
the command line translate.
"""

from __future__ import annotations

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP

RECORD_LABELS: dict[str, str] = {
    "customer": QT_TRANSLATE_NOOP("records", "Customers"),
    "contact": QT_TRANSLATE_NOOP("records", "Contacts"),
    "interaction": QT_TRANSLATE_NOOP("records", "Logged contacts"),
    "sales_order": QT_TRANSLATE_NOOP("records", "Orders"),
    "complaint": QT_TRANSLATE_NOOP("records", "Complaints"),
    "complaint_event": QT_TRANSLATE_NOOP("records", "Complaint history"),
    "tag": QT_TRANSLATE_NOOP("records", "Tags"),
    "customer_tag": QT_TRANSLATE_NOOP("records", "Tags on customers"),
    "setting": QT_TRANSLATE_NOOP("records", "Team settings"),
    "erasure": QT_TRANSLATE_NOOP("records", "Erased people"),
    "customer_search": QT_TRANSLATE_NOOP("records", "Search index"),
}
"""Table name → label (English source text; translate in context ``records``)."""


def record_label(table: str, translate=None) -> str:
    """The label of *table*, translated by ``translate(context, text)`` when given (the raw name if unknown)."""
    text = RECORD_LABELS.get(table)
    if text is None:
        return table
    return translate("records", text) if translate else text
