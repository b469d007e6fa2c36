import json

import pytest

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.enums import BuyingRole, CustomerKind
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.services.customers import InvalidInput


def _make(customers, name, **kw):
    return customers.create(CustomerInput(name=name, **kw)).id


def test_create_stamps_owner_and_normalises_phone(customers):
    """A new customer gets the current user as owner and an E.164 phone."""
    cid = _make(customers, "张伟", phone="138 0013 8000")
    d = customers.get(cid)
    assert d.owner == "李娜" and d.phone == "+8613800138000"


def test_invalid_input_saves_nothing(customers):
    """A malformed phone refuses the save and writes no row."""
    with pytest.raises(InvalidInput) as err:
        _make(customers, "王芳", phone="12")
    assert err.value.errors[0].field == "phone"
    assert customers.search(CustomerQuery()) == []


@pytest.mark.parametrize("text", ["zw", "zhangwei", "张伟", "伟", "zhang", "华为", "13800", "8000", "zw@ex"])
def test_search_by_name_pinyin_company_phone_email(customers, text):
    """Short and long queries, Chinese and Latin, find the customer."""
    cid = _make(customers, "张伟", company="华为技术有限公司", phone="13800138000", email="zw@example.cn")
    _make(customers, "Anna Smith", phone="13900139000")
    assert customers.search(CustomerQuery(text=text)) == [cid]


def test_search_finds_contacts_of_a_business(customers):
    """A business is found by its contact's name."""
    cid = _make(customers, "鼎盛贸易", kind=CustomerKind.BUSINESS,
                contacts=[ContactInput(name="王芳", role=BuyingRole.DECIDER, phone="13700137000")])
    assert customers.search(CustomerQuery(text="王芳")) == [cid]
    assert customers.search(CustomerQuery(text="wangfang")) == [cid]


def test_filters_kind_owner_tag_and_do_not_contact(customers, ctx):
    """Each filter narrows the list."""
    a = _make(customers, "甲", kind=CustomerKind.BUSINESS, tags=["VIP"])
    b = _make(customers, "乙", do_not_contact=True, owner="王磊")
    assert customers.search(CustomerQuery(kind=CustomerKind.BUSINESS)) == [a]
    assert customers.search(CustomerQuery(owner="王磊")) == [b]
    assert customers.search(CustomerQuery(tag="VIP")) == [a]
    assert customers.search(CustomerQuery(do_not_contact=True)) == [b]
    assert customers.search(CustomerQuery(do_not_contact=False)) == [a]


def test_sort_by_pinyin_and_other_columns(customers):
    """Names sort by pinyin; any column can sort descending."""
    z = _make(customers, "赵六", company="A公司")
    li = _make(customers, "李四", company="C公司")
    w = _make(customers, "王五", company="B公司")
    assert customers.search(CustomerQuery()) == [li, w, z]
    assert customers.search(CustomerQuery(sort="company", descending=True)) == [li, w, z]


def test_update_stamps_only_changed_fields(customers, db):
    """An edit records a stamp for each changed field, and only those."""
    cid = _make(customers, "张伟", phone="13800138000")
    data = customers.get(cid).to_input()
    data.email = "new@example.cn"
    assert customers.update(cid, data) == Changes.of(Kind.CUSTOMER, customers=[cid])
    with db.engine.connect() as c:
        stamps = json.loads(c.exec_driver_sql("SELECT field_stamps FROM customer WHERE id=?", (cid,)).scalar())
    assert set(stamps) == {"email"}
    assert not customers.update(cid, customers.get(cid).to_input())


def test_edit_reindexes_search(customers):
    """After renaming, the new name is found and the old is not."""
    cid = _make(customers, "张伟")
    data = customers.get(cid).to_input()
    data.name = "刘洋"
    customers.update(cid, data)
    assert customers.search(CustomerQuery(text="ly")) == [cid]
    assert customers.search(CustomerQuery(text="zw")) == []


def test_delete_is_a_tombstone_and_can_be_undone(customers, db):
    """Delete hides the customer but keeps the row; restore brings it back."""
    cid = _make(customers, "张伟")
    customers.delete(cid)
    assert customers.search(CustomerQuery()) == []
    with db.engine.connect() as c:
        assert c.exec_driver_sql("SELECT deleted_stamp IS NOT NULL FROM customer WHERE id=?", (cid,)).scalar() == 1
    customers.restore(cid)
    assert customers.search(CustomerQuery()) == [cid]


def test_contacts_and_tags_round_trip(customers):
    """Contacts with roles and tags are saved, edited and removed."""
    cid = _make(customers, "鼎盛贸易", kind=CustomerKind.BUSINESS, tags=["VIP", "经销商"],
                contacts=[ContactInput(name="王芳", role=BuyingRole.DECIDER), ContactInput(name="李雷")])
    d = customers.get(cid)
    assert d.tags == ("VIP", "经销商") and [c.name for c in d.contacts] == ["李雷", "王芳"]
    data = d.to_input()
    data.contacts = [c for c in data.contacts if c.name == "王芳"]
    data.tags = ["VIP"]
    customers.update(cid, data)
    d2 = customers.get(cid)
    assert [c.name for c in d2.contacts] == ["王芳"] and d2.contacts[0].role == BuyingRole.DECIDER
    assert d2.tags == ("VIP",)


