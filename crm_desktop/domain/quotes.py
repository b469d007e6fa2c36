"""Quotes (报价单) as plain values and pure rules.

* A quote is a **frozen copy** of a deal's lines at the time it was made: product code, name and unit,
  quantity (thousandths), unit price before tax (minor units), discount and tax rate (basis points).  Later
  edits of the deal or the catalogue do not change it; a new quote of the same deal is the next version
  (v1, v2 …: :func:`next_version`).
* **Totals** (:func:`quote_totals`): a line's net amount is :func:`crm_desktop.domain.products.line_total`;
  its tax is the net amount × the rate, rounded half up per line (as a 增值税 invoice does); gross = net + tax.
* **The amount in words** (:func:`rmb_upper`): 人民币 upper-case digits, as written on Chinese quotes and
  invoices (壹仟零伍元叁角).
* The lines travel as JSON (:func:`lines_to_json`); what comes back from a file is checked line by line
  (:func:`lines_from_json`): a line that is not one is left out, never an error.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from crm_desktop.domain.products import MAX_QUANTITY_MILLI, line_total

LANGUAGES = ("zh", "en")
"""The languages a quote file is laid out in: Chinese (报价单) or English (Quotation)."""
DEFAULT_VALID_DAYS = 30
MAX_LINES = 500
"""Lines of one quote at most (a file with more is cut there)."""
_MAX_MINOR = 10**18


@dataclass(frozen=True, slots=True)
class QuoteLine:
    """One frozen line of a quote (prices before tax, in minor units of the quote's currency)."""

    product_id: str
    code: str
    name: str
    unit: str
    quantity_milli: int
    unit_price_minor: int
    discount_bp: int = 0
    tax_bp: int = 0

    @property
    def net_minor(self) -> int:
        return line_total(self.quantity_milli, self.unit_price_minor, self.discount_bp)

    @property
    def tax_minor(self) -> int:
        return line_tax(self.net_minor, self.tax_bp)

    @property
    def gross_minor(self) -> int:
        return self.net_minor + self.tax_minor


@dataclass(frozen=True, slots=True)
class QuoteTotals:
    """Net (不含税金额), tax (税额) and gross (含税合计), in minor units."""

    net_minor: int
    tax_minor: int
    gross_minor: int


@dataclass(frozen=True, slots=True)
class QuoteLineInput:
    """A line as the quote dialog holds it: quantity, discount and tax rate as typed, the unit price in minor
    units (the customer's price unless changed)."""

    product_id: str
    quantity: str
    unit_price_minor: int
    discount: str = ""
    tax_rate: str = ""


@dataclass(frozen=True)
class QuoteInput:
    """A new quote as the dialog gives it."""

    lines: tuple[QuoteLineInput, ...]
    valid_until: date | None = None
    language: str = "zh"


@dataclass(frozen=True)
class QuoteRow:
    """A stored quote."""

    id: str
    deal_id: str
    version: int
    valid_until: date | None
    currency: str
    language: str
    lines: tuple[QuoteLine, ...]
    net_minor: int
    tax_minor: int
    gross_minor: int
    created_by: str
    created_at: datetime
    sent_at: datetime | None = None
    order_id: str | None = None

    @property
    def label(self) -> str:
        """"v2": how people name a version."""
        return f"v{self.version}"


@dataclass(frozen=True)
class CompanyDetails:
    """What a quote's letterhead says (empty: not set).  ``seal_png``: the seal image's bytes (b"": none)."""

    name: str = ""
    address: str = ""
    phone: str = ""
    tax_id: str = ""
    bank: str = ""
    seal_png: bytes = b""


@dataclass(frozen=True)
class QuoteDocument:
    """Everything a quote file shows."""

    quote: QuoteRow
    deal_title: str
    customer_name: str
    customer_company: str = ""
    customer_address: str = ""
    customer_phone: str = ""
    company: CompanyDetails = field(default_factory=CompanyDetails)
    contact_name: str = ""


def line_tax(net_minor: int, tax_bp: int) -> int:
    """The tax on a net amount at *tax_bp* basis points, rounded half up to a minor unit (exact integers)."""
    return (net_minor * tax_bp + 5_000) // 10_000


def quote_totals(lines: Iterable[QuoteLine]) -> QuoteTotals:
    """Net, tax (per line, rounded) and gross of *lines*."""
    net = tax = 0
    for line in lines:
        n = line.net_minor
        net += n
        tax += line_tax(n, line.tax_bp)
    return QuoteTotals(net, tax, net + tax)


def next_version(versions: Iterable[int]) -> int:
    """The version a new quote of a deal gets: one more than the highest it has (1 for the first)."""
    return max(versions, default=0) + 1


# --------------------------------------------------------------------------- the lines as JSON

_FIELDS = ("product_id", "code", "name", "unit", "quantity_milli", "unit_price_minor", "discount_bp", "tax_bp")


def lines_to_json(lines: Sequence[QuoteLine]) -> str:
    """The lines as the ``quote.lines`` column stores them (a JSON list of objects, sorted keys)."""
    return json.dumps([{f: getattr(line, f) for f in _FIELDS} for line in lines], ensure_ascii=False,
                      sort_keys=True)


def _int_in(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def _line(item: Any) -> QuoteLine | None:
    if not isinstance(item, dict):
        return None
    texts = [item.get(f, "") for f in ("product_id", "code", "name", "unit")]
    if not all(isinstance(t, str) and len(t) <= 200 and "\x00" not in t for t in texts):
        return None
    numbers = (_int_in(item.get("quantity_milli"), 1, MAX_QUANTITY_MILLI),
               _int_in(item.get("unit_price_minor"), 0, _MAX_MINOR),
               _int_in(item.get("discount_bp", 0), 0, 10_000), _int_in(item.get("tax_bp", 0), 0, 10_000))
    if any(n is None for n in numbers):
        return None
    qty, price, discount, tax = (int(n or 0) for n in numbers)
    return QuoteLine(texts[0], texts[1], texts[2], texts[3], qty, price, discount, tax)


def lines_from_json(raw: str | None) -> tuple[QuoteLine, ...]:
    """The lines stored in *raw*; what is not a line (damaged or foreign text) is left out."""
    try:
        items = json.loads(raw or "[]")
    except (TypeError, ValueError, RecursionError):
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(line for line in (_line(i) for i in items[:MAX_LINES]) if line is not None)


# --------------------------------------------------------------------------- 大写金额

_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _group(n: int) -> str:
    """0 < n < 10,000 in upper-case digits (壹仟零伍)."""
    out, zero = "", False
    for step, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = n // step % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + unit
    return out


def _integer(n: int) -> str:
    """n > 0 in upper-case digits with 万 and 亿 (壹亿零伍, 壹仟万)."""
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        return _integer(high) + "亿" + ("零" if 0 < low < 10**7 else "") + (_integer(low) if low else "")
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        return _group(high) + "万" + ("零" if 0 < low < 1000 else "") + (_group(low) if low else "")
    return _group(n)


def rmb_upper(minor: int) -> str:
    """An amount of 人民币 in fen as the upper-case words of a quote or invoice: 5 → 伍分, 10000 → 壹佰元整,
    100530 → 壹仟零伍元叁角, 105 → 壹元零伍分, 0 → 零元整.  Negative amounts raise ValueError."""
    if minor < 0:
        raise ValueError("negative amount")
    yuan, cents = divmod(minor, 100)
    jiao, fen = divmod(cents, 10)
    out = _integer(yuan) + "元" if yuan else ""
    if not cents:
        return (out or "零元") + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out


# --------------------------------------------------------------------------- what a quote file shows

@dataclass(frozen=True)
class QuoteSheet:
    """A quote laid out for a file, every text ready in the quote's language (the PDF and the spreadsheet
    draw the same sheet): ``letterhead`` the company's lines, ``facts`` (label, value) pairs (customer, number,
    dates), ``columns`` and ``rows`` the table, ``totals`` (label, amount) pairs, ``in_words`` the 大写金额
    line ("" in English or another currency than CNY), ``seal_png`` the seal image (b"": none)."""

    language: str
    title: str
    company_name: str
    letterhead: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[tuple[str, str], ...]
    in_words: str = ""
    note: str = ""
    seal_label: str = ""
    seal_png: bytes = b""
