"""File › Import customers… with the usual Chinese sheet (GBK CSV from Excel, or .xlsx): the file is chosen
through the wizard's own button and file dialog, the columns are mapped, Import; then the list has the
businesses and a card shows each contact with title, phone and WeChat."""

import pytest
from person import file_path
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QTableWidget

from crm_desktop.services.validation import format_phone
from crm_desktop.ui.exchange.import_wizard import ImportWizard


def _wizard(person) -> ImportWizard:
    person.choose("file", "import_customers")
    person.wait(lambda: person.top_level(ImportWizard, "importWizard") is not None)
    return person.top_level(ImportWizard, "importWizard")


def _mapping(person, wizard) -> dict[str, str]:
    table = wizard.findChild(QTableWidget, "importMapping")
    return {table.item(r, 0).text(): table.cellWidget(r, 2).currentText() for r in range(table.rowCount())}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_the_chinese_sheet_as_businesses_with_contacts(kind, launch_app, book, tmp_path, chinese_sheet):
    """In 简体中文: choose the file, check the mapping (联系人 → a contact's name …), Import; the list shows the
    six businesses, and 华信科技有限公司's card lists 张伟 and 李娜 with title, phone and WeChat."""
    write = chinese_sheet.write_chinese_sheet_csv if kind == "csv" else chinese_sheet.write_chinese_sheet_xlsx
    sheet = write(tmp_path / f"客户名单.{kind}")
    expected = chinese_sheet.SHEET_EXPECTED
    person = launch_app(book, language="zh_CN")
    table = person.find(QTableView, "customerTable")
    person.wait(lambda: table.model().rowCount() > 0)
    before = table.model().rowCount()

    wizard = _wizard(person)
    person.expect(file_path(sheet))
    person.click(wizard.findChild(QPushButton, "importChooseFile"))
    person.wait_answered()
    status = wizard.findChild(QLabel, "importFileStatus")
    person.wait(lambda: "行" in status.text() and "列" in status.text())
    person.idle()
    assert ("gb18030" if kind == "csv" else "Excel") in status.text(), status.text()
    preview = wizard.findChild(QTableWidget, "importPreview")
    assert "华信科技有限公司" in [preview.item(0, c).text() for c in range(preview.columnCount())]

    person.click(wizard.findChild(QPushButton, "importNext"))
    mapping = _mapping(person, wizard)
    assert (mapping["联系人"], mapping["职务"], mapping["手机"], mapping["微信"]) == (
        "联系人：姓名", "联系人：职务", "联系人：手机", "联系人：微信"), mapping
    assert mapping["客户名称"] == "客户名称" and mapping["地址"] == "地址", mapping

    person.click(wizard.findChild(QPushButton, "importCheckRows"))
    check = wizard.findChild(QLabel, "importCheckStatus")
    person.wait(lambda: "新客户" in check.text())
    person.idle()
    assert f"{expected['customers']}个新客户" in check.text().replace(" ", ""), check.text()
    person.click(wizard.findChild(QPushButton, "importRun"))
    done = wizard.findChild(QLabel, "importRunStatus")
    person.wait(lambda: done.text().startswith("完成"), timeout=20000)
    person.idle()
    close = wizard.findChild(QPushButton, "importClose")
    person.click(close)
    person.wait(lambda: not wizard.isVisible())

    # the list: the six businesses are there, found by a person's search
    person.wait(lambda: table.model().rowCount() == before + expected["customers"])
    person.click_row(table, 0)  # back in the main window
    person.shortcut("Ctrl+F")
    person.type("华信")
    person.idle()
    person.wait(lambda: table.model().rowCount() >= 1 and table.model().index(0, 0).data() == "华信科技有限公司")
    person.click_row(table, 0)
    person.idle()
    title = person.find(QLabel, "cardTitle")
    person.wait(lambda: "华信科技有限公司" in title.text())
    assert "企业" in title.text()
    contacts = person.find(QTableWidget, "cardContacts")
    person.wait(lambda: contacts.rowCount() == 2)
    headers = [contacts.horizontalHeaderItem(c).text() for c in range(contacts.columnCount())]
    shown = {}
    for r in range(contacts.rowCount()):
        cells = {headers[c]: (contacts.item(r, c).text() if contacts.item(r, c) else "")
                 for c in range(contacts.columnCount()) if not contacts.isColumnHidden(c)}
        shown[cells["联系人"]] = (cells.get("职务", ""), cells.get("电话", ""), cells.get("微信", ""))
    want = {name: (title_, format_phone(phone), wechat)
            for name, (title_, phone, wechat) in expected["businesses"]["华信科技有限公司"].items()}
    assert shown == want, shown
    for name in expected["businesses"]:
        person.shortcut("Ctrl+F")
        box = person.find(QLineEdit, "customerSearch")
        box.selectAll()
        person.type(name[:4])
        person.idle()
        person.wait(lambda name=name: any(table.model().index(r, 0).data() == name
                                          for r in range(table.model().rowCount())))
