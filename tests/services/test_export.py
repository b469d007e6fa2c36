"""Exports: UTF-8 with BOM, .xlsx, vCard, formula injection neutralised, every kind, round trip."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.exchange.export import ExportError, neutralize, unneutralize
from crm_desktop.services.export import export
from crm_desktop.services.imports import import_file

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_neutralize_every_dangerous_start():
    """Text starting with = + - @ tab or CR gets an apostrophe; other text and numbers are untouched."""
    for bad in ("=1+1", "+86 138", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralize(bad) == "'" + bad and unneutralize(neutralize(bad)) == bad
    assert neutralize("张伟") == "张伟" and neutralize(-5) == -5 and neutralize(None) is None


def _hostile(customers):
    return customers.create(CustomerInput(name="=cmd|' /C calc'!A0", company="@SUM(1+1)", phone="13800138000",
                                          notes="-2+3", needs="\tTAB", address="+1 street")).id


def test_csv_has_bom_and_neutralised_formulas(tmp_path, db, customers):
    """The CSV starts with a UTF-8 BOM, keeps Chinese intact and no cell can start a formula."""
    _hostile(customers)
    customers.create(CustomerInput(name="张伟", company="华信科技", phone="+44 7911 123456"))
    out = tmp_path / "c.csv"
    assert export(db, "customers", out) == 2
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    cells = [c for r in rows for c in r]
    assert "张伟" in cells and "华信科技" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=cmd|' /C calc'!A0" in cells and "'+1 street" in cells and "'+44 7911 123456" in cells
    assert "138 0013 8000" in cells  # mainland mobiles in national form: nothing to neutralise


def test_xlsx_cells_are_text_not_formulas(tmp_path, db, customers):
    """In the .xlsx no cell is a formula; the hostile text is stored as text with its apostrophe."""
    from openpyxl import load_workbook

    _hostile(customers)
    out = tmp_path / "c.xlsx"
    export(db, "customers", out)
    ws = load_workbook(out).active
    values = [c for row in ws.iter_rows() for c in row]
    assert not [c for c in values if c.data_type == "f"]
    assert "'=cmd|' /C calc'!A0" in [c.value for c in values]


def test_every_kind_exports_and_vcard_only_for_customers(tmp_path, db):
    """Orders, interactions and complaints export with their customer's name; money as a number."""
    from crm_desktop.services.demo import generate_demo

    counts = generate_demo(db, customers=40, seed=2, now=NOW)
    for kind, table in (("customers", "customer"), ("orders", "sales_order"), ("interactions", "interaction"),
                        ("complaints", "complaint")):
        assert export(db, kind, tmp_path / f"{kind}.csv", tz=UTC) == counts[table]
        assert export(db, kind, tmp_path / f"{kind}.xlsx", tz=UTC) == counts[table]
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "orders.xlsx").active
    header = [c.value for c in next(ws.iter_rows())]
    first = [c.value for c in next(ws.iter_rows(min_row=2))]
    assert header[:3] == ["Customer", "Ordered at", "Amount"] and isinstance(first[2], (int, float))
    with pytest.raises(ExportError, match="not supported"):
        export(db, "orders", tmp_path / "o.vcf")
    with pytest.raises(ExportError, match="not supported"):
        export(db, "customers", tmp_path / "c.pdf")
    assert not list(tmp_path.glob("*.part*"))


def test_translated_headers_and_round_trip(tmp_path, db, ctx, customers):
    """Headers come out in the caller's language and an export imports back as matches, not copies."""
    customers.create(CustomerInput(name="王芳", phone="13900139000", email="wf@example.cn", tags=["VIP"]))
    zh = {"Name": "姓名", "Phone": "手机", "E-mail": "邮箱"}
    out = tmp_path / "c.csv"
    export(db, "customers", out, translate=lambda _c, t: zh.get(t, t))
    assert out.read_text(encoding="utf-8-sig").startswith("姓名,Company,手机,邮箱")
    plan, result = import_file(ctx, out)
    assert result.skipped == 1 and result.added == 0 and not plan.issues


def test_vcard_export_reimports(tmp_path, db, ctx, customers):
    """A .vcf export of the book imports into another file with the same people."""
    customers.create(CustomerInput(name="欧阳娜娜", phone="13800138000", company="恒达贸易", notes="多行\n备注"))
    out = tmp_path / "book.vcf"
    assert export(db, "customers", out, vcard_version="4.0") == 1
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    other = open_database(tmp_path / "other.sqlite")
    try:
        octx = ServiceContext(other, user="x")
        _plan, result = import_file(octx, out)
        assert result.added == 1
        svc = CustomerService(octx)
        from crm_desktop.domain.models import CustomerQuery

        d = svc.get(svc.search(CustomerQuery())[0])
        assert (d.name, d.phone, d.company, d.notes) == ("欧阳娜娜", "+8613800138000", "恒达贸易", "多行\n备注")
    finally:
        other.close()


def test_customers_export_carries_todays_scores(tmp_path, db, ctx, customers):
    """With today's scores the customer sheet gains segment, decile, lifecycle, expected value, P(active) and
    R, F, M — the list's columns; a prospect gets only its lifecycle, a customer not yet scored nothing."""
    from crm_desktop.services.insight import ScoreCells

    buyer = customers.create(CustomerInput(name="张伟")).id
    prospect = customers.create(CustomerInput(name="李娜")).id
    customers.create(CustomerInput(name="王磊"))
    scores = {buyer: ScoreCells("MVC", 1, "active", 4_378_600, 0.82, 5, 3, 4),
              prospect: ScoreCells("", 0, "prospect", 0.0, 0.0, 0, 0, 0)}
    out = tmp_path / "c.csv"
    assert export(db, "customers", out, scores=scores) == 3
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    by_name = {r["Name"]: r for r in rows}
    assert {k: by_name["张伟"][k] for k in ("Segment", "Value decile", "Lifecycle", "Expected value", "P(active) %",
                                            "RFM: recency (1–5)", "RFM: frequency (1–5)", "RFM: monetary (1–5)")} \
        == {"Segment": "MVC", "Value decile": "1", "Lifecycle": "active", "Expected value": "43786.00",
            "P(active) %": "82.0", "RFM: recency (1–5)": "5", "RFM: frequency (1–5)": "3",
            "RFM: monetary (1–5)": "4"}
    assert by_name["李娜"]["Lifecycle"] == "prospect" and by_name["李娜"]["Segment"] == ""
    assert by_name["王磊"]["Lifecycle"] == "" and by_name["王磊"]["CRM id"]
    plain = tmp_path / "p.csv"
    export(db, "customers", plain)
    assert "Segment" not in plain.read_text(encoding="utf-8-sig").splitlines()[0]
