"""``crm-desktop backup``, ``restore`` and ``merge`` on the command line.

The passphrase comes from ``--passphrase-file`` (first line), else the
``CRM_PASSPHRASE`` environment variable, else a prompt (asked twice for a new
backup).  A bad backup file is refused before the database is even opened, so
it leaves the database and its folder exactly as they were; the error is one
sentence on stderr and the exit status is 2.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class PassphraseError(UserError):
    pass


def _passphrase(args, *, confirm: bool) -> str:
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


def _service(db):
    from crm_desktop.services.backup import BackupService
    from crm_desktop.services.context import ServiceContext

    return BackupService(ServiceContext(db))


def _db_folder(args) -> Path:
    """The folder of the existing book (refused first when there is none: nothing may be made there)."""
    from crm_desktop.cli import _db_path
    from crm_desktop.db.database import check_book_path

    return check_book_path(_db_path(args), create=False).absolute().parent


def cmd_backup(args) -> int:
    from crm_desktop.cli import close_for_command, open_for_command

    _db_folder(args)
    passphrase = _passphrase(args, confirm=True)
    db, lock = open_for_command(args)
    try:
        result = _service(db).backup(args.out, passphrase)
    finally:
        close_for_command(db, lock)
    print(f"{result.path}: {result.size} bytes (database {result.database_size} bytes)")
    return 0


def cmd_restore(args) -> int:
    from crm_desktop.cli import close_for_command, open_for_command
    from crm_desktop.services.backup import open_incoming

    folder = _db_folder(args)
    passphrase = _passphrase(args, confirm=False)
    incoming = open_incoming(args.file, passphrase, folder)  # checked before the database is opened
    try:
        db, lock = open_for_command(args)
    except BaseException:
        incoming.discard()
        raise
    try:
        undo = _service(db).restore(args.file, passphrase, incoming=incoming)
    finally:
        close_for_command(db, lock)
    print(f"restored from {args.file}; the previous database is kept in {undo}")
    return 0


def _print_preview(preview) -> None:
    print(f"backup from {preview.sender}, made {preview.made_at:%Y-%m-%d %H:%M} UTC")
    print(f"{'records':<16}{'new':>8}{'changed':>9}{'deleted':>9}{'back':>7}{'2 versions':>12}")
    for table, c in preview.counts.items():
        if c.total:
            print(f"{table:<16}{c.new:>8}{c.changed:>9}{c.deleted:>9}{c.brought_back:>7}{c.conflicting:>12}")
    for c in preview.conflicts[:20]:
        print(f"2 versions: {c.table_name} {c.row_id} {c.field}: kept {c.kept_value!r}, other {c.lost_value!r}")
    print(f"possible duplicate customers: {preview.duplicate_count}")
    for d in preview.duplicates[:20]:
        print(f"  {d.incoming_name} ({d.incoming_id}) ~ {d.local_name} ({d.local_id}): same {d.reason}")
    if preview.is_empty:
        print("nothing to merge: this database already has everything in the backup")


def cmd_merge(args) -> int:
    from crm_desktop.cli import close_for_command, open_for_command
    from crm_desktop.services.backup import open_incoming

    folder = _db_folder(args)
    passphrase = _passphrase(args, confirm=False)
    incoming = open_incoming(args.file, passphrase, folder)
    try:
        db, lock = open_for_command(args)
    except BaseException:
        incoming.discard()
        raise
    preview = None
    try:
        svc = _service(db)
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
            preview.discard()
        else:
            incoming.discard()
        close_for_command(db, lock)


def register(sub, groups) -> None:
    """Add ``backup``, ``restore`` and ``merge`` to the command line."""
    from crm_desktop.cli import T

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
