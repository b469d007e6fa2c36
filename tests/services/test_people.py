"""Who I am: my person in the book, the name prompt's choice, renames that travel, and old backups that
line up with the people a migration made."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from helpers.backups import PASS, fast_backups, teammate_book
from hostile import image_of, mutate, write_backup

from crm_desktop.db.people import SEED_STAMP, person_id_for
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.books import OpenBook
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.people import PeopleService

OWNERS_AS_NAMES = [f"UPDATE {t} SET owner = COALESCE((SELECT p.name FROM person p WHERE p.id = {t}.owner), owner)"
                   for t in ("customer", "interaction", "complaint", "deal")]
"""What a book of version 5 holds: owners as the names typed."""


def _people(services) -> list[tuple[str, str]]:
    return services.get(PeopleService).people()


def test_my_person_id_defaults_to_the_one_of_my_name(db):
    """Without a person id (an install older than persons) mine is the id a migration gives my name."""
    assert ServiceContext(db, user=" Alex Chen").person_id == person_id_for("alex chen")
    assert ServiceContext(db, user="王磊", person_id="f" * 32).person_id == "f" * 32
    assert ServiceContext(db).person_id == ""


def test_opening_a_book_makes_sure_my_person_exists(tmp_path, clock):
    """The first open writes my person with my name; the next open writes nothing."""
    path = str(tmp_path / "book.sqlite")
    book = OpenBook(path, "王磊", now=clock, create=True)
    assert _people(book.services) == [(person_id_for("王磊"), "王磊")]
    book.close()

    def rows():
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT * FROM person").fetchall()
        finally:
            conn.close()

    first = rows()
    book = OpenBook(path, " 王磊", now=clock)
    book.close()
    assert rows() == first and len(first) == 1, "the second open writes nothing"


def test_a_nameless_install_makes_no_person(tmp_path, clock):
    """Before the first-start prompt is answered nobody is written."""
    book = OpenBook(str(tmp_path / "book.sqlite"), "", now=clock, create=True)
    assert _people(book.services) == []
    book.close()


def test_picking_a_team_member_adopts_their_id(tmp_path, clock):
    """On a new laptop, choosing 王磊 (known to the book from a merge) makes me 王磊's person, not a new one."""
    wang = teammate_book(tmp_path / "wang.sqlite", "王磊", clock)
    wang.get(PeopleService).ensure_me()
    wang.get(PeopleService).choose_me("王磊 Wang")  # renamed before: the id no longer follows from the name
    fast_backups(wang).backup(tmp_path / "wang.crmbak", PASS)
    laptop = teammate_book(tmp_path / "laptop.sqlite", "", clock)
    fast_backups(laptop).merge(tmp_path / "wang.crmbak", PASS)
    me = laptop.get(PeopleService).choose_me("王磊 wang")
    assert me.person_id == wang.ctx.person_id and not me.renamed
    assert laptop.ctx.person_id == wang.ctx.person_id and laptop.ctx.user == "王磊 wang"
    assert _people(laptop) == [(wang.ctx.person_id, "王磊 Wang")]


def test_a_new_name_on_a_first_start_is_a_new_person(services):
    """Nobody of that name: I become the person of my name."""
    services.ctx.user, services.ctx.person_id = "", ""
    me = services.get(PeopleService).choose_me(" 赵六 ")
    assert (me.person_id, me.name, me.renamed) == (person_id_for("赵六"), "赵六", False)
    assert _people(services) == [(person_id_for("赵六"), "赵六")]


def test_renaming_myself_keeps_my_id_and_is_one_stamped_edit(services):
    """李娜 → 李小娜: the same person, its name written once with a new stamp."""
    people = services.get(PeopleService)
    people.ensure_me()
    pid = services.ctx.person_id
    me = people.choose_me("李小娜")
    assert (me.person_id, me.renamed) == (pid, True)
    assert _people(services) == [(pid, "李小娜")]
    with services.ctx.db.engine.connect() as conn:
        stamps = conn.exec_driver_sql("SELECT created_stamp, field_stamps FROM person").one()
    assert '"name"' in stamps[1] and stamps[0] not in stamps[1]
    assert not people.choose_me("李小娜").renamed, "the same name again writes nothing"


