"""The list index's search over all keys at once gives what testing each key on its own gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crm_desktop.domain.models import CustomerQuery
from crm_desktop.domain.text import query_variants, search_texts
from crm_desktop.services import list_index
from crm_desktop.services.list_index import ListIndex, match_tier

NAMES = ["张伟", "张伟伟", "王芳", "Wang", "wang fang", "Wang Fang", "李明华", "Anna 王", "anna wang", "Zhang Wei",
         "欧阳娜娜", "ＡＢＣ公司", "曾小贤", "", "wang"]
COMPANIES = ["", "深圳长城贸易有限公司", "Acme Trading", "张伟科技", "wangfang ltd"]
PHONES = ["", "+8613996843463", "+8613800138000", "010-6552 1234", "+12025550123", "n/a"]
EMAILS = ["", "zhang.wei@example.com", "WANG@Example.CN", "li13996@qq.com"]
CONTACTS = [[], [("王伟", "", "", "", "")], [("Anna Li", "+8613911112222", "", "anna@x.cn", "annawx")]]


def _row(i, name, company, phone, email, wechat, contacts):
    key, _doc = search_texts(name, company, phone, email, wechat, [], contacts)
    return (f"id{i:04}", name, name, company, "person", phone, email, "王磊", "", "2025-01-01", 0, key)


customers = st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(COMPANIES), st.sampled_from(PHONES),
                               st.sampled_from(EMAILS), st.sampled_from(["", "wx139", "zw"]),
                               st.sampled_from(CONTACTS)), min_size=1, max_size=40)
texts = st.sampled_from(["王", "张伟", "张伟伟", "zhangwei", "wangfang", "fang", "zw", "zhang", "wang", "w", "a",
                         "1", "139", "8613", "13996843463", "科技", "anna", "annawang", "ABC", "ａｂｃ", "com",
                         "@", ".", "6552", "Zhang Wei", "欧阳", "x"])


@pytest.fixture(autouse=True)
def _rank_at_once(monkeypatch):
    """Rank every list over the key array, however short (the one-by-one path is the reference)."""
    monkeypatch.setattr(list_index, "FEW_TO_RANK", 0)


@settings(max_examples=150, deadline=None)
@given(customers, texts)
def test_search_at_once_finds_and_ranks_as_one_by_one(rows, text):
    """For any customers and query: the rows found are those whose key contains the text, in the order of
    match_tier (stable in name order), as testing and ranking each customer on its own gives."""
    index = ListIndex([_row(i, *r) for i, r in enumerate(rows)])
    variants = query_variants(text)
    short = [v for v in variants if len(v) < 5]
    ids = index.select(CustomerQuery(text=text), None, short or None)
    by_id = {r[0]: r for r in index.rows}
    name_order = [r[0] for r in index.order("name", False)[0]]
    if short:
        assert ids == [i for i in name_order if any(v in by_id[i][11] for v in short)]
    expected = sorted(ids, key=lambda i: match_tier(by_id[i][2], by_id[i][3], by_id[i][5], by_id[i][6], variants))
    assert index.rank(ids, variants) == expected
    if not any(" " in v for v in variants):
        assert index.tiers(variants).tolist() == [match_tier(r[2], r[3], r[5], r[6], variants) for r in index.rows]


def test_a_key_laid_out_otherwise_is_ranked_one_by_one():
    """A key that does not start with the customer's own fields (made by another version) is still ranked
    by what the customer's fields match, not by where the text sits in the key."""
    rows = [_row(0, "张伟", "", "", "", "", []), _row(1, "李娜", "张伟科技", "", "", "", [])]
    rows[1] = (*rows[1][:11], "张伟科技 lina ln")  # the company first: not the layout of search_texts
    index = ListIndex(rows)
    assert index.rank(["id0001", "id0000"], ["张伟"]) == ["id0000", "id0001"]
    assert index.tiers(["张伟"]).tolist() == [0, 4]


@settings(max_examples=150, deadline=None)
@given(customers, texts)
def test_a_text_only_search_in_arrays_gives_select_then_rank(rows, text):
    """ranked_matches (row numbers only) gives what select and rank give for the same typed text, or None
    when few match."""
    index = ListIndex([_row(i, *r) for i, r in enumerate(rows)])
    variants = query_variants(text)
    if not variants or any(len(v) >= 5 for v in variants):
        return
    got = index.ranked_matches(variants)
    reference = index.rank(index.select(CustomerQuery(text=text), None, variants), variants)
    assert got is None or got == reference
    if got is None and not any(" " in v for v in variants):
        assert not reference  # FEW_TO_RANK is 0 here: any match is ranked in arrays
