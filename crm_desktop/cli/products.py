"""Command line: ``import products FILE [--dry-run]``.

Prints the preview (rows read, products to add and to update, rows with problems) and every problem as
"row N: …" on stderr; the rows without problems are imported (updating products by code).  The exit status
is 0 when every row was imported, 1 when some rows were left out, 2 when nothing could be imported (or, with
``--dry-run``, when some row has a problem).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crm_desktop.cli.common import T, close_for_command, open_for_command, translate


def cmd_import_products(args: argparse.Namespace) -> int:
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.imports.products import ProductsImporter

    db, lock = open_for_command(args)
    try:
        importer = ProductsImporter(ServiceContext(db, user=args.user or ""))
        plan = importer.prepare_file(args.file, encoding=args.encoding)
        print(translate("cli", "{rows} rows read: {new} new products, {updated} to update, {bad} rows with "
                               "problems.").format(rows=plan.total, new=plan.new, updated=plan.updated,
                                                   bad=plan.bad_rows))
        for issue in plan.issues:
            print(translate("cli", "row {row}: {problem}").format(row=issue.row, problem=issue.text(translate)),
                  file=sys.stderr)
        if args.dry_run:
            return 0 if not plan.issues else 2
        result = importer.run(plan)
        print(translate("cli", "Imported products: {added} added, {updated} updated.").format(
            added=result.added, updated=result.updated))
        return 1 if plan.issues else 0
    finally:
        close_for_command(db, lock)


def register(sub: Any, groups: dict[str, Any]) -> None:
    imp = groups["import"].add_parser("products", help=T("cli", "import products from a CSV or .xlsx file "
                                                               "(columns: code, name, unit, price, tax rate), "
                                                               "updating those whose code is known"))
    imp.add_argument("file", help=T("cli", "the CSV, TSV or .xlsx file"))
    imp.add_argument("--db", help=T("cli", "the book to import into"))
    imp.add_argument("--encoding", help=T("cli", "the CSV file's encoding (default: detected)"))
    imp.add_argument("--dry-run", action="store_true", help=T("cli", "only show the preview and the problems"))
    imp.add_argument("--user", help=T("cli", "your name"))
    imp.set_defaults(func=cmd_import_products)
