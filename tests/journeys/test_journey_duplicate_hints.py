"""No double-booking (防撞单): a new customer's phone names the colleague who has them; open them instead."""

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from crm_desktop.domain.models import CustomerInput


def test_typing_an_existing_phone_offers_that_customer_and_opens_them(launch_app, book, book_services):
    """Customer › New customer, type 周明's phone: the hint names 周明 and 陈静, his owner; clicking it opens
    周明's card and nothing new is saved."""
    svc = book_services().customers
    svc.create(CustomerInput(name="周明", phone="13800138000", company="华信科技有限公司", owner="陈静"))
    svc.ctx.db.close()
    person = launch_app(book)
    count = person.find(QLabel, "customerCount")
    before = count.text()
    seen = {}

    def new_customer(dialog):
        assert dialog.objectName() == "customerDialog"
        phone = dialog.findChild(QLineEdit, "customerPhone")
        phone.setFocus()
        person.type("138 0013 8000", phone)

        def hint():
            found = [b for b in dialog.findChildren(QPushButton, "duplicateHint") if b.isVisible()]
            return found[0] if found else None

        person.wait(lambda: hint() is not None)
        seen["hint"] = hint().text()
        person.click(hint())

    person.expect(new_customer)
    person.choose("customer", "new_customer")
    person.wait_answered()
    person.idle()
    assert "周明" in seen["hint"] and "owner: 陈静" in seen["hint"] and "same phone" in seen["hint"]
    person.wait(lambda: "周明" in person.find(QLabel, "cardTitle").text())
    person.idle()
    assert count.text() == before, "a customer was created"


def test_the_import_preview_names_a_colleagues_customer(launch_app, book, book_services, tmp_path):
    """File › Import customers… with a sheet whose 章伟 at 华信科技有限公司 sounds like 陈静's 张伟 at 华信科技:
    Check rows says one new row is probably an existing customer and the issue names 张伟 and 陈静."""
    from person import file_path
    from PySide6.QtWidgets import QTableWidget

    from crm_desktop.ui.exchange.import_wizard import ImportWizard

    svc = book_services().customers
    svc.create(CustomerInput(name="张伟", company="华信科技", phone="13800138000", owner="陈静"))
    svc.ctx.db.close()
    sheet = tmp_path / "leads.csv"
    sheet.write_text("Name,Company,Mobile\r\n章伟,华信科技有限公司,13900139000\r\n", encoding="utf-8")
    person = launch_app(book)
    person.choose("file", "import_customers")
    person.wait(lambda: person.top_level(ImportWizard, "importWizard") is not None)
    wizard = person.top_level(ImportWizard, "importWizard")
    person.expect(file_path(sheet))
    person.click(wizard.findChild(QPushButton, "importChooseFile"))
    person.wait_answered()
    person.wait(lambda: wizard.findChild(QPushButton, "importNext").isEnabled())
    person.click(wizard.findChild(QPushButton, "importNext"))
    person.click(wizard.findChild(QPushButton, "importCheckRows"))
    check = wizard.findChild(QLabel, "importCheckStatus")
    person.wait(lambda: "new customer" in check.text())
    person.idle()
    assert "probably existing customers (see the list below): 1" in check.text(), check.text()
    issues = wizard.findChild(QTableWidget, "importIssues")
    texts = [issues.item(r, 2).text() for r in range(issues.rowCount())]
    assert any("“张伟”" in t and "陈静's customer" in t for t in texts), texts
    wizard.close()
