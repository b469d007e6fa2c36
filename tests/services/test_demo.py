from datetime import datetime, timezone

from sqlalchemy import text

from crm_desktop.db.database import open_database
from crm_desktop.domain.models import CustomerQuery
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.demo import generate_demo
from crm_desktop.services.validation import normalize_phone

NOW = datetime(2026, 11, 23, tzinfo=timezone.utc)


def _book(path, seed):
    db = open_database(path)
    counts = generate_demo(db, customers=300, seed=seed, now=NOW)
    with db.engine.connect() as c:
        names = [r[0] for r in c.execute(text("SELECT name FROM customer ORDER BY id"))]
        revenue = [r[0] for r in c.execute(text(
            "SELECT SUM(amount_minor) FROM sales_order GROUP BY customer_id ORDER BY 1 DESC"))]
        phones = [r[0] for r in c.execute(text("SELECT phone FROM customer LIMIT 50"))]
    return db, counts, names, revenue, phones


def test_same_seed_same_book(tmp_path):
    """The demo is deterministic for a seed."""
    a = _book(tmp_path / "a.sqlite", 7)
    b = _book(tmp_path / "b.sqlite", 7)
    assert a[1] == b[1] and a[2] == b[2]
    assert _book(tmp_path / "c.sqlite", 8)[2] != a[2]


def test_book_is_skewed_like_real_ones(tmp_path):
    """The top 20 % of buyers bring most revenue, and some customers never bought."""
    db, counts, names, revenue, _ = _book(tmp_path / "a.sqlite", 1)
    top = sum(revenue[: max(1, len(revenue) // 5)])
    assert top / sum(revenue) > 0.5
    assert len(revenue) < counts["customer"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(names))
    assert any(n.isascii() for n in names)


def test_demo_phones_are_valid_and_searchable(tmp_path):
    """Generated phones pass validation and customers are found by pinyin."""
    db, _c, names, _r, phones = _book(tmp_path / "a.sqlite", 1)
    assert all(normalize_phone(p) == p for p in phones)
    svc = CustomerService(ServiceContext(db))
    chinese = next(n for n in names if not n.isascii())
    assert svc.search(CustomerQuery(text=chinese))
