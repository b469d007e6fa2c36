"""The import wizard and the File-menu actions: preview, mapping, checks, import, cancel, undo, exports."""

from __future__ import annotations

import threading

import pytest

from crm_desktop.domain.models import CustomerInput
from crm_desktop.ui.exchange.feature import ExchangeFeature


def _gbk(path, n=3):
    rows = ['"客户名称","手机","邮箱"'] + [f'"客户{i}","1380013{i:04d}",""' for i in range(n)] + ['"坏行","123",""']
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))
    return path


def test_wizard_previews_checks_and_imports(qtbot, window, customers, tmp_path):
    """Choosing a GBK file shows its encoding and rows; Check lists the odd phone; Import keeps every row."""
    feature = window.feature(ExchangeFeature)
    wizard = feature.open_import_wizard(str(_gbk(tmp_path / "c.csv")))
    qtbot.waitUntil(lambda: wizard.table is not None)
    assert "gb18030" in wizard.file_status.text() and wizard.preview.rowCount() == 4
    assert wizard.next_button.isEnabled()
    wizard.go(1)
    assert wizard.mapping() == ["name", "phone", "email"]
    assert not wizard.import_button.isEnabled()  # rows must be checked first
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None)
    assert wizard.issues.rowCount() == 1 and wizard.issues.item(0, 0).text() == "5"
    assert "123" in wizard.issues.item(0, 2).text() and "kept in the notes" in wizard.issues.item(0, 2).text()
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.import_result is not None)
    assert wizard.import_result.added == 4 and customers.count() == 4  # the odd phone is kept, not the row dropped
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 4)
    assert wizard.cancel_button.text() == "Close"
    wizard.cancel_or_close()  # "Close" once imported: the dialog is accepted
    assert wizard.result() == wizard.DialogCode.Accepted  # QDialog.result() is not hidden by the import's result


def test_changing_a_column_target_requires_a_new_check(qtbot, window, tmp_path):
    """Editing the mapping drops the previous check, so an import never runs on stale results."""
    wizard = window.feature(ExchangeFeature).open_import_wizard(str(_gbk(tmp_path / "c.csv")))
    qtbot.waitUntil(lambda: wizard.table is not None)
    wizard.go(1)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None)
    wizard.set_target(2, None)
    assert wizard.plan is None and not wizard.import_button.isEnabled()


def test_unreadable_file_shows_one_sentence(qtbot, window, tmp_path):
    """Binary junk shows a clear message in the wizard and Next stays disabled."""
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02\xff" * 500)
    wizard = window.feature(ExchangeFeature).open_import_wizard(str(junk))
    qtbot.waitUntil(lambda: "not a text table" in wizard.file_status.text())
    assert not wizard.next_button.isEnabled()


def test_cancel_leaves_nothing_behind(qtbot, window, runner, customers, tmp_path):
    """Cancel pressed while the import waits to run rolls it back: no customer is added."""
    wizard = window.feature(ExchangeFeature).open_import_wizard(str(_gbk(tmp_path / "c.csv", n=50)))
    qtbot.waitUntil(lambda: wizard.table is not None)
    wizard.go(1)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None)
    gate = threading.Event()
    runner.run(lambda: gate.wait(10))  # keep the worker busy so Cancel lands before the import starts
    wizard.import_button.click()
    wizard.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: "cancelled" in wizard.run_status.text())
    assert customers.count() == 0 and wizard.import_result is None


def test_undo_last_import_from_the_window(qtbot, window, customers, tmp_path):
    """File ▸ Undo last import removes what the import added and refreshes the list."""
    customers.create(CustomerInput(name="老客户", phone="13900139000"))
    wizard = window.feature(ExchangeFeature).open_import_wizard(str(_gbk(tmp_path / "c.csv")))
    qtbot.waitUntil(lambda: wizard.table is not None)
    wizard.go(1)
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None)
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.import_result is not None)
    window.feature(ExchangeFeature).undo_import()
    qtbot.waitUntil(lambda: "Import undone" in window.feature(ExchangeFeature).last_message)
    assert customers.count() == 1
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 1)
    actions = [a.text() for a in window.menus["file"].actions()]
    assert "&Import customers…" in actions and "Undo last import" in actions and "&Export…" in actions


