"""``crm-desktop backup``, ``restore``, ``merge`` and ``erase`` on the command line.

The passphrase comes from ``--passphrase-file`` (first line), else the
``CRM_PASSPHRASE`` environment variable, else a prompt (asked twice for a new
backup).  A bad backup file is refused before the database is even opened, so
it leaves the database and its folder exactly as they were; the error is one
sentence on stderr and the exit status is 2.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import (
    T,
    close_for_command,
    db_path,
    open_for_command,
    translate,
    user_name,
)
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError

if TYPE_CHECKING:
    from crm_desktop.db.database import Database
    from crm_desktop.services.backup import BackupService, Incoming, MergePreview


class PassphraseError(UserError):
    pass


class ConfirmationError(UserError):
    pass


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    if getattr(args, "passphrase_file", None):
        try:
            text = Path(args.passphrase_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise PassphraseError(QT_TRANSLATE_NOOP("errors", "The passphrase file could not be read.")) from exc
        if text and text[0]:
            return text[0]
        raise PassphraseError(QT_TRANSLATE_NOOP("errors", "The passphrase file is empty."))
    env = os.environ.get("CRM_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise PassphraseError(QT_TRANSLATE_NOOP(
            "errors", "Give the team passphrase with --passphrase-file or the CRM_PASSPHRASE variable."))
    first = getpass.getpass("Team passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise PassphraseError(QT_TRANSLATE_NOOP("errors", "The two passphrases differ."))
    return first


def _service(db: Database, incoming: Incoming | None = None) -> BackupService:
    from crm_desktop.services.backup import BackupService
    from crm_desktop.services.context import ServiceContext

    svc = BackupService(ServiceContext(db, user=user_name()))
    if db.path is not None:  # the book's lock is held: plaintext copies a killed command left behind can go
        svc.remove_leftovers(keep=(incoming.path, incoming.clean) if incoming is not None else ())
        svc.secure_files()
    return svc


def _db_folder(args: argparse.Namespace) -> Path:
    """The folder of the existing book (refused first when there is none: nothing may be made there)."""
    from crm_desktop.db.database import check_book_path

    return check_book_path(db_path(args), create=False).absolute().parent


def cmd_backup(args: argparse.Namespace) -> int:

    _db_folder(args)
    passphrase = _passphrase(args, confirm=True)
    db, lock = open_for_command(args)
    try:
        result = _service(db).backup(args.out, passphrase)
    finally:
        close_for_command(db, lock)
    print(f"{result.path}: {result.size} bytes (database {result.database_size} bytes)")
    return 0


def _now() -> datetime:
    from datetime import datetime

    return datetime.now(UTC)


def cmd_restore(args: argparse.Namespace) -> int:
    from crm_desktop.services.backup import open_incoming, take_in_file

    folder = _db_folder(args)
    passphrase = _passphrase(args, confirm=False)
    # decrypted and checked value by value before the database is even opened
    incoming = open_incoming(args.file, passphrase, folder, now=_now())
    try:

        take_in_file(incoming, Path(db_path(args)).absolute(), purpose="restore")
        report = incoming.report
        _print_ignored(report.ignored if report else [])
        if report is not None and report.future:
            people = ", ".join(f"{report.names.get(site) or site}: {n}" for site, n in sorted(report.future.items()))
            print(f"changes dated after the backup was made, treated as made then: {people}")
        db, lock = open_for_command(args)
    except BaseException:
        incoming.discard()
        raise
    try:
        undo = _service(db, incoming).restore(args.file, passphrase, incoming=incoming)
    finally:
        close_for_command(db, lock)
    print(f"restored from {args.file}; the previous database is kept in {undo}")
    return 0


def _print_ignored(ignored: list[tuple[str, str]]) -> None:
    """Say what a backup held besides the app's data (never copied, never run)."""
    if not ignored:
        return
    kinds: dict[str, list[str]] = {}
    for kind, name in ignored:
        kinds.setdefault(kind, []).append(name)
    parts = [f"{kind} {', '.join(names[:5])}{' …' if len(names) > 5 else ''}" for kind, names in sorted(kinds.items())]
    print(f"ignored in the backup (not ours, never used): {'; '.join(parts)}")


def _print_preview(preview: MergePreview) -> None:
    from crm_desktop.domain.records import record_label

    who = preview.sender_name or f"an unnamed teammate ({preview.sender[:8]})"
    print(f"backup from {who}, made {preview.made_at:%Y-%m-%d %H:%M} UTC")
    if preview.future:
        people = ", ".join(f"{name}: {n}" for name, n in sorted(preview.future.items()))
        print(f"changes dated after the backup was made, treated as made then: {people}")
    _print_ignored(preview.ignored)
    print(f"{'records':<20}{'new':>8}{'changed':>9}{'deleted':>9}{'back':>7}{'2 versions':>12}")
    for table, c in preview.counts.items():
        if c.total:
            label = record_label(table, translate)
            print(f"{label:<20}{c.new:>8}{c.changed:>9}{c.deleted:>9}{c.brought_back:>7}{c.conflicting:>12}")
    for conflict in preview.conflicts[:20]:
        print(f"2 versions: {record_label(conflict.table_name, translate)} {conflict.row_id} {conflict.field}: "
              f"kept {conflict.kept_value!r}, other {conflict.lost_value!r}")
    print(f"possible duplicate customers: {preview.duplicate_count}")
    for d in preview.duplicates[:20]:
        print(f"  {d.incoming_name} ({d.incoming_id}) ~ {d.local_name} ({d.local_id}): same {d.reason}")
    if preview.is_empty:
        print("nothing to merge: this database already has everything in the backup")


