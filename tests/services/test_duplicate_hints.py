"""Live duplicate hints (防撞单): which existing customers a new one being typed probably is, and in what order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.duplicate_hints import DuplicateHintService, company_word, rank
from crm_desktop.services.timeline import ContactLogInput, TimelineService


@pytest.fixture
def hints(services):
    return services.get(DuplicateHintService)


@pytest.fixture
def book(services):
    c = services.customers
    return {
        "周明": c.create(CustomerInput(name="周明", phone="13800138000", company="华信科技有限公司",
                                       owner="陈静")).id,
        "张伟": c.create(CustomerInput(name="张伟", email="Zhang.Wei@Example.com", owner="王磊")).id,
        "章伟": c.create(CustomerInput(name="章伟", company="鼎盛贸易", owner="李娜")).id,
        "Anna": c.create(CustomerInput(name="Anna Lee", company="Pacific Trading Co., Ltd.", owner="Alex Chen")).id,
    }


def test_company_word_is_the_key_for_chinese_and_a_real_word_for_latin():
    """The trigram probe of a company: 华信科技 for 华信科技有限公司; the words before the legal form."""
    assert company_word("华信科技有限公司") == "华信科技"
    assert company_word("Pacific Trading Co., Ltd.") == "pacific trading"
    assert company_word("Co., Ltd.") == ""


def test_rank_puts_phone_and_email_first_and_a_name_alone_last():
    """Evidence order: phone/e-mail, company with the same-sounding name, company, name alone."""
    assert rank({"phone"}) < rank({"company", "sound"}) < rank({"company"}) < rank({"sound"})


def test_a_phone_typed_in_another_form_finds_its_owner(hints, book):
    """138 0013 8000 is the +8613800138000 already in the book: the hint names 周明 and 陈静."""
    result = hints.hints(phone="138 0013 8000")
    assert [(h.name, h.owner, h.reasons) for h in result.hints] == [("周明", "陈静", ("phone",))]


def test_a_half_typed_phone_finds_nothing(hints, book):
    """Digits that are no whole number yet are no key."""
    assert hints.hints(phone="138001").hints == ()


def test_the_email_matches_whatever_its_case(hints, book):
    """zhang.wei@example.com finds the customer stored as Zhang.Wei@Example.com."""
    assert [h.name for h in hints.hints(email="zhang.wei@example.com").hints] == ["张伟"]


def test_a_name_that_sounds_the_same_finds_both_spellings(hints, book):
    """Typing 张伟 shows 张伟 and 章伟 (zhangwei), each with their owner."""
    result = hints.hints(name="张伟")
    assert {(h.name, h.owner) for h in result.hints} == {("张伟", "王磊"), ("章伟", "李娜")}


def test_the_company_key_ignores_legal_forms(hints, book):
    """华信科技 finds 华信科技有限公司; Pacific Trading Limited finds Pacific Trading Co., Ltd."""
    assert [h.name for h in hints.hints(company="华信科技").hints] == ["周明"]
    assert [h.name for h in hints.hints(company="Pacific Trading Limited").hints] == ["Anna Lee"]
    assert hints.hints(company="华信").hints == ()  # another firm's key, not a prefix search


def test_a_phone_match_comes_before_a_name_match(hints, book):
    """With 章伟's name and 周明's phone typed, 周明 (same phone) is first."""
    result = hints.hints(name="章伟", phone="13800138000")
    assert [h.name for h in result.hints][0] == "周明"


def test_the_hint_says_when_they_were_last_contacted(hints, services, book, clock):
    """A customer contacted yesterday: the hint carries that time; never contacted: None."""
    when = clock() - timedelta(days=1)
    services.get(TimelineService).log_contact(ContactLogInput(book["周明"], occurred_at=when, summary="call"))
    (hint,) = hints.hints(phone="13800138000").hints
    assert hint.last_contact == when
    assert hints.hints(email="zhang.wei@example.com").hints[0].last_contact is None


def test_deleted_customers_and_the_one_edited_give_no_hint(hints, services, book):
    """A deleted customer is no double-booking; nor is the customer being edited."""
    services.customers.delete(book["张伟"])
    assert hints.hints(email="zhang.wei@example.com").hints == ()
    assert hints.hints(phone="13800138000", exclude=book["周明"]).hints == ()


def test_only_the_first_hints_show_and_the_rest_are_counted(hints, services):
    """Seven 王芳: five hints, and two more counted."""
    for i in range(7):
        services.customers.create(CustomerInput(name="王芳", owner=f"同事{i}"))
    result = hints.hints(name="王芳")
    assert (len(result.hints), result.more) == (5, 2)
