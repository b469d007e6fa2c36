"""The backup service: team backups, automatic local backups, restore and merge of one open book."""

from __future__ import annotations

from crm_desktop.services.backup.auto import AutoBackups
from crm_desktop.services.backup.merging import Merging
from crm_desktop.services.backup.restore import Restoring
from crm_desktop.services.backup.team import TeamBackups


class BackupService(TeamBackups, AutoBackups, Restoring, Merging):
    """Backups of the open database ``ctx.db``.  ``kdf``: key-derivation parameters for new backups (None:
    the format's safe default).  Each part lives in its own module: :mod:`.team`, :mod:`.auto`,
    :mod:`.restore`, :mod:`.merging`."""
