"""Correctly encrypted backups whose inner database is hostile: parsed as data, never executed or adopted."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hostile import PASS, book_hash, folder_listing, image_of, mutate, service, write_backup

from crm_desktop.db.database import open_database
from crm_desktop.db.intake import head_schema
from crm_desktop.domain.errors import UserError
from crm_desktop.domain.hlc import MAX_SKEW_MS, Stamp
from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.services.merge import read_state

FUTURE = "9999999999999-00000-mallory0000000001"


def _schema(path) -> list:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        conn.close()


@pytest.fixture
def book(ctx, customers):
    """A book with one customer who has a contact, a logged contact and a tag."""
    from crm_desktop.domain.models import ContactInput
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    cid = customers.create(CustomerInput(name="张伟", phone="13800138000", tags=["VIP"],
                                         contacts=[ContactInput(name="李雷", phone="13900139000")])).id
    TimelineService(ctx).log_contact(ContactLogInput(customer_id=cid, summary="谈了报价", occurred_at=ctx.now()))
    return cid


@pytest.fixture
def empty(tmp_path, clock):
    """A second, empty book (a teammate's records are all new there, so a merge reads every one)."""
    from crm_desktop.services.context import ServiceContext

    db = open_database(tmp_path / "empty" / "crm.sqlite")
    yield ServiceContext(db, user="王磊", now=clock)
    db.close()


def _refused(ctx, empty, bad, action) -> UserError:
    """Restore or merge *bad* into the empty book (where every record of it is read); the book must stay
    byte-for-byte as it was."""
    target = empty
    svc = service(target)
    before, files = book_hash(target), folder_listing(target)
    with pytest.raises(UserError) as info:
        if action == "restore":
            svc.restore(bad, PASS)
        else:
            svc.merge_preview(bad, PASS)
    assert book_hash(target) == before and folder_listing(target) == files
    reopened = open_database(target.db.path)  # and the book still opens
    reopened.close()
    return info.value


HOSTILE_SCHEMA = (
    "CREATE TRIGGER evil_update AFTER UPDATE ON customer BEGIN UPDATE customer SET notes = 'pwned'; END",
    "CREATE TRIGGER evil_insert AFTER INSERT ON interaction BEGIN DELETE FROM contact; END",
    "CREATE TRIGGER evil_meta BEFORE DELETE ON meta BEGIN SELECT RAISE(ABORT, 'no'); END",
    "CREATE VIEW everyone AS SELECT * FROM customer",
    "CREATE TABLE loot (x)",
    "CREATE INDEX ix_evil ON customer (notes)",
    "ALTER TABLE customer ADD COLUMN spy TEXT DEFAULT 'x'",
)


def test_restore_ignores_triggers_views_and_extras_and_keeps_the_apps_schema(ctx, customers, book, tmp_path):
    """The restored book's sqlite_master equals the app's schema; the file's triggers never fire."""
    bad = write_backup(tmp_path / "b.crmbak", mutate(image_of(ctx), *HOSTILE_SCHEMA), ctx.now())
    svc = service(ctx)
    svc.restore(bad, PASS)
    customers.invalidate()
    assert _schema(ctx.db.path) == head_schema()
    data = customers.get(book).to_input()
    customers.update(book, data.__class__(**{**data.__dict__, "notes": "mine"}))
    assert customers.get(book).notes == "mine"
    assert customers.get(book).contacts  # no trigger deleted them
    with ctx.db.raw_connection() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_merge_preview_lists_what_it_ignored(ctx, customers, book, tmp_path):
    """The preview says which triggers, views, tables, indexes and columns of the file were not used."""
    stamp = f"{int(ctx.now().timestamp() * 1000):013d}-99999-mallory0000000001"  # just after the book's own
    image = mutate(image_of(ctx), "UPDATE customer SET notes = 'theirs', stamp = :s, "
                   "field_stamps = json_object('notes', :s)", params={"s": stamp})
    image = mutate(image, *HOSTILE_SCHEMA)
    before = _schema(ctx.db.path)
    preview = service(ctx).merge_preview(write_backup(tmp_path / "b.crmbak", image, ctx.now()), PASS)
    assert set(preview.ignored) >= {("trigger", "evil_update"), ("trigger", "evil_insert"), ("trigger", "evil_meta"),
                                    ("view", "everyone"), ("table", "loot"), ("index", "ix_evil"),
                                    ("column", "customer.spy")}
    assert preview.counts["customer"].changed == 1
    service(ctx).merge_apply(preview)
    customers.invalidate()
    assert customers.get(book).notes == "theirs"
    assert _schema(ctx.db.path) == before


DEAL = ("INSERT INTO deal SELECT 'd1', created_stamp, NULL, stamp, NULL, id, NULL, '年度采购', {amount}, "
        "'{currency}', NULL, '{stage}', '', '', '', created_at, created_at, NULL, {reason} FROM customer")
"""A deal of the book's customer, with the value under test."""

QUOTE = ("INSERT INTO quote SELECT 'q1', created_stamp, NULL, stamp, NULL, 'd1', 1, NULL, 'CNY', {language}, "
         "'[]', 100, 13, {gross}, '', created_at, NULL, {order} FROM deal WHERE id = 'd1'")
"""A quote of that deal, with the value under test."""
ORDER_LINE = ("INSERT INTO order_line SELECT 'l1', created_stamp, NULL, stamp, NULL, {order}, NULL, 0, '椅子', '把', "
              "1000, 100, 0, {tax} FROM customer")
"""A product on an order, with the value under test."""
A_DEAL = DEAL.format(stage="contact", reason="NULL", amount=5, currency="CNY")

BAD_VALUES = {
    "stamp is an integer": ("UPDATE customer SET stamp = 17", "stamp"),
    "stamp is a blob": ("UPDATE customer SET created_stamp = X'00112233'", "created_stamp"),
    "stamp is garbage": ("UPDATE interaction SET stamp = 'yesterday'", "stamp"),
    "field_stamps not JSON": ("UPDATE customer SET field_stamps = '{notes:'", "field_stamps"),
    "field_stamps holds integers": ("UPDATE customer SET field_stamps = '{\"notes\": 5}'", "field_stamps"),
    "field_stamps names no column": ("UPDATE customer SET field_stamps = json_object('x', stamp)", "field_stamps"),
    "invalid UTF-8": ("UPDATE customer SET name = CAST(X'E4B8' AS TEXT)", "name"),
    "NUL in a name": ("UPDATE customer SET name = '张' || char(0) || '伟'", "name"),
    "a name too long": ("UPDATE customer SET name = printf('%.300c', 'x')", "name"),
    "unknown kind": ("UPDATE customer SET kind = 'alien'", "kind"),
    "not a date": ("UPDATE customer SET birthday = '2026-02-30'", "birthday"),
    "not a time": ("UPDATE interaction SET occurred_at = '2026-13-01 25:00:00.000000'", "occurred_at"),
    "flag not 0/1": ("UPDATE customer SET do_not_contact = 7", "do_not_contact"),
    "amount is text": ("INSERT INTO sales_order SELECT 'o1', created_stamp, NULL, stamp, NULL, id, created_at, "
                       "'lots', 'CNY', '', '' FROM customer", "amount_minor"),
    "unknown lost reason": (DEAL.format(stage="lost", reason="'bribe'", amount=100, currency="CNY"), "lost_reason"),
    "negative deal amount": (DEAL.format(stage="contact", reason="NULL", amount=-5, currency="CNY"),
                             "amount_minor"),
    "deal currency not a code": (DEAL.format(stage="contact", reason="NULL", amount=5, currency="rmb"), "currency"),
    "stage key with markup": (DEAL.format(stage="<b>x</b>", reason="NULL", amount=5, currency="CNY"), "stage"),
    "deal history of no deal": ("INSERT INTO deal_stage_change SELECT 'h1', created_stamp, NULL, stamp, NULL, "
                                "'nodeal', created_at, '', NULL, 'contact' FROM customer", "deal_id"),
    "quote in no known language": ((A_DEAL, QUOTE.format(language="'fr'", gross=113, order="NULL")), "language"),
    "negative quote total": ((A_DEAL, QUOTE.format(language="'zh'", gross=-1, order="NULL")), "gross_minor"),
    "quote's order that is none": ((A_DEAL, QUOTE.format(language="'zh'", gross=113, order="'noorder'")),
                                   "order_id"),
    "tax rate above 100 %": (("INSERT INTO sales_order SELECT 'o1', created_stamp, NULL, stamp, NULL, id, created_at, "
                              "100, 'CNY', '', '' FROM customer", ORDER_LINE.format(order="'o1'", tax=10001)),
                             "tax_bp"),
    "order line of no order": (ORDER_LINE.format(order="'noorder'", tax=1300), "order_id"),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
@pytest.mark.parametrize("action", ["restore", "merge"])
def test_bad_values_are_refused_with_a_sentence_and_change_nothing(ctx, customers, book, empty, tmp_path, case,
                                                                   action):
    """Each bad value: one sentence naming the column, the book byte-for-byte as it was, no file left behind."""
    sql, column = BAD_VALUES[case]
    bad = write_backup(tmp_path / "b.crmbak", mutate(image_of(ctx), *((sql,) if isinstance(sql, str) else sql)),
                       ctx.now())
    error = _refused(ctx, empty, bad, action)
    assert f"“{column}”" in str(error) and str(error).endswith("."), str(error)


def test_unchanged_records_of_a_merge_are_never_read(ctx, customers, book, tmp_path):
    """A merge takes only records whose stamps differ from the book's: a forged value under our stamps is not used."""
    bad = write_backup(tmp_path / "b.crmbak", mutate(image_of(ctx), "UPDATE customer SET name = CAST(X'E4B8' AS TEXT)"),
                       ctx.now())
    preview = service(ctx).merge_preview(bad, PASS)
    assert preview.is_empty
    service(ctx).merge_apply(preview)
    customers.invalidate()
    assert customers.get(book).name == "张伟"


_CUSTOMER_COLUMNS = ("id, created_stamp, field_stamps, stamp, deleted_stamp, kind, name, name_pinyin, name_initials, "
                     "company, phone, email, address, industry, size, lead_source, preferred_channel, birthday, "
                     "anniversary, consent_marketing, do_not_contact, owner, relationship_stage, needs, notes, "
                     "external_id, created_at, updated_at, snoozed_until, wechat, churn_reason")
_CUSTOMERS_WITHOUT_ROWIDS = (
    "ALTER TABLE customer RENAME TO old_customer",
    f"CREATE TABLE customer ({_CUSTOMER_COLUMNS.replace('id,', 'id TEXT PRIMARY KEY,', 1)}) WITHOUT ROWID",
    f"INSERT INTO customer SELECT {_CUSTOMER_COLUMNS} FROM old_customer", "DROP TABLE old_customer")


@pytest.mark.parametrize("reshaped", [
    ("UPDATE customer SET rowid = rowid + 1000",),  # records at other rowids than the book's
    _CUSTOMERS_WITHOUT_ROWIDS,
], ids=["other rowids", "without rowids"])
def test_a_merge_finds_the_books_own_records_whatever_the_files_rowids(ctx, customers, book, tmp_path, reshaped):
    """The book's record at the file's rowid is only a first guess: records at other rowids, or in a table
    without rowids, are still matched by id (a forged value under our stamps stays unused)."""
    image = mutate(image_of(ctx), "UPDATE customer SET name = CAST(X'E4B8' AS TEXT)", *reshaped)
    preview = service(ctx).merge_preview(write_backup(tmp_path / "b.crmbak", image, ctx.now()), PASS)
    assert preview.is_empty
    service(ctx).merge_apply(preview)
    customers.invalidate()
    assert customers.get(book).name == "张伟"


def test_a_backup_whose_customers_have_no_rowids_is_restored_by_a_full_copy(ctx, customers, book, tmp_path):
    """A file's table made WITHOUT ROWID cannot be compared with the book's records by rowid: the restore
    checks and copies every record instead of saying nothing useful."""
    image = mutate(image_of(ctx), *_CUSTOMERS_WITHOUT_ROWIDS)
    service(ctx).restore(write_backup(tmp_path / "b.crmbak", image, ctx.now()), PASS)
    customers.invalidate()
    assert customers.get(book).name == "张伟"
    assert _schema(ctx.db.path) == head_schema()


def test_restore_keeps_the_books_own_version_of_unchanged_records(ctx, customers, book, tmp_path):
    """Restore: a record whose id and stamps equal the book's is the same version; the book's copy is kept."""
    image = mutate(image_of(ctx), "UPDATE customer SET name = CAST(X'E4B8' AS TEXT)",
                   "DELETE FROM contact")  # and a record the backup lacks goes
    service(ctx).restore(write_backup(tmp_path / "b.crmbak", image, ctx.now()), PASS)
    customers.invalidate()
    assert customers.get(book).name == "张伟" and customers.get(book).contacts == ()
    assert customers.search(CustomerQuery(text="李雷")) == []  # the gone contact left the search index
    assert _schema(ctx.db.path) == head_schema()


BROKEN_SHAPES = {
    "a view in place of a table": ("DROP TABLE customer_tag", "CREATE VIEW customer_tag AS SELECT * FROM tag"),
    "a missing column": ("ALTER TABLE contact DROP COLUMN phone2",),
    "a broken reference": ("UPDATE interaction SET customer_id = 'ffffffffffffffffffffffffffffffff'",),
    "a contact that is not there": ("UPDATE interaction SET contact_id = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'",),
    "an id used twice": ("ALTER TABLE tag RENAME TO old_tag",
                         "CREATE TABLE tag (id, created_stamp, field_stamps, stamp, deleted_stamp, name, color)",
                         "INSERT INTO tag SELECT id, created_stamp, field_stamps, stamp, deleted_stamp, name, color "
                         "FROM old_tag", "INSERT INTO tag SELECT * FROM tag"),
    "no alembic version": ("DROP TABLE alembic_version",),
    "an unknown version": ("UPDATE alembic_version SET version_num = '9999'",),
    "customer as a virtual table": ("DROP TABLE customer_tag", "CREATE VIRTUAL TABLE customer_tag USING fts5(x)"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_SHAPES))
@pytest.mark.parametrize("action", ["restore", "merge"])
def test_broken_shapes_are_refused_with_a_sentence(ctx, customers, book, empty, tmp_path, case, action):
    """Views for tables, missing columns, broken references, duplicate ids: one sentence, book unchanged."""
    bad = write_backup(tmp_path / "b.crmbak", mutate(image_of(ctx), *BROKEN_SHAPES[case]), ctx.now())
    error = _refused(ctx, empty, bad, action)
    assert str(error).endswith(".") and "Traceback" not in str(error), str(error)


def test_far_future_stamps_are_lowered_to_when_the_backup_was_made(ctx, customers, book, tmp_path, clock):
    """Stamps of 9999999999999 ms: the preview says how many and from whom; local edits afterwards still win."""
    image = mutate(image_of(ctx), "UPDATE customer SET notes = 'from the future', stamp = :s, "
                   "field_stamps = json_object('notes', :s)", params={"s": FUTURE})
    image = mutate(image, "INSERT INTO meta(key, value) VALUES ('made_by', '王磊') "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    made_at = ctx.now() + timedelta(minutes=1)  # the sender's clock runs a minute ahead: fine
    svc = service(ctx)
    preview = svc.merge_preview(write_backup(tmp_path / "b.crmbak", image, made_at), PASS)
    assert preview.future == {"王磊": 1} and preview.sender_name == "王磊"
    svc.merge_apply(preview)
    customers.invalidate()
    assert customers.get(book).notes == "from the future"
    with ctx.db.raw_connection() as conn:
        stamps = conn.execute("SELECT stamp, field_stamps FROM customer").fetchall()
        last = conn.execute("SELECT value FROM meta WHERE key = 'last_stamp'").fetchone()[0]
    assert all(Stamp.decode(s).wall_ms <= int(made_at.timestamp() * 1000) for s, _ in stamps)
    assert Stamp.decode(last).wall_ms <= int(ctx.now().timestamp() * 1000) + MAX_SKEW_MS
    data = customers.get(book).to_input()
    customers.update(book, data.__class__(**{**data.__dict__, "notes": "mine, later"}))
    # merging the same file again changes nothing: the local edit made afterwards wins
    again = svc.merge_preview(write_backup(tmp_path / "b.crmbak", image, made_at), PASS)
    svc.merge_apply(again)
    customers.invalidate()
    assert customers.get(book).notes == "mine, later"
    ctx.db.close()
    reopened = open_database(ctx.db.path)  # the clock reads back: the book opens
    assert Stamp.decode(reopened.clock.tick(0)).wall_ms < 9999999999999
    reopened.close()


def test_restore_of_far_future_stamps_keeps_the_clock_readable(ctx, customers, book, tmp_path):
    """A restored file's stamps are no later than the backup's date, so every later open works."""
    image = mutate(image_of(ctx), "UPDATE customer SET stamp = :s, created_stamp = :s", params={"s": FUTURE})
    service(ctx).restore(write_backup(tmp_path / "b.crmbak", image, ctx.now()), PASS)
    state = read_state(sqlite3.connect(ctx.db.path))
    assert all("9999999999999" not in r["stamp"] for r in state.tables["customer"].values())
    ctx.db.close()
    reopened = open_database(ctx.db.path)
    reopened.close()


def test_a_backup_dated_more_than_a_day_ahead_is_refused(ctx, customers, book, tmp_path):
    """The header's date is authenticated but not trusted: more than a day ahead of this clock is refused."""
    bad = write_backup(tmp_path / "b.crmbak", image_of(ctx), ctx.now() + timedelta(days=2))
    before = book_hash(ctx)
    with pytest.raises(UserError, match="more than a day ahead"):
        service(ctx).merge_preview(bad, PASS)
    assert book_hash(ctx) == before


def test_merge_of_an_older_schema_file_is_copied_then_migrated(ctx, customers, tmp_path):
    """A file made at revision 0001 (no WeChat columns) is taken in at that revision and migrated."""
    from crm_desktop.db.intake import schema_image

    conn = sqlite3.connect(":memory:")
    conn.deserialize(schema_image("0001"))
    stamp = f"{int(ctx.now().timestamp() * 1000) - 5000:013d}-00000-old0000000000001"
    conn.execute("INSERT INTO customer (id, created_stamp, stamp, kind, name, name_pinyin, name_initials, company, "
                 "phone, email, address, industry, consent_marketing, do_not_contact, owner, needs, notes, "
                 "external_id, created_at, updated_at) VALUES ('a' || hex(randomblob(15)) || 'b', :s, :s, 'person', "
                 "'韩梅梅', '', '', '', '', '', '', '', 0, 0, '', '', '', '', '2026-11-01 00:00:00.000000', "
                 "'2026-11-01 00:00:00.000000')", {"s": stamp})
    conn.commit()
    image = conn.serialize()
    preview = service(ctx).merge_preview(write_backup(tmp_path / "old.crmbak", image, ctx.now()), PASS)
    assert preview.counts["customer"].new == 1
    service(ctx).merge_apply(preview)
    customers.invalidate()
    assert customers.search(CustomerQuery(text="hanmeimei"))


def test_restore_waits_for_no_other_writer(ctx, customers, book, tmp_path):
    """While another program holds a write transaction, restore refuses with a sentence and swaps nothing."""
    good = tmp_path / "good.crmbak"
    service(ctx).backup(good, PASS)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('BEGIN IMMEDIATE'); "
         "print('locked', flush=True); sys.stdin.read()", str(ctx.db.path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = book_hash(ctx)
        with pytest.raises(UserError) as info:
            service(ctx).restore(good, PASS)
        assert "another program" in str(info.value) or "still in use" in str(info.value)
        assert book_hash(ctx) == before
        assert not list((Path(ctx.db.path).parent / "backups").rglob("before-restore-*"))
    finally:
        holder.stdin.close()
        holder.wait(10)
    service(ctx).restore(good, PASS)  # and works once the other program is gone


def test_backup_under_a_foreign_write_lock_writes_no_file(ctx, customers, book, tmp_path):
    """backup refuses before writing the .crmbak when another program is writing the book."""
    out = tmp_path / "team.crmbak"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('BEGIN IMMEDIATE'); "
         "print('locked', flush=True); sys.stdin.read()", str(ctx.db.path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(UserError, match="another program"):
            service(ctx).backup(out, PASS)
        assert not out.exists()
        assert not [p for p in tmp_path.rglob(".snapshot-*")]
    finally:
        holder.stdin.close()
        holder.wait(10)


def test_restored_search_index_is_checked_not_trusted(ctx, customers, book, tmp_path):
    """A file whose search index lies (every customer matches "evil") gets its index rebuilt."""
    image = mutate(image_of(ctx), "UPDATE customer_search SET key = 'evil', doc = 'evil'")
    service(ctx).restore(write_backup(tmp_path / "b.crmbak", image, ctx.now()), PASS)
    customers.invalidate()
    assert customers.search(CustomerQuery(text="zhangwei")) == [book]
    assert customers.search(CustomerQuery(text="evil")) == []


def test_names_of_teammates_come_from_their_files(ctx, customers, book, tmp_path):
    """The sender is named by the person who made the backup (its made_by), and remembered by site id."""
    image = mutate(image_of(ctx), "INSERT INTO meta(key, value) VALUES ('made_by', '王磊\u202e')")
    svc = service(ctx)
    preview = svc.merge_preview(write_backup(tmp_path / "b.crmbak", image, ctx.now()), PASS)
    assert preview.sender_name == "王磊"  # control and format characters removed
    svc.merge_apply(preview)
    plain = mutate(image_of(ctx), "DELETE FROM meta WHERE key = 'made_by'")
    later = svc.merge_preview(write_backup(tmp_path / "c.crmbak", plain, ctx.now()), PASS)
    assert later.sender_name == "王磊"
    later.discard()
    with ctx.db.raw_connection() as conn:
        assert json.dumps(conn.execute("SELECT value FROM meta WHERE key LIKE 'site_name:%'").fetchall(),
                          ensure_ascii=False) == '[["王磊"]]'


@pytest.mark.parametrize("case", ["stamp is garbage", "field_stamps holds integers", "stamp is an integer"])
def test_restore_onto_the_book_checks_every_record_that_differs(ctx, customers, book, tmp_path, case):
    """Restoring onto the book itself, the records whose stamps differ are checked like any other."""
    sql, column = BAD_VALUES[case]
    bad = write_backup(tmp_path / "b.crmbak", mutate(image_of(ctx), sql), ctx.now())
    before, files = book_hash(ctx), folder_listing(ctx)
    with pytest.raises(UserError) as info:
        service(ctx).restore(bad, PASS)
    assert f"“{column}”" in str(info.value)
    assert book_hash(ctx) == before and folder_listing(ctx) == files


def test_damage_outside_the_records_taken_is_no_harm(ctx, customers, book, tmp_path):
    """Random bytes over a page the app never takes from a file (the undo batches) leave a clean restore."""
    image = bytearray(image_of(ctx))
    probe = sqlite3.connect(":memory:")
    probe.deserialize(bytes(image))
    root = probe.execute("SELECT rootpage FROM sqlite_master WHERE name = 'change_batch'").fetchone()[0]
    size = probe.execute("PRAGMA page_size").fetchone()[0]
    probe.close()
    image[size * (root - 1): size * root] = bytes(range(256)) * (size // 256)
    service(ctx).restore(write_backup(tmp_path / "b.crmbak", bytes(image), ctx.now()), PASS)
    customers.invalidate()
    assert customers.get(book).name == "张伟"
    with ctx.db.raw_connection() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("where", ["unpacking", "copying"])
def test_a_full_disk_while_taking_a_backup_in_says_so(ctx, customers, book, empty, tmp_path, monkeypatch, where):
    """Disk full while the checked copy is written: the disk-full sentence, the book and folder unchanged."""
    import errno

    import crm_desktop.db.intake.take as intake

    good = write_backup(tmp_path / "b.crmbak", image_of(ctx), ctx.now())
    if where == "unpacking":
        def full(*_a):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(intake, "_write_new", full)
    else:
        def full(*_a, **_k):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(intake, "copy_table", full)
    error = _refused(ctx, empty, good, "merge")
    assert "full" in str(error) and "damaged" not in str(error)


@pytest.mark.parametrize("case", ["a customer left out, its contact kept", "a changed record points nowhere"])
def test_restore_onto_the_book_checks_references_of_what_it_changes(ctx, customers, book, tmp_path, case):
    """Restoring onto the book itself (its own records reused), a record pointing at one the file lacks is
    refused: records of the book whose parent went, and records the file changed, are checked."""
    for name in ("王芳", "赵强", "钱进", "孙丽"):  # the file stays mostly the book's own: the reusing path
        customers.create(CustomerInput(name=name))
    if case == "a customer left out, its contact kept":
        sql = (f"DELETE FROM customer WHERE id = '{book}'", "DELETE FROM customer_tag", "DELETE FROM interaction")
        column = "customer_id"
    else:
        sql = (f"UPDATE interaction SET contact_id = '{'f' * 32}', stamp = '{FUTURE[:13]}-00001-mallory0000000001'",)
        column = "contact_id"
    bad = write_backup(tmp_path / "b.crmbak", mutate(image_of(ctx), *sql), ctx.now())
    before, files = book_hash(ctx), folder_listing(ctx)
    with pytest.raises(UserError) as info:
        service(ctx).restore(bad, PASS)
    assert f"“{column}” points at a record missing" in info.value.text()
    assert book_hash(ctx) == before and folder_listing(ctx) == files
