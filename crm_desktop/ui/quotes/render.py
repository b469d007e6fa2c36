"""A quote's PDF and a picture of its first page, drawn by Qt's own printing: the sheet
(:func:`crm_desktop.services.quote_document.quote_sheet`) as HTML in a :class:`QTextDocument`, printed to a
:class:`QPdfWriter` (A4) or painted into a :class:`QImage`.  No other dependency.

The command line has no window: :func:`ensure_gui` makes the offscreen QGuiApplication the drawing needs, the
first time it is asked.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
from crm_desktop.domain.quotes import QuoteDocument, QuoteSheet
from crm_desktop.services.quote_document import quote_sheet

SEAL_URL = "seal://quote.png"
SEAL_SIZE = 130
"""The seal's width and height on the page, in the document's pixels (about 3.5 cm)."""
PAGE_WIDTH, PAGE_HEIGHT = 794, 1123
"""A4 at 96 dots per inch: the size the document is laid out at for a picture of its page."""
_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Droid Sans Fallback', sans-serif"

_app: QGuiApplication | None = None


def ensure_gui() -> None:
    """Make the application drawing needs when there is none (the command line), offscreen unless the
    environment chose a platform.  A QApplication (a QGuiApplication that also allows widgets), so a process
    that shows windows later can still do so."""
    global _app
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication([])


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def sheet_html(sheet: QuoteSheet) -> str:
    """The sheet as the HTML a QTextDocument lays out (every text escaped)."""
    head = "".join(f"<div style='font-size:9pt; color:#444'>{_e(x)}</div>" for x in sheet.letterhead)
    company = f"<div style='font-size:15pt; font-weight:bold'>{_e(sheet.company_name)}</div>" \
        if sheet.company_name else ""
    facts = "".join(f"<tr><td style='color:#555; padding-right:12px'>{_e(label)}</td><td>{_e(value)}</td></tr>"
                    for label, value in sheet.facts)
    right = ("", "", "", "right", "right", "right", "right", "right")
    cols = "".join(f"<th style='background:#eeeeee' align='{right[i] or 'left'}'>{_e(c)}</th>"
                   for i, c in enumerate(sheet.columns))
    body = "".join("<tr>" + "".join(f"<td align='{right[i] or 'left'}'>{_e(v)}</td>" for i, v in enumerate(r))
                   + "</tr>" for r in sheet.rows)
    totals = "".join(f"<tr><td align='right' style='padding-right:16px'>{_e(label)}</td>"
                     f"<td align='right'><b>{_e(amount)}</b></td></tr>" for label, amount in sheet.totals)
    words = f"<p style='font-weight:bold'>{_e(sheet.in_words)}</p>" if sheet.in_words else ""
    seal = (f"<img src='{SEAL_URL}' width='{SEAL_SIZE}' height='{SEAL_SIZE}'>" if sheet.seal_png else
            "<br><br><br>")
    return (f"<html><body style=\"font-family:{_FONT}; font-size:10pt\">{company}{head}"
            f"<h1 align='center' style='font-size:20pt'>{_e(sheet.title)}</h1>"
            f"<table cellspacing='0' cellpadding='2'>{facts}</table><br>"
            f"<table width='100%' border='1' cellspacing='0' cellpadding='4' style='border-color:#999999; "
            f"border-collapse:collapse'><thead><tr>{cols}</tr></thead>{body}</table>"
            f"<table width='100%' cellspacing='0' cellpadding='3'><tr><td width='55%'></td><td>"
            f"<table width='100%'>{totals}</table></td></tr></table>{words}"
            f"<p style='font-size:8pt; color:#555'>{_e(sheet.note)}</p>"
            f"<table width='100%'><tr><td width='60%'></td><td align='center'>{_e(sheet.seal_label)}<br>{seal}"
            f"</td></tr></table></body></html>")


def build_document(doc: QuoteDocument) -> QTextDocument:
    """The quote laid out as a QTextDocument (the seal, when set and readable, as its image resource)."""
    sheet = quote_sheet(doc)
    seal = QImage()
    if sheet.seal_png and not seal.loadFromData(sheet.seal_png):
        sheet = _without_seal(sheet)
    document = QTextDocument()
    document.setDocumentMargin(0)
    if sheet.seal_png:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(SEAL_URL), seal)
    document.setHtml(sheet_html(sheet))
    return document


def _without_seal(sheet: QuoteSheet) -> QuoteSheet:
    from dataclasses import replace

    return replace(sheet, seal_png=b"")


def write_pdf(doc: QuoteDocument, path: str | Path) -> Path:
    """Print the quote to an A4 PDF at *path*, beside its name and renamed into place; a folder that cannot
    be written is one sentence."""
    ensure_gui()
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        if not target.parent.is_dir():
            raise FileNotFoundError(2, os.strerror(2))
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
        writer.setTitle(quote_sheet(doc).title)
        writer.setCreator("crm-desktop")
        document = build_document(doc)
        document.print_(writer)
        del writer  # closes the file
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise PermissionError(13, os.strerror(13))
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(QT_TRANSLATE_NOOP("errors", "Cannot write “{path}”: {detail}"), path=str(target),
                        detail=exc.strerror or str(exc)) from None
    return target


def page_image(doc: QuoteDocument, scale: float = 1.5) -> QImage:
    """The quote's first page as a picture (A4 at 96 dpi × *scale*, white, 18 mm margins)."""
    ensure_gui()
    document = build_document(doc)
    margin = 68  # 18 mm at 96 dpi
    document.setPageSize(QSizeF(PAGE_WIDTH - 2 * margin, PAGE_HEIGHT - 2 * margin))
    image = QImage(int(PAGE_WIDTH * scale), int(PAGE_HEIGHT * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.translate(margin, margin)
    document.drawContents(painter)
    painter.end()
    return image
