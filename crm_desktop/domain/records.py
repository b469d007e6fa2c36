"""What people call each kind of record the app stores (for previews, reports and error sentences).

Table names (``customer``, ``sales_order`` …) are never shown: this maps them
to labels marked for translation in the ``records`` context, which the UI and
the command line translate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, Translate

RECORD_LABELS: dict[str, str] = {
    "customer": QT_TRANSLATE_NOOP("records", "Customers"),
    "contact": QT_TRANSLATE_NOOP("records", "Contacts"),
    "interaction": QT_TRANSLATE_NOOP("records", "Logged contacts"),
    "sales_order": QT_TRANSLATE_NOOP("records", "Orders"),
    "complaint": QT_TRANSLATE_NOOP("records", "Complaints"),
    "complaint_event": QT_TRANSLATE_NOOP("records", "Complaint history"),
    "deal": QT_TRANSLATE_NOOP("records", "Deals"),
    "deal_stage_change": QT_TRANSLATE_NOOP("records", "Deal stage history"),
    "customer_stage_change": QT_TRANSLATE_NOOP("records", "Relationship stage history"),
    "person": QT_TRANSLATE_NOOP("records", "Team members"),
    "product": QT_TRANSLATE_NOOP("records", "Products"),
    "price_list": QT_TRANSLATE_NOOP("records", "Price lists"),
    "price_list_item": QT_TRANSLATE_NOOP("records", "Prices on price lists"),
    "price_list_customer": QT_TRANSLATE_NOOP("records", "Customers on price lists"),
    "deal_line": QT_TRANSLATE_NOOP("records", "Products on deals"),
    "quote": QT_TRANSLATE_NOOP("records", "Quotes"),
    "order_line": QT_TRANSLATE_NOOP("records", "Products on orders"),
    "tag": QT_TRANSLATE_NOOP("records", "Tags"),
    "customer_tag": QT_TRANSLATE_NOOP("records", "Tags on customers"),
    "setting": QT_TRANSLATE_NOOP("records", "Team settings"),
    "erasure": QT_TRANSLATE_NOOP("records", "Erased people"),
    "customer_search": QT_TRANSLATE_NOOP("records", "Search index"),
}
"""Table name → label (English source text; translate in context ``records``)."""


def record_label(table: str, translate: Translate | None = None) -> str:
    """The label of *table*, translated by ``translate(context, text)`` when given (the raw name if unknown)."""
    text = RECORD_LABELS.get(table)
    if text is None:
        return table
    return translate("records", text) if translate else text


PERSONAL_FIELDS: Mapping[str, Mapping[str, Any]] = {
    "customer": {"name": "", "company": "", "phone": "", "email": "", "wechat": "", "address": "", "birthday": None,
                 "anniversary": None, "needs": "", "notes": "", "external_id": ""},
    "contact": {"name": "", "title": "", "phone": "", "phone2": "", "email": "", "wechat": "", "birthday": None,
                "notes": ""},
    "interaction": {"summary": "", "next_step": ""},
    "sales_order": {"description": ""},
    "complaint": {"description": "", "resolution": ""},
    "complaint_event": {"note": ""},
    "deal": {"title": "", "notes": ""},
}
"""What erasing a person blanks in each of their records (to the value given): everything that says who
they are or what was said with them.  Amounts, dates and kinds stay, so team figures keep adding up."""

PERSON_TABLES: tuple[str, ...] = ("customer", "contact", "interaction", "sales_order", "complaint",
                                  "complaint_event", "customer_tag", "deal", "deal_stage_change",
                                  "customer_stage_change")
"""The records that belong to one customer (erased together)."""
