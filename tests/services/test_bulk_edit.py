"""Bulk edits and handover: preview counts, one transaction, undo that puts back values and merges right."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm_desktop.db.people import person_id_for
from crm_desktop.domain.changes import Kind
from crm_desktop.domain.complaints import ComplaintInput
from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.services.bulk_edit import BulkEdit, BulkEditRefused, BulkEditService, EditKind, clean_edit, split
from crm_desktop.services.complaints import ComplaintService
from crm_desktop.services.merge import merge_states
from crm_desktop.services.merge.plan import read_state
from crm_desktop.services.timeline import ContactLogInput, TimelineService

TABLES = ("customer", "customer_tag", "tag", "interaction", "complaint")


def _snapshot(db) -> dict[str, list[tuple]]:
    """Every row of the tables a bulk edit writes, all columns, except the list's "updated" time."""
    out = {}
    with db.raw_connection() as conn:
        for table in TABLES:
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY id")
            cols = [d[0] for d in cur.description]
            out[table] = [tuple(v for c, v in zip(cols, r, strict=True) if c != "updated_at") for r in cur]
    return out


def _field_stamps(db, table: str, row_id: str) -> dict:
    with db.raw_connection() as conn:
        return json.loads(conn.execute(f"SELECT field_stamps FROM {table} WHERE id = ?", (row_id,)).fetchone()[0]
                          or "{}")


@pytest.fixture
def bulk(services):
    return services.get(BulkEditService)


@pytest.fixture
def book(services):
    """Six customers: three of 李娜 (one tagged VIP), two of 王磊, one of 陈静 marked do-not-contact."""
    c = services.customers
    made = {}
    for name, owner, tags, dnc in (("周明", "李娜", ["VIP"], False), ("李芳", "李娜", [], False),
                                   ("陈刚", "李娜", [], False), ("吴静", "王磊", [], False),
                                   ("郑强", "王磊", ["VIP"], False), ("赵敏", "陈静", [], True)):
        made[name] = c.create(CustomerInput(name=name, owner=owner, tags=tags, do_not_contact=dnc)).id
    return made


def test_clean_edit_refuses_an_empty_tag_and_trims_names():
    """A tag edit needs a name without commas; names are trimmed and not too long; do-not-contact is a flag."""
    with pytest.raises(BulkEditRefused):
        clean_edit(BulkEdit(EditKind.ADD_TAG, "  "))
    assert clean_edit(BulkEdit(EditKind.OWNER, " 王磊 ")).value == "王磊"
    assert clean_edit(BulkEdit(EditKind.DO_NOT_CONTACT, 1)).value is True
    with pytest.raises(BulkEditRefused):
        clean_edit(BulkEdit(EditKind.OWNER, "x" * 101))
    with pytest.raises(BulkEditRefused):
        clean_edit(BulkEdit(EditKind.ADD_TAG, "VIP，老客户"))  # the dialog would read two tags


def test_split_counts_the_rows_that_already_have_the_value():
    """split: the rows that change, with their old value, and how many already had the new one."""
    assert split({"a": "李娜", "b": "王磊", "c": "李娜"}, "王磊") == ([("a", "李娜"), ("c", "李娜")], 1)


def test_preview_counts_changes_and_already(bulk, book):
    """The preview of "add VIP" to three customers: two change, one already has it; the first rows by name."""
    ids = [book["周明"], book["李芳"], book["陈刚"]]
    p = bulk.preview(ids, BulkEdit(EditKind.ADD_TAG, "VIP"))
    assert (p.total, p.changing, p.already) == (3, 2, 1)
    assert [r.name for r in p.sample] == ["周明", "李芳", "陈刚"]
    p = bulk.preview(list(book.values()), BulkEdit(EditKind.DO_NOT_CONTACT, True))
    assert (p.total, p.changing, p.already) == (6, 5, 1)


