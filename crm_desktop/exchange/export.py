"""Exporting customers, orders, interactions and complaints to CSV, .xlsx or vCard.

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
* Lists for reaching people obey the do-not-contact and marketing-consent
  flags (:mod:`crm_desktop.domain.consent`): the vCard address book leaves
  out do-not-contact customers, and the ``mailing`` list holds only
  customers who agreed to marketing and are not marked do-not-contact.
  Spreadsheets of customers are records: everyone, with the flag as a column.
"""

from __future__ import annotations

import csv
from datetime import datetime, timezone, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from crm_desktop.db.database import Database
from crm_desktop.domain.consent import MARKETABLE_SQL, REACHABLE_SQL
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.services.validation import format_phone

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
KINDS = ("customers", "orders", "interactions", "complaints", "mailing")
FORMATS = (".csv", ".xlsx", ".vcf")

Translate = Callable[[str, str], str]


def neutralize(value):
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
    pass


def write_rows(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence]) -> int:
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


def _local(ts: str | None, tz: tzinfo | None) -> str:
    """A stored UTC timestamp text as local "YYYY-MM-DD HH:MM"."""
    if not ts:
        return ""
    dt = datetime.fromisoformat(ts).replace(tzinfo=timezone.utc).astimezone(tz)
    return dt.strftime("%Y-%m-%d %H:%M")


def _money(minor: int | None) -> Decimal | None:
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


def _tags(conn, customer_id: str | None = None) -> dict[str, list[str]]:
    sql = ("SELECT ct.customer_id, t.name FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id "
           "WHERE ct.deleted_stamp IS NULL AND t.deleted_stamp IS NULL")
    params: tuple = ()
    if customer_id:
        sql += " AND ct.customer_id = ?"
        params = (customer_id,)
    out: dict[str, list[str]] = {}
    for cid, name in conn.exec_driver_sql(sql + " ORDER BY t.name", params):
        out.setdefault(cid, []).append(name)
    return out


