"""Duplicate finder: normalisation, what is and is not flagged, merge moving everything, undo."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from crm_desktop.db.models import Complaint, Contact, Deal, Interaction, Order
from crm_desktop.db.sync import insert_row
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.services.dedupe import DedupeService, MergeRefused, company_key, name_key

T = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def test_keys_ignore_width_case_and_legal_forms():
    """Full-width, case, spaces and company suffixes (有限公司, Co., Ltd.) do not make records differ."""
    assert name_key("Ｊｏｈｎ  SMITH") == name_key("john smith") == "johnsmith"
    assert name_key("张 伟") == name_key("张伟")
    assert company_key("华信科技有限公司") == company_key("华信科技") == company_key("华信科技股份有限公司")
    assert company_key("华为技术（深圳）有限公司") == "华为技术"
    assert company_key("Pacific Trading Co., Ltd.") == company_key("PACIFIC TRADING") == "pacifictrading"
    assert company_key("有限公司") == ""  # only a legal form: no key, so it never makes a pair


def _pairs(services):
    return {frozenset((p.a_name, p.b_name)): p for p in services.get(DedupeService).scan()}


def test_scan_flags_real_duplicates(customers, services):
    """Same phone, same e-mail, same name at the same firm, homophone at the same firm, typo: all flagged."""
    customers.create(CustomerInput(name="张伟", company="华信科技有限公司", phone="13800138000"))
    customers.create(CustomerInput(name="张 伟", company="华信科技", phone="+86 138 0013 8000"))
    customers.create(CustomerInput(name="Anna Smith", email="anna@example.cn", phone="13900139001"))
    customers.create(CustomerInput(name="ANNA SMITH", email="Anna@Example.cn"))
    customers.create(CustomerInput(name="李静", company="恒达贸易股份有限公司", phone="13700137000"))
    customers.create(CustomerInput(name="李晶", company="恒达贸易"))
    customers.create(CustomerInput(name="Jonathan Baker", company="Bluewave Tech Ltd."))
    customers.create(CustomerInput(name="Jonathon Baker", company="Bluewave Tech"))
    pairs = _pairs(services)
    assert set(pairs) == {frozenset(("张伟", "张 伟")), frozenset(("Anna Smith", "ANNA SMITH")),
                          frozenset(("李静", "李晶")), frozenset(("Jonathan Baker", "Jonathon Baker"))}
    assert pairs[frozenset(("张伟", "张 伟"))].reasons == ("phone", "name", "company")
    assert "sound" in pairs[frozenset(("李静", "李晶"))].reasons


def test_scan_leaves_namesakes_and_colleagues_alone(customers, services):
    """Two 张伟 with different mobiles, colleagues sharing a switchboard, 万振/万振艳: not duplicates."""
    customers.create(CustomerInput(name="张伟", phone="13800138000"))
    customers.create(CustomerInput(name="张伟", phone="13900139000"))
    customers.create(CustomerInput(name="王磊", company="鼎盛餐饮", phone="010 6512 3456"))
    customers.create(CustomerInput(name="陈静", company="鼎盛餐饮", phone="010 6512 3456"))
    customers.create(CustomerInput(name="万振", company="新元物流有限公司"))
    customers.create(CustomerInput(name="万振艳", company="新元物流"))
    assert _pairs(services) == {}


def _children(db, customer_id, stamp):
    with db.engine.begin() as c:
        insert_row(c, Interaction, {"customer_id": customer_id, "occurred_at": T, "summary": "电话回访"}, stamp)
        insert_row(c, Order, {"customer_id": customer_id, "ordered_at": T, "amount_minor": 12300}, stamp)
        insert_row(c, Complaint, {"customer_id": customer_id, "opened_at": T, "description": "货物破损"}, stamp)
        insert_row(c, Deal, {"customer_id": customer_id, "title": "年度采购", "stage": "proposal", "created_at": T,
                             "stage_changed_at": T}, stamp)


def test_merge_moves_everything_and_undo_restores(ctx, db, customers, services):
    """Merge: chosen fields on the kept record, all children and tags moved, loser tombstoned; undo reverses."""
    keep = customers.create(CustomerInput(name="张伟", phone="13800138000", notes="老客户", tags=["VIP"])).id
    lose = customers.create(CustomerInput(name="张 伟", company="华信科技", phone="13800138000",
                                          email="zw@example.cn", notes="要发票", do_not_contact=True,
                                          tags=["展会线索"],
                                          contacts=[ContactInput(name="小李", phone="13700137000")])).id
    _children(db, lose, ctx.stamp())
    svc = services.get(DedupeService)
    a, b = svc.compare(keep, lose)
    assert b.counts == {"contact": 1, "interaction": 1, "sales_order": 1, "complaint": 1, "deal": 1}
    defaults = svc.default_choices(a, b)
    assert defaults["company"] == "lose" and defaults["notes"] == "both" and defaults["do_not_contact"] == "lose"
    result = svc.merge(keep, lose, {"name": "keep"})
    customers.invalidate()
    assert result.moved == {"contact": 1, "interaction": 1, "sales_order": 1, "complaint": 1, "deal": 1}
    assert result.changes == Changes.of(Kind.CUSTOMER, Kind.CONTACT, Kind.INTERACTION, Kind.ORDER, Kind.COMPLAINT,
                                        Kind.DEAL, Kind.TAG, customers=[keep, lose])
    d = customers.get(keep)
    assert (d.name, d.company, d.email, d.do_not_contact) == ("张伟", "华信科技", "zw@example.cn", True)
    assert d.notes == "老客户\n要发票" and d.tags == ("VIP", "展会线索") and [c.name for c in d.contacts] == ["小李"]
    assert customers.search(CustomerQuery()) == [keep]
    assert customers.search(CustomerQuery(text="小李")) == [keep]
    with db.engine.connect() as c:
        for table in ("interaction", "sales_order", "complaint", "contact", "deal"):
            cid, stamps = c.exec_driver_sql(f"SELECT customer_id, field_stamps FROM {table}").one()
            assert cid == keep and "customer_id" in json.loads(stamps)  # stamped: teammates' merges carry it
        kind, payload = c.exec_driver_sql("SELECT kind, payload FROM change_batch").one()
    assert kind == "dedupe" and json.loads(payload)["lose"] == lose

    undone = svc.undo()
    assert undone.restored_id == lose and undone.changes == result.changes
    customers.invalidate()
    assert sorted(customers.search(CustomerQuery())) == sorted([keep, lose])
    d = customers.get(keep)
    assert (d.company, d.email, d.notes, d.do_not_contact, d.tags) == ("", "", "老客户", False, ("VIP",))
    back = customers.get(lose)
    assert back.tags == ("展会线索",) and [c.name for c in back.contacts] == ["小李"]
    assert svc.compare(keep, lose)[1].counts == {"contact": 1, "interaction": 1, "sales_order": 1, "complaint": 1,
                                                 "deal": 1}
    with pytest.raises(MergeRefused):
        svc.undo()


def test_merge_with_itself_or_a_deleted_record_is_refused(customers, services):
    """Merging a record with itself, or with one deleted meanwhile, is refused with a sentence."""
    a = customers.create(CustomerInput(name="甲", phone="13800138000")).id
    b = customers.create(CustomerInput(name="乙", phone="13900139000")).id
    svc = services.get(DedupeService)
    with pytest.raises(MergeRefused, match="itself"):
        svc.merge(a, a)
    customers.delete(b)
    with pytest.raises(MergeRefused, match="no longer exists"):
        svc.merge(a, b)


def test_contacts_of_the_merged_record_do_not_stay_behind(customers, services, db):
    """After a merge no live child row points at the tombstoned record."""
    a = customers.create(CustomerInput(name="Anna", email="anna@example.cn")).id
    b = customers.create(CustomerInput(name="Anna", email="ANNA@example.cn", contacts=[ContactInput(name="Bob")])).id
    services.get(DedupeService).merge(a, b)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("SELECT COUNT(*) FROM contact WHERE customer_id = ?", (b,)).scalar() == 0
        assert c.exec_driver_sql("SELECT deleted_stamp IS NOT NULL FROM customer WHERE id = ?", (b,)).scalar() == 1
    assert Contact.__tablename__ == "contact"


def test_a_merge_names_only_the_kinds_it_changed(customers, services, db, ctx):
    """A merge that moved only an order announces customers and orders, not contacts or complaints."""
    from crm_desktop.services.orders import OrderInput, OrderService

    keep = customers.create(CustomerInput(name="黄建国", phone="13500001111")).id
    lose = customers.create(CustomerInput(name="黄建国", phone="13500001111")).id
    services.get(OrderService).create(OrderInput(lose, ctx.now(), "500"))
    result = services.get(DedupeService).merge(keep, lose)
    assert result.changes == Changes.of(Kind.CUSTOMER, Kind.ORDER, customers=[keep, lose])
