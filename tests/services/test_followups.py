"""Follow-ups: buckets from a given now, snooze, mark done, occasions, complaint satisfaction."""

import sys
import types
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm_desktop.db.people import person_id_for
from crm_desktop.domain.changes import Changes, Kind
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.services.followups import (
    AlreadyDone,
    FollowUpService,
    PastDate,
    bucket_of,
    occasion_days,
)
from crm_desktop.services.timeline import ContactLogInput, TimelineService

UTC = UTC
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def fu(services):
    return services.get(FollowUpService)


@pytest.fixture
def tl(services):
    return services.get(TimelineService)


def _promise(tl, cid, clock, due, step="send quote", **kw):
    return tl.log_contact(ContactLogInput(cid, summary="talked", occurred_at=clock() - timedelta(days=1),
                                          next_step=step, next_due_at=due, **kw)).id


def test_bucket_of_uses_now_and_local_day():
    """Overdue before now; today until local midnight; week within seven local days; later after."""
    now = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # 17:30 in Shanghai
    assert bucket_of(now - timedelta(minutes=1), now, SH) == "overdue"
    assert bucket_of(datetime(2026, 11, 23, 15, 59, tzinfo=UTC), now, SH) == "today"  # 23:59 Shanghai
    assert bucket_of(datetime(2026, 11, 23, 16, 0, tzinfo=UTC), now, SH) == "week"  # midnight Shanghai
    assert bucket_of(datetime(2026, 11, 29, 15, 59, tzinfo=UTC), now, SH) == "week"
    assert bucket_of(datetime(2026, 11, 29, 16, 0, tzinfo=UTC), now, SH) == "later"


def test_upcoming_lists_open_steps_with_buckets(fu, tl, customers, clock):
    """Open next steps appear soonest first with their bucket; done ones and deleted customers do not."""
    a = customers.create(CustomerInput(name="张伟")).id
    b = customers.create(CustomerInput(name="李娜")).id
    late = _promise(tl, a, clock, clock() - timedelta(days=2), step="overdue one")
    _promise(tl, a, clock, clock() + timedelta(hours=2), step="today one")
    _promise(tl, b, clock, clock() + timedelta(days=30), step="later one")
    gone = customers.create(CustomerInput(name="王磊")).id
    _promise(tl, gone, clock, clock() + timedelta(hours=1), step="deleted customer")
    customers.delete(gone)
    items = fu.upcoming(tz=UTC)
    assert [(f.what, f.bucket) for f in items] == [("overdue one", "overdue"), ("today one", "today"),
                                                    ("later one", "later")]
    fu.complete(late)
    assert [f.what for f in fu.upcoming(tz=UTC)] == ["today one", "later one"]
    clock.value += timedelta(hours=3)
    assert [f.bucket for f in fu.upcoming(tz=UTC)] == ["overdue", "later"]
    assert fu.count_due() == 1


def test_owner_filter(fu, tl, customers, clock, ctx):
    """Only mine shows the follow-ups I promised and those on customers I own, not a teammate's elsewhere."""
    theirs = customers.create(CustomerInput(name="张伟", owner="王磊")).id
    mine = customers.create(CustomerInput(name="刘洋", owner="李娜")).id
    _promise(tl, theirs, clock, clock() + timedelta(days=1), step="I promised")
    ctx.user, ctx.person_id = "王磊", person_id_for("王磊")  # 王磊 at his own laptop
    _promise(tl, theirs, clock, clock() + timedelta(days=1), step="theirs")
    _promise(tl, mine, clock, clock() + timedelta(days=1), step="on my customer")
    assert sorted(f.what for f in fu.upcoming("李娜", tz=UTC)) == ["I promised", "on my customer"]
    assert len(fu.upcoming(None, tz=UTC)) == 3


