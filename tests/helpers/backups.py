"""What backup tests share: a passphrase, a fast KDF, books of teammates, and an edit of one customer field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crm_desktop.exchange import backup_file as bf

PASS = "correct horse battery staple"
FAST_KDF = bf.KdfParams.scrypt(n=16, r=8, p=1)
"""scrypt at its cheapest: the tests are about what a backup holds, not how hard it is to guess."""


def fast_backups(source: Any) -> Any:
    """The BackupService of *source* (a ServiceContext or a Services) sealing with :data:`FAST_KDF`."""
    from crm_desktop.services.backup import BackupService

    svc = source.get(BackupService) if hasattr(source, "get") else BackupService(source)
    svc.kdf = FAST_KDF
    return svc


def teammate_book(path: Path, user: str, clock: Any) -> Any:
    """A teammate's own book (a new file, its own site id) with their Services."""
    from crm_desktop.db.database import open_database
    from crm_desktop.services import Services
    from crm_desktop.services.context import ServiceContext

    return Services(ServiceContext(open_database(path, create=True), user=user, now=clock))


def edit_customer(customers: Any, customer_id: str, **changes: Any) -> None:
    """Change some fields of one customer as the card would (only those fields)."""
    data = customers.get(customer_id).to_input()
    customers.update(customer_id, data.__class__(**{**data.__dict__, **changes}))
