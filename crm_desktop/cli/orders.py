"""Command line: ``import orders FILE [--create-missing]`` and ``export followups FILE.ics``.

``import orders`` prints the preview (rows, matches, new customers) and every
problem as "row N: …"; when any row has a problem nothing is imported and the
exit status is 2.  ``export followups`` writes the open follow-ups (and the
coming week's birthdays and anniversaries) as an iCalendar file.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crm_desktop.cli.common import (
    T,
    close_for_command,
    open_for_command,
    translate,
    whole_number,
)


def cmd_import_orders(args: argparse.Namespace) -> int:
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.imports import OrdersImporter

    db, lock = open_for_command(args)
    try:
        ctx = ServiceContext(db, user=args.user or "")
        importer = OrdersImporter(ctx)
        plan = importer.prepare_file(args.file, create_missing=args.create_missing, encoding=args.encoding)
        matched = sum(1 for r in plan.rows if r.customer_id)
        print(translate("cli", "{rows} rows read: {ok} orders ready ({matched} for existing customers), "
                 "{new} new customers, {bad} rows with problems.").format(
            rows=plan.total, ok=len(plan.rows), matched=matched, new=len(plan.new_customers),
            bad=len({i.row for i in plan.issues})))
        for issue in plan.issues:
            print(translate("cli", "row {row}: {problem}").format(row=issue.row, problem=issue.text(translate)),
                  file=sys.stderr)
        if args.dry_run:
            return 0 if not plan.issues else 2
        result = importer.run(plan)
        print(translate("cli", "Imported {orders} orders and {customers} new customers (undo id {batch}).").format(
            orders=result.orders, customers=result.customers, batch=result.batch_id))
        return 0
    finally:
        close_for_command(db, lock)


def cmd_export_followups(args: argparse.Namespace) -> int:
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.export import write_calendar
    from crm_desktop.services.followups import FollowUpService

    db, lock = open_for_command(args)
    try:
        ctx = ServiceContext(db, user=args.owner or "")
        # a list for reaching people: do-not-contact customers are left out (crm_desktop.domain.consent)
        items = FollowUpService(ctx).upcoming(args.owner or None, days=args.days, reachable_only=True)
        n = write_calendar(args.file, items, ctx.now())
        print(translate("cli", "{count} follow-ups written to {path}.").format(count=n, path=args.file))
        return 0
    finally:
        close_for_command(db, lock)


def register(sub: Any, groups: dict[str, Any]) -> None:
    imp = groups["import"].add_parser("orders", help=T("cli", "import orders from a CSV or .xlsx file (columns: "
                                                             "customer reference, date, amount, currency, "
                                                             "description)"))
    imp.add_argument("file", help=T("cli", "the CSV, TSV or .xlsx file"))
    imp.add_argument("--db", help=T("cli", "the book to import into"))
    imp.add_argument("--create-missing", action="store_true",
                     help=T("cli", "create a customer (named after the reference) for each unknown reference"))
    imp.add_argument("--encoding", help=T("cli", "the CSV file's encoding (default: detected)"))
    imp.add_argument("--dry-run", action="store_true", help=T("cli", "only show the preview and the problems"))
    imp.add_argument("--user", help=T("cli", "your name, recorded as the importer and owner of new customers"))
    imp.set_defaults(func=cmd_import_orders)

    exp = groups["export"].add_parser("followups", help=T("cli", "export open follow-ups to an iCalendar (.ics) file"))
    exp.add_argument("file", help=T("cli", "the .ics file to write"))
    exp.add_argument("--db", help=T("cli", "the book to export from"))
    exp.add_argument("--owner", help=T("cli", "only this salesperson's follow-ups (default: everyone's)"))
    exp.add_argument("--days", type=whole_number(0, 366), default=7,
                     help=T("cli", "birthdays and anniversaries this many days ahead"))
    exp.set_defaults(func=cmd_export_followups)
