"""Writing exported tables: CSV for Excel and .xlsx, made safe for spreadsheets (pure; the use case,
which reads the book, is crm_desktop.services.export).

* CSV is UTF-8 **with a BOM** so Excel on Chinese Windows opens 中文 correctly
  (without it Excel assumes GBK), CRLF line ends, every cell quoted as needed.
* .xlsx is written with openpyxl's streaming writer (constant memory).
* Formula injection: every text cell starting with ``=``, ``+``, ``-``, ``@``,
  tab or carriage return gets a leading apostrophe, so a spreadsheet shows it
  as text instead of running it (OWASP's advice).  Numbers (amounts) are
  written as numbers and are not touched; phone numbers of mainland China are
  written in their national form (138 0013 8000), which needs no apostrophe
  and imports back unchanged.
* Column titles are English templates marked for translation; callers pass
  ``translate(context, text)`` to get them in the user's language.  Both
  languages map back automatically on import.
* Times are written in local time (``tz``; the computer's zone by default).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
KINDS = ("customers", "orders", "interactions", "complaints", "mailing", "products", "deals")
FORMATS = (".csv", ".xlsx", ".vcf")

Translate = Callable[[str, str], str]


def neutralize(value: Any) -> Any:
    """*value* safe for a spreadsheet cell: text starting with = + - @ tab CR gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def unneutralize(value: str) -> str:
    """The text :func:`neutralize` was given (used on import, so an export reads back unchanged)."""
    if value.startswith("'") and value[1:2] and value[1:2] in "=+-@\t\r":
        return value[1:]
    return value


class ExportError(UserError):
    """The export could not be written; the message says why in one sentence."""


def write_rows(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a table to *path* (.csv or .xlsx by suffix), neutralising text cells; returns the row count."""
    p = Path(path)
    suffix = p.suffix.lower()
    n = 0
    if suffix == ".csv":
        with open(p, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow([neutralize(h) for h in headers])
            for r in rows:
                w.writerow(["" if v is None else neutralize(v) for v in r])
                n += 1
        return n
    if suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append([neutralize(h) for h in headers])
        for r in rows:
            ws.append([neutralize(v) for v in r])
            n += 1
        wb.save(p)
        return n
    raise ExportError(QT_TRANSLATE_NOOP("errors", "Export to “{suffix}” files is not supported; use .csv or .xlsx."),
                      suffix=p.suffix or p.name)


def local_time(ts: str | None, tz: tzinfo | None) -> str:
    """A stored UTC timestamp text as local "YYYY-MM-DD HH:MM"."""
    if not ts:
        return ""
    dt = datetime.fromisoformat(ts).replace(tzinfo=UTC).astimezone(tz)
    return dt.strftime("%Y-%m-%d %H:%M")


def money(minor: int | None) -> Decimal | None:
    """Integer minor units as a decimal amount (yuan with fen), written as a number."""
    return None if minor is None else Decimal(minor).scaleb(-2)


CUSTOMER_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Name"), QT_TRANSLATE_NOOP("export", "Company"),
    QT_TRANSLATE_NOOP("export", "Phone"), QT_TRANSLATE_NOOP("export", "E-mail"),
    QT_TRANSLATE_NOOP("export", "Address"), QT_TRANSLATE_NOOP("export", "Industry"),
    QT_TRANSLATE_NOOP("export", "Kind"), QT_TRANSLATE_NOOP("export", "Owner"),
    QT_TRANSLATE_NOOP("export", "Tags"), QT_TRANSLATE_NOOP("export", "Birthday"),
    QT_TRANSLATE_NOOP("export", "Needs"), QT_TRANSLATE_NOOP("export", "Notes"),
    QT_TRANSLATE_NOOP("export", "External id"), QT_TRANSLATE_NOOP("export", "Do not contact"),
    QT_TRANSLATE_NOOP("export", "CRM id"),
)
ORDER_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Customer"), QT_TRANSLATE_NOOP("export", "Ordered at"),
    QT_TRANSLATE_NOOP("export", "Amount"), QT_TRANSLATE_NOOP("export", "Currency"),
    QT_TRANSLATE_NOOP("export", "Description"), QT_TRANSLATE_NOOP("export", "Reference"),
    QT_TRANSLATE_NOOP("export", "CRM customer id"), QT_TRANSLATE_NOOP("export", "CRM id"),
)
INTERACTION_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Customer"), QT_TRANSLATE_NOOP("export", "When"),
    QT_TRANSLATE_NOOP("export", "Channel"), QT_TRANSLATE_NOOP("export", "Direction"),
    QT_TRANSLATE_NOOP("export", "Owner"), QT_TRANSLATE_NOOP("export", "Summary"),
    QT_TRANSLATE_NOOP("export", "Outcome"), QT_TRANSLATE_NOOP("export", "Next step"),
    QT_TRANSLATE_NOOP("export", "Next step due"), QT_TRANSLATE_NOOP("export", "Next step done"),
    QT_TRANSLATE_NOOP("export", "CRM customer id"), QT_TRANSLATE_NOOP("export", "CRM id"),
)
COMPLAINT_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Customer"), QT_TRANSLATE_NOOP("export", "Opened at"),
    QT_TRANSLATE_NOOP("export", "Channel"), QT_TRANSLATE_NOOP("export", "Category"),
    QT_TRANSLATE_NOOP("export", "Severity"), QT_TRANSLATE_NOOP("export", "Status"),
    QT_TRANSLATE_NOOP("export", "Owner"), QT_TRANSLATE_NOOP("export", "Description"),
    QT_TRANSLATE_NOOP("export", "Response due"), QT_TRANSLATE_NOOP("export", "Resolve due"),
    QT_TRANSLATE_NOOP("export", "Resolved at"), QT_TRANSLATE_NOOP("export", "Resolution"),
    QT_TRANSLATE_NOOP("export", "Satisfaction"), QT_TRANSLATE_NOOP("export", "CRM customer id"),
    QT_TRANSLATE_NOOP("export", "CRM id"),
)


MAILING_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Name"), QT_TRANSLATE_NOOP("export", "Company"),
    QT_TRANSLATE_NOOP("export", "E-mail"), QT_TRANSLATE_NOOP("export", "Phone"),
    QT_TRANSLATE_NOOP("export", "WeChat"), QT_TRANSLATE_NOOP("export", "Owner"),
    QT_TRANSLATE_NOOP("export", "CRM id"),
)
PRODUCT_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Code"), QT_TRANSLATE_NOOP("export", "Product name"),
    QT_TRANSLATE_NOOP("export", "Unit"), QT_TRANSLATE_NOOP("export", "Unit price"),
    QT_TRANSLATE_NOOP("export", "Currency"), QT_TRANSLATE_NOOP("export", "Tax rate (%)"),
    QT_TRANSLATE_NOOP("export", "Active"),
)
"""Titles an import of products reads back in either language."""
DEAL_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Deal"), QT_TRANSLATE_NOOP("export", "Customer"),
    QT_TRANSLATE_NOOP("export", "Stage"), QT_TRANSLATE_NOOP("export", "Amount"),
    QT_TRANSLATE_NOOP("export", "Currency"), QT_TRANSLATE_NOOP("export", "Expected close"),
    QT_TRANSLATE_NOOP("export", "Owner"), QT_TRANSLATE_NOOP("export", "Source"),
    QT_TRANSLATE_NOOP("export", "Created at"),
)