def test_rows_page_returns_plain_rows(customers):
    """Rows come back as frozen dataclasses keyed by id."""
    cid = _make(customers, "张伟", tags=["VIP"])
    row = customers.rows([cid])[cid]
    assert row.name == "张伟" and row.tags == ("VIP",)


def _ranking_book(customers):
    from crm_desktop.domain.models import ContactInput

    ids = {
        "contact_only": customers.create(CustomerInput(
            name="华信科技", kind=CustomerKind.BUSINESS, contacts=[ContactInput(name="张伟")])).id,
        "company": customers.create(CustomerInput(name="李强", company="张伟贸易有限公司")).id,
        "longer": customers.create(CustomerInput(name="张伟明", phone="13912345678")).id,
        "exact": customers.create(CustomerInput(name="张伟", phone="13800138000")).id,
        "other_zw": customers.create(CustomerInput(name="赵文")).id,
    }
    return ids


def test_search_ranks_the_name_above_company_and_contacts(customers):
    """zw finds 张伟 first (initials exact), then longer names, company and contact-only matches after."""
    ids = _ranking_book(customers)
    found = customers.search(CustomerQuery(text="zw"))
    assert found[:2] == [ids["exact"], ids["other_zw"]]
    assert found.index(ids["longer"]) < found.index(ids["contact_only"])
    found = customers.search(CustomerQuery(text="张伟"))
    assert found == [ids["exact"], ids["longer"], ids["company"], ids["contact_only"]]
    assert customers.search(CustomerQuery(text="zhangwei"))[0] == ids["exact"]


def test_rows_say_what_the_search_matched(customers):
    """Each row of a search result names the field that matched: name, pinyin, company, phone or contact."""
    ids = _ranking_book(customers)
    rows = customers.rows(list(ids.values()), "zw")
    assert (rows[ids["exact"]].matched, rows[ids["exact"]].matched_text) == ("pinyin", "zw")
    assert rows[ids["contact_only"]].matched == "contact" and rows[ids["contact_only"]].matched_text == "张伟"
    rows = customers.rows(list(ids.values()), "张伟")
    assert rows[ids["exact"]].matched == "name" and rows[ids["company"]].matched == "company"
    rows = customers.rows([ids["longer"]], "3912")
    assert rows[ids["longer"]].matched == "phone"
    assert customers.rows([ids["exact"]])[ids["exact"]].matched == ""


def test_search_with_unsearchable_characters_finds_nothing(customers):
    """A NUL or a lone surrogate in the search box returns nothing instead of raising."""
    _ranking_book(customers)
    assert customers.search(CustomerQuery(text="\x00")) == []
    assert customers.search(CustomerQuery(text="\ud800")) == []
    assert customers.search(CustomerQuery(text="张\x00伟"))  # the rest of the query still counts


def test_warm_up_reindexes_a_book_indexed_by_an_earlier_version(customers, db):
    """A book whose search texts predate the WeChat ids (meta says an older version) is reindexed once at warm-up."""
    customers.create(CustomerInput(name="张伟", wechat="zhangwei_1988"))
    customers.warm_up()
    with db.bulk() as tx:  # as an earlier version left it: no WeChat id in the texts, an older version mark
        tx.execute("UPDATE customer_search SET key = 'zhang wei', doc = 'zhang wei'")
        tx.execute("UPDATE meta SET value = '1' WHERE key = 'search_texts'")
    customers.invalidate()
    assert customers.search(CustomerQuery(text="zhangwei_1988")) == []
    customers.warm_up()
    assert len(customers.search(CustomerQuery(text="zhangwei_1988"))) == 1
    with db.bulk() as tx:
        assert tx.execute("SELECT value FROM meta WHERE key = 'search_texts'").fetchone()[0] == "2"


def test_writes_say_what_they_changed(customers):
    """create names the customer, its contacts and tags; an edit only what it changed; delete and restore it."""
    created = customers.create(CustomerInput(name="张伟", tags=["VIP"], contacts=[ContactInput(name="王芳")]))
    cid = created.id
    assert created.changes == Changes.of(Kind.CUSTOMER, Kind.CONTACT, Kind.TAG, customers=[cid])
    assert customers.create(CustomerInput(name="李娜")).changes.kinds == {Kind.CUSTOMER}
    data = customers.get(cid).to_input()
    data.tags = ["VIP", "展会"]
    assert customers.update(cid, data) == Changes.of(Kind.TAG, customers=[cid])
    data.contacts[0].phone = "13900139000"
    assert customers.update(cid, data) == Changes.of(Kind.CONTACT, customers=[cid])
    assert customers.delete(cid) == customers.restore(cid) == Changes.of(Kind.CUSTOMER, customers=[cid])
