"""No double-booking on import: new rows that probably are existing customers are named in the preview."""

from __future__ import annotations

from crm_desktop.domain.models import CustomerInput
from crm_desktop.exchange.tabular import read_table
from crm_desktop.services.imports import CustomerImporter, auto_mapping
from crm_desktop.services.imports.hints import add_duplicate_hints


def _sheet(tmp_path, rows):
    path = tmp_path / "in.csv"
    path.write_text("\r\n".join(",".join(r) for r in rows) + "\r\n", encoding="utf-8")
    table = read_table(path)
    return table, auto_mapping(table.headers)


def test_a_new_row_like_a_colleagues_customer_is_named_with_its_owner(tmp_path, ctx, customers):
    """章伟 at 华信科技有限公司 is new by the exact keys, but 张伟 at 华信科技 is 王磊's: the preview says so,
    without blocking the row; an unrelated row gets no hint, nor does another 张伟 whose name only sounds the
    same (a big book has dozens)."""
    customers.create(CustomerInput(name="张伟", company="华信科技", phone="13800138000", owner="王磊"))
    table, mapping = _sheet(tmp_path, [["姓名", "公司", "手机"], ["章伟", "华信科技有限公司", "13900139000"],
                                       ["欧阳修", "", "13700137000"], ["张伟", "", "13600136000"]])
    plan = CustomerImporter(ctx).prepare(table, mapping)
    assert plan.new == 3 and plan.rejected == 0
    hints = [i for i in plan.issues if i.code == "possible_duplicate"]
    assert [i.row for i in hints] == [2] and not hints[0].blocking
    assert hints[0].text() == ("Probably already in the book as “张伟” (王磊's customer, same company): check "
                               "before importing it as a new customer.")
    assert plan.kept["possible_duplicate"] == 1
    assert any("probably existing customers" in line for line in plan.summary())


def test_a_big_file_is_checked_on_its_first_rows_and_says_so(tmp_path, ctx, customers):
    """Only the first *limit* new rows are looked up; the rest are counted as unchecked."""
    customers.create(CustomerInput(name="张伟"))
    table, mapping = _sheet(tmp_path, [["姓名"], *[[f"张伟{k}"] for k in range(5)]])
    plan = add_duplicate_hints(ctx, CustomerImporter(ctx).prepare(table, mapping, None), limit=2)
    assert plan.kept["hints_unchecked"] == 3
