"""What a write changed is a Changes, and each panel reloads only when it touches what the panel shows."""

from __future__ import annotations

import pytest

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.models import CustomerInput


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: window.runner.pending == 0, timeout=10000)


def _counting(monkeypatch, obj, name):
    """Count the calls of *obj.name* (still calling it)."""
    calls = []
    original = getattr(obj, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(obj, name, counted)
    return calls


@pytest.fixture
def two(qtbot, window, customers):
    """Two customers; the first is the window's current one."""
    a = customers.create(CustomerInput(name="张伟")).id
    b = customers.create(CustomerInput(name="李娜")).id
    window.after_save(a)
    _idle(qtbot, window)
    assert window.current_customer_id() == a
    return a, b


def test_notify_changed_takes_a_changes_not_a_string(window):
    """A free string ("customer") is refused: what changed must say its kinds and customers."""
    with pytest.raises(TypeError):
        window.notify_changed("customer")


def test_the_list_searches_again_only_when_customers_change(qtbot, window, customers, two, monkeypatch):
    """A logged contact or an order leaves the list alone; a customer's edit searches again."""
    searches = _counting(monkeypatch, customers, "search")
    window.notify_changed(Changes.of(Kind.INTERACTION, Kind.ORDER, customers=[two[0]]))
    _idle(qtbot, window)
    assert searches == []
    window.notify_changed(Changes.of(Kind.CUSTOMER, customers=[two[1]]))
    _idle(qtbot, window)
    assert len(searches) == 1


def test_the_card_reloads_only_for_the_current_customer(qtbot, window, customers, two, monkeypatch):
    """An edit of another customer, or an order of this one, leaves the card; an edit of this one reloads it."""
    a, b = two
    reads = _counting(monkeypatch, customers, "get")
    window.notify_changed(Changes.of(Kind.CUSTOMER, customers=[b]))
    window.notify_changed(Changes.of(Kind.ORDER, customers=[a]))
    _idle(qtbot, window)
    assert reads == []
    window.notify_changed(Changes.of(Kind.SNOOZE, customers=[a]))
    _idle(qtbot, window)
    assert reads == [(a,)]


def test_the_timeline_reloads_only_for_the_current_customers_entries(qtbot, window, services, two, monkeypatch):
    """The Timeline tab reads again for the current customer's contacts, not for another's or for a snooze."""
    from crm_desktop.services.timeline import TimelineService

    a, b = two
    pages = _counting(monkeypatch, services.get(TimelineService), "page")
    window.notify_changed(Changes.of(Kind.INTERACTION, customers=[b]))
    window.notify_changed(Changes.of(Kind.SNOOZE, customers=[a]))
    _idle(qtbot, window)
    assert pages == []
    window.notify_changed(Changes.of(Kind.INTERACTION, customers=[a]))
    _idle(qtbot, window)
    assert [p[0] for p in pages] == [a]


def test_the_complaints_page_ignores_orders_and_snoozes(qtbot, window, services, two, monkeypatch):
    """Orders and snoozes cannot change a complaint: the page does not reload (50k complaints take a second)."""
    from crm_desktop.services.complaints import ComplaintService

    queries = _counting(monkeypatch, services.get(ComplaintService), "query")
    window.notify_changed(Changes.of(Kind.ORDER, Kind.SNOOZE, customers=None))
    _idle(qtbot, window)
    assert queries == []
    window.notify_changed(Changes.of(Kind.COMPLAINT, customers=[two[1]]))
    _idle(qtbot, window)
    assert len(queries) == 1


def test_the_call_list_rereads_written_customers_and_refits_after_orders(qtbot, window, services, two,
                                                                          monkeypatch):
    """A logged contact rebuilds the list without scoring the book again; orders moved (a merge of
    duplicates, an import) drop the fitted scores, so they are scored again."""
    from crm_desktop.services.calllist import CallListService

    svc = services.get(CallListService)
    _idle(qtbot, window)
    told = _counting(monkeypatch, svc, "invalidate")
    fits = _counting(monkeypatch, svc, "scores_with_orders")
    logged = Changes.of(Kind.INTERACTION, customers=[two[0]])
    window.notify_changed(logged)
    _idle(qtbot, window)
    assert told == [(logged,)] and fits == []
    moved = Changes.of(Kind.CUSTOMER, Kind.ORDER, customers=list(two))
    window.notify_changed(moved)
    _idle(qtbot, window)
    assert told[-1] == (moved,) and len(fits) == 1  # orders moved: the scores are fitted again
