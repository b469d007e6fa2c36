"""The one-line invitation an administrator gives a salesperson: ``crm-hub:`` + base64url of a JSON object
with the hub's host, port, database, the member's role and password, and the TLS mode."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from crm_desktop.db.hub.address import HubAddress
from crm_desktop.db.hub.errors import InvitationDamagedError

PREFIX = "crm-hub:"
_SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


@dataclass(frozen=True)
class Invitation:
    address: HubAddress
    password: str

    def encode(self) -> str:
        body = {**self.address.as_dict(), "password": self.password, "v": 1}
        raw = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return PREFIX + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def make_invitation(host: str, port: int, dbname: str, role: str, password: str, sslmode: str | None = None) -> str:
    """The invitation line; TLS with verification unless the hub is on this computer."""
    address = HubAddress(host, port, dbname, role, "verify-full")
    if sslmode is None:
        sslmode = "prefer" if address.is_local else "verify-full"
    return Invitation(HubAddress(host, port, dbname, role, sslmode), password).encode()


def read_invitation(text: str) -> Invitation:
    """Decode a pasted invitation (spaces and line breaks around or inside it are ignored)."""
    compact = "".join(text.split())
    if not compact.startswith(PREFIX):
        raise InvitationDamagedError()
    body = compact[len(PREFIX):]
    try:
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode("utf-8"))
        address = HubAddress(str(data["host"]), int(data["port"]), str(data["dbname"]), str(data["role"]),
                             str(data.get("sslmode", "verify-full")))
        password = str(data["password"])
    except (binascii.Error, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise InvitationDamagedError() from exc
    if not (address.host and address.dbname and address.role and password) or address.sslmode not in _SSL_MODES \
            or not 0 < address.port < 65536:
        raise InvitationDamagedError()
    return Invitation(address, password)
