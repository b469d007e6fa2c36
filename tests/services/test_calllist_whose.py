"""Whose calls: my customers (and nobody's), the team's, or a colleague's while covering for them."""

from __future__ import annotations

from datetime import UTC

import pytest
from calllist_book import add_customer, add_interaction

from crm_desktop.domain import calllist as d
from crm_desktop.domain.calllist import render_reason
from crm_desktop.services.calllist import CallListService


@pytest.fixture
def svc(ctx):
    return CallListService(ctx, tz=UTC)


@pytest.fixture
def team(ctx):
    """李娜 (the user), 王磊 and nobody each have a customer with a step two days late; 李娜's own name is
    also stored with a trailing space and in full-width form on two more."""
    ids = {}
    for name, owner in (("Anna", "李娜"), ("Bob", "王磊"), ("Carl", ""), ("Dora", "李娜 "), ("Eve", "ＬＩ")):
        ids[name] = add_customer(ctx, name, owner=owner)
        add_interaction(ctx, ids[name], 9, next_due_days_ago=2, step="send the quote")
    return ids


def _names(entries):
    return sorted(e.name for e in entries)


def test_my_list_holds_my_customers_and_nobodys(svc, team):
    """Mine: my customers under any spelling of my name, and customers nobody owns; not a colleague's."""
    assert _names(svc.build(whose="李娜")) == ["Anna", "Carl", "Dora"]
    assert {e.owner for e in svc.build(whose="李娜")} == {"李娜", "", "李娜 "}


def test_the_teams_list_holds_everyone_and_says_whose(svc, team):
    """The team's: every customer, each entry carrying its owner for the row to show."""
    entries = svc.build(whose=None)
    assert _names(entries) == ["Anna", "Bob", "Carl", "Dora", "Eve"]
    assert {e.name: e.owner for e in entries}["Bob"] == "王磊"


def test_covering_for_a_colleague_shows_theirs(svc, team):
    """Covering for 王磊: his customers (and nobody's), not mine."""
    assert _names(svc.build(whose="王磊")) == ["Bob", "Carl"]
    assert _names(svc.build(whose="li")) == ["Carl", "Eve"]  # ＬＩ is li, whatever the width or case


def test_people_are_listed_once_whatever_the_spelling(svc, team):
    """The switch offers each salesperson once (李娜 and "李娜 " are one person)."""
    assert svc.people() == ["李娜", "王磊", "ＬＩ"]


def test_why_not_says_whose_customer_it_is(svc, team):
    """Asked about 王磊's customer on my list: it is his, and the team's list would show it."""
    why = svc.why_not(team["Bob"], whose="李娜")
    assert not why.on_list and why.explanations[0].kind == d.WHY_NOT_THEIRS
    assert render_reason(why.explanations[0]).startswith("王磊's customer; the list shows 李娜's customers")
    assert svc.why_not(team["Bob"], whose=None).on_list
