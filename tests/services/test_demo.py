"""The demo books: deterministic, skewed like real books, in one language, in office hours, a realistic call list."""

import re
import sqlite3
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from crm_desktop.db.database import open_database, peek_meta
from crm_desktop.domain.enums import Outcome
from crm_desktop.domain.models import CustomerQuery
from crm_desktop.services.books import create_demo_book
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.demo import generate_demo, load_seed
from crm_desktop.services.validation import normalize_phone

NOW = datetime(2026, 11, 23, tzinfo=UTC)
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def _book(path, seed, language="zh_CN", customers=300):
    db = open_database(path)
    counts = generate_demo(db, customers=customers, seed=seed, now=NOW, language=language)
    with db.engine.connect() as c:
        names = [r[0] for r in c.execute(text("SELECT name FROM customer ORDER BY id"))]
        revenue = [r[0] for r in c.execute(text(
            "SELECT SUM(amount_minor) FROM sales_order GROUP BY customer_id ORDER BY 1 DESC"))]
        phones = [r[0] for r in c.execute(text("SELECT phone FROM customer LIMIT 50"))]
    return db, counts, names, revenue, phones


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """A 2,000-customer demo in each language, made once for the tests that only read them."""
    folder = tmp_path_factory.mktemp("demo")
    made = {}
    for language in ("zh_CN", "en"):
        path = folder / f"{language}.sqlite"
        db = open_database(path)
        generate_demo(db, customers=2000, seed=5, now=NOW, language=language)
        db.close()
        made[language] = path
    return made


def _rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_same_seed_same_book(tmp_path):
    """The demo is deterministic for a seed (and a language)."""
    a = _book(tmp_path / "a.sqlite", 7)
    b = _book(tmp_path / "b.sqlite", 7)
    assert a[1] == b[1] and a[2] == b[2]
    assert _book(tmp_path / "c.sqlite", 8)[2] != a[2]
    assert _book(tmp_path / "d.sqlite", 7, "en")[2] != a[2]


