"""A deal from the Customer menu to an order: moved through the stages on the board, quoted from its dialog
(Quote… → Save as v1 → Save PDF… → Send by e-mail… → Accept → order); the e-mail, the quote and the order
are on the customer's timeline and the customer's scores change."""

from datetime import timedelta

from helpers.images import png
from pages import click_tab
from person import file_path, press
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QListWidget, QPushButton, QTableView, QWidget
from test_journey_deals import drag

from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import ProductInput
from crm_desktop.services.orders import OrderInput, OrderService
from crm_desktop.services.products import ProductService

NAME = "冯晓东"
TITLE = "办公椅采购"


def _setup(book_services, clock) -> None:
    """A customer who bought once, two months ago, and a chair in the catalogue."""
    svc = book_services()
    cid = svc.customers.create(CustomerInput(name=NAME, phone="13912345670")).id
    OrderService(svc.ctx).create(OrderInput(cid, clock() - timedelta(days=60), "800"))
    ProductService(svc.ctx).create(ProductInput("QT-001", "人体工学椅", "把", "1280", tax_rate="13"))
    svc.ctx.db.close()


def _when(condition, then, tries: int = 1500) -> None:
    """Call *then* once *condition* holds (checked every 20 ms while the event loop runs)."""
    if condition():
        then()
    elif tries:
        QTimer.singleShot(20, lambda: _when(condition, then, tries - 1))


def _new_deal(person) -> None:
    def fill(dialog):
        assert dialog.objectName() == "dealDialog"
        title = dialog.findChild(QLineEdit, "dealTitle")
        title.setFocus()
        person.type(TITLE, title)
        picker = dialog.findChild(QComboBox, "dealLineProduct")
        picker.setFocus()
        person.type("QT-001", picker.lineEdit())
        person.click(dialog.findChild(QPushButton, "addDealLine"))
        press("ok")(dialog)

    person.expect(fill)
    person.choose("customer", "new_deal")
    person.wait_answered()
    person.idle()


def _company_details(person, tmp_path) -> None:
    """Settings › Company details…: the name, and a seal chosen with Choose PNG… (its preview shows)."""
    seal = tmp_path / "公章.png"
    seal.write_bytes(png(60, 60))
    seen = {}

    def details(dialog):
        assert dialog.objectName() == "companyDialog"
        name = dialog.findChild(QLineEdit, "company_name")
        name.setFocus()
        person.type("杭州明达办公设备有限公司", name)
        seen["dialog"] = dialog
        QTimer.singleShot(0, lambda: person.click(dialog.findChild(QPushButton, "chooseSeal")))

    def chosen(dialog):
        file_path(seal)(dialog)
        _when(lambda: seen["dialog"].findChild(QLabel, "sealPreview").pixmap().width() > 0,
              lambda: press("ok")(seen["dialog"]))

    person.expect(details, chosen)
    person.choose("settings", "company_details")
    person.wait_answered()
    person.wait(lambda: "Company details saved." in person.status())


def _cards(person, stage: str) -> list[str]:
    return list(person.rows(person.find(QListView, f"cards_{stage}"), 0))


def _card_scores(person) -> str:
    return person.find(QWidget, "cardScores").toolTip() + person.text(person.find(QWidget, "cardScores"))


