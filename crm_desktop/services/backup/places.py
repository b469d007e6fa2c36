"""Where the backup service keeps its files, and the plaintext leftovers a killed command leaves there.

Beside the book: decrypted backups being taken in (``.crm-incoming-*``).  In
``backups/<book name>/``: automatic local backups (``auto-*.sqlite``), the
snapshot "Undo restore" brings back (``before-restore-*.sqlite``), and
snapshots being sealed (``.snapshot-*``).  Everything there is owner-only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from crm_desktop.db.migrate import book_bytes as book_size
from crm_desktop.db.restore import unlink_quietly

__all__ = ["BACKUP_DIR_NAME", "AUTO_PREFIX", "UNDO_PREFIX", "TMP_MARK", "SNAPSHOT_MARK", "unlink_quietly",
           "book_size", "ms", "remove_leftovers"]

BACKUP_DIR_NAME = "backups"
AUTO_PREFIX = "auto-"
UNDO_PREFIX = "before-restore-"
TMP_MARK = ".crm-incoming-"
SNAPSHOT_MARK = ".snapshot-"




def ms(moment: datetime) -> int:
    """*moment* in milliseconds since 1970 (what the edit clock counts in)."""
    return int(moment.timestamp() * 1000)


def remove_leftovers(folder: Path, keep: tuple[Path | None, ...] = ()) -> int:
    """Delete temporary files a killed backup, restore or merge left in the data *folder*; returns how many.

    Decrypted backups (``.crm-incoming-*``) lie beside the database, snapshots
    (``.snapshot-*``) and half-written automatic backups (``.auto-*.tmp``) in
    ``backups/``; all are plaintext copies of customer data.  Call it only
    while holding the book's lock (another window may be using its own);
    *keep*: files of the current command.
    """
    kept = {Path(k).absolute() for k in keep if k is not None}
    removed = 0
    places = [(folder, (f"{TMP_MARK}*",)), (folder / BACKUP_DIR_NAME, (f"{SNAPSHOT_MARK}*", f".{AUTO_PREFIX}*"))]
    if (folder / BACKUP_DIR_NAME).is_dir():
        places += [(sub, (f"{SNAPSHOT_MARK}*", f".{AUTO_PREFIX}*")) for sub in (folder / BACKUP_DIR_NAME).iterdir()
                   if sub.is_dir()]
    for place, patterns in places:
        if not place.is_dir():
            continue
        for pattern in patterns:
            for leftover in place.glob(pattern):
                if leftover.absolute() in kept or Path(str(leftover).rsplit("-", 1)[0]).absolute() in kept:
                    continue
                unlink_quietly(leftover)
                removed += 1
    return removed