def test_a_rename_reaches_a_teammate_by_merge(tmp_path, clock):
    """A renames themself; B merges A's backup: B knows A under the new name (and still one person)."""
    a = teammate_book(tmp_path / "a.sqlite", "王磊", clock)
    b = teammate_book(tmp_path / "b.sqlite", "李娜", clock)
    for s in (a, b):
        s.get(PeopleService).ensure_me()
    fast_backups(a).backup(tmp_path / "a1.crmbak", PASS)
    fast_backups(b).merge(tmp_path / "a1.crmbak", PASS)
    assert sorted(n for _i, n in _people(b)) == ["李娜", "王磊"]
    clock.value += timedelta(minutes=5)
    a.get(PeopleService).choose_me("王小磊")
    fast_backups(a).backup(tmp_path / "a2.crmbak", PASS)
    fast_backups(b).merge(tmp_path / "a2.crmbak", PASS)
    assert dict(_people(b))[a.ctx.person_id] == "王小磊"
    assert sorted(n for _i, n in _people(b)) == ["李娜", "王小磊"]


def test_an_old_version_backup_merges_without_a_second_person(tmp_path, clock):
    """A teammate's backup made before persons (revision 5, owners as names) merges into a book that has
    王磊 already: the checked copy's migration makes the same person, so the book still has one 王磊."""
    old = teammate_book(tmp_path / "old.sqlite", "陈静", clock)
    old.customers.create(CustomerInput(name="孙悦", owner="王磊 "))
    old.customers.create(CustomerInput(name="周明", owner="陈静"))
    image = mutate(image_of(old.ctx), *OWNERS_AS_NAMES, "DROP TABLE person",
                   "UPDATE alembic_version SET version_num = '0005'", "PRAGMA user_version = 5")
    book = teammate_book(tmp_path / "book.sqlite", "王磊", clock)
    book.get(PeopleService).ensure_me()
    fast_backups(book).merge(write_backup(tmp_path / "old.crmbak", image, clock()), PASS)
    assert sorted(_people(book)) == sorted([(person_id_for("王磊"), "王磊"), (person_id_for("陈静"), "陈静")])
    conn = sqlite3.connect(book.ctx.db.path)
    try:
        stamps = dict(conn.execute("SELECT name, stamp FROM person").fetchall())
    finally:
        conn.close()
    assert stamps["陈静"] == SEED_STAMP, "made by the migration of the checked copy"
    assert stamps["王磊"] > SEED_STAMP, "the book's own 王磊 (named on this laptop) keeps its name's stamp"


def test_two_renames_of_one_person_offline_wait_for_review(tmp_path, clock):
    """王磊 renames themself on two laptops before a merge: one name wins everywhere and the other waits in
    "2 versions", named by the person's current name."""
    from crm_desktop.services.conflicts import ConflictService

    a = teammate_book(tmp_path / "a.sqlite", "王磊", clock)
    b = teammate_book(tmp_path / "b.sqlite", "王磊", clock)
    for s in (a, b):
        s.get(PeopleService).ensure_me()
    clock.value += timedelta(minutes=1)
    a.get(PeopleService).choose_me("王小磊")
    clock.value += timedelta(minutes=1)
    b.get(PeopleService).choose_me("Wang Lei")
    fast_backups(a).backup(tmp_path / "a.crmbak", PASS)
    fast_backups(b).merge(tmp_path / "a.crmbak", PASS)
    assert _people(b) == [(person_id_for("王磊"), "Wang Lei")], "the later rename wins"
    items = [i for i in b.get(ConflictService).pending() if i.table_name == "person"]
    assert [(i.field, i.record_text, i.other.value) for i in items] == [("name", "Wang Lei", "王小磊")]


def test_owners_typed_on_records_join_the_team(services, clock):
    """A customer, a complaint, a deal or a handover given to a name nobody has yet makes that name a person
    of the book; my own name and an empty owner make none but mine."""
    from crm_desktop.domain.complaints import ComplaintInput
    from crm_desktop.domain.deals import DealInput
    from crm_desktop.services.bulk_edit import BulkEdit, BulkEditService, EditKind
    from crm_desktop.services.complaints import ComplaintService
    from crm_desktop.services.deals import DealService

    cid = services.customers.create(CustomerInput(name="孙悦", owner="赵六")).id
    services.customers.create(CustomerInput(name="周明"))
    services.get(ComplaintService).create(ComplaintInput(customer_id=cid, opened_at=clock(), description="慢",
                                                         owner="钱七"))
    services.get(DealService).create(DealInput(customer_id=cid, title="年单", amount="1000", owner="孙八"))
    services.get(BulkEditService).apply([cid], BulkEdit(EditKind.OWNER, "周九"))
    names = sorted(n for _i, n in _people(services))
    assert names == sorted(["李娜", "赵六", "钱七", "孙八", "周九"])
    services.customers.create(CustomerInput(name="吴静", owner=" 赵六"))
    assert len(_people(services)) == 5, "another spelling of a known name is the same person"
