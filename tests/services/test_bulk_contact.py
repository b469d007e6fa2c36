"""Lists for reaching customers in bulk obey do-not-contact, and the mailing list marketing consent too."""

from __future__ import annotations

import csv
from datetime import UTC, timedelta

import pytest

from crm_desktop.domain.consent import may_market, may_reach
from crm_desktop.domain.models import CustomerInput


@pytest.fixture
def people(customers, ctx):
    """Four customers: each combination of marketing consent and do-not-contact, each with a step due today."""
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    made = {}
    for name, consent, dnc in (("同意营销", True, False), ("普通客户", False, False), ("同意但勿扰", True, True),
                               ("勿扰", False, True)):
        cid = customers.create(CustomerInput(name=name, email=f"{len(made)}@example.com",
                                             phone=f"1380013800{len(made)}",
                                             consent_marketing=consent, do_not_contact=dnc)).id
        TimelineService(ctx).log_contact(ContactLogInput(customer_id=cid, summary="谈过", occurred_at=ctx.now(),
                                                         next_step="回电", next_due_at=ctx.now() + timedelta(hours=2)))
        made[name] = cid
    return made


def test_the_rule():
    """Do-not-contact keeps anyone off every list; marketing needs consent as well."""
    assert may_reach(False) and not may_reach(True)
    assert may_market(True, False) and not may_market(True, True) and not may_market(False, False)


def test_mailing_list_holds_only_who_agreed_and_may_be_contacted(ctx, people, tmp_path):
    """export mailing: consent and not do-not-contact (CSV and vCard alike)."""
    from crm_desktop.services.export import export

    assert export(ctx.db, "mailing", tmp_path / "m.csv") == 1
    with open(tmp_path / "m.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert [r[0] for r in rows[1:]] == ["同意营销"]
    assert export(ctx.db, "mailing", tmp_path / "m.vcf") == 1


def test_address_book_leaves_out_do_not_contact(ctx, people, tmp_path):
    """The customers' vCard export is an address book: no do-not-contact customer in it."""
    from crm_desktop.services.export import export

    export(ctx.db, "customers", tmp_path / "all.vcf")
    text = (tmp_path / "all.vcf").read_text(encoding="utf-8")
    assert "同意营销" in text and "普通客户" in text and "勿扰" not in text


def test_spreadsheets_keep_everyone_with_the_flag(ctx, people, tmp_path):
    """The customers' CSV is a record of the book: everyone, with the do-not-contact column."""
    from crm_desktop.services.export import export

    assert export(ctx.db, "customers", tmp_path / "all.csv") == 4


def test_calendar_export_leaves_out_do_not_contact(ctx, people, tmp_path):
    """Follow-ups for the calendar (.ics): do-not-contact customers' steps are not handed out."""
    from crm_desktop.services.export import write_calendar
    from crm_desktop.services.followups import FollowUpService

    svc = FollowUpService(ctx)
    assert len(svc.upcoming(None)) == 4  # the follow-ups page still shows the salesperson every promise
    n = write_calendar(tmp_path / "f.ics", svc.upcoming(None, reachable_only=True), ctx.now())
    text = (tmp_path / "f.ics").read_text(encoding="utf-8")
    assert n == 2 and "勿扰" not in text


def test_call_list_never_holds_do_not_contact(ctx, people, clock):
    """Today's calls: a do-not-contact customer is never on it, even with a step due."""

    from crm_desktop.services.calllist import CallListService

    clock.value += timedelta(hours=3)  # every step is overdue now
    entries = CallListService(ctx, tz=UTC).build(top_n=50)
    on_list = {e.customer_id for e in entries}
    assert {people["同意营销"], people["普通客户"]} <= on_list
    assert not on_list & {people["同意但勿扰"], people["勿扰"]}
