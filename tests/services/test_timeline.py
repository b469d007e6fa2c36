"""Timeline service: paging across kinds, the stage entry, logging, editing, deleting, the card header."""

from datetime import timedelta

import pytest

from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.models import CustomerInput
from crm_desktop.services.orders import OrderInput, OrderService
from crm_desktop.services.timeline import ContactLogInput, InvalidContact, NotFound, TimelineService


@pytest.fixture
def tl(services):
    return services.get(TimelineService)


def test_log_contact_saves_with_now_and_user(tl, customers, clock):
    """A logged contact without a time is dated now and owned by the current user."""
    cid = customers.create(CustomerInput(name="张伟")).id
    iid = tl.log_contact(ContactLogInput(cid, summary="询问价格", outcome="reached")).id
    row = tl.get(iid)
    assert row.occurred_at == clock() and row.owner == "李娜" and row.summary == "询问价格"
    assert row.next_due_at is None and not row.next_done


@pytest.mark.parametrize("kwargs, field", [
    ({}, "summary"),
    ({"summary": "x", "next_step": "send quote"}, "next_due_at"),
    ({"summary": "x", "channel": "pigeon"}, "channel"),
    ({"summary": "x", "outcome": "maybe"}, "outcome"),
])
def test_bad_contacts_are_refused_and_nothing_saved(tl, customers, kwargs, field):
    """Missing summary/outcome, a next step without due date, unknown channel or outcome: refused by field."""
    cid = customers.create(CustomerInput(name="张伟")).id
    with pytest.raises(InvalidContact) as info:
        tl.log_contact(ContactLogInput(cid, **kwargs))
    assert field in {e.field for e in info.value.errors}
    assert tl.page(cid).entries == ()


def test_future_contact_is_refused(tl, customers, clock):
    """A contact dated tomorrow is a plan, not a contact: refused."""
    cid = customers.create(CustomerInput(name="张伟")).id
    with pytest.raises(InvalidContact):
        tl.log_contact(ContactLogInput(cid, summary="x", occurred_at=clock() + timedelta(days=1)))


def test_page_merges_kinds_and_pages_by_cursor(tl, services, customers, clock):
    """Contacts and orders interleave newest first; pages continue without gaps or repeats."""
    cid = customers.create(CustomerInput(name="张伟")).id
    orders = services.get(OrderService)
    for i in range(7):
        tl.log_contact(ContactLogInput(cid, summary=f"c{i}", occurred_at=clock() - timedelta(days=2 * i)))
        orders.create(OrderInput(cid, clock() - timedelta(days=2 * i + 1), str(10 + i)))
    first = tl.page(cid, limit=5)
    assert first.has_more and len(first.entries) == 5
    assert [e.kind for e in first.entries[:3]] == ["interaction", "order", "interaction"]
    rest = tl.page(cid, cursor=first.cursor, limit=100)
    assert not rest.has_more
    ids = [e.id for e in first.entries + rest.entries]
    assert len(ids) == len(set(ids)) == 14
    times = [e.at for e in first.entries + rest.entries]
    assert times == sorted(times, reverse=True)
    assert tl.page(cid, kinds={"order"}).entries[0].amount_minor == 1000


def test_stage_history_lists_every_change_in_its_place(tl, customers, clock):
    """Each change of the relationship stage is its own entry (from → to, who), dated when it was made."""
    cid = customers.create(CustomerInput(name="张伟", relationship_stage="exploration")).id
    tl.log_contact(ContactLogInput(cid, summary="old", occurred_at=clock() - timedelta(days=3)))
    clock.value += timedelta(days=10)
    data = customers.get(cid).to_input()
    data.relationship_stage = "commitment"
    customers.update(cid, data)
    customers.update(cid, data)  # saving again without a change adds nothing
    tl.log_contact(ContactLogInput(cid, summary="new", occurred_at=clock() + timedelta(minutes=1)))
    entries = tl.page(cid).entries
    assert [e.kind for e in entries] == ["interaction", "stage", "stage", "interaction"]
    assert (entries[1].from_status, entries[1].stage) == ("exploration", "commitment")
    assert abs(entries[1].at - clock()) < timedelta(seconds=1) and entries[1].actor == "李娜"
    assert (entries[2].from_status, entries[2].stage) == (None, "exploration") and not entries[2].derived
    # paging one at a time yields each entry exactly once
    seen, cursor = [], None
    while True:
        page = tl.page(cid, cursor=cursor, limit=1)
        seen += [e.kind for e in page.entries]
        if not page.has_more:
            break
        cursor = page.cursor
    assert seen == ["interaction", "stage", "stage", "interaction"]
    assert [e.kind for e in tl.page(cid, kinds={"interaction"}).entries] == ["interaction", "interaction"]


def test_stage_without_history_gets_one_derived_entry(tl, customers, services, clock):
    """A stage set before its history was kept shows once, as "current stage since", dated by its edit."""
    from sqlalchemy import text

    cid = customers.create(CustomerInput(name="张伟", relationship_stage="expansion")).id
    with services.ctx.db.writing() as tx:
        tx.execute(text("DELETE FROM customer_stage_change"))
    tl.log_contact(ContactLogInput(cid, summary="old", occurred_at=clock() - timedelta(days=3)))
    entries = tl.page(cid).entries
    assert [e.kind for e in entries] == ["stage", "interaction"]
    assert entries[0].derived and entries[0].stage == "expansion"


