"""Importing orders from CSV or .xlsx: preview first, then all or nothing.

Columns (recognised by their titles in English or Chinese,
:mod:`crm_desktop.exchange.order_columns`): the customer reference (external
id, phone, e-mail or name — tried in that order), the date, the amount, the
currency (CNY when blank) and a description; optionally an order number.  A
name matches the way the duplicate finder compares names
(:func:`crm_desktop.services.dedupe.name_key`: "张 伟" is 张伟).  :meth:`OrdersImporter.prepare` reads nothing into the
database: it resolves every row and returns an :class:`OrdersPlan` with the
rows that would be imported and every problem by the row's number in the file
(bad date, negative or non-numeric amount, unknown or ambiguous customer).
:meth:`OrdersImporter.run` refuses a plan with problems and otherwise writes
every order in one transaction with ``executemany`` (100k orders in a few
seconds), recording a :class:`~crm_desktop.db.models.ChangeBatch` (kind
``import_orders``) that lists the new ids so :meth:`undo` can take it back.

Why all or nothing: a half-imported order file cannot be re-imported without
doubling the orders that did go in, and orders feed the value scores.

``create_missing``: an unknown reference creates a customer named after it
(with the phone or e-mail filled in when the reference is one); all rows with
the same reference (by that name key) go to that one new customer.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

from crm_desktop.db import imports as q
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.sync import new_id
from crm_desktop.db.timeline import customer_reference_keys
from crm_desktop.db.types import ts_text
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError, ValidationError
from crm_desktop.domain.people import person_key
from crm_desktop.domain.text import name_columns
from crm_desktop.exchange.order_columns import order_mapping, parse_order_time
from crm_desktop.exchange.tabular import read_table
from crm_desktop.services import owners
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.dedupe import name_key
from crm_desktop.services.imports.plan import RowIssue
from crm_desktop.services.imports.rows import fast_phone
from crm_desktop.services.orders import AMOUNT_MESSAGES, AmountError, normalize_currency, parse_amount
from crm_desktop.services.validation import normalize_phone

ProgressFn = Callable[[int, int], None]
Translate = Callable[..., str]

class OrdersFileError(UserError):
    """The file as a whole cannot be imported (one sentence)."""


@dataclass(frozen=True, slots=True)
class PreparedOrder:
    """A row ready to import: ``customer_id`` the matched customer, or None with ``new_ref`` the
    reference of a customer to create; ``matched_by`` "external_id", "phone", "email", "name" or "new"."""

    row: int
    reference: str
    customer_id: str | None
    new_ref: str | None
    matched_by: str
    ordered_at: datetime
    amount_minor: int
    currency: str
    description: str
    external_ref: str


@dataclass
class OrdersPlan:
    """What an import would do.  ``rows`` valid rows; ``issues`` problems by row (any issue blocks the
    import); ``total`` data rows read; ``new_customers`` references that would become customers."""

    rows: list[PreparedOrder]
    issues: list[RowIssue]
    total: int
    new_customers: list[str]
    headers: list[str]
    mapping: dict[str, int]
    source: str = ""

    @property
    def ok(self) -> bool:
        return not self.issues and bool(self.rows)


@dataclass(frozen=True)
class OrdersImportResult:
    """What an import wrote: ``orders`` and ``customers`` added, and the ChangeBatch id that undoes it."""

    orders: int
    customers: int
    batch_id: str

    @property
    def changes(self) -> Changes:
        """What the import wrote: orders, and the customers it made, anyone's."""
        return Changes.of(Kind.ORDER, *((Kind.CUSTOMER,) if self.customers else ()), customers=None)


class PlanHasProblems(UserError):
    def __init__(self, count: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "{count} rows have problems; nothing was imported. Correct the file and try again."),
            count=count)


class NothingToImport(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "The file has no orders to import."))


class NoSuchImport(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "There is no order import to undo."))


# --- resolving customer references -------------------------------------------------------------------------------

_PHONE_CHARS = re.compile(r"^\+?[\d\s\-()]{7,}$")


@lru_cache(maxsize=200_000)
def _phone_key(ref: str) -> str | None:
    """E.164 form of a reference that looks like a phone number, read as a customer sheet's phone is (the
    fast path for mainland mobiles, else phonenumbers); None when it is none."""
    if not _PHONE_CHARS.match(ref):
        return None
    fast = fast_phone(ref)
    if fast:
        return fast
    try:
        return normalize_phone(ref) or None
    except ValidationError:
        return None