@pytest.mark.parametrize("typed", ["张三", " 张三 ", "张三\u3000", "ｚｈａｎｇ ｓａｎ", "Zhang San"])
def test_mine_compares_names_as_one_person_writes_them(fu, tl, customers, clock, ctx, typed):
    """"Mine" matches the owner after NFKC, case-folding and trimming: the page, the count and occasions agree."""
    stored = "张三 " if "张" in typed else "zhang san"
    cid = customers.create(CustomerInput(name="周婷", owner=stored, birthday=clock().date())).id
    ctx.user = "王磊"
    _promise(tl, cid, clock, clock() - timedelta(days=19), step="报价")
    other = customers.create(CustomerInput(name="钱春", owner="王磊")).id
    _promise(tl, other, clock, clock() - timedelta(days=2), step="not mine")
    items = fu.upcoming(typed, tz=UTC)
    assert sorted(f.what or f.kind for f in items) == ["birthday", "报价"]
    assert fu.count_due(typed) == 1 and fu.count_due(None) == 2
    assert fu.upcoming("张", tz=UTC) == [] and fu.count_due("") == 0


def test_a_next_step_keeps_its_own_channel(fu, tl, customers, clock):
    """The channel of a next step is that of the contact that set it, not the customer's preferred one."""
    cid = customers.create(CustomerInput(name="张伟", preferred_channel="email")).id
    tl.log_contact(ContactLogInput(cid, channel="wechat", summary="聊过", next_step="发报价",
                                   next_due_at=clock() + timedelta(days=1)))
    assert [f.channel for f in fu.upcoming(tz=UTC)] == ["wechat"]


def test_snooze_moves_due_and_refuses_the_past(fu, tl, customers, clock):
    """Snooze by a day counts from the later of now and the due time; a past date is refused."""
    cid = customers.create(CustomerInput(name="张伟")).id
    iid = _promise(tl, cid, clock, clock() - timedelta(days=3))
    moved = fu.snooze_by(iid, timedelta(days=1))
    new = moved.due
    assert new == clock() + timedelta(days=1) and moved.previous == clock() - timedelta(days=3)
    assert moved.changes == Changes.of(Kind.INTERACTION, customers=[cid])
    assert tl.get(iid).next_due_at == new
    assert fu.upcoming(tz=UTC)[0].bucket == "week"
    with pytest.raises(PastDate):
        fu.snooze(iid, clock() - timedelta(hours=1))
    assert fu.reschedule_back(iid, clock() - timedelta(days=3)) == moved.changes
    assert fu.upcoming(tz=UTC)[0].bucket == "overdue"


def test_complete_logs_outcome_and_new_step_then_reopen(fu, tl, customers, clock):
    """Done marks the step done and logs the contact with its outcome and next step; reopen undoes both."""
    cid = customers.create(CustomerInput(name="张伟")).id
    iid = _promise(tl, cid, clock, clock() - timedelta(hours=1))
    result = fu.complete(iid, ContactLogInput(cid, summary="sent it", outcome="order_promised",
                                              next_step="confirm order", next_due_at=clock() + timedelta(days=2)))
    assert tl.get(iid).next_done
    assert result.changes == Changes.of(Kind.INTERACTION, customers=[cid])
    new = tl.get(result.new_id)
    assert new.outcome == "order_promised" and new.next_step == "confirm order" and not new.next_done
    assert [f.what for f in fu.upcoming(tz=UTC)] == ["confirm order"]
    with pytest.raises(AlreadyDone):
        fu.complete(iid)
    assert fu.reopen(iid, result.new_id) == result.changes
    assert [f.what for f in fu.upcoming(tz=UTC)] == ["send quote"]


def test_complaint_follow_up_records_satisfaction(fu, tl, customers, clock, monkeypatch):
    """Completing a complaint follow-up passes the 1–5 score to ComplaintService.record_satisfaction."""
    calls = []

    class FakeComplaints:
        def __init__(self, ctx):
            pass

        def record_satisfaction(self, complaint_id, score):
            calls.append((complaint_id, score))

    monkeypatch.setitem(sys.modules, "crm_desktop.services.complaints",
                        types.SimpleNamespace(ComplaintService=FakeComplaints))
    cid = customers.create(CustomerInput(name="张伟")).id
    iid = _promise(tl, cid, clock, clock(), step="ask whether the customer is satisfied", complaint_id="c" * 32)
    result = fu.complete(iid, ContactLogInput(cid, summary="happy now", outcome="reached"), satisfaction=4)
    assert calls == [("c" * 32, 4)] and result.satisfaction is True
    assert tl.get(result.new_id).complaint_id == "c" * 32


