"""What the dashboard's clicks and exports use below the UI: the list limited to some ids, tables to files."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from crm_desktop.domain.errors import UserError
from crm_desktop.domain.models import CustomerInput, CustomerQuery
from crm_desktop.services.export import write_table


def test_search_limited_to_ids_keeps_the_lists_order_and_other_filters(customers):
    """CustomerQuery(ids=…) shows only those customers, sorted as the list sorts, with text search on top."""
    ids = {name: customers.create(CustomerInput(name=name)).id for name in ("张伟", "李娜", "王芳", "赵强")}
    only = frozenset({ids["王芳"], ids["张伟"], ids["赵强"]})
    customers.warm_up()
    everyone = customers.search(CustomerQuery())
    assert customers.search(CustomerQuery(ids=only)) == [i for i in everyone if i in only]
    assert set(customers.search(CustomerQuery(ids=only))) == only
    assert customers.search(CustomerQuery(ids=only, text="张")) == [ids["张伟"]]
    assert customers.search(CustomerQuery(ids=frozenset())) == []


def test_write_table_writes_an_xlsx_that_reads_back(tmp_path):
    """A chart's rows go to .xlsx as numbers and texts; nothing is left beside it."""
    path = tmp_path / "deciles.xlsx"
    assert write_table(path, ["Group", "Customers", "Revenue"], [[1, 12, 4300.5], [2, 11, 1200.0]]) == 2
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    assert rows == [("Group", "Customers", "Revenue"), (1, 12, 4300.5), (2, 11, 1200.0)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deciles.xlsx"]


def test_write_table_neutralises_formulas_and_refuses_other_formats(tmp_path):
    """A label that looks like a formula is written as text; a .pdf is refused in one sentence."""
    path = tmp_path / "owners.xlsx"
    write_table(path, ["Owner"], [["=HYPERLINK(\"x\")"]])
    cell = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))[1][0]
    assert not str(cell).startswith("=")
    with pytest.raises(UserError):
        write_table(tmp_path / "x.pdf", ["a"], [[1]])


def test_write_table_into_a_missing_folder_is_one_sentence(tmp_path):
    """A folder that does not exist: a refusal naming the file, no traceback."""
    with pytest.raises(UserError) as info:
        write_table(tmp_path / "nope" / "x.xlsx", ["a"], [[1]])
    assert "x.xlsx" in info.value.text(lambda _c, t: t)
