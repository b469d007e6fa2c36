"""Saved views as plain data: what is kept comes back exactly; anything else in the settings file is dropped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crm_desktop.domain.enums import CustomerKind
from crm_desktop.domain.models import CustomerQuery
from crm_desktop.domain.views import (
    DECILES,
    LIFECYCLES,
    SEGMENTS,
    SavedView,
    keepable,
    suggested_views,
    view_from_dict,
    view_to_dict,
)

queries = st.builds(
    CustomerQuery,
    text=st.text(max_size=20), kind=st.none() | st.sampled_from(list(CustomerKind)),
    owner=st.none() | st.text(min_size=1, max_size=10), tag=st.none() | st.text(min_size=1, max_size=10),
    do_not_contact=st.none() | st.booleans(), sort=st.sampled_from(["relevance", "decile", "last_contact"]),
    descending=st.booleans(), segments=st.frozensets(st.sampled_from(SEGMENTS)),
    deciles=st.frozensets(st.sampled_from(DECILES)), lifecycles=st.frozensets(st.sampled_from(LIFECYCLES)),
    relationship_stage=st.none() | st.sampled_from(["awareness", "commitment"]),
    industry=st.none() | st.text(min_size=1, max_size=10), quiet_days=st.none() | st.integers(1, 3650),
    p_alive_below=st.none() | st.integers(1, 100), value_at_least=st.none() | st.integers(1, 10**9),
)


@given(queries)
def test_a_kept_view_comes_back_exactly(query):
    """Every search, filter and sort a view keeps is read back as it was."""
    assert view_from_dict(view_to_dict(SavedView("v", query))) == SavedView("v", query)


def test_the_dashboards_id_limit_is_not_kept():
    """A view is filters, not a frozen list of ids."""
    assert keepable(CustomerQuery(ids=frozenset({"x"}), owner="me")) == CustomerQuery(owner="me")


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner,
                                                                                  max_size=5)))
def test_anything_in_the_settings_file_reads_as_a_view_or_nothing(data):
    """Hostile data never raises: it is a view with only valid values, or None."""
    view = view_from_dict(data)
    assert view is None or (view.name and view.query.segments <= set(SEGMENTS))


def test_wrong_values_are_dropped_one_by_one():
    """A value of the wrong kind or out of range is left out, the rest kept."""
    view = view_from_dict({"name": " mine ", "segments": ["MVC", "XYZ", [1]], "deciles": [1, 11, True, "2"],
                           "quiet_days": -3, "kind": ["person"], "relationship_stage": {}, "owner": 7,
                           "descending": "yes", "industry": "制造业"})
    assert view == SavedView("mine", CustomerQuery(segments=frozenset({"MVC"}), deciles=frozenset({1}),
                                                   industry="制造业"))
    assert view_from_dict({"name": "  "}) is None and view_from_dict(["name"]) is None


def test_suggestions_are_mine_sleeping_mvcs_and_quiet_mgcs():
    """The two suggestions: my dormant or at-risk MVCs; MGCs not contacted for 30 days."""
    mine, quiet = suggested_views("王磊")
    assert mine.query == CustomerQuery(owner="王磊", segments=frozenset({"MVC"}),
                                       lifecycles=frozenset({"dormant", "at_risk"}))
    assert quiet.query == CustomerQuery(segments=frozenset({"MGC"}), quiet_days=30)
    assert suggested_views("")[0].query.owner is None