def test_a_deal_quoted_sent_and_won_becomes_an_order(launch_app, book, book_services, clock, tmp_path, monkeypatch):
    """The company's name and seal set in Settings; a new deal with a chair → Needs confirmed → Proposal/quote
    on the board → its dialog's Quote…: v1 saved, its PDF saved (%PDF, > 1 KB), sent (the mail client opened
    with the quote's subject, which names the company, the e-mail logged), accepted → an order of 1,446.40
    with its line; the deal dialog lists v1, the timeline shows all three and the scores change."""
    _setup(book_services, clock)
    opened = []
    monkeypatch.setattr("crm_desktop.ui.quotes.dialog.QDesktopServices.openUrl", lambda url: opened.append(url))
    person = launch_app(book)
    _company_details(person, tmp_path)
    person.open_card(NAME)
    person.wait(lambda: _card_scores(person).strip() != "")
    scores_before = _card_scores(person)
    _new_deal(person)

    person.choose("view", "show_deals")
    person.idle()
    card = f"{NAME} — {TITLE}"
    person.wait(lambda: card in _cards(person, "contact"))
    for here, there in (("contact", "needs"), ("needs", "proposal")):
        drag(person, person.find(QListView, f"cards_{here}"), _cards(person, here).index(card),
             person.find(QListView, f"cards_{there}"))
        person.wait(lambda there=there: card in _cards(person, there))

    pdf = tmp_path / "报价单.pdf"
    seen: dict = {}

    def deal(dialog):
        assert dialog.objectName() == "dealDialog"
        seen["deal"] = dialog
        button = dialog.findChild(QPushButton, "dealQuote")
        QTimer.singleShot(0, lambda: person.click(button))

    def quote(dialog):
        assert dialog.objectName() == "quoteDialog"
        versions = dialog.findChild(QListWidget, "quoteVersions")

        def click(name):
            person.click(dialog.findChild(QPushButton, name))

        def saved():
            seen["lines"] = dialog.findChild(QLabel, "dealLinesTotal").text()
            person.expect(file_path(pdf))
            click("saveQuotePdf")
            _when(lambda: pdf.exists(), pdf_written)

        def pdf_written():
            click("sendQuote")
            _when(lambda: versions.count() and "sent" in versions.item(0).text(), sent)

        def sent():
            seen["note"] = person.text(dialog.findChild(QLabel, "quoteNote"))
            click("acceptQuote")
            _when(lambda: versions.count() and "accepted" in versions.item(0).text(), accepted)

        def accepted():
            seen["order note"] = person.text(dialog.findChild(QLabel, "quoteNote"))
            click("closeQuote")
            listed = seen["deal"].findChild(QLabel, "dealQuotes")
            _when(lambda: "v1 · 1,446.40 CNY" in listed.text(), close_deal)

        def close_deal():
            press("cancel")(seen["deal"])
            seen["done"] = True

        click("saveQuote")
        _when(lambda: versions.count() == 1, saved)

    person.expect(deal, quote)
    view = person.find(QListView, "cards_proposal")
    person.click_row(view, _cards(person, "proposal").index(card))
    person.key(Qt.Key.Key_Return, widget=view)
    person.wait(lambda: seen.get("done"), timeout=60000)
    person.idle()

    assert seen["lines"] == "Net 1,280.00 CNY · tax 166.40 CNY · total 1,446.40 CNY"
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 1024
    mail = opened[0]
    query = mail.query(mail.ComponentFormattingOption.FullyDecoded)
    assert mail.scheme() == "mailto" and f"报价单 v1：{TITLE}" in query and "杭州明达办公设备有限公司的报价单" in query
    assert opened[1].isLocalFile() and "attach it to the message" in seen["note"]
    assert "Order of 1,446.40 CNY made from v1; the deal is won." == seen["order note"]
    person.wait(lambda: card not in _cards(person, "proposal"))

    person.window.open_customer(person.window.current_customer_id())
    panel = person.find(QWidget, "timelinePanel")
    click_tab(person, person.window.customer_tabs, panel)
    timeline = panel.findChild(QTableView)
    wanted = ("发送报价单 v1", f"Quote v1 · 1,446.40 CNY · “{TITLE}”", f"报价单 v1 · {TITLE}")
    person.wait(lambda: all(any(w in " ".join(r) for r in person.rows(timeline)) for w in wanted), timeout=20000)
    order_row = next(r for r in person.rows(timeline) if f"报价单 v1 · {TITLE}" in " ".join(r))
    assert "1,446.40 CNY" in " ".join(order_row)
    person.wait(lambda: _card_scores(person) != scores_before, timeout=30000)