def test_satisfaction_skipped_without_complaints_module(fu, tl, customers, clock, monkeypatch):
    """Without the complaints module the follow-up is still done; the result says the score was not recorded."""
    monkeypatch.setitem(sys.modules, "crm_desktop.services.complaints", None)
    cid = customers.create(CustomerInput(name="张伟")).id
    iid = _promise(tl, cid, clock, clock(), complaint_id="c" * 32)
    result = fu.complete(iid, ContactLogInput(cid, summary="ok", outcome="reached"), satisfaction=5)
    assert result.satisfaction is False and tl.get(iid).next_done


def test_occasion_days_handles_new_year_and_leap_day():
    """The window wraps the year end; 29 February falls on 28 February in other years."""
    days = occasion_days(date(2026, 12, 29), 4)
    assert days["01-02"] == date(2027, 1, 2) and days["12-29"] == date(2026, 12, 29)
    assert occasion_days(date(2027, 2, 27), 2)["02-29"] == date(2027, 2, 28)
    assert "02-29" not in occasion_days(date(2028, 2, 27), 1)


def test_birthdays_and_anniversaries_appear_ahead_until_greeted(fu, tl, customers, clock):
    """Customers' and contacts' occasions in the next days are follow-ups; greeting removes them."""
    customers.create(CustomerInput(name="张伟", birthday=date(1980, 11, 25), kind="business",
                                   contacts=[ContactInput(name="王经理", birthday=date(1975, 11, 23))]))
    customers.create(CustomerInput(name="李娜", anniversary=date(2016, 11, 30)))
    customers.create(CustomerInput(name="Far", birthday=date(1990, 12, 25)))
    items = fu.upcoming(tz=UTC)
    got = [(f.kind, f.person_name, f.occasion_date, f.years, f.bucket) for f in items]
    assert got == [("birthday", "王经理", date(2026, 11, 23), 51, "today"),
                   ("birthday", "张伟", date(2026, 11, 25), 46, "week"),
                   ("anniversary", "李娜", date(2026, 11, 30), 10, "week")]
    assert [f.person_name for f in fu.due_now(tz=UTC)] == ["王经理"]
    greeted = fu.greet(items[0], ContactLogInput(items[0].customer_id, summary="生日快乐", outcome="reached"))
    gid = greeted.id
    assert greeted.changes == Changes.of(Kind.INTERACTION, customers=[items[0].customer_id])
    assert [f.person_name for f in fu.upcoming(tz=UTC)] == ["张伟", "李娜"]
    tl.delete(gid)
    assert len(fu.upcoming(tz=UTC)) == 3
    fu.greet(items[0], ContactLogInput(items[0].customer_id, summary="again", outcome="reached"))
    assert len(fu.upcoming(tz=UTC)) == 2


def test_names_that_logged_steps_are_read_again_after_invalidate(fu, tl, customers, clock, ctx):
    """Steps logged under another spelling of my name count as mine once the window says data changed."""
    cid = customers.create(CustomerInput(name="周婷", owner="王磊")).id
    assert fu.upcoming("张三", tz=UTC) == []  # the names that logged open steps are read (and kept) here
    ctx.user = "张三 "  # a teammate's laptop where I typed my name with a space
    _promise(tl, cid, clock, clock() + timedelta(days=1), step="回电")
    fu.invalidate()  # what the window does on every data change (merges bring such steps)
    assert [f.what for f in fu.upcoming("张三", tz=UTC)] == ["回电"]
    assert fu.count_due("张三") == 0
