"""``crm-desktop quote DEAL --pdf OUT [--xlsx OUT] [--lang zh|en]`` on a book made by the command line."""

from __future__ import annotations

import os
import subprocess
import sys

from openpyxl import load_workbook

from crm_desktop.cli import main
from crm_desktop.db.database import open_database
from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import LineInput, ProductInput
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.deals import DealInput, DealService
from crm_desktop.services.products import ProductService
from crm_desktop.services.quotes import QuoteService


def _book(path):
    db = open_database(path)
    try:
        ctx = ServiceContext(db, user="李娜")
        cid = CustomerService(ctx).create(CustomerInput(name="张伟")).id
        chair = ProductService(ctx).create(ProductInput("A-01", "办公椅", "把", "1280", tax_rate="13")).id
        deals = DealService(ctx)
        with_lines = deals.create(DealInput(cid, title="办公家具", lines=(LineInput(chair, "2", 128000),))).id
        bare = deals.create(DealInput(cid, title="咨询", amount="500")).id
        return with_lines, bare
    finally:
        db.close()


def test_quote_makes_v1_from_the_deals_lines_and_writes_pdf_and_excel(tmp_path, capsys):
    """A prefix of the deal's id: v1 is made once, the PDF starts with %PDF, the workbook says Quotation."""
    book = tmp_path / "book.sqlite"
    deal_id, _bare = _book(book)
    pdf, xlsx = tmp_path / "q.pdf", tmp_path / "q.xlsx"
    assert main(["--db", str(book), "quote", deal_id[:8], "--pdf", str(pdf), "--xlsx", str(xlsx),
                 "--lang", "en"]) == 0
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 1024
    assert "Quotation" in [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row]
    assert "Quote v1 written to" in capsys.readouterr().out
    assert main(["--db", str(book), "quote", "办公家具", "--xlsx", str(xlsx)]) == 0  # by its title
    db = open_database(book)
    try:
        assert [q.version for q in QuoteService(ServiceContext(db, user="")).for_deal(deal_id)] == [1]
    finally:
        db.close()


def test_quote_refuses_in_one_sentence(tmp_path, capsys):
    """No such deal, a deal without products, no output named, a title two deals share: one sentence each,
    exit 2."""
    book = tmp_path / "book.sqlite"
    _deal, bare = _book(book)
    out = str(tmp_path / "q.pdf")
    assert main(["--db", str(book), "quote", "zz", "--pdf", out]) == 2
    assert "No deal is called “zz” nor has an id beginning so." in capsys.readouterr().err
    assert main(["--db", str(book), "quote", bare, "--pdf", out]) == 2
    assert "no products to quote" in capsys.readouterr().err
    assert main(["--db", str(book), "quote", bare]) == 2
    assert "--pdf FILE" in capsys.readouterr().err
    db = open_database(book)
    try:
        ctx = ServiceContext(db, user="李娜")
        DealService(ctx).create(DealInput(DealService(ctx).get(bare).customer_id, title="咨询", amount="1"))
    finally:
        db.close()
    assert main(["--db", str(book), "quote", "咨询", "--pdf", out]) == 2
    assert "Several deals are called “咨询”; give the deal's id." in capsys.readouterr().err
    assert not (tmp_path / "q.pdf").exists()


def test_the_pdf_is_drawn_without_a_display(tmp_path):
    """In a fresh process with no platform chosen, the command makes its own offscreen application."""
    book = tmp_path / "book.sqlite"
    deal_id, _bare = _book(book)
    pdf = tmp_path / "q.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "crm_desktop", "--db", str(book), "quote", deal_id, "--pdf",
                           str(pdf)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes()[:4] == b"%PDF"