def test_header_shows_last_contact_and_soonest_open_step(tl, customers, clock):
    """The card header: the newest contact and the open next step due first."""
    cid = customers.create(CustomerInput(name="张伟")).id
    tl.log_contact(ContactLogInput(cid, summary="a", occurred_at=clock() - timedelta(days=5), next_step="later step",
                                   next_due_at=clock() + timedelta(days=9)))
    tl.log_contact(ContactLogInput(cid, summary="b", occurred_at=clock() - timedelta(days=1), next_step="send quote",
                                   next_due_at=clock() + timedelta(days=1)))
    h = tl.header(cid)
    assert h.last_contact.summary == "b"
    assert h.next_step.next_step == "send quote" and h.open_count == 2


def test_edit_delete_and_restore(tl, customers, clock):
    """Edits stamp changed fields; delete tombstones (gone from the timeline); restore brings it back."""
    cid = customers.create(CustomerInput(name="张伟")).id
    iid = tl.log_contact(ContactLogInput(cid, summary="a")).id
    assert tl.update(iid, ContactLogInput(cid, summary="b", occurred_at=clock()))
    assert tl.get(iid).summary == "b"
    tl.delete(iid)
    assert tl.page(cid).entries == ()
    with pytest.raises(NotFound):
        tl.get(iid)
    tl.restore(iid)
    assert [e.id for e in tl.page(cid).entries] == [iid]


def test_a_closed_complaints_newest_event_says_how_it_ended(tl, services, customers, clock):
    """Only the newest event of a complaint carries its status now, resolution and score; earlier ones do not."""
    from crm_desktop.domain.complaints import ComplaintInput
    from crm_desktop.services.complaints import ComplaintService

    svc = services.get(ComplaintService)
    cid = customers.create(CustomerInput(name="张伟")).id
    comp = svc.create(ComplaintInput(cid, clock() - timedelta(hours=5), "箱子破损")).id
    svc.change_status(comp, "acknowledged", at=clock() - timedelta(hours=4))
    svc.change_status(comp, "resolved", resolution="补发新货", satisfaction=4)
    events = [e for e in tl.page(cid, kinds={"complaint"}).entries]
    assert [e.outcome for e in events] == ["closed", "resolved", "acknowledged", "new"]
    assert (events[0].status_now, events[0].resolution, events[0].satisfaction) == ("closed", "补发新货", 4)
    assert all((e.status_now, e.resolution, e.satisfaction) == (None, "", None) for e in events[1:])


def test_a_contact_that_answers_a_step_marks_it_done_and_undo_reopens_it(tl, customers, clock):
    """Logging a call that answers the overdue step closes that step with it; set_steps_done(False) reopens it."""
    from crm_desktop.domain.enums import BuyingRole, CustomerKind
    from crm_desktop.domain.models import ContactInput

    cid = customers.create(CustomerInput(name="鼎盛贸易", kind=CustomerKind.BUSINESS,
                                         contacts=[ContactInput(name="陈静", role=BuyingRole.DECIDER)])).id
    step = tl.log_contact(ContactLogInput(cid, occurred_at=clock() - timedelta(days=9), summary="电话",
                                          next_step="发送报价单", next_due_at=clock() - timedelta(days=2))).id
    other = tl.log_contact(ContactLogInput(cid, occurred_at=clock() - timedelta(days=8), summary="电话",
                                           next_step="寄样品", next_due_at=clock() + timedelta(days=3))).id
    defaults = tl.defaults(cid)
    assert [s.id for s in defaults.open_steps] == [step, other], "soonest due first"
    assert [(name, role) for _id, name, role in defaults.contacts] == [("陈静", "decider")]
    contact_id = defaults.contacts[0][0]
    tl.log_contact(ContactLogInput(cid, summary="报价单已发", contact_id=contact_id, answers=(step,)))
    assert tl.get(step).next_done and not tl.get(other).next_done
    assert tl.header(cid).next_step.id == other
    tl.set_steps_done(cid, [step], False)
    assert not tl.get(step).next_done and tl.header(cid).next_step.id == step


def test_answering_a_step_of_another_customer_is_refused(tl, customers, clock):
    """A contact cannot close a next step that belongs to someone else; nothing is saved."""
    a = customers.create(CustomerInput(name="张伟")).id
    b = customers.create(CustomerInput(name="李娜")).id
    step = tl.log_contact(ContactLogInput(b, summary="x", next_step="回电", next_due_at=clock())).id
    with pytest.raises(NotFound):
        tl.log_contact(ContactLogInput(a, summary="y", answers=(step,)))
    assert tl.page(a).entries == () and not tl.get(step).next_done


def test_contact_writes_say_they_changed_the_customers_contacts(tl, customers, clock):
    """Logging, editing, deleting and restoring a contact each name its customer's interactions; an edit that
    changes nothing is empty."""
    cid = customers.create(CustomerInput(name="张伟")).id
    logged = tl.log_contact(ContactLogInput(cid, summary="询问价格"))
    written = Changes.of(Kind.INTERACTION, customers=[cid])
    assert logged.changes == written
    assert tl.update(logged.id, ContactLogInput(cid, summary="询问价格和交期")) == written
    assert not tl.update(logged.id, ContactLogInput(cid, summary="询问价格和交期"))
    assert tl.delete(logged.id) == tl.restore(logged.id) == written


def test_order_writes_say_they_changed_the_customers_orders(services, customers, clock):
    """Entering, editing, deleting and restoring an order each name the customer's orders (scores follow)."""
    orders = services.get(OrderService)
    cid = customers.create(CustomerInput(name="张伟")).id
    created = orders.create(OrderInput(cid, clock() - timedelta(days=1), "100"))
    written = Changes.of(Kind.ORDER, customers=[cid])
    assert created.changes == written
    assert orders.update(created.id, OrderInput(cid, clock() - timedelta(days=1), "120")) == written
    assert not orders.update(created.id, OrderInput(cid, clock() - timedelta(days=1), "120"))
    assert orders.delete(created.id) == orders.restore(created.id) == written
