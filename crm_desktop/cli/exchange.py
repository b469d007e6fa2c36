"""Command line for import and export of customers and their history.

    crm-desktop import customers FILE [--db PATH] [--encoding E] [--on-match skip|update|create]
                                      [--map COLUMN=TARGET ...] [--dry-run]
    crm-desktop export customers|orders|interactions|complaints|mailing|products|deals FILE [--db PATH]

The import uses the automatic column mapping (Chinese and English titles,
Google/Outlook presets; ``--map`` overrides it per column, ``--dry-run`` shows
it), lists rejected rows on stderr ("row N: …") and
writes the valid rows in one transaction; the exit status is 0 when every row
was imported, 1 when some rows were rejected.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from crm_desktop.cli.common import T, close_for_command, open_for_command, translate


def cmd_import_customers(args: argparse.Namespace) -> int:
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.imports import CustomerImporter, auto_mapping, read_any

    table = read_any(args.file, args.encoding)  # read before locking: a bad file never opens the database
    mapping = apply_overrides(table.headers, auto_mapping(table.headers, args.preset), args.map or [])
    if args.dry_run:
        for header, target in zip(table.headers, mapping):
            print(f"{header} → {target or 'ignore'}")
    db, lock = open_for_command(args)
    try:
        ctx = ServiceContext(db, user=args.owner or "")
        importer = CustomerImporter(ctx)
        plan = importer.prepare(table, mapping)
        for issue in sorted(plan.issues, key=lambda i: i.row):
            print(f"row {issue.row}: {issue.text(translate)}", file=sys.stderr)
        if args.dry_run:
            print(f"{plan.new} new, {plan.matched} matched, {plan.contacts} contacts, {plan.rejected} rejected "
                  f"(encoding {table.encoding}); nothing was written")
            for line in plan.summary(translate):
                print(line)
            return 1 if plan.rejected else 0
        result = importer.run(plan, args.on_match, description=str(args.file))
    finally:
        close_for_command(db, lock)
    print(f"added {result.added}, updated {result.updated}, skipped {result.skipped}, rejected {result.rejected}, "
          f"contacts {result.contacts} (encoding {table.encoding})")
    for line in plan.summary(translate):
        print(line)
    return 1 if result.rejected else 0


def apply_overrides(headers: list[str], mapping: list[str | None], overrides: list[str]) -> list[str | None]:
    """*mapping* with ``COLUMN=TARGET`` overrides applied (TARGET a key of TARGETS, or "ignore").

    COLUMN is a column title or its 1-based number; a wrong one is a UserError naming it.
    """
    from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError
    from crm_desktop.services.imports import TARGETS

    out = list(mapping)
    for item in overrides:
        column, sep, target = item.rpartition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column:
            raise UserError(QT_TRANSLATE_NOOP("errors", "“{value}” is not COLUMN=TARGET."), value=item)
        if target not in TARGETS and target != "ignore":
            raise UserError(QT_TRANSLATE_NOOP("errors", "“{target}” is not an import target; use one of: {targets}."),
                            target=target, targets=", ".join([*TARGETS, "ignore"]))
        if column in headers:
            index = headers.index(column)
        elif column.isdigit() and 1 <= int(column) <= len(headers):
            index = int(column) - 1
        else:
            raise UserError(QT_TRANSLATE_NOOP("errors", "The file has no column “{column}”."), column=column)
        out[index] = None if target == "ignore" else target
    return out


def cmd_export(args: argparse.Namespace) -> int:
    from crm_desktop.services.export import export

    db, lock = open_for_command(args)
    try:
        scores = None
        if args.kind == "customers" and not args.without_scores and not args.file.lower().endswith(".vcf"):
            from crm_desktop.services.context import ServiceContext
            from crm_desktop.services.insight import InsightService

            scores = InsightService(ServiceContext(db)).score_table()
        n = export(db, args.kind, args.file, translate=translate, vcard_version=args.vcard_version, scores=scores)
    finally:
        close_for_command(db, lock)
    print(f"{n} {args.kind} → {args.file}")
    return 0


def register(sub: Any, groups: dict[str, Any]) -> None:
    """Add ``import customers`` and ``export customers|orders|interactions|complaints|mailing|products|deals``."""
    imp = groups["import"].add_parser("customers", help=T("cli", "import customers from CSV, .xlsx or vCard (.vcf)"))
    imp.add_argument("file", help=T("cli", "the file to import"))
    imp.add_argument("--db", help=T("cli", "the book to import into"))
    imp.add_argument("--encoding", help=T("cli", "text encoding of a CSV file (default: detected)"))
    imp.add_argument("--on-match", choices=["skip", "update", "create"], default="skip",
                     help=T("cli", "what to do with rows matching an existing customer (same id, phone or e-mail)"))
    imp.add_argument("--preset", choices=["auto", "google", "outlook"], default="auto",
                     help=T("cli", "column layout of the file (default: detected)"))
    imp.add_argument("--owner", default="", help=T("cli", "owner of new customers when the file names none"))
    imp.add_argument("--map", action="append", metavar="COLUMN=TARGET",
                     help=T("cli", "import COLUMN (its title or number) as TARGET, overriding the automatic choice; "
                                   "targets: name, company, phone, email, wechat, address, contact_name, "
                                   "contact_title, contact_phone, contact_phone2, contact_wechat, contact_email, "
                                   "contact_birthday, contact_notes, notes, extra, ignore … (repeatable)"))
    imp.add_argument("--dry-run", action="store_true",
                     help=T("cli", "show the column mapping and what would be imported; write nothing"))
    imp.set_defaults(func=cmd_import_customers)
    helps = {
        "customers": T("cli", "export customers to .csv, .xlsx or vCard (.vcf)"),
        "orders": T("cli", "export orders to .csv or .xlsx"),
        "interactions": T("cli", "export contacts made (interactions) to .csv or .xlsx"),
        "complaints": T("cli", "export complaints to .csv or .xlsx"),
        "mailing": T("cli", "export the mailing list (customers who agreed to marketing and may be contacted) to "
                            ".csv, .xlsx or vCard (.vcf)"),
        "products": T("cli", "export the product catalogue to .csv or .xlsx (it imports back)"),
        "deals": T("cli", "export deals (customer, stage, amount, expected close, owner) to .csv or .xlsx"),
    }
    for kind, text in helps.items():
        exp = groups["export"].add_parser(kind, help=text)
        exp.add_argument("file", help=T("cli", "the file to write; its suffix picks the format"))
        exp.add_argument("--db", help=T("cli", "the book to export from"))
        exp.add_argument("--vcard-version", choices=["3.0", "4.0"], default="3.0",
                         help=T("cli", "vCard version for .vcf"))
        if kind == "customers":
            exp.add_argument("--without-scores", action="store_true",
                             help=T("cli", "leave out today's scores (segment, decile, lifecycle, expected value, "
                                           "P(active), RFM), which take a moment to compute on a big book"))
        exp.set_defaults(func=cmd_export)
