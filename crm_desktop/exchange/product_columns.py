"""Which column of a products sheet holds what (pure).

Columns are recognised by their titles in English or Chinese: the code (编码, 产品编码 …), the name (名称,
品名 …), the unit (单位), the price (单价, 价格 …), the currency (币种; CNY when blank or absent), the tax rate
(税率) and whether it is still sold (在售/状态).  The titles of ``export products`` in either language read back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

FIELDS = ("code", "name", "unit", "price", "currency", "tax_rate", "active")

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("code", "product code", "item code", "sku", "part number", "part no", "编码", "产品编码", "商品编码",
             "物料编码", "货号", "编号", "产品编号", "代码"),
    "name": ("name", "product", "product name", "item", "item name", "description", "名称", "品名", "产品名称",
             "商品名称", "产品", "商品", "物料名称"),
    "unit": ("unit", "uom", "unit of measure", "单位", "计量单位"),
    "price": ("price", "unit price", "list price", "price excl tax", "单价", "价格", "售价", "销售单价", "标准价",
              "含税单价"),
    "currency": ("currency", "ccy", "币种", "货币", "币别"),
    "tax_rate": ("tax", "tax rate", "tax rate (%)", "vat", "vat rate", "税率", "税率(%)", "增值税率", "税率%"),
    "active": ("active", "status", "in sale", "在售", "状态", "是否在售", "启用"),
}


def _norm_header(h: str) -> str:
    return re.sub(r"[\s_\-.:：]+", " ", unicodedata.normalize("NFKC", h or "").strip().casefold()).strip()


_ALIAS_INDEX = {_norm_header(a): f for f, names in HEADER_ALIASES.items() for a in names}

_NO = frozenset({"no", "n", "false", "0", "inactive", "deactivated", "否", "停用", "已停用", "停售", "下架"})


def product_mapping(headers: Sequence[str]) -> dict[str, int]:
    """{field: column index} from the header titles; the first column claiming a field wins."""
    found: dict[str, int] = {}
    for i, h in enumerate(headers):
        f = _ALIAS_INDEX.get(_norm_header(h))
        if f and f not in found:
            found[f] = i
    return found


def parse_active(raw: str) -> bool:
    """Whether a cell of the "active" column says the product is still sold (blank: yes)."""
    return _norm_header(raw) not in _NO
