"""Command line: ``quote DEAL --pdf OUT [--xlsx OUT] [--lang zh|en]``.

DEAL is a deal's title (as ``export deals`` lists them; when several deals share it, their id) or its id or
the beginning of one.  The deal's latest quote is
written; a deal without one gets v1 from its own products first.  ``--lang`` lays the file out in Chinese
or English whatever the quote's own language.  The PDF is drawn by Qt's printing: the command makes the
offscreen application that needs, and no window.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from crm_desktop.cli.common import T, close_for_command, open_for_command, translate
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


def cmd_quote(args: argparse.Namespace) -> int:
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.quote_document import save_xlsx
    from crm_desktop.services.quotes import QuoteService

    if not args.pdf and not args.xlsx:
        raise UserError(QT_TRANSLATE_NOOP("errors", "Say where to write the quote: --pdf FILE or --xlsx FILE."))
    db, lock = open_for_command(args)
    try:
        service = QuoteService(ServiceContext(db, user=args.user or ""))
        deal_id = service.find_deal(args.deal)
        quote = service.latest_or_first(deal_id, args.lang)
        doc = service.document(quote.id)
    finally:
        close_for_command(db, lock)
    if args.lang and args.lang != doc.quote.language:
        doc = replace(doc, quote=replace(doc.quote, language=args.lang))
    if args.pdf:
        from crm_desktop.ui.quotes.render import write_pdf

        write_pdf(doc, args.pdf)
        print(translate("cli", "Quote {version} written to {path}.").format(version=doc.quote.label, path=args.pdf))
    if args.xlsx:
        save_xlsx(doc, args.xlsx)
        print(translate("cli", "Quote {version} written to {path}.").format(version=doc.quote.label, path=args.xlsx))
    return 0


def register(sub: Any, groups: dict[str, Any]) -> None:
    cmd = sub.add_parser("quote", help=T("cli", "write a deal's latest quote as PDF or Excel (v1 is made from "
                                                "the deal's products when it has none)"))
    cmd.add_argument("deal", help=T("cli", "the deal's title, or its id or the id's beginning"))
    cmd.add_argument("--pdf", help=T("cli", "the PDF file to write"))
    cmd.add_argument("--xlsx", help=T("cli", "the Excel file to write"))
    cmd.add_argument("--lang", choices=("zh", "en"), help=T("cli", "the quote's layout: Chinese or English"))
    cmd.add_argument("--db", help=T("cli", "the book to read"))
    cmd.add_argument("--user", help=T("cli", "your name"))
    cmd.set_defaults(func=cmd_quote)