def test_book_is_skewed_like_real_ones(tmp_path):
    """The top 20 % of buyers bring most revenue, and some customers never bought."""
    db, counts, names, revenue, _ = _book(tmp_path / "a.sqlite", 1)
    top = sum(revenue[: max(1, len(revenue) // 5)])
    assert top / sum(revenue) > 0.5
    assert len(revenue) < counts["customer"]
    db.close()


def test_demo_phones_are_valid_and_searchable(tmp_path):
    """Generated phones pass validation (both languages) and customers are found by their name."""
    for language in ("zh_CN", "en"):
        db, _c, names, _r, phones = _book(tmp_path / f"{language}.sqlite", 1, language)
        assert all(normalize_phone(p) == p for p in phones)
        svc = CustomerService(ServiceContext(db))
        assert svc.search(CustomerQuery(text=names[0]))
        db.close()


_TEXTS = {
    "customer": ("name", "company", "address", "industry", "notes", "needs"),
    "person": ("name",),  # owners are person ids: their names are here
    "contact": ("name", "title", "notes"),
    "interaction": ("summary", "next_step"),
    "complaint": ("description", "resolution"),
    "sales_order": ("description",),
    "tag": ("name",),
}


def _texts(path):
    for table, columns in _TEXTS.items():
        for column in columns:
            for (value,) in _rows(path, f"SELECT DISTINCT {column} FROM {table} WHERE {column} <> ''"):
                yield table, column, value


def test_a_chinese_demo_reads_chinese(books):
    """Names, companies, addresses, notes, next steps, summaries, complaints and orders are all Chinese."""
    english = [(t, c, v) for t, c, v in _texts(books["zh_CN"]) if not CJK.search(v) and v != "VIP"]
    assert english == []


def test_an_english_demo_reads_english(books):
    """The English demo has no Chinese text anywhere."""
    chinese = [(t, c, v) for t, c, v in _texts(books["en"]) if CJK.search(v) or not LATIN.search(v)]
    assert chinese == []


def test_zhang_wei_is_in_the_chinese_demo_and_first_for_zw(books):
    """The README's example: several 张伟, found by zw and zhangwei, a 张伟 first among the exact zw names."""
    db = open_database(books["zh_CN"], create=False)
    try:
        svc = CustomerService(ServiceContext(db))
        found = svc.search(CustomerQuery(text="zw"))
        rows = svc.rows(found)
        exact = [rows[i].name for i in found if rows[i].name in ("张伟",) or _initials(db, i) == "zw"]
        assert exact[0] == "张伟"
        assert sum(1 for i in found if rows[i].name == "张伟") >= 3
        by_pinyin = svc.search(CustomerQuery(text="zhangwei"))
        names = [svc.rows(by_pinyin)[i].name for i in by_pinyin]
        assert names.count("张伟") >= 3  # (and firms whose contact is a 张伟)
    finally:
        db.close()


def _initials(db, customer_id):
    with db.engine.connect() as c:
        return c.execute(text("SELECT name_initials FROM customer WHERE id = :i"), {"i": customer_id}).scalar()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_contacts_happen_in_office_hours_mostly_on_weekdays(books, language):
    """Every contact made is between 09:00 and 18:00 in the book's time zone (UTC+8); 95 % on weekdays."""
    offset = timedelta(hours=load_seed(language)["utc_offset_hours"])
    times = [datetime.fromisoformat(r[0]) + offset
             for r in _rows(books[language], "SELECT occurred_at FROM interaction")]
    assert times and all(9 <= t.hour < 18 for t in times)
    weekdays = sum(1 for t in times if t.weekday() < 5)
    assert weekdays / len(times) > 0.95
    assert max(times) < NOW.replace(tzinfo=None) + offset


def test_outcomes_fit_their_channel(books):
    """No e-mail or message is "reached", no call "held"; every outcome is one of the app's values."""
    pairs = Counter(_rows(books["zh_CN"], "SELECT channel, outcome FROM interaction"))
    known = {o.value for o in Outcome}
    assert {o for _c, o in pairs} <= known
    for (channel, outcome), _n in pairs.items():
        if channel in ("email", "wechat", "sms"):
            assert outcome not in ("reached", "no_answer", "call_back", "held"), (channel, outcome)
        if channel == "phone":
            assert outcome not in ("sent", "replied", "held"), (channel, outcome)
        if channel in ("visit", "meeting"):
            assert outcome not in ("reached", "no_answer", "sent", "replied"), (channel, outcome)
    assert pairs[("email", "sent")] and pairs[("visit", "held")] and pairs[("phone", "no_answer")]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_complaint_categories_match_their_text(books, language):
    """Each complaint's category is the one its text belongs to, and a resolution fits the text too."""
    cases = {(c["category"], c["text"]): c["resolution"] for c in load_seed(language)["complaints"]}
    rows = _rows(books[language], "SELECT category, description, resolution FROM complaint")
    assert rows
    for category, description, resolution in rows:
        assert (category, description) in cases
        assert resolution in ("", cases[(category, description)])


def test_the_call_list_is_a_realistic_mix(books):
    """A handful of overdue follow-ups, some due today, the rest of the top 30 other reasons; one open step each."""
    from crm_desktop.domain.calllist import COMPLAINT_OPEN, COMPLAINT_OVERDUE, FOLLOWUP
    from crm_desktop.services.calllist import CallListService

    db = open_database(books["zh_CN"], create=False)
    try:
        ctx = ServiceContext(db, now=lambda: NOW + timedelta(hours=2))
        entries = CallListService(ctx).build(NOW + timedelta(hours=2), top_n=30)
        with db.engine.connect() as c:
            most_open = c.execute(text("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM interaction "
                                       "WHERE next_done = 0 AND next_due_at IS NOT NULL "
                                       "GROUP BY customer_id)")).scalar()
            open_steps = c.execute(text("SELECT COUNT(*) FROM interaction WHERE next_done = 0")).scalar()
    finally:
        db.close()
    assert len(entries) == 30
    kinds = [r.kind for e in entries for r in e.reasons]
    overdue = sum(1 for e in entries for r in e.reasons
                  if r.kind == FOLLOWUP and r.params.get("days_overdue", 0) > 0)
    due_today = sum(1 for e in entries for r in e.reasons
                    if r.kind == FOLLOWUP and r.params.get("days_overdue", 0) <= 0)
    complaints = sum(1 for k in kinds if k in (COMPLAINT_OPEN, COMPLAINT_OVERDUE))
    assert 2 <= overdue <= 8 and 2 <= due_today <= 15 and complaints <= 6
    assert sum(1 for e in entries if e.urgent) <= 12  # red marks the few urgent rows, not the list
    assert most_open == 1
    assert open_steps < 2000 * 0.15  # most customers have nothing open


def test_contacts_have_birthdays_wechat_and_second_phones_sometimes(books):
    """Some contacts carry a birthday, a WeChat id and a second phone; the contact-birthday reason can fire."""
    from crm_desktop.domain.calllist import CONTACT_BIRTHDAY
    from crm_desktop.services.calllist import CallListService

    total, birthdays, wechats, phones2 = _rows(books["zh_CN"], (
        "SELECT COUNT(*), COUNT(birthday), SUM(wechat <> ''), SUM(phone2 <> '') FROM contact"))[0]
    assert 0.2 < birthdays / total < 0.5 and 0.4 < wechats / total < 0.8 and 0.05 < phones2 / total < 0.3
    assert all(normalize_phone(p) == p
               for (p,) in _rows(books["zh_CN"], "SELECT phone2 FROM contact WHERE phone2 <> ''"))
    db = open_database(books["zh_CN"], create=False)
    try:
        entries = CallListService(ServiceContext(db, now=lambda: NOW)).build(NOW, top_n=2000)
    finally:
        db.close()
    assert any(r.kind == CONTACT_BIRTHDAY for e in entries for r in e.reasons)


def test_the_search_index_is_what_reindexing_would_write(books):
    """The demo's search rows equal the index the app builds itself (restore trusts a current index)."""
    from crm_desktop.db.search import reindex_customers

    for path in books.values():
        conn = sqlite3.connect(path)
        try:
            assert reindex_customers(conn) == 0
        finally:
            conn.rollback()
            conn.close()


def test_create_demo_book_marks_it_and_leaves_no_temporary_file(tmp_path):
    """create_demo_book writes a book marked demo=1 with its language, through a file moved into place."""
    path = tmp_path / "demo.sqlite"
    counts = create_demo_book(path, customers=20, seed=2, now=NOW, language="en")
    assert counts["customer"] == 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]
    assert peek_meta(path, "demo") == "1" and peek_meta(path, "demo_language") == "en"


def test_an_unknown_language_is_refused():
    """Only the languages with a seed file make a demo."""
    with pytest.raises(ValueError):
        load_seed("fr")


def test_a_demo_that_fails_halfway_leaves_the_old_book_and_no_trace(tmp_path, monkeypatch):
    """An error while the demo is written leaves the book that was there, untouched, and no temporary file."""
    import crm_desktop.services.demo as demo

    path = tmp_path / "demo.sqlite"
    create_demo_book(path, customers=20, seed=2, now=NOW, language="en")
    before = path.read_bytes()

    def broken(*_args, **_kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(demo, "generate_demo", broken)
    with pytest.raises(OSError):
        create_demo_book(path, customers=20, seed=3, now=NOW, language="zh_CN")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]


def test_a_disk_without_room_for_the_demo_is_said_before_anything_is_written(tmp_path, monkeypatch):
    """Too little free space raises the disk-full sentence with the room needed; no file is made."""
    import shutil
    from collections import namedtuple

    from crm_desktop.db.errors import DiskFullError

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(DiskFullError):
        create_demo_book(tmp_path / "demo.sqlite", customers=2000, now=NOW)
    assert list(tmp_path.iterdir()) == []


def test_the_demo_team_are_people_of_the_book(books):
    """Every demo customer's owner is a person of the book (stored by id), under the id of their name."""
    from crm_desktop.db.people import person_id_for

    people = dict(_rows(books["zh_CN"], "SELECT id, name FROM person"))
    owners = {o for (o,) in _rows(books["zh_CN"], "SELECT DISTINCT owner FROM customer WHERE owner <> ''")}
    assert owners and owners <= people.keys()
    assert all(person_id_for(people[o]) == o for o in owners)


def test_the_demo_has_a_product_catalogue_and_an_mvc_price_list(books):
    """The products page shows something on the demo: ten products, and an MVC price list 8 % below them."""
    from crm_desktop.services import Services
    from crm_desktop.services.products import ProductService

    db = open_database(books["zh_CN"], create=False)
    try:
        svc = Services(ServiceContext(db, user="王磊", now=lambda: NOW)).get(ProductService)
        products = svc.products()
        lists = svc.price_lists()
    finally:
        db.close()
    assert len(products) == 10 and all(p.price_minor > 0 and p.active for p in products)
    assert [(pl.segment, len(pl.prices)) for pl in lists] == [("MVC", 10)]
