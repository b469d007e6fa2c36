"""A quote as an Excel workbook: the sheet of :class:`~crm_desktop.domain.quotes.QuoteSheet` in one worksheet
(title, letterhead, the customer and the quote's facts, the table of lines, totals, the amount in words, and
where to sign or seal: the seal image itself is drawn on the PDF, as openpyxl needs an imaging library to
place pictures).  Text cells are neutralised against formula injection."""

from __future__ import annotations

from pathlib import Path

from crm_desktop.domain.quotes import QuoteSheet
from crm_desktop.exchange.export import neutralize

_WIDTHS = (6, 34, 8, 10, 14, 9, 8, 16)


def write_quote_xlsx(sheet: QuoteSheet, path: Path) -> None:
    """Write *sheet* as an .xlsx workbook at *path*."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = sheet.title[:31]
    last = len(sheet.columns)
    for i, width in enumerate(_WIDTHS[:last], start=1):
        ws.column_dimensions[chr(64 + i)].width = width
    row = 1
    for text, size in ((sheet.company_name, 14), (sheet.title, 18)):
        if text:
            ws.cell(row, 1, neutralize(text)).font = Font(bold=True, size=size)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
            ws.cell(row, 1).alignment = Alignment(horizontal="center")
            row += 1
    for line in sheet.letterhead:
        ws.cell(row, 1, neutralize(line))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
        row += 1
    row += 1
    for label, value in sheet.facts:
        ws.cell(row, 1, neutralize(label)).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        ws.cell(row, 3, neutralize(value))
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=last)
        row += 1
    row += 1
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, title in enumerate(sheet.columns, start=1):
        cell = ws.cell(row, col, neutralize(title))
        cell.font, cell.border = Font(bold=True), box
    for values in sheet.rows:
        row += 1
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, neutralize(value))
            cell.border = box
            if col >= 4:
                cell.alignment = Alignment(horizontal="right")
    row += 1
    for label, amount in sheet.totals:
        row += 1
        ws.cell(row, last - 1, neutralize(label)).font = Font(bold=True)
        ws.cell(row, last, neutralize(amount)).alignment = Alignment(horizontal="right")
    if sheet.in_words:
        row += 1
        ws.cell(row, 1, neutralize(sheet.in_words)).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    row += 2
    ws.cell(row, 1, neutralize(sheet.note))
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    row += 2
    ws.cell(row, last - 2, neutralize(sheet.seal_label))
    wb.save(path)