def test_export_and_person_export_actions(qtbot, window, customers, tmp_path):
    """Export writes the file in the background; the customer menu exports one person's data."""
    cid = customers.create(CustomerInput(name="王芳", phone="13900139000")).id
    feature = window.feature(ExchangeFeature)
    feature.export_to("customers", str(tmp_path / "all.xlsx"))
    qtbot.waitUntil(lambda: "Exported 1 row to" in feature.last_message)
    assert (tmp_path / "all.xlsx").exists()
    assert feature.person_action in window.menus["customer"].actions()
    feature.export_person(cid, str(tmp_path / "wf.txt"))
    qtbot.waitUntil(lambda: (tmp_path / "wf.txt").exists())
    assert "王芳" in (tmp_path / "wf.txt").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_wizard_imports_the_usual_chinese_sheet_as_businesses_with_contacts(kind, qtbot, window, customers, tmp_path,
                                                                           chinese_sheet):
    """A GBK sheet (or .xlsx) with 客户名称/联系人/职务/手机/微信 maps to contact targets and imports businesses
    with their contacts."""
    from crm_desktop.domain.enums import CustomerKind
    from crm_desktop.domain.models import CustomerQuery

    write = chinese_sheet.write_chinese_sheet_csv if kind == "csv" else chinese_sheet.write_chinese_sheet_xlsx
    path = write(tmp_path / f"客户名单.{kind}")
    wizard = window.feature(ExchangeFeature).open_import_wizard(str(path))
    qtbot.waitUntil(lambda: wizard.table is not None)
    assert ("gb18030" if kind == "csv" else "Excel workbook") in wizard.file_status.text()
    wizard.go(1)
    combos = {wizard.mapping_table.item(i, 0).text(): wizard.mapping_table.cellWidget(i, 2).currentText()
              for i in range(wizard.mapping_table.rowCount())}
    assert combos["联系人"] == "Contact: name" and combos["职务"] == "Contact: title"
    assert combos["手机"] == "Contact: phone" and combos["微信"] == "Contact: WeChat" and combos["地址"] == "Address"
    wizard.check_button.click()
    qtbot.waitUntil(lambda: wizard.plan is not None)
    expected = chinese_sheet.SHEET_EXPECTED
    assert "6 new customers" in wizard.check_status.text()
    assert "Contacts already there, matched and not added again: 1" in wizard.check_status.text()
    wizard.import_button.click()
    qtbot.waitUntil(lambda: wizard.import_result is not None)
    assert f"Contacts added: {expected['contacts']}" in wizard.run_status.text()
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == expected["customers"])
    details = [customers.get(i) for i in customers.search(CustomerQuery())]
    assert all(d.kind == CustomerKind.BUSINESS for d in details)
    assert {d.name: {c.name: (c.title, c.phone, c.wechat) for c in d.contacts} for d in details} == \
        expected["businesses"]


def test_unclear_encoding_is_previewed_and_can_be_changed(qtbot, window, tmp_path):
    """A file that is not UTF-8 nor clearly GB shows its likeliest reading and says to check it; another pick
    reads it again."""
    f = tmp_path / "latin.csv"
    f.write_bytes("Name,City\nJosé Müller,Zürich\n".encode("cp1252"))
    wizard = window.feature(ExchangeFeature).open_import_wizard(str(f))
    qtbot.waitUntil(lambda: wizard.table is not None)
    first = wizard.encoding.currentData()
    assert first is not None and "could not be told for sure" in wizard.file_status.text()
    assert wizard._uncertain.candidates[0] == first and wizard.next_button.isEnabled()
    other = next(c for c in wizard._uncertain.candidates if c != first)
    wizard.choose_encoding(other)
    qtbot.waitUntil(lambda: wizard.table is not None and wizard.table.encoding == other)
    assert wizard.preview.rowCount() == 1
