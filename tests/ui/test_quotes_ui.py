"""The quote dialog and the company details on their own: versions saved, a PDF and a workbook written, the
e-mail prepared and logged, the quote accepted as an order (one undo step); hostile seal images refused."""

from __future__ import annotations

import pytest
from helpers.images import png
from openpyxl import load_workbook

from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import LineInput, ProductInput
from crm_desktop.domain.quotes import CompanyDetails
from crm_desktop.services.company import CompanyService
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.deals import DealInput, DealService
from crm_desktop.services.orders import OrderService
from crm_desktop.services.products import ProductService
from crm_desktop.services.quotes import QuoteService
from crm_desktop.services.timeline import TimelineService
from crm_desktop.ui.quotes import dialog as quote_dialog
from crm_desktop.ui.quotes.company import CompanyDialog
from crm_desktop.ui.quotes.dialog import QuoteDialog


@pytest.fixture
def deal(ctx, services):
    cid = CustomerService(ctx).create(CustomerInput(name="张伟", company="上海华联贸易有限公司")).id
    chair = ProductService(ctx).create(ProductInput("A-01", "办公椅", "把", "1280", tax_rate="13")).id
    did = services.get(DealService).create(DealInput(cid, title="办公家具", lines=(LineInput(chair, "2", 128000),))).id
    return cid, did


def _dialog(window, qtbot, did):
    svc = window.services.get(QuoteService)
    dialog = QuoteDialog(window, svc, svc.draft(did), window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_saving_makes_v1_then_v2_and_the_files_are_written(window, qtbot, deal, tmp_path, monkeypatch):
    """Save as v1, change a quantity, save as v2; PDF and Excel of the selected version land where chosen."""
    _cid, did = deal
    dialog = _dialog(window, qtbot, did)
    assert dialog.save_button.text().replace("&", "") == "Save as v1" and not dialog.pdf_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.versions.count() == 1)
    dialog.lines.set_cell(0, dialog.lines.QUANTITY, "3")
    assert "total 4,339.20 CNY" in dialog.lines.total_label.text()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.versions.count() == 2)
    assert dialog.selected().version == 2 and dialog.selected().gross_minor == 433920
    pdf, xlsx = tmp_path / "q.pdf", tmp_path / "q.xlsx"
    answers = iter([(str(pdf), ""), (str(xlsx), "")])
    monkeypatch.setattr(quote_dialog, "choose_save", lambda *a, **k: next(answers))
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: pdf.exists())
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 1024
    dialog.excel_button.click()
    qtbot.waitUntil(lambda: xlsx.exists())
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row if c]
    assert "报价单" in cells and "含税合计" in cells and "4,339.20" in cells
    assert any(str(c).startswith("大写金额：人民币肆仟叁佰叁拾玖元贰角") for c in cells)


def test_a_refused_line_stays_in_the_dialog(window, qtbot, deal):
    """A tax rate of 130 % is one sentence; nothing is saved and the line stays as typed."""
    _cid, did = deal
    dialog = _dialog(window, qtbot, did)
    dialog.lines.set_cell(0, dialog.lines.TAX, "130")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "130" in dialog.error.text() and dialog.versions.count() == 0
    assert dialog.lines.quote_lines()[0].tax_rate == "130"


def test_sending_opens_the_mail_client_and_logs_the_email(window, qtbot, deal, monkeypatch):
    """The PDF goes to the exports folder, mailto: has the subject, the folder opens, the e-mail is logged."""
    cid, did = deal
    opened = []
    monkeypatch.setattr(quote_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url))
    dialog = _dialog(window, qtbot, did)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.versions.count() == 1)
    dialog.send_button.click()
    qtbot.waitUntil(lambda: "sent" in dialog.versions.item(0).text())
    assert opened[0].scheme() == "mailto" and "报价单 v1" in opened[0].query(opened[0].ComponentFormattingOption
                                                                              .FullyDecoded)
    assert opened[1].isLocalFile() and dialog.last_file.read_bytes()[:4] == b"%PDF"
    assert "attach" in dialog.note.text()
    entries = TimelineService(window.services.ctx).page(cid, kinds=("interaction",)).entries
    assert [e.body for e in entries] == ["发送报价单 v1"]


def test_accepting_makes_the_order_and_undo_takes_it_back(window, qtbot, deal):
    """Accept → order: an order of the gross total; Ctrl+Z deletes it and reopens the deal."""
    cid, did = deal
    dialog = _dialog(window, qtbot, did)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.versions.count() == 1)
    dialog.accept_button.click()
    qtbot.waitUntil(lambda: "accepted" in dialog.versions.item(0).text())
    order_id = window.services.get(QuoteService).get(dialog.selected().id).order_id
    assert OrderService(window.services.ctx).get(order_id).amount_minor == 289280
    assert not dialog.accept_button.isEnabled() and window.undo_stack.count() == 1
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.services.get(QuoteService).get(dialog.selected().id).order_id is None)
    deals = window.services.get(DealService)
    assert deals.get(did).stage != deals.settings().won.key


