"""The duplicates review: scan, side-by-side fields, field-by-field pick, merge, dismiss, undo."""

from __future__ import annotations

from crm_desktop.domain.models import CustomerInput
from crm_desktop.ui.exchange.feature import ExchangeFeature


def _dupes(customers):
    a = customers.create(CustomerInput(name="张伟", company="华信科技有限公司", phone="13800138000", notes="甲")).id
    b = customers.create(CustomerInput(name="张 伟", company="华信科技", phone="13800138000", email="zw@example.cn",
                                       notes="乙")).id
    c = customers.create(CustomerInput(name="Anna Smith", email="anna@example.cn")).id
    d = customers.create(CustomerInput(name="ANNA SMITH", email="anna@example.cn")).id
    return a, b, c, d


def test_scan_review_merge_and_undo(qtbot, window, customers):
    """Pairs are listed; picking B's company then Merge keeps one record with it; undo brings B back."""
    a, b, _c, _d = _dupes(customers)
    dialog = window.feature(ExchangeFeature).open_duplicates()
    qtbot.waitUntil(lambda: len(dialog.pairs) == 2)
    pair_row = next(i for i, p in enumerate(dialog.pairs) if {p.a_id, p.b_id} == {a, b})
    dialog.pair_list.setCurrentCell(pair_row, 0)
    qtbot.waitUntil(lambda: dialog.sides is not None and {s.id for s in dialog.sides} == {a, b})
    assert dialog.merge_button.isEnabled()
    side_a, side_b = dialog.sides
    row = {dialog.compare.item(r, 0).text(): r for r in range(dialog.compare.rowCount())}
    assert dialog.compare.item(row["E-mail"], 1).text() + dialog.compare.item(row["E-mail"], 2).text() \
        == "zw@example.cn"
    assert dialog.choice("notes") == "both"
    dialog.set_choice("name", "a")
    dialog.set_choice("notes", "a")
    b_company = side_b.values["company"]
    dialog.set_choice("company", "b")
    dialog.keep_a.setChecked(True)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: len(dialog.pairs) == 1)
    kept = customers.get(side_a.id)
    assert kept.company == b_company and kept.email == "zw@example.cn" and kept.notes == side_a.values["notes"]
    assert customers.count() == 3
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 3)
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: "undone" in dialog.status.text())
    assert customers.count() == 4
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 4)


def test_keep_b_and_dismiss(qtbot, window, customers):
    """Keeping record B tombstones A; "Not a duplicate" removes a pair from the review without merging."""
    _a, _b, c, d = _dupes(customers)
    dialog = window.feature(ExchangeFeature).open_duplicates()
    qtbot.waitUntil(lambda: len(dialog.pairs) == 2)
    anna = next(i for i, p in enumerate(dialog.pairs) if {p.a_id, p.b_id} == {c, d})
    dialog.pair_list.setCurrentCell(anna, 0)
    qtbot.waitUntil(lambda: dialog.sides is not None and {s.id for s in dialog.sides} == {c, d})
    kept_id = dialog.sides[1].id
    dialog.keep_b.setChecked(True)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: len(dialog.pairs) == 1)
    assert customers.get(kept_id).email == "anna@example.cn" and customers.count() == 3
    qtbot.waitUntil(lambda: dialog.sides is not None and dialog.merge_button.isEnabled())
    dialog.skip_button.click()
    assert dialog.pairs == [] and "No duplicates" in dialog.status.text()
    assert customers.count() == 3
    assert window.feature(ExchangeFeature).duplicates_action in window.menus["tools"].actions()