def customer_rows(conn, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[tuple]:
    """Rows for :data:`CUSTOMER_HEADERS`: live customers in name order (or just *customer_id*)."""
    tags = _tags(conn, customer_id)
    where = "deleted_stamp IS NULL" + (" AND id = ?" if customer_id else "")
    for r in conn.exec_driver_sql(
            "SELECT name, company, phone, email, address, industry, kind, owner, id, birthday, needs, notes,"
            f" external_id, do_not_contact FROM customer WHERE {where} ORDER BY name_pinyin, name, id",
            (customer_id,) if customer_id else ()):
        yield (r[0], r[1], format_phone(r[2]), r[3], r[4], r[5], r[6], r[7], ", ".join(tags.get(r[8], ())),
               r[9] or "", r[10], r[11], r[12], "yes" if r[13] else "", r[8])


def order_rows(conn, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[tuple]:
    where = "o.deleted_stamp IS NULL" + (" AND o.customer_id = ?" if customer_id else "")
    for r in conn.exec_driver_sql(
            "SELECT c.name, o.ordered_at, o.amount_minor, o.currency, o.description, o.external_ref, o.customer_id,"
            f" o.id FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE {where}"
            " ORDER BY o.ordered_at, o.id", (customer_id,) if customer_id else ()):
        yield (r[0], _local(r[1], tz), _money(r[2]), r[3], r[4], r[5], r[6], r[7])


def interaction_rows(conn, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[tuple]:
    where = "i.deleted_stamp IS NULL" + (" AND i.customer_id = ?" if customer_id else "")
    for r in conn.exec_driver_sql(
            "SELECT c.name, i.occurred_at, i.channel, i.direction, i.owner, i.summary, i.outcome, i.next_step,"
            " i.next_due_at, i.next_done, i.customer_id, i.id FROM interaction i JOIN customer c"
            f" ON c.id = i.customer_id WHERE {where} ORDER BY i.occurred_at, i.id",
            (customer_id,) if customer_id else ()):
        yield (r[0], _local(r[1], tz), r[2], r[3], r[4], r[5], r[6] or "", r[7], _local(r[8], tz),
               "yes" if (r[9] and r[8]) else "", r[10], r[11])


def complaint_rows(conn, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[tuple]:
    where = "p.deleted_stamp IS NULL" + (" AND p.customer_id = ?" if customer_id else "")
    for r in conn.exec_driver_sql(
            "SELECT c.name, p.opened_at, p.channel, p.category, p.severity, p.status, p.owner, p.description,"
            " p.response_due_at, p.resolve_due_at, p.resolved_at, p.resolution, p.satisfaction, p.customer_id, p.id"
            f" FROM complaint p JOIN customer c ON c.id = p.customer_id WHERE {where} ORDER BY p.opened_at, p.id",
            (customer_id,) if customer_id else ()):
        yield (r[0], _local(r[1], tz), r[2], r[3], r[4], r[5], r[6], r[7], _local(r[8], tz), _local(r[9], tz),
               _local(r[10], tz), r[11], r[12], r[13], r[14])


MAILING_HEADERS = (
    QT_TRANSLATE_NOOP("export", "Name"), QT_TRANSLATE_NOOP("export", "Company"),
    QT_TRANSLATE_NOOP("export", "E-mail"), QT_TRANSLATE_NOOP("export", "Phone"),
    QT_TRANSLATE_NOOP("export", "WeChat"), QT_TRANSLATE_NOOP("export", "Owner"),
    QT_TRANSLATE_NOOP("export", "CRM id"),
)


def mailing_rows(conn, tz: tzinfo | None = None, customer_id: str | None = None) -> Iterator[tuple]:
    """Rows for :data:`MAILING_HEADERS`: live customers who agreed to marketing and may be contacted."""
    for r in conn.exec_driver_sql(
            "SELECT name, company, email, phone, wechat, owner, id FROM customer "
            f"WHERE deleted_stamp IS NULL AND {MARKETABLE_SQL} ORDER BY name_pinyin, name, id"):
        yield (r[0], r[1], r[2], format_phone(r[3]), r[4], r[5], r[6])


SOURCES = {
    "customers": (CUSTOMER_HEADERS, customer_rows),
    "mailing": (MAILING_HEADERS, mailing_rows),
    "orders": (ORDER_HEADERS, order_rows),
    "interactions": (INTERACTION_HEADERS, interaction_rows),
    "complaints": (COMPLAINT_HEADERS, complaint_rows),
}


def export(db: Database, kind: str, path: str | Path, *, translate: Translate | None = None,
           tz: tzinfo | None = None, vcard_version: str = "3.0") -> int:
    """Export every live row of *kind* (customers, orders, interactions, complaints) to *path*.

    The format follows the suffix: .csv, .xlsx, or .vcf (customers only).
    The file is written next to its final name and renamed into place, so a
    failure never leaves half a file under the name the user chose.
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
    tmp = p.with_name(p.name + ".part" + p.suffix)
    try:
        with db.engine.connect() as conn:
            if suffix == ".vcf":
                n = _write_vcf(conn, tmp, vcard_version, MARKETABLE_SQL if kind == "mailing" else REACHABLE_SQL)
            else:
                headers, source = SOURCES[kind]
                n = write_rows(tmp, [tx("export", h) for h in headers], source(conn, tz))
        tmp.replace(p)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(QT_TRANSLATE_NOOP("errors", "Cannot write “{path}”: {detail}"),
                          path=str(p), detail=exc.strerror or str(exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _write_vcf(conn, path: Path, version: str, rule: str = REACHABLE_SQL) -> int:
    """An address book of the live customers who may be reached (*rule*: SQL on the customer table)."""
    from crm_desktop.exchange.vcard import CardData, write_vcards

    tags = _tags(conn)

    def cards():
        for r in conn.exec_driver_sql(
                "SELECT id, name, company, phone, email, address, birthday, notes FROM customer "
                f"WHERE deleted_stamp IS NULL AND {rule} ORDER BY name_pinyin, name, id"):
            yield CardData(uid=r[0], name=r[1], company=r[2], phone=r[3], email=r[4], address=r[5],
                           birthday=r[6] or "", notes=r[7], tags=tuple(tags.get(r[0], ())))

    return write_vcards(path, cards(), version)
