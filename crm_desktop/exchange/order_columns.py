"""Which column of an orders sheet holds what, and the dates such sheets are written in (pure).

Columns are recognised by their titles in English or Chinese: the customer
reference (external id, phone, e-mail or name), the date, the amount, the
currency (CNY when blank) and a description; optionally an order number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, time, tzinfo

FIELDS = ("customer", "date", "amount", "currency", "description", "external_ref")

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "customer": ("customer", "customer reference", "customer ref", "customer id", "customer name", "client",
                 "external id", "reference", "客户", "客户名称", "客户名", "客户编号", "客户编码", "客户号", "客户参考",
                 "客户手机", "客户电话", "客户邮箱", "name", "姓名", "名称", "phone", "mobile", "电话", "手机",
                 "手机号", "email", "e-mail", "邮箱", "电子邮件"),
    "date": ("date", "order date", "ordered at", "ordered_at", "time", "日期", "下单日期", "订单日期", "下单时间",
             "订单时间", "时间", "成交日期"),
    "amount": ("amount", "total", "sum", "value", "price", "金额", "订单金额", "总额", "总金额", "合计", "价格",
               "成交金额"),
    "currency": ("currency", "ccy", "币种", "货币", "币别"),
    "description": ("description", "item", "items", "product", "products", "what", "note", "notes", "商品", "产品",
                    "描述", "说明", "备注", "内容", "购买内容"),
    "external_ref": ("order no", "order number", "order id", "order ref", "invoice", "订单号", "订单编号", "单号",
                     "发票号"),
}


def _norm_header(h: str) -> str:
    return re.sub(r"[\s_\-.:：]+", " ", unicodedata.normalize("NFKC", h or "").strip().casefold()).strip()


_ALIAS_INDEX = {_norm_header(a): f for f, names in HEADER_ALIASES.items() for a in names}


def order_mapping(headers: Sequence[str]) -> dict[str, int]:
    """{field: column index} from the header titles; the first column claiming a field wins."""
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        f = _ALIAS_INDEX.get(_norm_header(h))
        if f and f not in found:
            found[f] = i
    return found


# --- dates ---------------------------------------------------------------------------------------------------

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
                                              ).astimezone(UTC)
            return local.replace(tzinfo=tz).astimezone(UTC)
        m = _COMPACT_DATE_RE.match(text)
        if m:
            return datetime.combine(datetime(int(m[1]), int(m[2]), int(m[3])).date(), time(), tz).astimezone(
                UTC)
    except ValueError:
        return None
    return None
