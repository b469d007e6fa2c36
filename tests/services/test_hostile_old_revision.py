"""A teammate's backup made by an older version (an older schema revision) merges like a current one."""

from __future__ import annotations

from hostile import PASS, image_of, mutate, service, write_backup

from crm_desktop.domain.models import ContactInput, CustomerInput


def test_merging_an_older_revision_whose_changed_contact_has_an_unchanged_customer(ctx, customers, tmp_path):
    """Only changed records are copied for a merge, so a changed contact arrives without its (unchanged)
    customer; migrating that copy to this version must not call it broken — its customer is in the book."""
    cid = customers.create(CustomerInput(name="张伟", phone="13800138000",
                                         contacts=[ContactInput(name="李雷", phone="13900139000")])).id
    stamp = f"{int(ctx.now().timestamp() * 1000) + 5:013d}-99999-mallory0000000001"
    image = mutate(image_of(ctx), "UPDATE alembic_version SET version_num = '0001'",
                   "UPDATE contact SET title = '经理', stamp = :s, field_stamps = json_object('title', :s)",
                   params={"s": stamp})
    preview = service(ctx).merge_preview(write_backup(tmp_path / "old.crmbak", image, ctx.now()), PASS)
    assert preview.counts["contact"].changed == 1
    service(ctx).merge_apply(preview)
    assert customers.get(cid).contacts[0].title == "经理"
