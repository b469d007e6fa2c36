"""PyInstaller runtime hook of the portable one-file build (``CRM_ONEFILE=1``).

Runs before the app's own code.  A portable copy keeps the salesperson's data
beside itself — ``crm-desktop-data/`` next to the executable — so the file and
its data travel together on a USB stick.  When that folder cannot be created or
written (a read-only share, Program Files), nothing is changed and the app uses
the normal per-user data folder.  An explicit ``CRM_DATA_DIR`` always wins.
"""

import os
import sys


def _portable_data_dir() -> None:
    if os.environ.get("CRM_DATA_DIR"):
        return
    folder = os.path.join(os.path.dirname(os.path.abspath(sys.executable)), "crm-desktop-data")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return
    if os.access(folder, os.W_OK | os.X_OK):
        os.environ["CRM_DATA_DIR"] = folder


_portable_data_dir()