def test_add_tag_shows_in_search_and_undo_removes_it(bulk, services, book):
    """Add a tag to three customers: the tag filter finds exactly them; undo: nobody has it."""
    ids = [book["李芳"], book["陈刚"], book["吴静"]]
    record = bulk.apply(ids, BulkEdit(EditKind.ADD_TAG, "展会"))
    assert record.changed == 3 and record.changes.touches(Kind.TAG)
    services.customers.invalidate()
    assert set(services.customers.search(CustomerQuery(tag="展会"))) == set(ids)
    bulk.undo(record)
    services.customers.invalidate()
    assert services.customers.search(CustomerQuery(tag="展会")) == []
    assert services.customers.get(book["李芳"]).tags == ()


def test_remove_tag_and_undo_brings_it_back(bulk, services, book):
    """Remove VIP from everyone: nobody has it; undo: the two who had it have it again."""
    record = bulk.apply(list(book.values()), BulkEdit(EditKind.REMOVE_TAG, "VIP"))
    assert record.changed == 2
    assert services.customers.get(book["周明"]).tags == ()
    bulk.undo(record)
    assert services.customers.get(book["周明"]).tags == ("VIP",)
    assert services.customers.get(book["郑强"]).tags == ("VIP",)


def test_handover_moves_customers_and_their_owners_open_work(bulk, services, book, clock):
    """Hand 李娜's customers to 王磊 with follow-ups and complaints: her open ones move, a colleague's stays."""
    timeline = services.get(TimelineService)
    now = clock()
    mine = timeline.log_contact(ContactLogInput(book["周明"], occurred_at=now - timedelta(days=1), summary="call",
                                                next_step="报价", next_due_at=now + timedelta(days=2))).id
    complaint = services.get(ComplaintService).create(ComplaintInput(book["李芳"], now, "Box arrived broken")).id
    ids = bulk.owned_by("李娜")
    assert sorted(ids) == sorted([book["周明"], book["李芳"], book["陈刚"]])
    edit = BulkEdit(EditKind.OWNER, "王磊", followups=True, complaints=True)
    p = bulk.preview(ids, edit)
    assert (p.changing, p.followups, p.complaints) == (3, 1, 1)
    record = bulk.apply(ids, edit)
    assert record.moved_followups == 1 and record.moved_complaints == 1
    assert record.changes.touches(Kind.CUSTOMER, Kind.INTERACTION, Kind.COMPLAINT)
    assert bulk.owned_by("李娜") == []
    assert services.customers.get(book["周明"]).owner == "王磊"
    with services.ctx.db.raw_connection() as conn:
        assert conn.execute("SELECT owner FROM interaction WHERE id = ?", (mine,)).fetchone()[0] == \
            person_id_for("王磊")
        assert conn.execute("SELECT owner FROM complaint WHERE id = ?", (complaint,)).fetchone()[0] == \
            person_id_for("王磊")
    bulk.undo(record)
    assert sorted(bulk.owned_by("李娜")) == sorted(ids)
    with services.ctx.db.raw_connection() as conn:
        assert conn.execute("SELECT owner FROM interaction WHERE id = ?", (mine,)).fetchone()[0] == \
            person_id_for("李娜")


def test_handover_without_followups_leaves_them(bulk, services, book, clock):
    """Follow-ups stay with 李娜 when the person chose not to move them."""
    now = clock()
    step = services.get(TimelineService).log_contact(ContactLogInput(
        book["周明"], occurred_at=now, summary="call", next_step="回访", next_due_at=now + timedelta(days=1))).id
    bulk.apply(bulk.owned_by("李娜"), BulkEdit(EditKind.OWNER, "王磊"))
    with services.ctx.db.raw_connection() as conn:
        assert conn.execute("SELECT owner FROM interaction WHERE id = ?", (step,)).fetchone()[0] == \
            person_id_for("李娜")


