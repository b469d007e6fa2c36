"""The usual Chinese sheet: business customers with their contacts, grouped, matched and undone."""

from __future__ import annotations

import pytest

from crm_desktop.domain.enums import CustomerKind, LeadSource
from crm_desktop.domain.models import ContactInput, CustomerInput, CustomerQuery
from crm_desktop.services.imports import CustomerImporter, auto_mapping, import_file, read_any


def _by_name(customers) -> dict:
    return {d.name: d for d in (customers.get(i) for i in customers.search(CustomerQuery()))}


def test_business_sheet_headers_map_to_the_business_and_its_contact(chinese_sheet):
    """客户名称 is the business; 联系人/职务/手机/微信/邮箱/生日 the contact's; 地址/行业/来源/备注 the business's."""
    assert auto_mapping(chinese_sheet.SHEET_HEADERS) == [
        None, "name", "contact_name", "contact_title", "contact_phone", "contact_wechat", "contact_email",
        "address", "industry", "lead_source", "notes", "contact_birthday"]
    assert auto_mapping(["公司名称", "联系人姓名", "职位", "手机号", "电话", "微信号", "电子邮箱", "公司电话"]) == [
        "company", "contact_name", "contact_title", "contact_phone", "contact_phone2", "contact_wechat",
        "contact_email", "phone"]
    assert auto_mapping(["单位名称", "联系人", "座机"]) == ["company", "contact_name", "contact_phone"]
    assert auto_mapping(["Company", "Contact person", "Title", "Mobile", "E-mail", "Role"]) == [
        "company", "contact_name", "contact_title", "contact_phone", "contact_email", "contact_role"]


