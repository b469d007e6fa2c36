"""Importing orders from CSV or .xlsx: preview first, then all or nothing.

Columns (recognised by their titles in English or Chinese): the customer
reference (external id, phone, e-mail or name — tried in that order), the
date, the amount, the currency (CNY when blank) and a description; optionally
an order number.  :meth:`OrdersImporter.prepare` reads nothing into the
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
the same reference go to that one new customer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

from crm_desktop.db.bulk import insert_many, tombstone_many
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.sync import new_id
from crm_desktop.db.timeline import customer_reference_keys
from crm_desktop.db.types import ts_text
from crm_desktop.domain.errors import format_message, QT_TRANSLATE_NOOP, UserError, ValidationError
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.orders import AMOUNT_MESSAGES, AmountError, normalize_currency, parse_amount
from crm_desktop.domain.text import pinyin_keys, search_texts

ProgressFn = Callable[[int, int], None]

FIELDS = ("customer", "date", "amount", "currency", "description", "external_ref")

HEADER_ALIASES = {
    "customer": ("customer", "customer reference", "customer ref", "customer id", "customer name", "client",
                 "external id", "reference", "客户", "客户名称", "客户名", "客户编号", "客户编码", "客户号", "客户参考",
                 "客户手机", "客户电话", "客户邮箱", "name", "姓名", "名称", "phone", "mobile", "电话", "手机",
                 "手机号", "email", "e-mail", "邮箱", "电子邮件"),
    "date": ("date", "order date", "ordered at", "ordered_at", "time", "日期", "下单日期", "订单日期", "下单时间",
             "订单时间", "时间", "成交日期"),
    "amount": ("amount", "total", "sum", "value", "price", "金额", "订单金额", "总额", "总金额", "合计", "价格", "成交金额"),
    "currency": ("currency", "ccy", "币种", "货币", "币别"),
    "description": ("description", "item", "items", "product", "products", "what", "note", "notes", "商品", "产品",
                    "描述", "说明", "备注", "内容", "购买内容"),
    "external_ref": ("order no", "order number", "order id", "order ref", "invoice", "订单号", "订单编号", "单号",
                     "发票号"),
}


def _norm_header(h: str) -> str:
    return re.sub(r"[\s_\-.:：]+", " ", unicodedata.normalize("NFKC", h or "").strip().casefold()).strip()


_ALIAS_INDEX = {_norm_header(a): f for f, names in HEADER_ALIASES.items() for a in names}


def auto_mapping(headers: Sequence[str]) -> dict[str, int]:
    """{field: column index} from the header titles; the first column claiming a field wins."""
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        f = _ALIAS_INDEX.get(_norm_header(h))
        if f and f not in found:
            found[f] = i
    return found


class OrdersFileError(UserError):
    """The file as a whole cannot be imported (one sentence)."""


@dataclass
class RowIssue:
    """A problem with one row: ``row`` its number in the file; ``message`` an English template (context
    "errors") with ``params``.  Shown as "row N: …"."""

    row: int
    field: str
    message: str
    params: dict = field(default_factory=dict)

    def text(self, translate=None) -> str:
        return format_message(self.message, self.params, translate)


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


# --- parsing cells -----------------------------------------------------------------
_DATE_RE = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_order_time(raw: str, tz: tzinfo) -> datetime | None:
    """An aware UTC datetime from "2024-05-01", "2024/5/1 14:30", "2024年5月1日", "20240501" or ISO with an
    offset; a date without a time means local midnight in *tz*.  None when it is not a date."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    m = _DATE_RE.match(text)
    try:
        if m:
            y, mo, d, hh, mm, ss, off = m.groups()
            local = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
            if off:
                off = "+00:00" if off == "Z" else off
                return datetime.fromisoformat(local.isoformat() + (off if ":" in off else off[:3] + ":" + off[3:])
                                              ).astimezone(timezone.utc)
            return local.replace(tzinfo=tz).astimezone(timezone.utc)
        m = _COMPACT_DATE_RE.match(text)
        if m:
            return datetime.combine(datetime(int(m[1]), int(m[2]), int(m[3])).date(), time(), tz).astimezone(
                timezone.utc)
    except ValueError:
        return None
    return None


_PHONE_CHARS = re.compile(r"^\+?[\d\s\-()]{7,}$")


@lru_cache(maxsize=200_000)
def _phone_key(ref: str) -> str | None:
    """E.164 form of a reference that looks like a phone number (fast path for CN mobiles), else None."""
    if not _PHONE_CHARS.match(ref):
        return None
    digits = re.sub(r"[^\d+]", "", ref)
    if re.fullmatch(r"1\d{10}", digits):
        return "+86" + digits
    if re.fullmatch(r"\+\d{8,15}", digits) and digits.startswith("+861") and len(digits) == 14:
        return digits
    from crm_desktop.services.validation import normalize_phone

    try:
        return normalize_phone(ref) or None
    except ValidationError:
        return None


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name or "").strip().casefold()


