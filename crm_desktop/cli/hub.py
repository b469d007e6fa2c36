"""``crm-desktop hub init|add-user|remove-user`` (the administrator) and ``crm-desktop sync [--join …]``.

The administrator's commands take the hub's PostgreSQL URL (``hub init URL``; the others ``--hub URL`` or
the ``CRM_HUB_URL`` variable) and connect as that URL's role, the database's owner.  ``add-user`` prints
the one-line invitation the salesperson pastes (File ▸ Connect to team hub…, or ``sync --join``).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from crm_desktop.cli.common import T, close_for_command, open_for_command, translate, user_name
from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class NoHubUrlError(UserError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "Name the hub with --hub URL or the CRM_HUB_URL variable."))


def _hub_url(args: argparse.Namespace) -> str:
    url = getattr(args, "hub", None) or os.environ.get("CRM_HUB_URL")
    if not url:
        raise NoHubUrlError()
    return str(url)


def cmd_hub_init(args: argparse.Namespace) -> int:
    from crm_desktop.db.hub.admin import init_hub

    init_hub(args.url, own_customers_only=args.own_customers_only)
    print(translate("cli", "The team hub is ready. Add each salesperson with: crm-desktop hub add-user NAME"))
    return 0


def cmd_hub_add_user(args: argparse.Namespace) -> int:
    from crm_desktop.db.hub.admin import add_member, hub_host
    from crm_desktop.services.hub import make_invitation

    url = _hub_url(args)
    password = add_member(url, args.name, args.person_id or "")
    host, port, dbname = hub_host(url)
    print(translate("cli", "Invitation for {name} (give it to them once; it holds their password):").format(
        name=args.name))
    print(make_invitation(args.public_host or host, args.public_port or port, dbname, args.name, password))
    return 0


def cmd_hub_remove_user(args: argparse.Namespace) -> int:
    from crm_desktop.db.hub.admin import remove_member

    ended = remove_member(_hub_url(args), args.name)
    print(translate("cli", "{name} can no longer connect to the hub ({n} open sessions ended).").format(
        name=args.name, n=ended))
    return 0


def _person_id() -> str:
    try:
        from crm_desktop.ui.shell.settings import AppSettings

        return str(AppSettings().person_id or "")
    except Exception:  # noqa: BLE001 - no settings: the name's person id is used
        return ""


def cmd_sync(args: argparse.Namespace) -> int:
    from crm_desktop.services.context import ServiceContext
    from crm_desktop.services.hub import HubService

    db, lock = open_for_command(args)
    try:
        hub = HubService(ServiceContext(db, user=args.user or user_name(), person_id=_person_id()))
        if args.join:
            address = hub.join(args.join)
            print(translate("cli", "Connected to the team hub {db} on {host} as {role}.").format(
                db=address.dbname, host=address.host, role=address.role))
        result = hub.sync()
        print(translate("cli", "Synced: {pushed} changes sent, {pulled} received, {conflicts} conflicts to review, "
                               "{waiting} still waiting.").format(
            pushed=result.pushed, pulled=result.pulled, conflicts=result.conflicts, waiting=result.waiting))
        return 0
    finally:
        close_for_command(db, lock)


def register(sub: Any, groups: dict[str, Any]) -> None:
    hub = sub.add_parser("hub", help=T("cli", "set up and manage a team hub on PostgreSQL (administrators)"))
    hub_sub = hub.add_subparsers(dest="hub_command", required=True)
    init = hub_sub.add_parser("init", help=T("cli", "make (or update) the team hub in an empty PostgreSQL database"))
    init.add_argument("url", help=T("cli", "the database, as postgresql://owner@host/dbname"))
    init.add_argument("--own-customers-only", action="store_true", default=None,
                      help=T("cli", "members see only their own customers and the pool"))
    init.add_argument("--everyone-sees-all", dest="own_customers_only", action="store_false",
                      help=T("cli", "members see every customer (the default)"))
    init.set_defaults(func=cmd_hub_init)
    add = hub_sub.add_parser("add-user", help=T("cli", "add a salesperson and print their one-time invitation"))
    add.add_argument("name", help=T("cli", "the member's login name (letters, digits, _)"))
    add.add_argument("--person-id", help=T("cli", "the person id of the salesperson in the team's books"))
    add.add_argument("--hub", help=T("cli", "the hub's URL (default: the CRM_HUB_URL variable)"))
    add.add_argument("--public-host", help=T("cli", "the host name laptops use to reach the hub"))
    add.add_argument("--public-port", type=int, help=T("cli", "the port laptops use to reach the hub"))
    add.set_defaults(func=cmd_hub_add_user)
    rm = hub_sub.add_parser("remove-user", help=T("cli", "revoke a member (a stolen laptop, a colleague who left)"))
    rm.add_argument("name", help=T("cli", "the member's login name"))
    rm.add_argument("--hub", help=T("cli", "the hub's URL (default: the CRM_HUB_URL variable)"))
    rm.set_defaults(func=cmd_hub_remove_user)
    sync = sub.add_parser("sync", help=T("cli", "send this book's changes to the team hub and take the team's"))
    sync.add_argument("--join", metavar="INVITATION", help=T("cli", "first connect to the hub of this invitation"))
    sync.add_argument("--db", help=T("cli", "the book to sync"))
    sync.add_argument("--user", help=T("cli", "your name"))
    sync.set_defaults(func=cmd_sync)
