"""Teammates' names by site id: learned from the backups they send, shown in later previews."""

from __future__ import annotations

from crm_desktop.db.bulk import set_meta
from crm_desktop.db.database import BulkTx
from crm_desktop.domain.hlc import SITE_CHARS
from crm_desktop.services.backup.book import META_SITE_NAME
from crm_desktop.services.backup.incoming import Incoming


def learn_names(conn: BulkTx, incoming: Incoming, own_site: str) -> None:
    """Remember teammates' names by site id (local meta, on *conn*), so later previews name people."""
    report = incoming.report
    if report is None:
        return
    names = dict(report.names)
    site = incoming.header.site_id
    if report.made_by and site and len(site) <= 20 and not site.strip(SITE_CHARS):
        names[site] = report.made_by
    for s, name in list(names.items())[:200]:
        if s != own_site:
            set_meta(conn, META_SITE_NAME + s, name)
