"""Both imports on a full disk: one sentence naming the full disk, and the book exactly as it was."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import event, text

from crm_desktop.db.errors import DiskFullError
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.imports import CustomerImporter, OrdersImporter, read_any


def _fill_up(db, spare_pages: int = 2) -> None:
    """Make every connection of *db* see a book that may grow by only *spare_pages* pages."""
    with db.engine.connect() as c:
        pages = c.exec_driver_sql("PRAGMA page_count").scalar()
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi, _record):
        dbapi.execute(f"PRAGMA max_page_count={pages + spare_pages}")

    db.engine.dispose()


def _contents(db) -> str:
    """A digest of every row of every table (what "nothing changed" means to the person)."""
    h = hashlib.sha256()
    with db.engine.connect() as c:
        tables = [r[0] for r in c.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'customer_fts%' ORDER BY name")]
        for t in tables:
            for row in c.execute(text(f'SELECT * FROM "{t}" ORDER BY rowid')):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def _csv(tmp_path, n: int):
    rows = ["姓名,手机,备注"] + [f"客户{i},1380013{i:04d},{'很长的备注' * 40}" for i in range(n)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_customer_import_on_a_full_disk_says_so_and_changes_nothing(tmp_path, ctx, customers, db):
    """SQLITE_FULL during the customer import's transaction is DiskFullError; no row of the book changed."""
    customers.create(CustomerInput(name="老客户", phone="13900139000"))
    importer = CustomerImporter(ctx, customers.invalidate)
    table = read_any(_csv(tmp_path, 3000))
    plan = importer.prepare(table, ["name", "phone", "notes"])
    before = _contents(db)
    _fill_up(db)
    with pytest.raises(DiskFullError) as raised:
        importer.run(plan)
    assert "full" in raised.value.text() and "nothing was changed" in raised.value.text()
    assert _contents(db) == before
    assert importer.last_batch() is None


def test_orders_import_on_a_full_disk_says_so_and_changes_nothing(tmp_path, ctx, customers, db):
    """SQLITE_FULL while writing orders is DiskFullError; the book keeps no order and no new customer."""
    rows = ["customer,date,amount,description"] + [
        f"新客户{i},2026-01-{1 + i % 28:02d},{i}.50,{'订单说明' * 50}" for i in range(3000)]
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    importer = OrdersImporter(ctx)
    plan = importer.prepare_file(path, create_missing=True)
    before = _contents(db)
    _fill_up(db)
    with pytest.raises(DiskFullError):
        importer.run(plan)
    assert _contents(db) == before