class _Resolver:
    """Customer references → ids, from one scan of the customer table (see module docstring)."""

    def __init__(self, rows: list[tuple]) -> None:
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
                    names.setdefault(_name_key(name), []).append(cid)
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
        ids = self._names().get(_name_key(ref))
        if ids:
            return "name", ids
        return "", []


def read_orders_table(path, encoding: str | None = None):
    """(headers, rows, row numbers) of a CSV/TSV/.xlsx file, read with the shared tabular reader."""
    from crm_desktop.exchange.tabular import read_table

    table = read_table(Path(path), encoding)
    bad = {table.row_numbers[i] for i in getattr(table, "bad_rows", set())}
    return table.headers, table.rows, table.row_numbers, bad


class OrdersImporter:
    """Prepares and runs order imports against ``ctx.db``."""

    def __init__(self, ctx: ServiceContext, tz: tzinfo | None = None) -> None:
        self.ctx = ctx
        self.tz = tz or datetime.now().astimezone().tzinfo or timezone.utc

    def prepare_file(self, path, *, create_missing: bool = False, encoding: str | None = None) -> OrdersPlan:
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
        mapping = auto_mapping(headers)
        missing = [f for f in ("customer", "date", "amount") if f not in mapping]
        if missing:
            raise OrdersFileError(QT_TRANSLATE_NOOP(
                "errors", "The file needs a customer column, a date column and an amount column "
                          "(found: {headers})."), headers=", ".join(headers) or "-")
        numbers = list(row_numbers) if row_numbers is not None else list(range(2, len(rows) + 2))
        with self.ctx.db.raw_connection() as raw:
            resolver = _Resolver(customer_reference_keys(raw))
        latest = self.ctx.now() + timedelta(days=1)
        c_i, d_i, a_i = mapping["customer"], mapping["date"], mapping["amount"]
        cur_i, desc_i, ref_i = mapping.get("currency"), mapping.get("description"), mapping.get("external_ref")
        out: list[PreparedOrder] = []
        issues: list[RowIssue] = []
        new_refs: dict[str, str] = {}
        tz = self.tz
        for cells, n in zip(rows, numbers):
            if not any((c or "").strip() for c in cells):
                continue
            row_ok = True
            ref = unicodedata.normalize("NFKC", cells[c_i] or "").strip()
            date_raw = (cells[d_i] or "").strip()
            amount_raw = (cells[a_i] or "").strip()
            currency_raw = cells[cur_i] if cur_i is not None else ""
            currency = normalize_currency(currency_raw)
            if currency is None:
                issues.append(RowIssue(n, "currency", QT_TRANSLATE_NOOP(
                    "errors", "“{value}” is not a currency code such as CNY or USD."), {"value": currency_raw}))
                row_ok, currency = False, "CNY"
            ordered = parse_order_time(date_raw, tz)
            if ordered is None:
                issues.append(RowIssue(n, "date", QT_TRANSLATE_NOOP("errors", "“{value}” is not a date."),
                                       {"value": date_raw}))
                row_ok = False
            elif ordered > latest:
                issues.append(RowIssue(n, "date", QT_TRANSLATE_NOOP("errors", "The date “{value}” is in the future."),
                                       {"value": date_raw}))
                row_ok = False
            amount = 0
            try:
                amount = parse_amount(amount_raw, currency)
            except AmountError as exc:
                issues.append(RowIssue(n, "amount", AMOUNT_MESSAGES[exc.reason],
                                       {"value": amount_raw, "currency": currency}))
                row_ok = False
            customer_id, new_ref, matched_by = None, None, ""
            if not ref:
                issues.append(RowIssue(n, "customer", QT_TRANSLATE_NOOP("errors", "The customer is missing.")))
                row_ok = False
            else:
                matched_by, ids = resolver.resolve(ref)
                if len(ids) == 1:
                    customer_id = ids[0]
                elif len(ids) > 1:
                    issues.append(RowIssue(n, "customer", QT_TRANSLATE_NOOP(
                        "errors", "“{value}” matches {count} customers; use the external id, phone or e-mail."),
                        {"value": ref, "count": len(ids)}))
                    row_ok = False
                elif create_missing:
                    new_ref = new_refs.setdefault(_name_key(ref), ref)
                    matched_by = "new"
                else:
                    issues.append(RowIssue(n, "customer", QT_TRANSLATE_NOOP(
                        "errors", "No customer matches “{value}”."), {"value": ref}))
                    row_ok = False
            if row_ok:
                out.append(PreparedOrder(
                    n, ref, customer_id, new_ref, matched_by, ordered, amount, currency,
                    (cells[desc_i] or "").strip() if desc_i is not None else "",
                    (cells[ref_i] or "").strip()[:100] if ref_i is not None else ""))
        total = sum(1 for cells in rows if any((c or "").strip() for c in cells))
        return OrdersPlan(out, issues, total, list(new_refs.values()), list(headers), mapping)

    def run(self, plan: OrdersPlan, progress: ProgressFn | None = None) -> OrdersImportResult:
        """Write the plan in one transaction (all or nothing); refuses a plan with problems."""
        if plan.issues:
            raise PlanHasProblems(len({i.row for i in plan.issues}))
        if not plan.rows:
            raise NothingToImport()
        now = self.ctx.now()
        now_txt = ts_text(now)
        stamp = self.ctx.stamp()
        user = self.ctx.user
        new_ids = {_name_key(ref): new_id() for ref in plan.new_customers}
        customer_rows, search_rows = [], []
        for ref in plan.new_customers:
            cid = new_ids[_name_key(ref)]
            phone = _phone_key(ref) or ""
            email = ref if ("@" in ref and not phone) else ""
            full, initials = pinyin_keys(ref)
            customer_rows.append((cid, stamp, stamp, "person", ref, full or ref.casefold(), initials, "", phone, email,
                                  "", "", 0, 0, user, "", "", "", now_txt, now_txt))
            search_rows.append((cid, *search_texts(ref, "", phone, email, "", [], [])))
        order_ids: list[str] = []
        order_rows = []
        for r in plan.rows:
            oid = new_id()
            order_ids.append(oid)
            order_rows.append((oid, stamp, stamp, r.customer_id or new_ids[_name_key(r.new_ref or "")],
                               ts_text(r.ordered_at), r.amount_minor, r.currency, r.description, r.external_ref))
        total = len(order_rows)
        batch_id = new_id()
        payload = json.dumps({"sales_order": order_ids, "customer": [c[0] for c in customer_rows],
                              "source": plan.source}, ensure_ascii=False)
        # rows in primary-key order turn random B-tree inserts into appends; a big page cache while
        # writing keeps the customer/time index in memory (as the demo generator does)
        order_rows.sort()
        with sqlite_errors_as_sentences(self.ctx.db.path), self.ctx.db.raw_connection() as raw:
            cache = raw.execute("PRAGMA cache_size").fetchone()[0]
            raw.execute("PRAGMA cache_size=-262144")
            if customer_rows:
                insert_many(raw, "customer", (
                    "id", "created_stamp", "stamp", "kind", "name", "name_pinyin", "name_initials", "company", "phone",
                    "email", "address", "industry", "consent_marketing", "do_not_contact", "owner", "needs", "notes",
                    "external_id", "created_at", "updated_at"), customer_rows)
                insert_many(raw, "customer_search", ("customer_id", "key", "doc"), search_rows)
            chunk = 20_000
            for start in range(0, total, chunk):
                insert_many(raw, "sales_order", ("id", "created_stamp", "stamp", "customer_id", "ordered_at",
                                                 "amount_minor", "currency", "description", "external_ref"),
                            order_rows[start:start + chunk])
                if progress:
                    progress(min(start + chunk, total), total)
            insert_many(raw, "change_batch", ("id", "kind", "created_at", "actor", "description", "payload"),
                        [(batch_id, "import_orders", now_txt, user,
                          f"{total} orders, {len(customer_rows)} new customers", payload)])
            raw.execute(f"PRAGMA cache_size={int(cache)}")
        return OrdersImportResult(total, len(customer_rows), batch_id)

    def undo(self, batch_id: str) -> int:
        """Tombstone the orders and customers an import added (one transaction); returns orders removed."""
        stamp = self.ctx.stamp()
        with sqlite_errors_as_sentences(self.ctx.db.path), self.ctx.db.raw_connection() as raw:
            row = raw.execute("SELECT payload FROM change_batch WHERE id = ? AND kind = 'import_orders' "
                              "AND undone_at IS NULL", (batch_id,)).fetchone()
            if row is None:
                raise NoSuchImport()
            payload = json.loads(row[0])
            removed = tombstone_many(raw, "sales_order", payload.get("sales_order", []), stamp)
            tombstone_many(raw, "customer", payload.get("customer", []), stamp)
            raw.execute("UPDATE change_batch SET undone_at = ? WHERE id = ?", (ts_text(self.ctx.now()), batch_id))
        return removed
