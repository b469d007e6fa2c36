"""Exporting customers, orders, interactions and complaints to CSV, .xlsx or vCard.

The rows come from :mod:`crm_desktop.db.export`, are shaped here (local times,
amounts as numbers, mainland phones in their national form, which needs no
apostrophe and imports back unchanged) and written by
:mod:`crm_desktop.exchange.export` (CSV for Excel, .xlsx, formula injection
neutralised) or :mod:`crm_desktop.exchange.vcard`; follow-ups go to an
iCalendar file with :func:`write_calendar` (:mod:`crm_desktop.exchange.ical`).

A customer export may carry today's scores (segment, value decile, lifecycle, expected value, P(active),
R, F, M — the columns of the list and of ``crm-desktop scores``) when the caller passes them in.

Lists for reaching people obey the do-not-contact and marketing-consent
flags (:mod:`crm_desktop.domain.consent`): the vCard address book leaves out
do-not-contact customers, and the ``mailing`` list holds only customers who
agreed to marketing and are not marked do-not-contact.  Spreadsheets of
customers are records: everyone, with the flag as a column.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator, Mapping
from datetime import tzinfo
from pathlib import Path
from typing import Any

from crm_desktop.db import export as q
from crm_desktop.db import products as product_queries
from crm_desktop.db import settings as team
from crm_desktop.db.database import Database, Tx
from crm_desktop.domain import deals as deal_rules
from crm_desktop.domain.calllist import STAGE_TEMPLATES
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP
from crm_desktop.domain.products import format_rate
from crm_desktop.exchange.export import (
    COMPLAINT_HEADERS,
    CUSTOMER_HEADERS,
    DEAL_HEADERS,
    FORMATS,
    INTERACTION_HEADERS,
    MAILING_HEADERS,
    ORDER_HEADERS,
    PRODUCT_HEADERS,
    ExportError,
    Translate,
    local_time,
    money,
    write_rows,
)
from crm_desktop.exchange.ical import CalendarItem, write_calendar
from crm_desktop.exchange.vcard import CardData, write_vcards
from crm_desktop.services.validation import format_phone

__all__ = ["SOURCES", "export", "write_calendar", "CalendarItem", "customer_rows", "order_rows",
           "interaction_rows", "complaint_rows", "mailing_rows", "product_rows", "deal_rows", "write_table"]

Row = tuple[Any, ...]
Rows = Callable[[Tx, "tzinfo | None", "str | None"], Iterator[Row]]


def customer_rows(conn: Tx, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[Row]:
    """Rows for :data:`~crm_desktop.exchange.export.CUSTOMER_HEADERS`: live customers in name order (or just
    *customer_id*)."""
    tags = q.tags_by_customer(conn, customer_id)
    for r in q.customers(conn, customer_id):
        yield (r[0], r[1], format_phone(r[2]), r[3], r[4], r[5], r[6], r[7], ", ".join(tags.get(r[8], ())),
               r[9] or "", r[10], r[11], r[12], "yes" if r[13] else "", r[8])


def order_rows(conn: Tx, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[Row]:
    for r in q.orders(conn, customer_id):
        yield (r[0], local_time(r[1], tz), money(r[2]), r[3], r[4], r[5], r[6], r[7])


def interaction_rows(conn: Tx, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[Row]:
    for r in q.interactions(conn, customer_id):
        yield (r[0], local_time(r[1], tz), r[2], r[3], r[4], r[5], r[6] or "", r[7], local_time(r[8], tz),
               "yes" if (r[9] and r[8]) else "", r[10], r[11])


def complaint_rows(conn: Tx, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[Row]:
    for r in q.complaints(conn, customer_id):
        yield (r[0], local_time(r[1], tz), r[2], r[3], r[4], r[5], r[6], r[7], local_time(r[8], tz),
               local_time(r[9], tz), local_time(r[10], tz), r[11], r[12], r[13], r[14])


def mailing_rows(conn: Tx, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[Row]:
    """Rows for :data:`~crm_desktop.exchange.export.MAILING_HEADERS`: live customers who agreed to marketing
    and may be contacted."""
    for r in q.mailing(conn):
        yield (r[0], r[1], r[2], format_phone(r[3]), r[4], r[5], r[6])


def product_rows(conn: Tx, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[Row]:
    """Rows for :data:`~crm_desktop.exchange.export.PRODUCT_HEADERS`: live products by code (the tax rate as
    the percent typed, "no" for a deactivated one), which an import of products reads back."""
    for r in product_queries.export_products(conn):
        yield (r.code, r.name, r.unit, money(r.price_minor), r.currency, format_rate(r.tax_bp),
               "" if r.active else "no")


def deal_rows(conn: Tx, tz: tzinfo | None = None, translate: Translate | None = None) -> Iterator[Row]:
    """Rows for :data:`~crm_desktop.exchange.export.DEAL_HEADERS`: live deals of live customers, oldest first,
    each stage by the name the team gave it (the default names translated by *translate*)."""
    stages = deal_rules.stages_from_json(team.read_settings(conn, "deals.").get("stages")) or deal_rules.DEFAULT_STAGES
    names = {s.key: s.label(translate) for s in stages}
    for r in product_queries.export_deals(conn):
        yield (r[0], r[1], names.get(r[2], r[2]), money(r[3]), r[4], str(r[5] or "")[:10], r[6], r[7],
               local_time(r[8], tz))


SCORE_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Segment"), QT_TRANSLATE_NOOP("export", "Value decile"),
    QT_TRANSLATE_NOOP("export", "Lifecycle"), QT_TRANSLATE_NOOP("export", "Expected value"),
    QT_TRANSLATE_NOOP("export", "P(active) %"), QT_TRANSLATE_NOOP("export", "RFM: recency (1–5)"),
    QT_TRANSLATE_NOOP("export", "RFM: frequency (1–5)"), QT_TRANSLATE_NOOP("export", "RFM: monetary (1–5)"),
)
"""Columns a customer export gains with today's scores (empty for customers without orders)."""
SEGMENT_LABELS = {"MVC": "MVC", "MGC": "MGC", "BZ": "BZ", "migrator": QT_TRANSLATE_NOOP("export", "Migrator")}


