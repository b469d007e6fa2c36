"""Erasing a person is real: nothing of them in the book's bytes, its WAL or the automatic backups, and it sticks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hostile import PASS, service

from crm_desktop.domain.changes import Changes
from crm_desktop.domain.deals import DealInput
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.services.deals import DealService
from crm_desktop.services.privacy import AmbiguousCustomerError, ErasureService, NoSuchCustomerError

NAME, PHONE, EMAIL, WECHAT = "欧阳震华", "13812345678", "ouyang.zh@example.com", "oyzh_wx_88"
SECRETS = (NAME.encode(), PHONE.encode(), EMAIL.encode(), WECHAT.encode(), b"ouyangzhenhua", "李小龙".encode(),
           b"13987654321")


def _raw_hits(paths) -> dict[str, list[bytes]]:
    hits = {}
    for p in paths:
        data = Path(p).read_bytes()
        found = [s for s in SECRETS if s in data]
        if found:
            hits[str(p)] = found
    return hits


def _book_files(ctx) -> list[Path]:
    book = Path(ctx.db.path)
    return [p for p in (book, Path(str(book) + "-wal")) if p.exists()]


@pytest.fixture
def person(ctx, customers, clock):
    """A customer with a contact, logged contacts, an order, a complaint, a deal and a tag, edited a few times,
    mentioned in someone else's notes, and present in two automatic backups."""
    from crm_desktop.domain.complaints import ComplaintInput
    from crm_desktop.services.complaints import ComplaintService
    from crm_desktop.services.orders import OrderInput, OrderService
    from crm_desktop.services.timeline import ContactLogInput, TimelineService

    cid = customers.create(CustomerInput(name=NAME, phone=PHONE, email=EMAIL, wechat=WECHAT, tags=["VIP"],
                                         notes="喜欢喝茶",
                                         contacts=[ContactInput(name="李小龙", phone="13987654321")])).id
    other = customers.create(CustomerInput(name="王芳", notes=f"介绍人 {NAME}，电话 {PHONE}，邮箱 {EMAIL}")).id
    for i in range(3):  # old values left in the file's free space
        clock.value += timedelta(minutes=1)
        data = customers.get(cid).to_input()
        customers.update(cid, data.__class__(**{**data.__dict__, "notes": f"{NAME} 第{i}次备注 {PHONE}"}))
    TimelineService(ctx).log_contact(ContactLogInput(customer_id=cid, summary=f"和{NAME}谈了报价",
                                                     next_step=f"给 {PHONE} 回电", occurred_at=ctx.now(),
                                                     next_due_at=ctx.now() + timedelta(days=1)))
    OrderService(ctx).create(OrderInput(customer_id=cid, ordered_at=ctx.now(), amount="123.00",
                                        description=f"{NAME}的订单"))
    ComplaintService(ctx).create(ComplaintInput(customer_id=cid, opened_at=ctx.now(),
                                                description=f"{NAME}投诉送货慢"))
    deals = DealService(ctx)
    deal = deals.create(DealInput(customer_id=cid, title=f"{NAME}的年度采购", amount="38000",
                                  notes=f"{NAME}说下周定，手机 {PHONE}")).id
    deals.move(deal, "proposal")
    svc = service(ctx)
    svc.auto_backup()
    clock.value += timedelta(hours=1)
    svc.auto_backup()
    return cid, other


def test_erasure_leaves_nothing_in_the_file_its_wal_or_the_automatic_backups(ctx, customers, person, tmp_path):
    """grep of the raw book, its WAL and every automatic backup finds none of the person's name, phone or e-mail."""
    cid, other = person
    svc = service(ctx)
    copies = ErasureService(ctx).copies()
    assert _raw_hits(_book_files(ctx) + copies)  # the test sees them before
    result = ErasureService(ctx).erase(cid)
    assert result.records["customer"] == 1 and result.records["contact"] == 1 and result.copies == 2
    assert result.mentions >= 1
    assert result.changes == Changes.everything()  # other people's texts that mentioned them changed too
    customers.invalidate()
    assert _raw_hits(_book_files(ctx) + svc.auto_backups()) == {}
    assert customers.search(CustomerQuery(text=NAME)) == [] and customers.search(CustomerQuery(text=PHONE)) == []
    assert "[…]" in customers.get(other).notes and PHONE not in customers.get(other).notes
    with ctx.db.raw_connection() as conn:
        erased = {r[0] for r in conn.execute("SELECT table_name FROM erasure")}
        assert {"customer", "contact", "interaction", "sales_order", "complaint", "customer_tag", "deal",
                "deal_stage_change"} <= erased
        title, notes, amount = conn.execute("SELECT title, notes, amount_minor FROM deal").fetchone()
        assert (title, notes, amount) == ("", "", 3800000)  # the team's figures keep adding up
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_older_backup_cannot_bring_an_erased_person_back(ctx, customers, person, tmp_path):
    """Merging or restoring a backup made before the erasure leaves the person erased."""
    cid, _other = person
    svc = service(ctx)
    svc.backup(tmp_path / "before.crmbak", PASS)
    ErasureService(ctx).erase(cid)
    svc.merge(tmp_path / "before.crmbak", PASS)
    customers.invalidate()
    assert customers.search(CustomerQuery(text=NAME)) == []
    svc.restore(tmp_path / "before.crmbak", PASS)
    customers.invalidate()
    assert customers.search(CustomerQuery(text=NAME)) == []
    assert _raw_hits(_book_files(ctx)) == {}
    with ctx.db.raw_connection() as conn:
        assert conn.execute("SELECT count(*) FROM erasure WHERE id = ?", (cid,)).fetchone()[0] == 1


def test_a_teammates_merge_after_the_erasure_keeps_them_erased(ctx, customers, person, tmp_path, clock):
    """The erasure record travels: a teammate who still had the person loses them on the next merge."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services.context import ServiceContext

    cid, _other = person
    mate = open_database(tmp_path / "mate" / "crm.sqlite")
    try:
        mctx = ServiceContext(mate, user="王磊", now=clock)
        service(ctx).backup(tmp_path / "mine.crmbak", PASS)
        service(mctx).merge(tmp_path / "mine.crmbak", PASS)  # the teammate has the person now
        ErasureService(ctx).erase(cid)
        clock.value += timedelta(minutes=5)
        service(ctx).backup(tmp_path / "after.crmbak", PASS)
        service(mctx).merge(tmp_path / "after.crmbak", PASS)
        with mate.raw_connection() as conn:
            assert conn.execute("SELECT name, phone FROM customer WHERE id = ?", (cid,)).fetchone() == ("", "")
    finally:
        mate.close()


def test_finding_the_person_to_erase(ctx, customers):
    """By id, by exact name or by phone; an ambiguous name lists the matches; no match is one sentence."""
    a = customers.create(CustomerInput(name="张伟", phone="13800138000")).id
    customers.create(CustomerInput(name="张伟", phone="13900139000"))
    svc = ErasureService(ctx)
    assert svc.find(a) == (a, "张伟")
    assert svc.find("+86 139 0013 9000")[1] == "张伟"
    with pytest.raises(AmbiguousCustomerError) as info:
        svc.find("张伟")
    assert len(info.value.matches) == 2 and "give the id" in str(info.value)
    with pytest.raises(NoSuchCustomerError):
        svc.find("nobody")