@pytest.mark.parametrize(("content", "words"), [
    (b"GIF89a not a png", "not a PNG"),
    (png()[:40], "damaged"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 1_100_000, "larger than 1 MB"),
])
def test_a_hostile_seal_image_gets_one_sentence(qtbot, tmp_path, content, words):
    """Not a PNG, a cut PNG, an oversized file: one sentence each, and no seal is taken."""
    path = tmp_path / "seal.png"
    path.write_bytes(content)
    dialog = CompanyDialog(CompanyDetails(), lambda d: d)
    qtbot.addWidget(dialog)
    assert not dialog.choose_seal(str(path))
    assert words in dialog.error.text() and dialog.error.text().count(".") == 1 and dialog.seal == b""


def test_a_huge_png_is_refused_by_its_size_in_pixels(qtbot, tmp_path):
    """5000 × 1 pixels: larger than a seal can be."""
    path = tmp_path / "seal.png"
    path.write_bytes(png(5000, 1))
    dialog = CompanyDialog(CompanyDetails(), lambda d: d)
    qtbot.addWidget(dialog)
    assert not dialog.choose_seal(str(path)) and "4000 × 4000 pixels" in dialog.error.text()


def test_company_details_and_a_seal_are_saved(ctx, qtbot, tmp_path):
    """Name, bank and a good seal come back from the service as typed."""
    path = tmp_path / "seal.png"
    path.write_bytes(png())
    company = CompanyService(ctx)
    dialog = CompanyDialog(company.details(), company.save)
    qtbot.addWidget(dialog)
    dialog.fields["name"].setText("杭州明达办公设备有限公司")
    dialog.fields["bank"].setText("工商银行 1202")
    assert dialog.choose_seal(str(path))
    dialog.accept()
    stored = company.details()
    assert (stored.name, stored.bank, stored.seal_png) == ("杭州明达办公设备有限公司", "工商银行 1202", png())


def test_moving_a_quoted_deal_to_won_makes_its_order_in_the_same_undo_step(window, qtbot, deal):
    """Won on the board with a quote: the order of the latest version appears; one Ctrl+Z takes back both."""
    from crm_desktop.ui.deals.feature import DealsFeature

    cid, did = deal
    quotes = window.services.get(QuoteService)
    qid = quotes.create(did, _quote_input(quotes, did)).id
    feature = window.feature(DealsFeature)
    deals = window.services.get(DealService)
    feature.move(deals.get(did), deals.settings().won.key)
    qtbot.waitUntil(lambda: quotes.get(qid).order_id is not None)
    assert "order was made" in window.statusBar().currentMessage()
    order_id = quotes.get(qid).order_id
    assert OrderService(window.services.ctx).get(order_id).customer_id == cid
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: deals.get(did).stage != deals.settings().won.key)
    assert quotes.get(qid).order_id is None


def _quote_input(quotes, did):
    from crm_desktop.domain import products as p
    from crm_desktop.domain.quotes import QuoteInput, QuoteLineInput

    lines = quotes.draft(did).lines
    return QuoteInput(tuple(QuoteLineInput(x.product_id, p.format_quantity(x.quantity_milli), x.unit_price_minor,
                                           "", p.format_rate(x.tax_bp)) for x in lines))


def test_the_dashboard_shows_why_deals_were_lost(window, qtbot, deal):
    """A deal lost on price: the dashboard's box counts it and names the reason, this month's target stands
    beside it; a second loss redraws it."""
    from crm_desktop.domain.changes import Changes, Kind
    from crm_desktop.ui.deals.lost_reasons import LostReasonsFeature
    from crm_desktop.ui.insight.feature import InsightFeature

    cid, did = deal
    deals = window.services.get(DealService)
    deals.move(did, deals.settings().lost.key, "price")
    feature = window.feature(LostReasonsFeature)
    window.show_page(window.feature(InsightFeature).page)
    qtbot.waitUntil(lambda: feature.box is not None and "1 deal lost" in feature.box.note.text(), timeout=10000)
    assert "Price" in feature.box.note.text()
    # the box shows once the dashboard's own charts are up (their figures are computed in the background)
    qtbot.waitUntil(lambda: feature.box.isVisibleTo(window), timeout=20000)
    qtbot.waitUntil(lambda: "Reading" not in feature.strip.head.text(), timeout=10000)
    assert feature.target_box.isVisibleTo(window) and feature.strip.head.text()
    other = deals.create(DealInput(cid, title="咨询", amount="100")).id
    deals.move(other, deals.settings().lost.key, "timing")
    window.notify_changed(Changes.of(Kind.DEAL, customers=[cid]))
    qtbot.waitUntil(lambda: "2 deals lost" in feature.box.note.text(), timeout=10000)


def test_the_page_picture_has_the_table_and_the_seal_only_when_set(ctx, services, deal):
    """The first page as a picture: text drawn; a red seal appears at the right once one is set, never
    before; a seal that does not decode is left out and the quote still draws."""
    from crm_desktop.ui.quotes.render import page_image

    _cid, did = deal
    quotes = services.get(QuoteService)
    quote = quotes.get(quotes.create(did, _quote_input(quotes, did)).id)

    def reds():
        image = page_image(quotes.document(quote.id), scale=0.5)
        right = range(image.width() // 2, image.width(), 3)
        return sum(1 for x in right for y in range(0, image.height(), 3)
                   if image.pixelColor(x, y).red() > 200 and image.pixelColor(x, y).green() < 80)

    assert reds() == 0
    CompanyService(ctx).save(CompanyDetails("杭州明达", seal_png=png(40, 40)))
    assert reds() > 20
    CompanyService(ctx).save(CompanyDetails("杭州明达", seal_png=png(40, 40)[:60]))
    assert reds() == 0
