"""Importing products from a sheet (Chinese or English titles, update by code, a problem per bad cell) and
exporting the catalogue and the deals."""

from __future__ import annotations

import csv

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import ProductInput
from crm_desktop.services.deals import DealInput, DealService
from crm_desktop.services.export import export
from crm_desktop.services.imports.products import NoProductsToImport, ProductsFileError, ProductsImporter
from crm_desktop.services.products import ProductService


def _csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_a_chinese_sheet_adds_products_with_prices_and_tax(ctx, tmp_path):
    """编码/品名/单位/单价/税率 are read; 13% and 9 are tax rates; the prices exact."""
    path = _csv(tmp_path / "p.csv", [["产品编码", "品名", "单位", "单价", "税率"],
                                     ["A-01", "办公椅", "把", "1,280.00", "13%"],
                                     ["B-02", "打印纸", "箱", "199.5", "9"]])
    importer = ProductsImporter(ctx)
    plan = importer.prepare_file(path)
    assert (plan.total, plan.new, plan.updated, plan.issues) == (2, 2, 0, [])
    assert importer.run(plan).added == 2
    rows = {p.code: p for p in ProductService(ctx).products()}
    assert (rows["A-01"].name, rows["A-01"].unit, rows["A-01"].price_minor, rows["A-01"].tax_bp) == \
        ("办公椅", "把", 128000, 1300)
    assert (rows["B-02"].price_minor, rows["B-02"].tax_bp) == (19950, 900)


def test_a_known_code_updates_only_the_columns_the_sheet_has(ctx, tmp_path):
    """A sheet of codes and prices changes the price and keeps the name, unit and tax rate."""
    svc = ProductService(ctx)
    pid = svc.create(ProductInput("A-01", "办公椅", "把", "1280", "CNY", "13")).id
    path = _csv(tmp_path / "p.csv", [["Code", "Price"], ["a-01", "1,180"]])
    importer = ProductsImporter(ctx)
    plan = importer.prepare_file(path)
    assert (plan.new, plan.updated) == (0, 1)
    assert importer.run(plan).updated == 1
    row = svc.get(pid)
    assert (row.code, row.name, row.unit, row.price_minor, row.tax_bp) == ("A-01", "办公椅", "把", 118000, 1300)


def test_rows_with_problems_are_named_and_left_out(ctx, tmp_path):
    """A row without a name, one with a bad price and tax, and a code twice: each problem by row; the good
    row is imported."""
    path = _csv(tmp_path / "p.csv", [["编码", "名称", "价格", "税率"], ["A-01", "", "10", ""],
                                     ["B-02", "纸", "ten", "130"], ["C-03", "笔", "2", "13"],
                                     ["c-03", "笔二", "3", "13"]])
    importer = ProductsImporter(ctx)
    plan = importer.prepare_file(path)
    assert [(i.row, i.field) for i in plan.issues] == [(2, "name"), (3, "price"), (3, "tax_rate"), (5, "code")]
    assert plan.issues[-1].text() == "The code “c-03” is already on row 4 of the file."
    assert [r.code for r in plan.rows] == ["C-03"]
    importer.run(plan)
    assert [p.code for p in ProductService(ctx).products()] == ["C-03"]


def test_a_sheet_without_a_code_column_is_refused_in_one_sentence(ctx, tmp_path):
    """No code column: the file is refused, naming the titles it has; an empty sheet imports nothing."""
    with pytest.raises(ProductsFileError) as caught:
        ProductsImporter(ctx).prepare_file(_csv(tmp_path / "p.csv", [["名称", "价格"], ["椅子", "1"]]))
    assert "名称, 价格" in caught.value.text()
    plan = ProductsImporter(ctx).prepare_file(_csv(tmp_path / "e.csv", [["编码", "名称"]]))
    with pytest.raises(NoProductsToImport):
        ProductsImporter(ctx).run(plan)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_exported_catalogue_imports_back_unchanged(ctx, tmp_path, suffix):
    """export products then import it into another book: the same codes, names, prices, taxes and status."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext

    svc = ProductService(ctx)
    svc.create(ProductInput("A-01", "办公椅", "把", "1280.50", "CNY", "13"))
    old = svc.create(ProductInput("=B-02", "旧纸", "箱", "9", "CNY", "6.5")).id
    svc.set_active(old, False)
    path = tmp_path / f"products{suffix}"
    assert export(ctx.db, "products", path) == 2
    other = open_database(tmp_path / "other.sqlite", create=True)
    try:
        octx = ServiceContext(other, "李娜", ctx.now)
        importer = ProductsImporter(octx)
        plan = importer.prepare_file(path)
        assert plan.issues == [] and importer.run(plan).added == 2
        strip = lambda rows: [(r.code, r.name, r.unit, r.price_minor, r.tax_bp, r.active) for r in rows]  # noqa: E731
        assert strip(ProductService(octx).products()) == strip(svc.products())
    finally:
        other.close()


def test_deals_export_with_customer_stage_amount_close_and_owner(ctx, customers, tmp_path):
    """export deals: one row per live deal with its customer, the stage's name, the amount and the owner."""
    from datetime import date

    cid = customers.create(CustomerInput(name="张伟")).id
    DealService(ctx).create(DealInput(cid, title="年度采购", amount="38,000", expected_close=date(2026, 12, 20),
                                      owner="王磊"))
    path = tmp_path / "deals.csv"
    assert export(ctx.db, "deals", path) == 1
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0][:7] == ["Deal", "Customer", "Stage", "Amount", "Currency", "Expected close", "Owner"]
    assert rows[1][:7] == ["年度采购", "张伟", "Contact made", "38000.00", "CNY", "2026-12-20", "王磊"]
