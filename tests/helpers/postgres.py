"""A throwaway PostgreSQL server for the tests: a real server, never a mock.

The cluster lives in a temporary folder and listens only on a Unix socket there
(no TCP port, nothing shared with the machine).  PostgreSQL refuses to run as
root, so when the tests run as root the cluster belongs to ``nobody`` and the
server is started through ``runuser``.  The binaries come from the system's
packages (Debian: /usr/lib/postgresql/<version>/bin); ``CRM_PG_BIN`` points
elsewhere.  Outside CI a machine without them skips the hub tests and says
so; in CI (``CI`` set) their absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, newest version first."""
    explicit = os.environ.get("CRM_PG_BIN")
    if explicit and (Path(explicit) / "pg_ctl").exists():
        return Path(explicit)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True) \
        if Path("/usr/lib/postgresql").is_dir() else []
    for folder in versions:
        if (folder / "pg_ctl").exists() and (folder / "initdb").exists():
            return folder
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


@dataclass
class PostgresServer:
    """A running throwaway cluster; ``url()`` gives a SQLAlchemy URL for one of its databases."""

    folder: Path
    bin: Path
    port: int = 54329
    superuser: str = "crm_admin"

    def _as_owner(self, *cmd: str, **kw) -> subprocess.CompletedProcess:
        full = list(cmd)
        if os.geteuid() == 0:
            full = ["runuser", "-u", "nobody", "--", *full]
        return subprocess.run(full, check=True, capture_output=True, text=True, **kw)

    def start(self) -> PostgresServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "nobody", "nogroup")
        data = self.folder / "data"
        self._as_owner(str(self.bin / "initdb"), "-D", str(data), "-U", self.superuser, "--auth=trust",
                       "-E", "UTF8", "--locale=C.UTF-8")
        # the superuser (the tests' administrator) by trust; every other role (a hub member) by password,
        # so a wrong or revoked password is refused as on a real hub
        hba = data / "pg_hba.conf"
        hba.write_text(f"local all {self.superuser} trust\nlocal all all scram-sha-256\n", encoding="utf-8")
        if os.geteuid() == 0:
            shutil.chown(hba, "nobody", "nogroup")
        self._as_owner(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"), "-w",
                       "-o", f"-p {self.port} -k {self.folder} -c listen_addresses='' -c fsync=off "
                             "-c synchronous_commit=off -c full_page_writes=off", "start")
        return self

    def stop(self) -> None:
        try:
            self._as_owner(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass

    def url(self, database: str = "postgres", user: str | None = None, password: str | None = None) -> str:
        who = user or self.superuser
        if password:
            who += f":{password}"
        return f"postgresql+psycopg://{who}@/{database}?host={self.folder}&port={self.port}"

    def create_database(self, name: str) -> str:
        """A new, empty database; returns its URL (as the superuser)."""
        import psycopg

        with psycopg.connect(host=str(self.folder), port=self.port, user=self.superuser, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def start_throwaway(port: int = 54329) -> PostgresServer | None:
    """Start a cluster in a new temporary folder, or None when this machine has no PostgreSQL server binaries."""
    folder_bin = find_bin()
    if folder_bin is None:
        return None
    base = Path(tempfile.mkdtemp(prefix="crm-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "nobody", "nogroup")
    return PostgresServer(base / "cluster", folder_bin, port=port).start()
