from crm_desktop.db.search import index_looks_current, reindex_customers
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery


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
    with db.bulk() as tx:
        reindex_customers(tx)
    with db.raw_connection() as conn:
        assert index_looks_current(conn)
        conn.execute("DELETE FROM customer_search WHERE rowid = (SELECT MIN(rowid) FROM customer_search)")
        assert not index_looks_current(conn)
    with db.bulk() as tx:
        reindex_customers(tx)
    customers.invalidate()
    assert len(customers.search(CustomerQuery(text="zw"))) == 1


def _stored(db):
    with db.bulk() as tx:
        return (tx.execute("SELECT customer_id, key, doc FROM customer_search ORDER BY customer_id").fetchall(),
                tx.execute("SELECT id, name_pinyin, name_initials FROM customer ORDER BY id").fetchall())


def test_reindex_works_alike_on_both_kinds_of_unit_of_work(db, customers):
    """reindex_customers in a writing() transaction and in a bulk() one writes the same derived data."""
    _book(customers)
    written = _stored(db)
    with db.bulk() as tx:
        tx.execute("UPDATE customer_search SET key = '', doc = ''")
        tx.execute("UPDATE customer SET name_pinyin = '', name_initials = ''")
        assert reindex_customers(tx) == 2
    assert _stored(db) == written
    with db.bulk() as tx:
        tx.execute("UPDATE customer_search SET key = '', doc = ''")
        tx.execute("UPDATE customer SET name_pinyin = '', name_initials = ''")
    with db.writing() as tx:
        assert reindex_customers(tx) == 2
        assert reindex_customers(tx) == 0  # nothing left to change
    assert _stored(db) == written
    assert ("zhangwei", "zw") in [row[1:] for row in written[1]]


def test_a_reindex_of_some_customers_leaves_the_others(db, customers):
    """Only the given customers are recomputed; the rows of the others stay as they are."""
    _book(customers)
    with db.bulk() as tx:
        tx.execute("UPDATE customer_search SET key = 'stale'")
        first = tx.execute("SELECT id FROM customer ORDER BY id LIMIT 1").fetchone()[0]
        assert reindex_customers(tx, [first]) == 1
        assert tx.execute("SELECT COUNT(*) FROM customer_search WHERE key = 'stale'").fetchone()[0] == 1


def test_customers_are_found_by_wechat_and_contacts_second_phone_and_wechat(customers):
    """A WeChat id, a contact's second phone and a contact's WeChat id find the customer, and say so."""
    cid = customers.create(CustomerInput(name="张伟", wechat="zhangwei_1988", contacts=[
        ContactInput(name="王芳", phone="13900139000", phone2="13700137000", wechat="fang_wx_2020")])).id
    customers.create(CustomerInput(name="Anna Smith"))
    for typed, found_by in (("zhangwei_1988", "wechat"), ("13700137000", "contact"), ("fang_wx_2020", "contact")):
        ids = customers.search(CustomerQuery(text=typed))
        assert ids == [cid], typed
        assert customers.rows(ids, typed)[cid].matched == found_by


def _fts_ids(db, term):
    with db.bulk() as tx:
        return {r[0] for r in tx.execute(
            "SELECT s.customer_id FROM customer_fts f JOIN customer_search s ON s.sid = f.rowid "
            "WHERE customer_fts MATCH ?", (f'"{term}"',))}


def test_many_texts_written_at_once_give_the_same_full_text_index_as_few(db, customers):
    """More than FEW changed texts go through one statement (FTS5 flushes per statement); the index is
    then as if written row by row: FTS5's own integrity check passes and every new and changed text is
    found, the old ones no more — in either kind of unit of work."""
    from crm_desktop.db.search import FEW

    ids = [customers.create(CustomerInput(name=f"客户{i}", company=f"oldco{i:03d}")).id for i in range(3 * FEW)]
    for handle in ("bulk", "writing"):
        with db.bulk() as tx:
            for i, cid in enumerate(ids):
                tx.execute("UPDATE customer SET company = ? WHERE id = ?", (f"{handle}co{i:03d}", cid))
        with getattr(db, handle)() as tx:
            assert reindex_customers(tx, ids) == len(ids)
        with db.bulk() as tx:
            tx.execute("INSERT INTO customer_fts(customer_fts) VALUES ('integrity-check')")
        assert _fts_ids(db, f"{handle}co") == set(ids)
        assert _fts_ids(db, "oldco") == set()
        assert _fts_ids(db, f"{handle}co007") == {ids[7]}
    with db.raw_connection() as conn:
        assert index_looks_current(conn)