def score_values(cells: Any, tx: Translate) -> tuple[Any, ...]:
    """The :data:`SCORE_HEADERS` cells of one customer's :class:`~crm_desktop.services.insight.ScoreCells`
    (None: not scored — created after today's run)."""
    if cells is None:
        return ("",) * len(SCORE_HEADERS)
    stage = tx("calllist", STAGE_TEMPLATES[cells.stage]) if cells.stage in STAGE_TEMPLATES else cells.stage
    if not cells.recency:  # a prospect: no orders, so nothing but the stage
        return ("", "", stage, "", "", "", "", "")
    segment = SEGMENT_LABELS.get(cells.segment, cells.segment)
    return (tx("export", segment) if segment else "", cells.decile, stage, money(int(round(cells.expected_value))),
            round(100.0 * cells.p_alive, 1), cells.recency, cells.frequency, cells.monetary)


SOURCES: dict[str, tuple[tuple[str, ...], Rows]] = {
    "customers": (CUSTOMER_HEADERS, customer_rows),
    "mailing": (MAILING_HEADERS, mailing_rows),
    "orders": (ORDER_HEADERS, order_rows),
    "interactions": (INTERACTION_HEADERS, interaction_rows),
    "complaints": (COMPLAINT_HEADERS, complaint_rows),
    "products": (PRODUCT_HEADERS, product_rows),
    "deals": (DEAL_HEADERS, lambda conn, tz, _cid: deal_rows(conn, tz)),
}
"""Kind of export → (its column titles, its rows)."""


def export(db: Database, kind: str, path: str | Path, *, translate: Translate | None = None,
           tz: tzinfo | None = None, vcard_version: str = "3.0", scores: Mapping[str, Any] | None = None) -> int:
    """Export every live row of *kind* (customers, orders, interactions, complaints, mailing, products, deals)
    to *path*;
    customers with today's *scores* (id → :class:`~crm_desktop.services.insight.ScoreCells`) when given.

    The format follows the suffix: .csv, .xlsx, or .vcf (customers and the mailing list only).  The file
    is written next to its final name and renamed into place, so a failure never leaves half a file under
    the name the user chose.
    """
    if kind not in SOURCES:
        raise ValueError(kind)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in FORMATS or (suffix == ".vcf" and kind not in ("customers", "mailing")):
        raise ExportError(QT_TRANSLATE_NOOP(
            "errors", "Export to “{suffix}” files is not supported for {kind}; use .csv or .xlsx."),
            suffix=p.suffix or p.name, kind=kind)
    tx = translate or (lambda _c, t: t)

    def write(tmp: Path) -> int:
        with db.reading() as conn:
            if suffix == ".vcf":
                return write_vcards(tmp, _cards(conn, marketing=kind == "mailing"), vcard_version)
            headers, source = SOURCES[kind]
            rows = deal_rows(conn, tz, tx) if kind == "deals" else source(conn, tz, None)
            if kind == "customers" and scores is not None:  # the customer's id is the last column
                headers = (*headers, *SCORE_HEADERS)
                rows = (row + score_values(scores.get(row[-1]), tx) for row in rows)
            return write_rows(tmp, [tx("export", h) for h in headers], rows)

    return _into_place(p, write)


def _into_place(p: Path, write: Callable[[Path], int]) -> int:
    """*write* the file next to *p* and rename it into place (a failure leaves no half file under that name;
    a full disk or a missing folder is one sentence); returns what *write* returned."""
    tmp = p.with_name(p.name + ".part" + p.suffix)
    try:
        n = write(tmp)
        tmp.replace(p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(QT_TRANSLATE_NOOP("errors", "Cannot write “{path}”: {detail}"),
                          path=str(p), detail=exc.strerror or str(exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def write_table(path: str | Path, headers: list[str], rows: list[list[Any]]) -> int:
    """A table already shaped by its caller (a dashboard chart's data) to .csv or .xlsx, written beside its
    final name and renamed into place like :func:`export`; returns the row count."""
    p = Path(path)
    if p.suffix.lower() not in (".csv", ".xlsx"):
        raise ExportError(QT_TRANSLATE_NOOP(
            "errors", "Export to “{suffix}” files is not supported; use .csv or .xlsx."), suffix=p.suffix or p.name)
    if not p.parent.is_dir():
        raise ExportError(QT_TRANSLATE_NOOP("errors", "Cannot write “{path}”: {detail}"), path=str(p),
                          detail=os.strerror(errno.ENOENT))
    return _into_place(p, lambda tmp: write_rows(tmp, headers, rows))


def _cards(conn: Tx, *, marketing: bool) -> Iterator[CardData]:
    """An address book of the live customers who may be reached (see the module docstring)."""
    tags = q.tags_by_customer(conn)
    for r in q.cards(conn, marketing=marketing):
        yield CardData(uid=r[0], name=r[1], company=r[2], phone=r[3], email=r[4], address=r[5],
                       birthday=r[6] or "", notes=r[7], tags=tuple(tags.get(r[0], ())))
