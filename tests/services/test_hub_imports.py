"""The window starts without the PostgreSQL driver: it is loaded when a hub connection is made."""

from __future__ import annotations

import subprocess
import sys


def test_the_hub_service_and_its_status_load_no_postgresql_driver(tmp_path):
    code = ("import sys\n"
            "from crm_desktop.db.database import open_database\n"
            "from crm_desktop.services.context import ServiceContext\n"
            "from crm_desktop.services.hub import HubService\n"
            f"db = open_database({str(tmp_path / 'b.sqlite')!r})\n"
            "hub = HubService(ServiceContext(db))\n"
            "hub.status(); hub.waiting(); hub.first_pull_pending()\n"
            "print(sorted(m for m in sys.modules if m == 'psycopg' or m.startswith('psycopg.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
