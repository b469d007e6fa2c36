"""Right of access: one person's data as a readable file (and JSON), nobody else's, no sync metadata."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from crm_desktop.db.models import Interaction, Order
from crm_desktop.db.sync import insert_row
from crm_desktop.domain.models import ContactInput, CustomerInput
from crm_desktop.services.privacy import PersonNotFound, PrivacyService

T = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def _person(ctx, db, customers):
    cid = customers.create(CustomerInput(name="王芳", phone="13900139000", email="wf@example.cn", notes="只接受微信",
                                         tags=["VIP"], contacts=[ContactInput(name="助理小陈")])).id
    other = customers.create(CustomerInput(name="别人", phone="13800138000", notes="不该出现")).id
    with db.engine.begin() as c:
        insert_row(c, Interaction, {"customer_id": cid, "occurred_at": T, "summary": "询问新品价格"}, ctx.stamp())
        insert_row(c, Order, {"customer_id": cid, "ordered_at": T, "amount_minor": 123456}, ctx.stamp())
        insert_row(c, Interaction, {"customer_id": other, "occurred_at": T, "summary": "别人的通话"}, ctx.stamp())
    return cid


def test_text_export_holds_everything_about_the_person_only(tmp_path, ctx, db, customers):
    """The text file names the person, their contacts, tags, interactions and orders, and nothing else."""
    cid = _person(ctx, db, customers)
    out = PrivacyService(ctx).export_person(cid, tmp_path / "wf.txt", tz=UTC)
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("Data we hold about 王芳")
    for expected in ("+8613900139000", "wf@example.cn", "只接受微信", "助理小陈", "VIP", "询问新品价格", "1234.56",
                     "2026-03-04 05:06", "== Orders (1) ==", "== Complaints (0) =="):
        assert expected in text
    assert "别人" not in text and "不该出现" not in text and "stamp" not in text


def test_json_export_is_machine_readable(tmp_path, ctx, db, customers):
    """The .json variant has one list per section, UTC ISO times, and no stamps."""
    cid = _person(ctx, db, customers)
    data = json.loads(PrivacyService(ctx).export_person(cid, tmp_path / "wf.json").read_text(encoding="utf-8"))
    assert data["customer"][0]["name"] == "王芳" and data["tags"] == [{"name": "VIP"}]
    assert data["interaction"][0]["occurred_at"] == "2026-03-04T05:06:00+00:00"
    assert "field_stamps" not in data["customer"][0] and len(data["sales_order"]) == 1


def test_deleted_person_is_refused(tmp_path, ctx, customers):
    """Asking for a deleted customer is refused in one sentence and writes no file."""
    cid = customers.create(CustomerInput(name="甲", phone="13800138000")).id
    customers.delete(cid)
    with pytest.raises(PersonNotFound):
        PrivacyService(ctx).export_person(cid, tmp_path / "x.txt")
    assert not (tmp_path / "x.txt").exists()
