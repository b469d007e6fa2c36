"""Orders import: preview, row errors by number, all or nothing, create missing customers, undo, CLI."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.imports.orders import (
    NoSuchImport,
    OrdersFileError,
    OrdersImporter,
    PlanHasProblems,
    parse_order_time,
)

UTC = UTC


def _orders(db):
    with db.engine.connect() as c:
        return c.execute(text("SELECT customer_id, ordered_at, amount_minor, currency, description FROM sales_order "
                              "WHERE deleted_stamp IS NULL ORDER BY ordered_at")).all()


def _book(customers):
    a = customers.create(CustomerInput(name="张伟", phone="13800138000", external_id="C100")).id
    b = customers.create(CustomerInput(name="Anna Smith", email="anna@example.com")).id
    return a, b


def _write(tmp_path, rows, name="orders.csv", encoding="utf-8"):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    p = tmp_path / name
    p.write_bytes(buf.getvalue().encode(encoding))
    return p


def test_a_spaced_name_finds_the_customer_as_the_duplicate_finder_would(ctx, customers, tmp_path):
    """"张 伟" in a sheet is the customer 张伟 (the duplicate finder's name key); unknown "李 雷" and 李雷 make one."""
    from crm_desktop.services.dedupe import name_key

    zhang = customers.create(CustomerInput(name="张伟")).id
    p = _write(tmp_path, [["客户", "日期", "金额"], ["张 伟", "2026-01-05", "10"], ["李 雷", "2026-01-06", "20"],
                          ["李雷", "2026-01-07", "30"]])
    imp = OrdersImporter(ctx, tz=UTC)
    plan = imp.prepare_file(p, create_missing=True)
    assert name_key("张 伟") == name_key("张伟")
    assert plan.ok and [(r.customer_id, r.matched_by) for r in plan.rows[:1]] == [(zhang, "name")]
    assert plan.new_customers == ["李 雷"]
    result = imp.run(plan)
    assert (result.orders, result.customers) == (3, 1)
    assert len({r[0] for r in _orders(ctx.db)}) == 2


def test_good_file_imports_every_row_with_references_resolved(ctx, customers, tmp_path):
    """External id, phone, e-mail and name all find their customer; amounts are exact minor units."""
    a, b = _book(customers)
    p = _write(tmp_path, [["客户", "日期", "金额", "币种", "商品"],
                          ["C100", "2026-01-05", "1,280.50", "", "打印纸"],
                          ["138 0013 8000", "2026/1/6 14:30", "99", "人民币", "墨盒"],
                          ["ANNA@example.com", "2026年1月7日", "0.10", "USD", "pen"],
                          ["Anna Smith", "20260108", "5", "EUR", ""]], encoding="gb18030")
    imp = OrdersImporter(ctx, tz=UTC)
    plan = imp.prepare_file(p)
    assert plan.ok and plan.total == 4
    assert [r.matched_by for r in plan.rows] == ["external_id", "phone", "email", "name"]
    assert _orders(ctx.db) == []  # the preview wrote nothing
    result = imp.run(plan)
    assert (result.orders, result.customers) == (4, 0)
    rows = _orders(ctx.db)
    assert [(r[0], r[2], r[3]) for r in rows] == [(a, 128050, "CNY"), (a, 9900, "CNY"), (b, 10, "USD"), (b, 500, "EUR")]
    assert rows[1][1].startswith("2026-01-06 14:30:00")
    with ctx.db.engine.connect() as c:
        kind, payload = c.execute(text("SELECT kind, payload FROM change_batch WHERE id = :i"),
                                  {"i": result.batch_id}).one()
    assert kind == "import_orders" and len(json.loads(payload)["sales_order"]) == 4


def test_bad_rows_are_reported_by_number_and_nothing_is_imported(ctx, customers, tmp_path):
    """Bad date, negative or non-numeric amount and unknown customer are listed by row; the import refuses."""
    _book(customers)
    p = _write(tmp_path, [["customer", "date", "amount", "currency", "description"],
                          ["C100", "2026-01-05", "10", "CNY", "fine"],
                          ["C100", "2026-13-40", "10", "CNY", "bad date"],
                          ["C100", "2026-01-05", "-10", "CNY", "negative"],
                          ["C100", "2026-01-05", "ten", "CNY", "not a number"],
                          ["nobody", "2026-01-05", "10", "CNY", "unknown"],
                          ["C100", "2026-01-05", "10", "dollars", "bad currency"]])
    imp = OrdersImporter(ctx, tz=UTC)
    plan = imp.prepare_file(p)
    assert [(i.row, i.field) for i in plan.issues] == [(3, "date"), (4, "amount"), (5, "amount"), (6, "customer"),
                                                       (7, "currency")]
    assert "“2026-13-40” is not a date." == plan.issues[0].text()
    assert "negative" in plan.issues[1].text() and "“ten”" in plan.issues[2].text()
    assert len(plan.rows) == 1 and not plan.ok
    with pytest.raises(PlanHasProblems):
        imp.run(plan)
    assert _orders(ctx.db) == []


def test_failure_midway_leaves_nothing(ctx, customers, tmp_path, monkeypatch):
    """If writing fails part way (after some rows went in), the transaction rolls everything back."""
    _book(customers)
    p = _write(tmp_path, [["customer", "date", "amount"]] + [["C100", "2026-01-05", str(i)] for i in range(50)])
    imp = OrdersImporter(ctx, tz=UTC)
    plan = imp.prepare_file(p, create_missing=True)
    import crm_desktop.db.imports as mod

    real = mod.insert_many
    calls = []

    def failing(raw, table, cols, rows):
        calls.append(table)
        if table == "change_batch":
            raise RuntimeError("disk full")
        return real(raw, table, cols, rows)

    monkeypatch.setattr(mod, "insert_many", failing)
    with pytest.raises(RuntimeError):
        imp.run(plan)
    assert "sales_order" in calls and _orders(ctx.db) == []


def test_create_missing_makes_one_customer_per_reference_and_undo(ctx, customers, tmp_path):
    """Unknown references become customers named after them (phone filled in); undo removes all of it."""
    _book(customers)
    p = _write(tmp_path, [["customer", "date", "amount"], ["新客户", "2026-01-05", "10"],
                          ["新客户", "2026-01-06", "20"], ["13912345678", "2026-01-07", "30"]])
    imp = OrdersImporter(ctx, tz=UTC)
    assert len(imp.prepare_file(p).issues) == 3
    plan = imp.prepare_file(p, create_missing=True)
    assert plan.ok and plan.new_customers == ["新客户", "13912345678"]
    result = imp.run(plan)
    assert (result.orders, result.customers) == (3, 2)
    customers.invalidate()
    from crm_desktop.domain.models import CustomerQuery

    names = {customers.get(i).name: customers.get(i) for i in customers.search(CustomerQuery())}
    assert names["13912345678"].phone == "+8613912345678" and "新客户" in names
    assert customers.search(CustomerQuery(text="新客户"))
    assert imp.undo(result.batch_id) == 3
    assert _orders(ctx.db) == []
    customers.invalidate()
    assert len(customers.search(CustomerQuery())) == 2
    with pytest.raises(NoSuchImport):
        imp.undo(result.batch_id)


def test_a_reference_shaped_like_a_phone_is_read_as_the_customer_import_reads_phones(ctx, customers, tmp_path):
    """A new customer made from a reference gets its phone only when it is a valid number, read like a
    customer sheet's phone (11 digits that are no mainland mobile are a name, not "+86…")."""
    p = _write(tmp_path, [["customer", "date", "amount"], ["12345678901", "2026-01-05", "10"],
                          ["+86 139 1234 5678", "2026-01-06", "20"]])
    imp = OrdersImporter(ctx, tz=UTC)
    imp.run(imp.prepare_file(p, create_missing=True))
    customers.invalidate()
    from crm_desktop.domain.models import CustomerQuery

    phones = {customers.get(i).name: customers.get(i).phone for i in customers.search(CustomerQuery())}
    assert phones == {"12345678901": "", "+86 139 1234 5678": "+8613912345678"}


def test_ambiguous_name_is_an_error(ctx, customers):
    """A name shared by two customers is refused: use a unique reference."""
    customers.create(CustomerInput(name="王伟"))
    customers.create(CustomerInput(name="王伟"))
    plan = OrdersImporter(ctx, tz=UTC).prepare(["客户", "日期", "金额"], [["王伟", "2026-01-01", "1"]])
    assert plan.issues[0].params["count"] == 2


def test_xlsx_file(ctx, customers, tmp_path):
    """An .xlsx with real dates and numeric amounts imports the same way."""
    import openpyxl

    _book(customers)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Customer", "Order date", "Amount", "Currency", "Description"])
    ws.append(["C100", datetime(2026, 2, 1), 12.5, "CNY", "x"])
    ws.append(["C100", datetime(2026, 2, 2, 10, 15), 7, None, "y"])
    p = tmp_path / "orders.xlsx"
    wb.save(p)
    plan = OrdersImporter(ctx, tz=UTC).prepare_file(p)
    assert plan.ok and [r.amount_minor for r in plan.rows] == [1250, 700]
    assert plan.rows[1].ordered_at == datetime(2026, 2, 2, 10, 15, tzinfo=UTC)


def test_missing_columns_are_one_sentence(ctx, tmp_path):
    """A file without customer/date/amount columns is refused as a whole."""
    with pytest.raises(OrdersFileError):
        OrdersImporter(ctx, tz=UTC).prepare(["foo", "bar"], [["1", "2"]])


def test_parse_order_time_forms():
    """Dates in common forms; a date alone is local midnight; an offset is honoured."""
    from zoneinfo import ZoneInfo

    sh = ZoneInfo("Asia/Shanghai")
    assert parse_order_time("2026-01-05", sh) == datetime(2026, 1, 4, 16, tzinfo=UTC)
    assert parse_order_time("2026-01-05T10:00:00+08:00", UTC) == datetime(2026, 1, 5, 2, tzinfo=UTC)
    assert parse_order_time("2026-02-30", UTC) is None and parse_order_time("yesterday", UTC) is None


def test_cli_import_orders(qapp, tmp_path, capsys):
    """`import orders FILE --db PATH` reports problems by row (exit 2, nothing written) and imports good files."""
    from crm_desktop.cli import main
    from crm_desktop.db.database import open_database

    db_path = tmp_path / "cli.sqlite"
    open_database(db_path).close()  # commands other than demo never make a book
    bad = _write(tmp_path, [["customer", "date", "amount"], ["ghost", "2026-01-05", "10"]], name="bad.csv")
    assert main(["import", "orders", str(bad), "--db", str(db_path)]) == 2
    assert "row 2" in capsys.readouterr().err
    assert main(["import", "orders", str(bad), "--db", str(db_path), "--create-missing"]) == 0
    assert "Imported 1 orders and 1 new customers" in capsys.readouterr().out
    db = open_database(db_path)
    try:
        assert len(_orders(db)) == 1
    finally:
        db.close()


def test_a_26_digit_amount_is_one_sentence_naming_its_row(tmp_path, ctx, customers):
    """An amount beyond any order is refused in prepare with the row, never an OverflowError at insert."""
    _book(customers)
    path = _write(tmp_path, [["customer", "date", "amount"], ["C100", "2026-01-02", "12345678901234567890123456"],
                             ["C100", "2026-01-03", "99.50"]])
    plan = OrdersImporter(ctx).prepare_file(path)
    assert [(i.row, i.field) for i in plan.issues] == [(2, "amount")]
    assert "too large" in plan.issues[0].text() and "12345678901234567890123456" in plan.issues[0].text()