def test_a_sheet_of_people_with_a_contact_column_stays_people():
    """联系人 without any company column names the customer; 职务 goes to the notes as before."""
    assert auto_mapping(["联系人", "手机", "职务", "微信"]) == ["name", "phone", "extra", "wechat"]
    assert auto_mapping(["姓名", "联系人", "手机"]) == ["name", "extra", "phone"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_chinese_sheet_becomes_businesses_with_their_contacts(kind, chinese_sheet, tmp_path, ctx, customers):
    """Each company is one business customer; every contact person is its contact with title, phone, WeChat."""
    write = chinese_sheet.write_chinese_sheet_csv if kind == "csv" else chinese_sheet.write_chinese_sheet_xlsx
    path = write(tmp_path / f"客户名单.{kind}")
    plan, result = import_file(ctx, path, invalidate=customers.invalidate)
    expected = chinese_sheet.SHEET_EXPECTED
    assert (result.added, result.contacts, result.rejected) == (expected["customers"], expected["contacts"], 0)
    assert not [i for i in plan.issues if i.blocking]
    found = _by_name(customers)
    assert set(found) == set(expected["businesses"])
    for name, people in expected["businesses"].items():
        d = found[name]
        assert d.kind == CustomerKind.BUSINESS and d.phone == ""
        assert {c.name: (c.title, c.phone, c.wechat) for c in d.contacts} == people
    huaxin = found["华信科技有限公司"]
    zhang = next(c for c in huaxin.contacts if c.name == "张伟")
    assert zhang.email == "zhangwei@huaxin.com.cn" and zhang.birthday.isoformat() == "1978-05-12"
    assert huaxin.address == "北京市朝阳区建国路88号" and huaxin.industry == "信息技术"
    assert huaxin.lead_source == LeadSource.TRADE_FAIR and "上次展会名片" in huaxin.notes
    assert "序号" not in huaxin.notes
    hengda = found["恒达贸易（深圳）有限公司"]
    assert hengda.lead_source == LeadSource.CUSTOMER_REFERRAL
    assert hengda.contacts[0].birthday.isoformat() == "1985-03-08"
    assert found["上海浦江机械制造厂"].notes == "需要增值税专用发票\n月结30天"
    assert plan.kept["contact_matched"] == 1 and plan.kept["business"] == 6
    assert customers.search(CustomerQuery(text="陈静")) == [found["上海浦江机械制造厂"].id]  # contacts are searchable


def test_csv_row_without_company_joins_the_business_above(chinese_sheet, tmp_path, ctx, customers):
    """A blank company cell under a company (merged in Excel) adds that row's contact to it, with a remark."""
    table = read_any(chinese_sheet.write_chinese_sheet_csv(tmp_path / "s.csv"))
    plan = CustomerImporter(ctx).prepare(table, auto_mapping(table.headers))
    joined = [i for i in plan.issues if i.code == "row_joined"]
    assert [i.row for i in joined] == [7] and "上海浦江机械制造厂" in joined[0].text()  # row 4 spans two lines
    pujiang = next(r for r in plan.rows if r.data.name == "上海浦江机械制造厂")
    assert pujiang.joined == [7] and [c.name for c in pujiang.data.contacts] == ["刘洋", "陈静"]


def test_reimport_matches_businesses_and_contacts_and_undo_restores(chinese_sheet, tmp_path, ctx, customers):
    """Importing again matches every business; an update adds only new contacts and fills matched ones."""
    import_file(ctx, chinese_sheet.write_chinese_sheet_csv(tmp_path / "a.csv"), invalidate=customers.invalidate)
    again, result = import_file(ctx, chinese_sheet.write_chinese_sheet_csv(tmp_path / "b.csv"))
    assert (result.added, result.skipped) == (0, 6) and again.matched == 6
    assert all(r.match_by == "name" for r in again.rows)
    more = tmp_path / "c.csv"
    chinese_sheet.write_chinese_sheet_csv(more, [
        ["1", "华信科技有限公司", "李娜", "采购总监", "13900139000", "", "", "", "", "", "", ""],
        ["2", "华信科技有限公司", "周杰", "工程师", "13512345678", "zhoujie", "", "", "", "", "", ""],
    ])
    plan, result = import_file(ctx, more, on_match="update", invalidate=customers.invalidate)
    assert (result.added, result.updated, result.contacts) == (0, 1, 1) and plan.kept["contact_matched"] == 1
    huaxin = _by_name(customers)["华信科技有限公司"]
    by_contact = {c.name: c for c in huaxin.contacts}
    assert set(by_contact) == {"张伟", "李娜", "周杰"} and by_contact["李娜"].title == "采购总监"
    undo = CustomerImporter(ctx, customers.invalidate).undo_last()
    assert undo.restored == 1
    huaxin = _by_name(customers)["华信科技有限公司"]
    assert {c.name: c.title for c in huaxin.contacts} == {"张伟": "总经理", "李娜": "采购经理"}


def test_a_row_matches_a_customer_through_one_of_its_contacts(tmp_path, ctx, customers):
    """A company written differently is still the customer whose contact has the row's phone."""
    cid = customers.create(CustomerInput(name="华信科技", kind=CustomerKind.BUSINESS,
                                         contacts=[ContactInput(name="张伟", phone="13800138000")])).id
    f = tmp_path / "m.csv"
    f.write_text("公司名称,联系人,手机,微信\n华信科技有限公司,张伟,138 0013 8000,zw_hx\n", encoding="utf-8")
    plan, result = import_file(ctx, f, on_match="update", invalidate=customers.invalidate)
    assert plan.rows[0].match_id == cid and plan.rows[0].match_by == "contact" and result.contacts == 0
    (zhang,) = customers.get(cid).contacts
    assert zhang.wechat == "zw_hx"


def test_contact_without_a_name_gives_its_details_to_the_business(tmp_path, ctx, customers):
    """A row with a phone but an empty contact cell keeps the phone on the business, not on a nameless contact."""
    f = tmp_path / "n.csv"
    f.write_text("客户名称,联系人,手机,邮箱\n恒达贸易,,13712345678,info@hengda.cn\n恒达贸易,王芳,13912345678,\n",
                 encoding="utf-8")
    import_file(ctx, f, invalidate=customers.invalidate)
    d = _by_name(customers)["恒达贸易"]
    assert d.phone == "+8613712345678" and d.email == "info@hengda.cn"
    assert [(c.name, c.phone) for c in d.contacts] == [("王芳", "+8613912345678")]


def test_contact_phones_role_and_extra_values_are_all_kept(tmp_path, ctx, customers):
    """Two phone columns fill phone and phone2, a third goes to the contact's notes; 决策者 is the role."""
    f = tmp_path / "p.csv"
    f.write_text("客户名称,联系人,角色,手机,电话,备用电话,邮箱\n"
                 "华信,张伟,决策者,13800138000,010-6509 1234,13900139000,bad-mail\n", encoding="utf-8")
    plan, _ = import_file(ctx, f, invalidate=customers.invalidate)
    (zhang,) = _by_name(customers)["华信"].contacts
    assert (zhang.phone, zhang.phone2, str(zhang.role)) == ("+8613800138000", "+861065091234", "decider")
    assert "13900139000" in zhang.notes and "bad-mail" in zhang.notes
    assert plan.kept["in_notes"] == 2


def test_cli_maps_columns_by_hand_and_shows_a_dry_run(tmp_path, capsys, qapp):
    """--map COLUMN=TARGET overrides the automatic choice; --dry-run prints the mapping and writes nothing."""
    from crm_desktop.cli import main

    f = tmp_path / "s.csv"
    f.write_text("单位,对接人员,手机\n华信科技,张伟,13800138000\n", encoding="utf-8")
    db_path = tmp_path / "cli.sqlite"
    from crm_desktop.db.database import open_database

    open_database(db_path).close()  # commands other than demo never make a book
    assert main(["import", "customers", str(f), "--db", str(db_path), "--dry-run", "--map", "对接人员=contact_name",
                 "--map", "3=contact_phone"]) == 0
    out = capsys.readouterr().out
    assert "对接人员 → contact_name" in out and "手机 → contact_phone" in out and "nothing was written" in out
    assert main(["import", "customers", str(f), "--db", str(db_path), "--map", "对接人员=contact_name",
                 "--map", "手机=contact_phone"]) == 0
    out = capsys.readouterr().out
    assert "added 1" in out and "contacts 1" in out
    assert main(["import", "customers", str(f), "--db", str(db_path), "--map", "电话=phone"]) == 2
    assert "no column “电话”" in capsys.readouterr().err


def test_namesakes_at_one_company_with_different_mobiles_are_two_contacts(tmp_path, ctx, customers):
    """Same name, different mobiles: two people; same name and one row without a phone: the same person."""
    f = tmp_path / "s.csv"
    f.write_text("客户名称,联系人,手机,职务\n华信,张伟,13800138000,经理\n华信,张伟,13900139000,工程师\n"
                 "华信,张伟,,经理\n", encoding="utf-8")
    plan, result = import_file(ctx, f, invalidate=customers.invalidate)
    assert result.contacts == 2 and plan.kept["contact_matched"] == 1
