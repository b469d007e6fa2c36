"""What every command shares: translated texts, one-sentence failures, the book a command works on.

Help texts are marked with ``T("cli", …)`` and translated when the parser is
built (argparse's own few words, "usage:", "options", come from the same
translations; its error details such as "invalid choice" stay English).
Messages printed while a command runs use :func:`translate` (the name
``pyside6-lupdate`` reads as well).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn

from crm_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from crm_desktop.db.database import Database
    from crm_desktop.db.lock import BookLock

BUSY_PROBE_MS = 1500
"""How long a command waits for another program's write lock before saying the book is busy."""


# --- texts ---------------------------------------------------------------------------------------------------------

def translate(context: str, text: str) -> str:
    """*text* in the user's language for the command line (English when no translation can be loaded)."""
    try:
        from crm_desktop.ui.shell.i18n import translate_cli

        return translate_cli(context, text)
    except Exception:  # noqa: BLE001 - translations are a nicety on the command line
        return text


def T(context: str, text: str) -> str:  # noqa: N802 - lupdate collects T(context, text) like QT_TRANSLATE_NOOP
    """*text* in the user's language, now; ``pyside6-lupdate`` collects every ``T(…)`` call."""
    return translate(context, text)


def fail(exc: UserError) -> int:
    """Say *exc* in one sentence on stderr; the exit status of a refused command."""
    print(exc.text(translate), file=sys.stderr)
    return 2


# --- numbers -------------------------------------------------------------------------------------------------------

def whole_number(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number in [low, high], refusing anything else with a sentence."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                T("cli", "“{value}” is not a whole number.").format(value=text)) from None
        if low is not None and value < low:
            raise argparse.ArgumentTypeError(
                T("cli", "{value} is too small: give at least {low}.").format(value=value, low=low))
        if high is not None and value > high:
            raise argparse.ArgumentTypeError(
                T("cli", "{value} is too large: give at most {high}.").format(value=value, high=high))
        return value

    parse.__name__ = "whole number"
    return parse


positive = whole_number(1)
"""A whole number of at least 1 (counts, days ahead, rows)."""


# --- argparse in the user's language -------------------------------------------------------------------------------

class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None:
            prefix = T("cli", "usage: ")
        super().add_usage(usage, actions, groups, prefix)


class CliParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words ("usage:", "options", -h) come from our translations."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # ours below, translated
        super().__init__(*args, **kwargs)
        self._positionals.title = T("cli", "positional arguments")
        self._optionals.title = T("cli", "options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=T("cli", "show this help message and exit"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, T("cli", "{prog}: error: {message}").format(prog=self.prog, message=message) + "\n")


# --- the book a command works on -----------------------------------------------------------------------------------

def db_path(args: argparse.Namespace) -> str:
    """The book named by ``--db``, else the default one in the data folder."""
    from crm_desktop.paths import default_db_path

    return str(args.db) if getattr(args, "db", None) else str(default_db_path())


def open_for_command(args: argparse.Namespace) -> tuple[Database, BookLock | None]:
    """Open the existing book named by ``--db`` (or the default) for a subcommand (see
    :func:`crm_desktop.db.commands.open_for_command`); close both with :func:`close_for_command`."""
    from crm_desktop.db.commands import open_for_command as open_book

    return open_book(db_path(args), busy_ms=BUSY_PROBE_MS)


def close_for_command(db: Database, lock: BookLock | None) -> None:
    from crm_desktop.db.commands import close_for_command as close_book

    close_book(db, lock)


def user_name() -> str:
    """The salesperson's name from the settings (the window asks for it): owner of what a command makes,
    "made by" in a backup."""
    try:
        from crm_desktop.ui.shell.settings import AppSettings

        name: str = AppSettings().user_name
        return name
    except Exception:  # noqa: BLE001 - no name is fine: a backup's preview then says "a teammate"
        return ""


def language(args: argparse.Namespace) -> str:
    """The language a command writes in: ``--language``, else the window's setting, else the system's."""
    from crm_desktop.ui.shell.i18n import resolve_language

    choice = getattr(args, "language", None)
    if choice:
        return str(choice)
    try:
        from crm_desktop.ui.shell.settings import AppSettings

        return resolve_language(AppSettings().language)
    except Exception:  # noqa: BLE001 - no settings: the system's language
        return resolve_language(None)