class _Resolver:
    """Customer references → ids, from one scan of the customer table (see module docstring)."""

    def __init__(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.rows = rows
        self.by: dict[str, dict[str, list[str]]] = {"external_id": {}, "phone": {}, "email": {}}
        for cid, ext, phone, email, _name in rows:
            if ext:
                self.by["external_id"].setdefault(ext.strip(), []).append(cid)
            if phone:
                self.by["phone"].setdefault(phone, []).append(cid)
            if email:
                self.by["email"].setdefault(email.casefold(), []).append(cid)

    def _names(self) -> dict[str, list[str]]:
        """Name keys are built on the first lookup by name (files keyed by id or phone never pay for it)."""
        names = self.by.get("name")
        if names is None:
            names = self.by["name"] = {}
            for cid, _ext, _phone, _email, name in self.rows:
                if name:
                    names.setdefault(name_key(name), []).append(cid)
        return names

    def resolve(self, ref: str) -> tuple[str, list[str]]:
        """(matched_by, ids); ids empty when nothing matches."""
        ids = self.by["external_id"].get(ref)
        if ids:
            return "external_id", ids
        if "@" in ref:
            ids = self.by["email"].get(ref.casefold())
            if ids:
                return "email", ids
        phone = _phone_key(ref)
        if phone:
            ids = self.by["phone"].get(phone)
            if ids:
                return "phone", ids
        ids = self._names().get(name_key(ref))
        if ids:
            return "name", ids
        return "", []



def read_orders_table(path: str | os.PathLike[str], encoding: str | None = None
                      ) -> tuple[list[str], list[list[str]], list[int], set[int]]:
    """(headers, rows, row numbers, numbers of rows with a cell too long) of a CSV/TSV/.xlsx file."""
    table = read_table(Path(path), encoding)
    bad = {table.row_numbers[i] for i in table.bad_rows}
    return table.headers, table.rows, table.row_numbers, bad


NEW_CUSTOMER_COLUMNS = ("id", "created_stamp", "stamp", "kind", "name", "name_pinyin", "name_initials", "company",
                        "phone", "email", "address", "industry", "consent_marketing", "do_not_contact", "owner",
                        "needs", "notes", "external_id", "created_at", "updated_at")
"""Columns of the customers an import with ``create_missing`` makes from unknown references."""


@dataclass
class _Rows:
    """Checking the rows of one file against one scan of the book's customers."""

    mapping: dict[str, int]
    resolver: _Resolver
    tz: tzinfo
    latest: datetime
    create_missing: bool
    out: list[PreparedOrder] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    new_refs: dict[str, str] = field(default_factory=dict)

    def check(self, n: int, cells: Sequence[str]) -> None:
        """Check one non-empty row; a row without problems is kept."""
        m = self.mapping
        cur_i, desc_i, ref_i = m.get("currency"), m.get("description"), m.get("external_ref")
        ref = unicodedata.normalize("NFKC", cells[m["customer"]] or "").strip()
        before = len(self.issues)
        currency_raw = cells[cur_i] if cur_i is not None else ""
        currency = normalize_currency(currency_raw)
        if currency is None:
            self._issue(n, "currency", QT_TRANSLATE_NOOP(
                "errors", "“{value}” is not a currency code such as CNY or USD."), value=currency_raw)
            currency = "CNY"
        ordered = self._date(n, (cells[m["date"]] or "").strip())
        amount_raw = (cells[m["amount"]] or "").strip()
        amount = 0
        try:
            amount = parse_amount(amount_raw, currency)
        except AmountError as exc:
            self._issue(n, "amount", AMOUNT_MESSAGES[exc.reason], value=amount_raw, currency=currency)
        customer_id, new_ref, matched_by = self._customer(n, ref)
        if len(self.issues) == before and ordered is not None:
            self.out.append(PreparedOrder(
                n, ref, customer_id, new_ref, matched_by, ordered, amount, currency,
                (cells[desc_i] or "").strip() if desc_i is not None else "",
                (cells[ref_i] or "").strip()[:100] if ref_i is not None else ""))

    def _issue(self, n: int, column: str, message: str, **params: Any) -> None:
        self.issues.append(RowIssue(n, column, message, params))

    def _date(self, n: int, raw: str) -> datetime | None:
        ordered = parse_order_time(raw, self.tz)
        if ordered is None:
            self._issue(n, "date", QT_TRANSLATE_NOOP("errors", "“{value}” is not a date."), value=raw)
        elif ordered > self.latest:
            self._issue(n, "date", QT_TRANSLATE_NOOP("errors", "The date “{value}” is in the future."), value=raw)
            return None
        return ordered

    def _customer(self, n: int, ref: str) -> tuple[str | None, str | None, str]:
        """(customer id, reference of a customer to make, matched by) for the reference *ref*."""
        if not ref:
            self._issue(n, "customer", QT_TRANSLATE_NOOP("errors", "The customer is missing."))
            return None, None, ""
        matched_by, ids = self.resolver.resolve(ref)
        if len(ids) == 1:
            return ids[0], None, matched_by
        if len(ids) > 1:
            self._issue(n, "customer", QT_TRANSLATE_NOOP(
                "errors", "“{value}” matches {count} customers; use the external id, phone or e-mail."),
                value=ref, count=len(ids))
        elif self.create_missing:
            return None, self.new_refs.setdefault(name_key(ref), ref), "new"
        else:
            self._issue(n, "customer", QT_TRANSLATE_NOOP("errors", "No customer matches “{value}”."), value=ref)
        return None, None, matched_by


class OrdersImporter:
    """Prepares and runs order imports against ``ctx.db``."""

    def __init__(self, ctx: ServiceContext, tz: tzinfo | None = None) -> None:
        self.ctx = ctx
        self.tz = tz or datetime.now().astimezone().tzinfo or UTC

    def prepare_file(self, path: str | os.PathLike[str], *, create_missing: bool = False,
                     encoding: str | None = None) -> OrdersPlan:
        """:meth:`prepare` for a CSV/TSV/.xlsx file; a cell too long to import is a problem of its row."""
        headers, rows, numbers, bad = read_orders_table(path, encoding)
        plan = self.prepare(headers, rows, numbers, create_missing=create_missing)
        for n in sorted(bad):
            plan.issues.append(RowIssue(n, "", QT_TRANSLATE_NOOP("errors", "A cell is too long to import.")))
        plan.issues.sort(key=lambda i: i.row)
        plan.source = str(path)
        return plan

    def prepare(self, headers: Sequence[str], rows: Sequence[Sequence[str]], row_numbers: Sequence[int] | None = None,
                *, create_missing: bool = False) -> OrdersPlan:
        """Resolve and check every row; nothing is written."""
        mapping = order_mapping(headers)
        if any(f not in mapping for f in ("customer", "date", "amount")):
            raise OrdersFileError(QT_TRANSLATE_NOOP(
                "errors", "The file needs a customer column, a date column and an amount column "
                          "(found: {headers})."), headers=", ".join(headers) or "-")
        numbers = list(row_numbers) if row_numbers is not None else list(range(2, len(rows) + 2))
        with self.ctx.db.bulk() as raw:
            resolver = _Resolver(customer_reference_keys(raw))
        checked = _Rows(mapping, resolver, self.tz, self.ctx.now() + timedelta(days=1), create_missing)
        total = 0
        for cells, n in zip(rows, numbers):
            if any((c or "").strip() for c in cells):
                total += 1
                checked.check(n, cells)
        return OrdersPlan(checked.out, checked.issues, total, list(checked.new_refs.values()), list(headers),
                          mapping)

    def run(self, plan: OrdersPlan, progress: ProgressFn | None = None) -> OrdersImportResult:
        """Write the plan in one transaction (all or nothing); refuses a plan with problems."""
        if plan.issues:
            raise PlanHasProblems(len({i.row for i in plan.issues}))
        if not plan.rows:
            raise NothingToImport()
        now_txt, stamp, user = ts_text(self.ctx.now()), self.ctx.stamp(), self.ctx.user
        new_ids = {name_key(ref): new_id() for ref in plan.new_customers}
        mine = self.ctx.person_id if person_key(user) else ""  # new customers are mine (a person id)
        customer_rows = []
        for ref in plan.new_customers:
            phone = _phone_key(ref) or ""
            email = ref if ("@" in ref and not phone) else ""
            customer_rows.append((new_ids[name_key(ref)], stamp, stamp, "person", ref, *name_columns(ref), "", phone,
                                  email, "", "", 0, 0, mine, "", "", "", now_txt, now_txt))
        order_rows = [(new_id(), stamp, stamp, r.customer_id or new_ids[name_key(r.new_ref or "")],
                       ts_text(r.ordered_at), r.amount_minor, r.currency, r.description, r.external_ref)
                      for r in plan.rows]
        total = len(order_rows)
        batch_id = new_id()
        payload = json.dumps({"sales_order": [o[0] for o in order_rows], "customer": [c[0] for c in customer_rows],
                              "source": plan.source}, ensure_ascii=False)
        # rows in primary-key order turn random B-tree inserts into appends; a big page cache while
        # writing keeps the customer/time index in memory (as the demo generator does)
        order_rows.sort()
        with sqlite_errors_as_sentences(self.ctx.db.path), self.ctx.db.writing() as tx, q.big_cache(tx, 262_144):
            if customer_rows:
                owners.me(tx, self.ctx.person_id, user, stamp)
                q.insert(tx, "customer", NEW_CUSTOMER_COLUMNS, customer_rows)
                q.reindex(tx, [c[0] for c in customer_rows])
            chunk = 20_000
            for start in range(0, total, chunk):
                q.insert(tx, "sales_order", q.ORDER_COLUMNS, order_rows[start:start + chunk])
                if progress:
                    progress(min(start + chunk, total), total)
            q.record_batch(tx, batch_id, "import_orders", now_txt, user,
                           f"{total} orders, {len(customer_rows)} new customers", payload)
        return OrdersImportResult(total, len(customer_rows), batch_id)

    def undo(self, batch_id: str) -> int:
        """Tombstone the orders and customers an import added (one transaction); returns orders removed."""
        stamp = self.ctx.stamp()
        with sqlite_errors_as_sentences(self.ctx.db.path), self.ctx.db.writing() as tx:
            payload = q.batch_payload(tx, batch_id, "import_orders")
            if payload is None:
                raise NoSuchImport()
            found = json.loads(payload)
            removed = q.tombstone(tx, "sales_order", found.get("sales_order", []), stamp)
            q.tombstone(tx, "customer", found.get("customer", []), stamp)
            q.mark_undone(tx, batch_id, ts_text(self.ctx.now()))
        return removed
