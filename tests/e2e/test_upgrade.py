"""Installing a newer version over an older one keeps the data.

Two kinds of upgrade are tried.  A real one: a book made by release 1 (migration
0001 only) is opened by this app and migrated.  A simulated next release: the
book is made by this version, then opened by an app whose migrations folder
holds one extra revision — written by the test into a temporary copy of the
real migrations folder, which is exactly what a future release ships.
Alembic's ``script_location`` comes from ``crm_desktop.paths.migrations_dir()``
and the schema version from ``crm_desktop.db.database.HEAD_SCHEMA_VERSION``, so
those two are patched for the "new" app.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime

import pytest

from crm_desktop.db import database as database_module
from crm_desktop.db.database import APPLICATION_ID, open_database
from crm_desktop.db.errors import DatabaseError
from crm_desktop.domain.enums import BuyingRole, CustomerKind
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.paths import migrations_dir
from crm_desktop.services import Services
from crm_desktop.services.context import ServiceContext

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)

HEAD = database_module.HEAD_SCHEMA_VERSION
NEXT = HEAD + 1

MIGRATION_NEXT = f'''"""A future release's migration: a new column with a data fill, and a new table.

Revision ID: {NEXT:04d}
Revises: {HEAD:04d}
"""
from alembic import op
import sqlalchemy as sa

revision = "{NEXT:04d}"
down_revision = "{HEAD:04d}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer") as batch_op:
        batch_op.add_column(sa.Column("region", sa.String(length=40), nullable=False, server_default=""))
    op.execute("UPDATE customer SET region = 'east' WHERE phone LIKE '+86138%'")
    op.create_table(
        "upgrade_probe",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("note", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("upgrade_probe")
    with op.batch_alter_table("customer") as batch_op:
        batch_op.drop_column("region")
'''


def _old_version_database(path):
    """A file of the current schema as the installed version leaves it, with a realistic little book."""
    db = open_database(path)
    services = Services(ServiceContext(db, user="李娜", now=lambda: NOW))
    ids = {
        "zh": services.customers.create(CustomerInput(
            name="张伟", company="华为技术有限公司", phone="13800138000", email="zw@example.cn", tags=["VIP"])).id,
        "biz": services.customers.create(CustomerInput(
            name="鼎盛贸易", kind=CustomerKind.BUSINESS,
            contacts=[ContactInput(name="王芳", role=BuyingRole.DECIDER, phone="13700137000")])).id,
        "en": services.customers.create(CustomerInput(name="Anna Smith", phone="13900139000")).id,
    }
    deleted = services.customers.create(CustomerInput(name="李四")).id
    services.customers.delete(deleted)
    site = db.site_id
    db.close()
    return ids, site


@pytest.fixture
def new_release(tmp_path, monkeypatch):
    """Call it to make the app behave like the next release: today's migrations plus one, schema NEXT."""
    folder = tmp_path / "next-release-migrations"

    def install(migration: str = MIGRATION_NEXT):
        shutil.copytree(migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
        (folder / "versions" / f"{NEXT:04d}_future_release.py").write_text(migration, encoding="utf-8")
        monkeypatch.setattr("crm_desktop.paths.migrations_dir", lambda: folder)
        monkeypatch.setattr(database_module, "HEAD_SCHEMA_VERSION", NEXT)
        return folder

    return install


def _user_version(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_upgrade_keeps_every_customer_and_takes_a_copy_first(tmp_path, new_release):
    """An old file opened by a newer app is copied, migrated to the new schema and keeps all data."""
    path = tmp_path / "crm.sqlite"
    ids, site = _old_version_database(path)
    assert _user_version(path) == HEAD
    new_release()

    migrations_seen = []
    db = open_database(path, on_migrate=lambda old, new: migrations_seen.append((old, new)))
    try:
        assert migrations_seen == [(HEAD, NEXT)]
        assert db.migrated_from == HEAD
        assert db.site_id == site, "the file keeps its identity in merges"
        copy = db.backup_before_migration
        assert copy is not None and copy.exists() and copy != path

        services = Services(ServiceContext(db, user="李娜", now=lambda: NOW))
        customers = services.customers
        assert customers.count() == 3
        zh = customers.get(ids["zh"])
        assert (zh.name, zh.company, zh.phone, zh.email) == ("张伟", "华为技术有限公司", "+8613800138000",
                                                              "zw@example.cn")
        assert "VIP" in zh.tags
        biz = customers.get(ids["biz"])
        assert [c.name for c in biz.contacts] == ["王芳"]
        # The search index survived the upgrade: Chinese, pinyin initials, Latin.
        assert customers.search(CustomerQuery(text="张伟")) == [ids["zh"]]
        assert customers.search(CustomerQuery(text="zw")) == [ids["zh"]]
        assert customers.search(CustomerQuery(text="wangfang")) == [ids["biz"]]
        assert customers.search(CustomerQuery(text="anna")) == [ids["en"]]
        # Writing still works after the upgrade (new stamps, triggers, indexes).
        new_id = customers.create(CustomerInput(name="赵六")).id
        assert customers.search(CustomerQuery(text="zhaoliu")) == [new_id]
    finally:
        db.close()

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == NEXT
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == f"{NEXT:04d}"
        regions = dict(conn.execute("SELECT name, region FROM customer"))
        assert regions["张伟"] == "east" and regions["Anna Smith"] == ""
        assert conn.execute("SELECT count(*) FROM customer WHERE deleted_stamp IS NOT NULL").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()

    # The pre-migration copy is the old file, untouched: the old schema, same rows, no new column.
    old = sqlite3.connect(copy)
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == HEAD
        assert old.execute("SELECT count(*) FROM customer").fetchone()[0] == 4
        columns = {r[1] for r in old.execute("PRAGMA table_info(customer)")}
        assert "region" not in columns
    finally:
        old.close()


def test_migrated_file_opens_again_without_migrating(tmp_path, new_release):
    """Once upgraded, the next start opens the file directly (no second copy, no migration)."""
    path = tmp_path / "crm.sqlite"
    _old_version_database(path)
    new_release()
    open_database(path).close()
    db = open_database(path)
    try:
        assert db.migrated_from is None and db.backup_before_migration is None
    finally:
        db.close()


def test_old_app_refuses_the_upgraded_file_untouched(tmp_path, new_release, monkeypatch):
    """Going back to the older version after upgrading is refused with a clear message, not a crash."""
    path = tmp_path / "crm.sqlite"
    _old_version_database(path)
    new_release()
    open_database(path).close()
    monkeypatch.setattr(database_module, "HEAD_SCHEMA_VERSION", HEAD)
    before = path.read_bytes()
    with pytest.raises(database_module.NewerSchemaError) as err:
        open_database(path)
    assert "newer version" in str(err.value)
    assert path.read_bytes() == before


def _table_rebuild_migration() -> str:
    """The next migration as above, but SQLite must copy the customer table (what dropping or retyping needs)."""
    return MIGRATION_NEXT.replace('op.batch_alter_table("customer")',
                                  'op.batch_alter_table("customer", recreate="always")', 1)


def _fail_mid_upgrade(path, new_release):
    """The old file, then an upgrade whose next migration fails after its first DDL statement."""
    _old_version_database(path)
    new_release(MIGRATION_NEXT.replace('op.execute("UPDATE customer',
                                       'op.execute("UPDATE no_such_table', 1))
    with pytest.raises(DatabaseError):
        open_database(path)


def test_failed_upgrade_loses_nothing(tmp_path, new_release):
    """A migration that fails mid-way keeps every row, the old version number, and a pristine copy."""
    path = tmp_path / "crm.sqlite"
    _fail_mid_upgrade(path, new_release)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == HEAD
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == f"{HEAD:04d}"
        assert conn.execute("SELECT count(*) FROM customer").fetchone()[0] == 4
    finally:
        conn.close()
    copy = sqlite3.connect(tmp_path / f"crm.schema{HEAD}-backup.sqlite")
    try:
        assert copy.execute("SELECT count(*) FROM customer").fetchone()[0] == 4
        assert "region" not in {r[1] for r in copy.execute("PRAGMA table_info(customer)")}
    finally:
        copy.close()


def test_failed_upgrade_is_rolled_back_completely(tmp_path, new_release):
    """After a failed migration the file has exactly the old schema, so the next start can retry."""
    path = tmp_path / "crm.sqlite"
    _fail_mid_upgrade(path, new_release)
    conn = sqlite3.connect(path)
    try:
        assert "region" not in {r[1] for r in conn.execute("PRAGMA table_info(customer)")}
    finally:
        conn.close()


def test_upgrade_that_rebuilds_a_referenced_table(tmp_path, new_release):
    """A future migration that must copy the customer table keeps every customer and contact."""
    path = tmp_path / "crm.sqlite"
    ids, _site = _old_version_database(path)
    new_release(_table_rebuild_migration())
    db = open_database(path)
    try:
        customers = Services(ServiceContext(db, user="李娜", now=lambda: NOW)).customers
        assert customers.count() == 3
        assert [c.name for c in customers.get(ids["biz"]).contacts] == ["王芳"]
    finally:
        db.close()


def _schema1_file(path) -> None:
    """A book exactly as release 1 made it: migration 0001 only, one customer with a contact."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0001")
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        connection.exec_driver_sql("PRAGMA user_version=1")
        connection.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES ('site_id', 'a1b2c3d4e5f60718'), ('last_stamp', '')")
    engine.dispose()


def test_release_1_book_gains_wechat_and_second_phone(tmp_path):
    """A book from release 1 opens, migrates to 0002, and its contacts can then hold WeChat ids and a second phone."""
    path = tmp_path / "crm.sqlite"
    _schema1_file(path)
    db = open_database(path)
    try:
        assert db.migrated_from == 1
        customers = Services(ServiceContext(db, user="李娜", now=lambda: NOW)).customers
        cid = customers.create(CustomerInput(
            name="鼎盛贸易", kind=CustomerKind.BUSINESS,
            contacts=[ContactInput(name="王芳", role=BuyingRole.DECIDER, phone="13700137000")])).id
        assert [c.name for c in customers.get(cid).contacts] == ["王芳"]
    finally:
        db.close()
    conn = sqlite3.connect(path)
    try:
        assert {"wechat", "phone2"} <= {r[1] for r in conn.execute("PRAGMA table_info(contact)")}
        assert "wechat" in {r[1] for r in conn.execute("PRAGMA table_info(customer)")}
        assert conn.execute("PRAGMA user_version").fetchone()[0] == HEAD
    finally:
        conn.close()
