"""What can go wrong with a team hub, each as one sentence for the user."""

from __future__ import annotations

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError


class HubError(UserError):
    """Any refusal or failure talking to a team hub."""


class HubOfflineError(HubError):
    """The hub cannot be reached now (no network, server down): the changes wait in the book."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The team hub cannot be reached; your changes stay in this book and are sent at the next sync."))


class HubLoginError(HubError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The team hub refused this login: the password is wrong or this access was revoked."))


class HubTlsRequiredError(HubError):
    def __init__(self, host: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The team hub at {host} is on another computer, so it needs a verified TLS connection "
                      "(sslmode=verify-full)."), host=host)


class NotAHubError(HubError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "This database is not a crm-desktop team hub."))


class HubNewerError(HubError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The team hub was set up by a newer version of crm-desktop; update the app to sync with it."))


class InvitationDamagedError(HubError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The invitation is damaged or incomplete; ask for a new one."))


class NotConnectedError(HubError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This book is not connected to a team hub; join one with an invitation first."))


class NoPasswordError(HubError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The hub password is not in this computer's keyring; connect to the hub again with the "
                      "invitation."))


class HubAdminError(HubError):
    def __init__(self, detail: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "The hub database refused the change: {detail}."),
                         detail=detail)


class UnknownMemberError(HubError):
    def __init__(self, name: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP("errors", "The team hub has no member called {name}."), name=name)


class BadMemberNameError(HubError):
    def __init__(self, name: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "{name} cannot be a hub member's name: use letters, digits and _ (at most 40)."), name=name)
