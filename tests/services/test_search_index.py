from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.services.search_index import index_looks_current, rebuild_search_index


def _book(customers):
    customers.create(CustomerInput(name="张伟", phone="13800138000", contacts=[ContactInput(name="王芳")]))
    customers.create(CustomerInput(name="Anna Smith", email="anna@example.com"))


def test_an_index_written_by_the_app_is_current(db, customers):
    """After normal edits the sampled search texts match what would be computed."""
    _book(customers)
    with db.raw_connection() as conn:
        assert index_looks_current(conn)


def test_a_damaged_or_missing_index_is_noticed_and_rebuilt(db, customers):
    """A changed or missing search row fails the check; a rebuild makes search work again."""
    _book(customers)
    with db.raw_connection() as conn:
        conn.execute("UPDATE customer_search SET doc = 'garbage', key = 'garbage'")
        assert not index_looks_current(conn)
    rebuild_search_index(db)
    with db.raw_connection() as conn:
        assert index_looks_current(conn)
        conn.execute("DELETE FROM customer_search WHERE rowid = (SELECT MIN(rowid) FROM customer_search)")
        assert not index_looks_current(conn)
    rebuild_search_index(db)
    customers.invalidate()
    assert len(customers.search(CustomerQuery(text="zw"))) == 1
