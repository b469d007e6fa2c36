"""Importing products from CSV or .xlsx: a preview with each row's problems, then the good rows in one
transaction, updating by code.

Columns are recognised by their titles in English or Chinese (:mod:`crm_desktop.exchange.product_columns`).
A row whose code is a live product's updates that product, but only in the columns the sheet has (a sheet
of codes and prices changes prices and nothing else); a new code adds a product (it needs a name).  Every
value is checked as the product dialog checks it (:func:`crm_desktop.services.products.product_values`),
so a row gets one sentence per bad cell; a code twice in the file is a problem of its later rows.
:meth:`ProductsImporter.prepare_file` writes nothing; :meth:`ProductsImporter.run` writes the rows without
problems (the preview said which rows are left out), in one transaction.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from crm_desktop.db import products as q
from crm_desktop.db.errors import sqlite_errors_as_sentences
from crm_desktop.db.models import Product
from crm_desktop.db.sync import update_row
from crm_desktop.domain import products as p
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.products import ProductInput, ProductRow
from crm_desktop.exchange.export import unneutralize
from crm_desktop.exchange.product_columns import parse_active, product_mapping
from crm_desktop.exchange.tabular import read_table
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.imports.plan import RowIssue
from crm_desktop.services.orders import format_amount
from crm_desktop.services.products import insert_product, product_values


class ProductsFileError(UserError):
    """The file as a whole cannot be imported (one sentence)."""


class NoProductsToImport(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "The file has no products to import."))


@dataclass(frozen=True, slots=True)
class PreparedProduct:
    """A row ready to import: its ``values`` (only the columns the sheet has, for an update), the product it
    updates (``existing_id``; None: a new product)."""

    row: int
    code: str
    name: str
    values: dict[str, Any]
    existing_id: str | None


@dataclass
class ProductsPlan:
    """What an import would do: ``rows`` without problems, ``issues`` by row (those rows are left out),
    ``total`` data rows read."""

    rows: list[PreparedProduct]
    issues: list[RowIssue]
    total: int
    headers: list[str]
    mapping: dict[str, int]
    source: str = ""

    @property
    def new(self) -> int:
        return sum(1 for r in self.rows if r.existing_id is None)

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.existing_id is not None)

    @property
    def bad_rows(self) -> int:
        return len({i.row for i in self.issues})


@dataclass(frozen=True)
class ProductsImportResult:
    """What an import wrote: products ``added`` and ``updated`` (rows that changed nothing are not counted)."""

    added: int
    updated: int

    @property
    def changes(self) -> Changes:
        return Changes.of(Kind.PRODUCT, customers=None) if self.added or self.updated else Changes()


def _input_of(existing: ProductRow | None, cells: dict[str, str]) -> ProductInput:
    """The product as the row says it, with the existing product's values for the columns the sheet lacks."""
    base = ProductInput("", "") if existing is None else ProductInput(
        existing.code, existing.name, existing.unit,
        format_amount(existing.price_minor, existing.currency).rsplit(" ", 1)[0] if existing.price_minor else "",
        existing.currency, p.format_rate(existing.tax_bp), existing.active)
    changes: dict[str, Any] = {k: v for k, v in cells.items() if k in ("code", "name", "unit", "price", "currency")}
    if "tax_rate" in cells:
        changes["tax_rate"] = cells["tax_rate"]
    if "active" in cells:
        changes["active"] = parse_active(cells["active"])
    return replace(base, **changes)


def _cell(field: str, raw: str | None) -> str:
    """A cell as the row means it: an export's apostrophe before = + - @ taken off, codes and numbers in
    their half-width form."""
    text = unneutralize(raw or "")
    return text if field == "name" else unicodedata.normalize("NFKC", text).strip()


class ProductsImporter:
    """Prepares and runs product imports against ``ctx.db``."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def prepare_file(self, path: str | os.PathLike[str], encoding: str | None = None) -> ProductsPlan:
        """:meth:`prepare` for a CSV/TSV/.xlsx file; a cell too long to import is a problem of its row."""
        table = read_table(Path(path), encoding)
        plan = self.prepare(table.headers, table.rows, table.row_numbers)
        bad = {table.row_numbers[i] for i in table.bad_rows}
        for n in sorted(bad):
            plan.issues.append(RowIssue(n, "", QT_TRANSLATE_NOOP("errors", "A cell is too long to import.")))
        plan.rows = [r for r in plan.rows if r.row not in bad]
        plan.issues.sort(key=lambda i: i.row)
        plan.source = str(path)
        return plan

    def prepare(self, headers: Sequence[str], rows: Sequence[Sequence[str]],
                row_numbers: Sequence[int] | None = None) -> ProductsPlan:
        """Check every row against the catalogue; nothing is written."""
        mapping = product_mapping(headers)
        if "code" not in mapping or len(mapping) < 2:
            raise ProductsFileError(QT_TRANSLATE_NOOP(
                "errors", "The file needs a code column and at least a name or price column (found: {headers})."),
                headers=", ".join(headers) or "-")
        numbers = list(row_numbers) if row_numbers is not None else list(range(2, len(rows) + 2))
        with self.ctx.db.reading() as tx:
            known = q.by_code(tx)
        out: list[PreparedProduct] = []
        issues: list[RowIssue] = []
        seen: dict[str, int] = {}
        total = 0
        for cells, n in zip(rows, numbers):
            if not any((c or "").strip() for c in cells):
                continue
            total += 1
            values = {f: _cell(f, cells[i]) for f, i in mapping.items() if i < len(cells)}
            key = p.code_key(values.get("code", ""))
            if key and key in seen:
                issues.append(RowIssue(n, "code", QT_TRANSLATE_NOOP(
                    "errors", "The code “{code}” is already on row {row} of the file."), {
                    "code": values["code"], "row": seen[key]}))
                continue
            if key:
                seen[key] = n
            existing = known.get(key) if key else None
            stored, errors = product_values(_input_of(existing, values))
            if errors:
                issues.extend(RowIssue(n, e.field, e.message, dict(e.params)) for e in errors)
                continue
            if existing is not None:
                stored = {k: v for k, v in stored.items() if k != "code"}  # the code as the book writes it
            out.append(PreparedProduct(n, stored.get("code", existing.code if existing else ""), stored["name"],
                                       stored, existing.id if existing else None))
        return ProductsPlan(out, issues, total, list(headers), mapping)

    def run(self, plan: ProductsPlan) -> ProductsImportResult:
        """Write the plan's rows without problems in one transaction."""
        if not plan.rows:
            raise NoProductsToImport()
        stamp = self.ctx.stamp()
        added = updated = 0
        with sqlite_errors_as_sentences(self.ctx.db.path), self.ctx.db.writing() as tx:
            known = q.by_code(tx)  # a product added meanwhile by the code: updated, never doubled
            for r in plan.rows:
                existing_id = r.existing_id
                if existing_id is None and p.code_key(r.code) in known:
                    existing_id = known[p.code_key(r.code)].id
                if existing_id is None:
                    insert_product(tx, r.values, stamp)
                    added += 1
                elif update_row(tx, Product, existing_id, {k: v for k, v in r.values.items() if k != "code"},
                                stamp):
                    updated += 1
        return ProductsImportResult(added, updated)
