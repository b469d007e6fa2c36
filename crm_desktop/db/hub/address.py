"""Where a team hub is and the TLS rule: what the app knows of its hub without connecting (nothing here
loads the PostgreSQL driver, which a window that only shows the hub's status never needs)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from crm_desktop.db.hub.errors import HubTlsRequiredError

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "")


@dataclass(frozen=True)
class HubAddress:
    """Where a hub is and as whom this laptop logs in (the password is kept apart, in the keyring)."""

    host: str
    port: int
    dbname: str
    role: str
    sslmode: str = "verify-full"

    @property
    def is_local(self) -> bool:
        """A Unix socket or this computer: the only places reached without verified TLS."""
        return self.host.startswith("/") or self.host in LOCAL_HOSTS

    def check_tls(self) -> None:
        """Refuse anything but a local hub without ``sslmode=verify-full``."""
        if not self.is_local and self.sslmode != "verify-full":
            raise HubTlsRequiredError(self.host)

    @property
    def key(self) -> str:
        """The name this hub's password is kept under in the keyring."""
        return f"{self.role}@{self.host}:{self.port}/{self.dbname}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