def cmd_merge(args: argparse.Namespace) -> int:
    from crm_desktop.services.backup import open_incoming, take_in_file

    folder = _db_folder(args)
    passphrase = _passphrase(args, confirm=False)
    incoming = open_incoming(args.file, passphrase, folder, now=_now())
    try:
        book = Path(db_path(args)).absolute()
        if book.is_file():  # checked value by value before the book is opened: a refusal leaves it untouched
            take_in_file(incoming, book, purpose="merge")
        db, lock = open_for_command(args)
    except BaseException:
        incoming.discard()
        raise
    preview = None
    try:
        svc = _service(db, incoming)
        preview = svc.merge_preview(args.file, passphrase, incoming=incoming)
        _print_preview(preview)
        if preview.is_empty:
            return 0
        go = args.yes
        if not go and sys.stdin.isatty():
            go = input("Merge now? [y/N] ").strip().lower() in ("y", "yes", "j", "是")
        if not go:
            print("not merged (use --yes to merge without asking)")
            return 1
        result = svc.merge_apply(preview)
        print(f"merged: {sum(c.total for c in result.counts.values())} changes, "
              f"{result.conflict_count} kept as 2 versions, {result.brought_back} brought back")
        return 0
    finally:
        if preview is not None:
            svc.discard_preview(preview)
        else:
            incoming.discard()
        close_for_command(db, lock)


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase a customer for good: found by id, exact name, phone or e-mail; asks to type the name."""
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.privacy import AmbiguousCustomerError, ErasureService

    db, lock = open_for_command(args)
    try:
        ctx = ServiceContext(db, user=user_name())
        svc = ErasureService(ctx)
        try:
            customer_id, name = svc.find(args.customer)
        except AmbiguousCustomerError as exc:
            print(exc.text(translate), file=sys.stderr)
            for cid, cname, phone, deleted in exc.matches:
                print(f"  {cid}  {cname}  {phone}{'  (deleted)' if deleted else ''}", file=sys.stderr)
            return 2
        if not args.yes:
            if not sys.stdin.isatty():
                raise ConfirmationError(QT_TRANSLATE_NOOP(
                    "errors", "Erasing cannot be undone; give --yes to erase without being asked."))
            typed = input(f"Erase everything about “{name}” ({customer_id}), also from the automatic backups? "
                          "This cannot be undone.\nType the name to confirm: ")
            if typed.strip() != name.strip():
                print("not erased")
                return 1
        result = svc.erase(customer_id)
    finally:
        close_for_command(db, lock)
    kinds = ", ".join(f"{n} {table}" for table, n in result.records.items() if n)
    print(f"erased “{name}”: {kinds}; {result.mentions} mentions in other records cleaned; "
          f"{result.copies} automatic backups and copies rewritten")
    return 0


def register(sub: Any, groups: dict[str, Any]) -> None:
    """Add ``backup``, ``restore``, ``merge`` and ``erase`` to the command line."""
    b = sub.add_parser("backup", help=T("cli", "write an encrypted backup of the book to OUT"))
    b.add_argument("out", metavar="OUT", help=T("cli", "the backup file to write (.crmbak)"))
    b.add_argument("--db", help=T("cli", "the book to back up"))
    b.add_argument("--passphrase-file", help=T("cli", "file whose first line is the team passphrase"))
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", help=T("cli", "replace the book by a backup (the old one is kept for undo)"))
    r.add_argument("file", metavar="FILE", help=T("cli", "the backup file to restore"))
    r.add_argument("--db", help=T("cli", "the book to replace"))
    r.add_argument("--passphrase-file", help=T("cli", "file whose first line is the team passphrase"))
    r.set_defaults(func=cmd_restore)

    m = sub.add_parser("merge", help=T("cli", "merge a teammate's backup into the book (shows a preview first)"))
    m.add_argument("file", metavar="FILE", help=T("cli", "the teammate's backup file"))
    m.add_argument("--db", help=T("cli", "the book to merge into"))
    m.add_argument("--passphrase-file", help=T("cli", "file whose first line is the team passphrase"))
    m.add_argument("--yes", action="store_true", help=T("cli", "merge without asking"))
    m.set_defaults(func=cmd_merge)

    e = sub.add_parser("erase", help=T("cli", "erase a customer and everything about them for good, also from the "
                                              "automatic backups (not undoable; to remove someone you may want "
                                              "back, delete them in the window)"))
    e.add_argument("customer", metavar="CUSTOMER", help=T("cli", "the customer's id, exact name, phone or e-mail"))
    e.add_argument("--db", help=T("cli", "the book to erase from"))
    e.add_argument("--yes", action="store_true", help=T("cli", "erase without asking to type the name"))
    e.set_defaults(func=cmd_erase)
