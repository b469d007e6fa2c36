"""Property: a correctly encrypted backup with a hostile inner database is refused with a sentence or taken in
clean — never a traceback, the book opens afterwards with exactly the app's schema, and nothing of the file runs.

Each example takes a small book (customers with contacts, logged contacts, tags and a deal with its stage
history), changes its database at random (schema: triggers, views, tables, indexes,
columns added or dropped, tables swapped for views or virtual tables; values: wrong types, invalid UTF-8, NUL,
overlong texts, bad JSON, dates that do not exist, broken references; stamps: random walls up to the year 2286,
garbage), seals it with the team passphrase and restores or merges it into a fresh copy of the book.

The normal run tries ``CRM_HOSTILE_EXAMPLES`` examples (default 25); set it higher for a long run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hostile import PASS, mutate, seal, service
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from crm_desktop.db.database import open_database
from crm_desktop.db.intake import SYNCED, head_schema
from crm_desktop.db.snapshot import snapshot_database
from crm_desktop.domain.deals import DealInput
from crm_desktop.domain.errors import UserError
from crm_desktop.domain.hlc import is_stamp
from crm_desktop.domain.models import ContactInput, CustomerInput

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
EXAMPLES = int(os.environ.get("CRM_HOSTILE_EXAMPLES", "25"))

TABLE_COLUMNS = {
    "customer": ("id", "created_stamp", "field_stamps", "stamp", "deleted_stamp", "kind", "name", "phone", "email",
                 "birthday", "consent_marketing", "do_not_contact", "created_at", "notes"),
    "contact": ("id", "customer_id", "stamp", "name", "role", "birthday", "phone2"),
    "interaction": ("id", "customer_id", "contact_id", "stamp", "occurred_at", "channel", "summary", "next_done",
                    "next_due_at", "field_stamps"),
    "customer_tag": ("id", "customer_id", "tag_id", "created_stamp"),
    "tag": ("id", "name", "stamp"),
    "erasure": ("id", "table_name", "stamp", "erased_at"),
    "deal": ("id", "customer_id", "contact_id", "stamp", "field_stamps", "title", "amount_minor", "currency",
             "expected_close", "stage", "stage_changed_at", "lost_reason"),
    "deal_stage_change": ("id", "deal_id", "created_stamp", "at", "from_stage", "to_stage"),
}


class Book:
    """A small book, made once, copied for every example."""

    path: Path | None = None

    @classmethod
    def template(cls) -> Path:
        if cls.path is None:
            folder = Path(tempfile.mkdtemp(prefix="crm-hostile-"))
            from crm_desktop.services import Services
            from crm_desktop.services.context import ServiceContext
            from crm_desktop.services.deals import DealService
            from crm_desktop.services.timeline import ContactLogInput, TimelineService

            db = open_database(folder / "crm.sqlite", create=True)
            ctx = ServiceContext(db, user="李娜", now=lambda: NOW)
            svc = Services(ctx)
            for i, name in enumerate(("张伟", "王芳", "Anna Lee")):
                cid = svc.customers.create(CustomerInput(name=name, phone=f"1380013800{i}", tags=["VIP"],
                                                         contacts=[ContactInput(name=f"联系人{i}")])).id
                TimelineService(ctx).log_contact(ContactLogInput(customer_id=cid, summary="报价", occurred_at=NOW))
                deal = svc.get(DealService).create(DealInput(cid, title="年度采购", amount="38000")).id
                svc.get(DealService).move(deal, "lost", "price")
            db.close()
            cls.path = folder / "crm.sqlite"
        return cls.path


# --- what a hostile file may hold --------------------------------------------------------------------------------

stamps = st.one_of(
    st.builds(lambda w, c, s: f"{w:013d}-{c:05d}-{s}", st.integers(0, 9999999999999), st.integers(0, 99999),
              st.sampled_from(["mallory0000000001", "a", "x" * 20, "中文站点"])),
    st.sampled_from(["garbage", "", "1796083200000-00000-", "10000000000000-00000-ab", "1796083200000-0-ab"]),
    st.integers(-5, 10**14), st.binary(max_size=24), st.none())

values = st.one_of(
    st.none(), st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=True), st.binary(max_size=40),
    st.text(max_size=40), st.sampled_from(["", "\x00", "a\x00b", "x" * 300_000, "2026-02-30", "2026-13-01 25:00:00",
                                           "{notes:", '{"notes": 5}', "alien", "ffffffffffffffffffffffffffffffff"]),
    stamps)

schema_changes = st.sampled_from([
    "CREATE TRIGGER t_upd AFTER UPDATE ON customer BEGIN UPDATE customer SET notes = 'pwned'; END",
    "CREATE TRIGGER t_ins AFTER INSERT ON interaction BEGIN DELETE FROM contact; END",
    "CREATE TRIGGER t_meta BEFORE DELETE ON meta BEGIN SELECT RAISE(ABORT, 'no'); END",
    "CREATE TRIGGER t_loot AFTER INSERT ON customer BEGIN INSERT INTO loot VALUES (new.name); END",
    "CREATE TABLE loot (x)",
    "CREATE VIEW everyone AS SELECT * FROM customer",
    "CREATE INDEX ix_evil ON customer (notes)",
    "CREATE UNIQUE INDEX ix_evil_name ON tag (name, color)",
    "ALTER TABLE customer ADD COLUMN spy TEXT DEFAULT 'x'",
    "ALTER TABLE contact DROP COLUMN phone2",
    "ALTER TABLE interaction DROP COLUMN summary",
    "DROP TABLE customer_tag",
    "ALTER TABLE customer_tag RENAME TO old_links",
    "DROP TABLE customer_tag; CREATE VIEW customer_tag AS SELECT * FROM tag",
    "DROP TABLE customer_tag; CREATE VIRTUAL TABLE customer_tag USING fts5(x)",
    "DROP TABLE customer_search",
    "UPDATE alembic_version SET version_num = '0001'",
    "UPDATE alembic_version SET version_num = 'zzzz'",
    "DELETE FROM alembic_version",
    "CREATE TABLE sqlite_stat1(tbl, idx, stat)",
])


@st.composite
def hostile(draw):
    """(kind of change, SQL statements, parameters) for one change of the file."""
    kind = draw(st.sampled_from(["schema", "value", "stamp", "none"]))
    if kind == "schema":
        return kind, [draw(schema_changes)], []
    if kind == "none":
        return kind, [], []
    table = draw(st.sampled_from(sorted(TABLE_COLUMNS)))
    if kind == "stamp":
        column = draw(st.sampled_from([c for c in TABLE_COLUMNS[table] if "stamp" in c] or ["stamp"]))
        value = draw(stamps)
    else:
        column = draw(st.sampled_from(TABLE_COLUMNS[table]))
        value = draw(values)
    how = draw(st.sampled_from(["all", "one"]))
    where = "" if how == "all" else f' WHERE rowid = (SELECT min(rowid) FROM "{table}")'
    return f"{kind}:{table}.{column}", [f'UPDATE "{table}" SET "{column}" = ?{where}'], [value]


def _apply(image: bytes, changes) -> bytes:
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(image)
        for _kind, statements, params in changes:
            for statement in statements:
                try:
                    if params:
                        conn.execute(statement, params)
                    else:
                        conn.executescript(statement)
                except (sqlite3.Error, OverflowError, ValueError):
                    pass  # SQLite refused to make this change: the file simply does not have it
        conn.commit()
        return conn.serialize()
    finally:
        conn.close()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])
@given(changes=st.lists(hostile(), min_size=1, max_size=4), action=st.sampled_from(["restore", "merge"]),
       into_empty=st.booleans(), made_at_offset=st.integers(-3600, 3600))
def test_hostile_inner_databases_are_refused_or_taken_in_clean(changes, action, into_empty, made_at_offset):
    """Refused with one sentence, or accepted clean; never a traceback; the book opens; nothing of the file ran."""
    from crm_desktop.services.context import ServiceContext

    work = Path(tempfile.mkdtemp(prefix="crm-hostile-case-"))
    try:
        template = Book.template()
        image = _apply(snapshot_database(template), changes)
        backup = work / "hostile.crmbak"
        backup.write_bytes(seal(image, NOW + timedelta(seconds=made_at_offset)))
        target = work / "book" / "crm.sqlite"
        target.parent.mkdir()
        if into_empty:
            open_database(target, create=True).close()
        else:
            shutil.copy(template, target)
        db = open_database(target)
        ctx = ServiceContext(db, user="王磊", now=lambda: NOW)
        svc = service(ctx)
        outcome = "accepted"
        try:
            if action == "restore":
                svc.restore(backup, PASS)
            else:
                svc.merge(backup, PASS)
        except UserError as exc:
            text = str(exc)
            assert text.endswith(".") and "\n" not in text and "Traceback" not in text, text
            outcome = "refused: " + type(exc).__name__
        finally:
            db.close()
        for kind, _s, _p in changes:
            event(f"{kind.split(':')[0]} → {outcome.split(':')[0]}")
        event(f"{action} {'into an empty book' if into_empty else 'onto the book'} → {outcome}")
        # the book opens, holds exactly the app's schema, nothing of the file ran, every stamp reads back
        reopened = open_database(target)
        try:
            with reopened.raw_connection() as conn:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")) == head_schema()
                assert conn.execute("SELECT count(*) FROM customer WHERE notes = 'pwned'").fetchone()[0] == 0
                cap = f"{int((NOW + timedelta(seconds=made_at_offset)).timestamp() * 1000) + 1:013d}"
                for table in SYNCED:
                    for row in conn.execute(f'SELECT created_stamp, stamp, deleted_stamp FROM "{table}"'):
                        for s in row:
                            now_ms = f"{int(NOW.timestamp() * 1000):013d}"
                            assert s is None or (is_stamp(s) and s[:13] <= max(cap, now_ms)), (table, s)
                last = conn.execute("SELECT value FROM meta WHERE key = 'last_stamp'").fetchone()[0]
                assert is_stamp(last)
            with reopened.engine.connect() as c:  # every value reads back through the app's own layer
                from crm_desktop.services.customers import CustomerService

                ctx2 = ServiceContext(reopened, now=lambda: NOW)
                cs = CustomerService(ctx2)
                for cid in cs.search(__import__("crm_desktop.domain.models", fromlist=["CustomerQuery"])
                                     .CustomerQuery()):
                    cs.get(cid)
                del c
        finally:
            reopened.close()
        assert not [p for p in target.parent.iterdir() if p.name.startswith(".crm-incoming")]
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.parametrize("statement", [
    "CREATE TRIGGER t AFTER UPDATE ON customer BEGIN UPDATE customer SET notes = 'pwned'; END",
    "CREATE TRIGGER t AFTER INSERT ON customer BEGIN INSERT INTO loot VALUES (new.name); END",
])
def test_a_files_triggers_never_run_in_the_book(statement, tmp_path):
    """After restoring a file with triggers, edits in the book run none of them."""
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.customers import CustomerService

    image = mutate(snapshot_database(Book.template()), "CREATE TABLE loot (x)", statement)
    backup = tmp_path / "t.crmbak"
    backup.write_bytes(seal(image, NOW))
    target = tmp_path / "b" / "crm.sqlite"
    target.parent.mkdir()
    shutil.copy(Book.template(), target)
    db = open_database(target)
    try:
        ctx = ServiceContext(db, user="王磊", now=lambda: NOW)
        service(ctx).restore(backup, PASS)
        customers = CustomerService(ctx)
        cid = customers.create(CustomerInput(name="新客户")).id
        data = customers.get(cid).to_input()
        customers.update(cid, data.__class__(**{**data.__dict__, "notes": "mine"}))
        assert customers.get(cid).notes == "mine"
        with db.raw_connection() as conn:
            assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'loot'").fetchone()
    finally:
        db.close()