def test_undo_leaves_a_customer_edited_since(bulk, services, book):
    """A customer whose owner was edited after the bulk edit keeps that later owner through the undo."""
    ids = [book["周明"], book["李芳"]]
    record = bulk.apply(ids, BulkEdit(EditKind.OWNER, "王磊"))
    detail = services.customers.get(book["李芳"])
    services.customers.update(book["李芳"], CustomerInput(name="李芳", owner="陈静"), base=detail.to_input())
    bulk.undo(record)
    assert services.customers.get(book["周明"]).owner == "李娜"
    assert services.customers.get(book["李芳"]).owner == "陈静"


def test_undo_is_stamped_newer_so_an_earlier_copy_cannot_bring_the_edit_back(bulk, services, book, db):
    """A teammate's copy taken after the edit, merged after the undo: the undone owner stays."""
    ids = [book["周明"], book["李芳"]]
    record = bulk.apply(ids, BulkEdit(EditKind.OWNER, "王磊"))
    with db.raw_connection() as conn:
        sent = read_state(conn)  # the backup that left the laptop between the edit and its undo
    bulk.undo(record)
    with db.raw_connection() as conn:
        here = read_state(conn)
    for a, b in ((here, sent), (sent, here)):
        merged = merge_states(a, b).state.tables["customer"]
        assert {merged[i]["owner"] for i in ids} == {person_id_for("李娜")}  # owners are person ids
    assert _field_stamps(db, "customer", book["周明"])["owner"] > record.stamp


def test_a_cancel_during_apply_writes_nothing(bulk, book, db):
    """A cancel raised by the progress report rolls the whole edit back."""
    before = _snapshot(db)

    def cancel(done: int, total: int) -> None:
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        bulk.apply(list(book.values()), BulkEdit(EditKind.OWNER, "王磊"), cancel)
    assert _snapshot(db) == before


EDITS = st.one_of(
    st.builds(BulkEdit, st.just(EditKind.OWNER), st.sampled_from(["李娜", "王磊", "陈静", ""]), st.booleans(),
              st.booleans()),
    st.builds(BulkEdit, st.sampled_from([EditKind.ADD_TAG, EditKind.REMOVE_TAG]), st.sampled_from(["VIP", "展会"])),
    st.builds(BulkEdit, st.just(EditKind.DO_NOT_CONTACT), st.booleans()),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.integers(0, 5), max_size=8), edit=EDITS)
def test_apply_then_undo_gives_every_value_back_and_touches_no_other_stamp(bulk, book, db, picks, edit):
    """For random selections and edits: after apply and undo every row has its values back, every field the
    edit did not write keeps its stamp, and each field it wrote carries a stamp newer than the edit."""
    names = list(book)
    ids = [book[names[i]] for i in picks]
    before = _snapshot(db)
    record = bulk.apply(ids, edit)
    bulk.undo(record)
    after = _snapshot(db)
    for table in TABLES:
        assert len(after[table]) >= len(before[table])
        olds = {r[0]: r for r in before[table]}
        with db.raw_connection() as conn:
            cur = conn.execute(f"SELECT * FROM {table} LIMIT 0")
            cols = [d[0] for d in cur.description if d[0] != "updated_at"]
        for row in after[table]:
            old = olds.get(row[0])
            now = dict(zip(cols, row, strict=True))
            if old is None:  # a tag link the edit made: its undo is a tombstone
                assert table in ("customer_tag", "tag") and (table == "tag" or now["deleted_stamp"] is not None)
                continue
            was = dict(zip(cols, old, strict=True))
            stamps_now = json.loads(now["field_stamps"] or "{}")
            stamps_was = json.loads(was["field_stamps"] or "{}")
            for col in cols:
                if col in ("stamp", "field_stamps", "deleted_stamp"):
                    continue
                assert now[col] == was[col], (table, col)
            assert (now["deleted_stamp"] is None) == (was["deleted_stamp"] is None)
            for key in stamps_now.keys() | stamps_was.keys():
                if stamps_now.get(key) != stamps_was.get(key):
                    assert stamps_now[key] > record.stamp, (table, key)
