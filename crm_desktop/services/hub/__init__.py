"""Offline-first sync with a team hub on PostgreSQL (see :mod:`.service`, :mod:`.push`, :mod:`.pull`)."""

from crm_desktop.db.hub.errors import HubOfflineError
from crm_desktop.services.hub.invitation import Invitation, make_invitation, read_invitation
from crm_desktop.services.hub.service import KEYRING_SERVICE, HubService, HubStatus, PasswordStore, SyncResult

__all__ = ["HubOfflineError", "Invitation", "make_invitation", "read_invitation", "KEYRING_SERVICE", "HubService",
           "HubStatus", "PasswordStore", "SyncResult"]
