"""Which records belong to a customer is read from the foreign keys, so new tables are covered by itself."""

from __future__ import annotations

from crm_desktop.db.ownership import customer_links, customer_of_sql, direct_tables, through_tables


def test_every_table_of_a_customer_is_known_with_its_way_there():
    """Direct ones by customer_id; a complaint's events and a deal's stage changes through their parent."""
    assert set(direct_tables()) == {"contact", "interaction", "sales_order", "complaint", "deal", "customer_tag",
                                   "customer_stage_change", "price_list_customer"}
    assert set(through_tables()) == {("complaint_event", "complaint_id", "complaint"),
                                     ("deal_stage_change", "deal_id", "deal"), ("deal_line", "deal_id", "deal"),
                                     ("quote", "deal_id", "deal"), ("order_line", "order_id", "sales_order")}
    assert "tag" not in customer_links() and "setting" not in customer_links()


def test_the_customer_of_any_record_is_one_query(ctx, customers):
    """The query for a record's customer finds it directly and through a parent."""
    from sqlalchemy import text

    from crm_desktop.domain.models import CustomerInput
    from crm_desktop.services.deals import DealInput, DealService

    cid = customers.create(CustomerInput(name="张伟")).id
    deal = DealService(ctx).create(DealInput(cid, title="软件年费续约", amount="100")).id
    with ctx.db.reading() as tx:
        change = tx.execute(text("SELECT id FROM deal_stage_change WHERE deal_id = :d"), {"d": deal}).scalar()
        for table, rid in (("customer", cid), ("deal", deal), ("deal_stage_change", change)):
            assert tuple(tx.execute(text(customer_of_sql(table)), {"r": rid}).one()) == (cid, "张伟"), table
    assert customer_of_sql("setting") is None
