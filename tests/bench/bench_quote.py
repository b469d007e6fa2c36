"""Benchmark of a quote's PDF (prints figures; not collected by pytest).

    python tests/bench/bench_quote.py [BOOK] [LINES]

Without BOOK (or with "-") a fresh book is made in a temporary folder (a customer, LINES products — default 20 — and a
deal with them).  With BOOK, its first deal that has products is used (the 100k demo's deals carry the
demo catalogue).  Figures (median of several runs):

1. the quote's PDF: reading what the file shows (:meth:`QuoteService.document`) and printing it to an A4 PDF
   with Qt (:func:`crm_desktop.ui.quotes.render.write_pdf`), target ≤ 1 s; and the first one of a session,
   when Qt loads the fonts;
2. the same quote as an Excel workbook;
3. the floor, in the same run: an empty QTextDocument printed to a PDF — what Qt's printing costs before any
   content; the quote is also given as a multiple of it, since the machine is shared and absolute times
   are noisy.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import text

from crm_desktop.db.database import open_database
from crm_desktop.domain.models import CustomerInput
from crm_desktop.domain.products import LineInput, ProductInput
from crm_desktop.domain.quotes import CompanyDetails
from crm_desktop.services.company import CompanyService
from crm_desktop.services.context import ServiceContext
from crm_desktop.services.customers import CustomerService
from crm_desktop.services.deals import DealInput, DealService
from crm_desktop.services.products import ProductService
from crm_desktop.services.quote_document import save_xlsx
from crm_desktop.services.quotes import QuoteService
from crm_desktop.ui.quotes.render import ensure_gui, write_pdf

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
RUNS = 7


def _median(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fresh_deal(ctx: ServiceContext, n_lines: int) -> str:
    customer = CustomerInput(name="上海华联贸易有限公司", address="上海市浦东新区世纪大道100号")
    cid = CustomerService(ctx).create(customer).id
    products = ProductService(ctx)
    lines = []
    for i in range(n_lines):
        pid = products.create(ProductInput(f"P-{i:03d}", f"办公设备 {i} 号（标准型）", "台", f"{1000 + i * 37}.50",
                                           tax_rate="13")).id
        lines.append(LineInput(pid, str(1 + i % 5), 100050 + i * 3700, "5" if i % 3 == 0 else ""))
    CompanyService(ctx).save(CompanyDetails("杭州明达办公设备有限公司", "浙江省杭州市西湖区文三路 90 号",
                                            "0571-8888 6666", "91330106MA2XXXXX1K", "工商银行 1202 0211"))
    return DealService(ctx).create(DealInput(cid, title="办公设备年度采购", lines=tuple(lines))).id


def main() -> None:
    n_lines = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    folder = Path(tempfile.mkdtemp())
    given = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] not in ("", "-") else None
    path = Path(given) if given else folder / "bench.sqlite"
    db = open_database(path)
    ctx = ServiceContext(db, user="王磊", now=lambda: NOW)
    try:
        if given:
            with db.reading() as tx:
                found = tx.execute(text("SELECT deal_id FROM deal_line WHERE deleted_stamp IS NULL LIMIT 1")).first()
            if found is None:
                sys.exit("the book has no deal with products")
            deal_id = found[0]
        else:
            deal_id = _fresh_deal(ctx, n_lines)
        quotes = QuoteService(ctx)
        quote = quotes.latest_or_first(deal_id)
        ensure_gui()
        from PySide6.QtGui import QPdfWriter, QTextDocument

        def empty() -> None:
            writer = QPdfWriter(str(folder / "empty.pdf"))
            QTextDocument().print_(writer)
            del writer

        def pdf() -> None:
            write_pdf(quotes.document(quote.id), folder / "quote.pdf")

        def xlsx() -> None:
            save_xlsx(quotes.document(quote.id), folder / "quote.xlsx")

        empty()
        start = time.perf_counter()
        pdf()  # the first quote of a session: Qt loads the fonts
        cold = time.perf_counter() - start
        floor = _median(empty)
        t_pdf = _median(pdf)
        t_xlsx = _median(xlsx)
        print(f"quote {quote.label} with {len(quote.lines)} lines, valid until {quote.valid_until or date.today()}")
        print(f"floor: empty QTextDocument to PDF        {floor * 1000:8.1f} ms")
        print(f"quote PDF (document + print, ≤ 1000 ms)  {t_pdf * 1000:8.1f} ms  = {t_pdf / floor:5.1f} × floor  "
              f"({(folder / 'quote.pdf').stat().st_size / 1024:.0f} KB)")
        print(f"first quote PDF of the session (fonts)   {cold * 1000:8.1f} ms")
        print(f"quote Excel workbook                     {t_xlsx * 1000:8.1f} ms  = {t_xlsx / floor:5.1f} × floor")
    finally:
        db.close()


if __name__ == "__main__":
    main()
