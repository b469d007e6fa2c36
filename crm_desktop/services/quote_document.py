"""A quote as its file shows it (:class:`~crm_desktop.domain.quotes.QuoteSheet`), in the quote's language, and
the spreadsheet of it.  The PDF draws the same sheet (:mod:`crm_desktop.ui.quotes.render`).

The texts of a quote file follow the quote's language, not the app's: a Chinese salesperson may send an
English quotation.  Chinese: 报价单, 不含税金额 / 税额 / 含税合计 and the 大写金额 of a CNY total; English:
Quotation, Net / VAT / Total.
"""

from __future__ import annotations

from pathlib import Path

from crm_desktop.domain import products as p
from crm_desktop.domain.quotes import QuoteDocument, QuoteSheet, rmb_upper
from crm_desktop.services.orders import format_amount

LABELS: dict[str, dict[str, str]] = {
    "zh": {"title": "报价单", "customer": "客户", "address": "地址", "phone": "电话", "tax_id": "税号",
           "bank": "开户行及账号", "number": "报价单号", "date": "报价日期", "valid": "有效期至", "subject": "项目",
           "currency": "币种", "columns": "序号|产品|单位|数量|单价|折扣|税率|金额", "net": "不含税金额",
           "tax": "税额", "gross": "含税合计", "words": "大写金额", "seal": "报价方（盖章）",
           "note": "单价与金额不含税；税额按各行税率计算。", "none": "—", "colon": "："},
    "en": {"title": "Quotation", "customer": "To", "address": "Address", "phone": "Phone", "tax_id": "Tax ID",
           "bank": "Bank", "number": "Quote no.", "date": "Date", "valid": "Valid until", "subject": "Subject",
           "currency": "Currency", "columns": "No.|Product|Unit|Qty|Unit price|Discount|VAT|Amount",
           "net": "Net", "tax": "VAT", "gross": "Total", "words": "", "seal": "Authorised signature / seal",
           "note": "Unit prices and amounts exclude VAT; VAT is charged at each line's rate.", "none": "—",
           "colon": ": "},
}


def _money(minor: int, currency: str) -> str:
    return format_amount(minor, currency).rsplit(" ", 1)[0]


def _percent(bp: int) -> str:
    return f"{p.format_rate(bp)}%" if bp else ""


def quote_number(doc: QuoteDocument) -> str:
    """The quote's number as printed: its date, the deal's short id and the version (20261201-3F2A-v2)."""
    q = doc.quote
    return f"{q.created_at.astimezone():%Y%m%d}-{q.deal_id[:4].upper()}-{q.label}"


def quote_sheet(doc: QuoteDocument) -> QuoteSheet:
    """*doc* laid out in its quote's language."""
    q, c = doc.quote, doc.company
    t = LABELS.get(q.language, LABELS["zh"])
    colon = t["colon"]
    letterhead = tuple(f"{t[key]}{colon}{value}" for key, value in (
        ("address", c.address), ("phone", c.phone), ("tax_id", c.tax_id), ("bank", c.bank)) if value)
    customer = doc.customer_name
    if doc.customer_company and doc.customer_company != doc.customer_name:
        customer = f"{doc.customer_company} · {doc.customer_name}"
    facts = [(t["customer"], customer)]
    if doc.customer_address:
        facts.append((t["address"], doc.customer_address))
    if doc.customer_phone:
        facts.append((t["phone"], doc.customer_phone))
    facts += [(t["subject"], doc.deal_title), (t["number"], quote_number(doc)),
              (t["date"], f"{q.created_at.astimezone():%Y-%m-%d}"),
              (t["valid"], q.valid_until.isoformat() if q.valid_until else t["none"]), (t["currency"], q.currency)]
    rows = tuple((str(n), " ".join(x for x in (line.code, line.name) if x), line.unit,
                  p.format_quantity(line.quantity_milli), _money(line.unit_price_minor, q.currency),
                  _percent(line.discount_bp), _percent(line.tax_bp), _money(line.net_minor, q.currency))
                 for n, line in enumerate(q.lines, start=1))
    totals = ((t["net"], _money(q.net_minor, q.currency)), (t["tax"], _money(q.tax_minor, q.currency)),
              (t["gross"], _money(q.gross_minor, q.currency)))
    words = f"{t['words']}{colon}人民币{rmb_upper(q.gross_minor)}" if q.language == "zh" and q.currency == "CNY" else ""
    return QuoteSheet(q.language, t["title"], c.name, letterhead, tuple(facts), tuple(t["columns"].split("|")),
                      rows, totals, words, t["note"], t["seal"], c.seal_png)


def save_xlsx(doc: QuoteDocument, path: str | Path) -> Path:
    """Write the quote as an Excel workbook at *path*, beside its name and renamed into place (a failure
    leaves no half file; a full disk or a missing folder is one sentence)."""
    from crm_desktop.exchange.quote_sheet import write_quote_xlsx
    from crm_desktop.services.export import _into_place

    target = Path(path)
    sheet = quote_sheet(doc)

    def write(tmp: Path) -> int:
        write_quote_xlsx(sheet, tmp)
        return len(sheet.rows)

    _into_place(target, write)
    return target


MAIL = {
    "zh": ("报价单 {version}：{title}",
           "您好，\n\n附件是{company}报价单 {version}（{title}），含税合计 {total}，有效期至 {valid}。\n\n"
           "如有任何问题，欢迎随时联系。\n\n{user}"),
    "en": ("Quotation {version}: {title}",
           "Hello,\n\nPlease find attached {company}quotation {version} ({title}), {total} in total including VAT, "
           "valid until {valid}.\n\nDo not hesitate to contact me with any question.\n\n{user}"),
}


def file_stem(doc: QuoteDocument) -> str:
    """A file name for the quote (no folder, no suffix): 报价单-20261201-3F2A-v2 / Quotation-…; characters
    no file system takes are replaced."""
    name = f"{LABELS.get(doc.quote.language, LABELS['zh'])['title']}-{quote_number(doc)}"
    return "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in name)


def mail_text(doc: QuoteDocument, user: str) -> tuple[str, str]:
    """(subject, body) of the e-mail that sends the quote, in the quote's language."""
    q = doc.quote
    subject, body = MAIL.get(q.language, MAIL["zh"])
    company = doc.company.name
    if company:
        company += "'s " if q.language == "en" else "的"
    values = {"version": q.label, "title": doc.deal_title, "company": company,
              "total": format_amount(q.gross_minor, q.currency),
              "valid": q.valid_until.isoformat() if q.valid_until else "—", "user": user}
    return subject.format(**values), body.format(**values)
