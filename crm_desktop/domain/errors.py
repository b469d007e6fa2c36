"""Errors that carry one sentence for the user.

Lower layers (db, services, exchange) have no Qt, yet every user-visible
string must go through Qt's translation system.  So an error keeps its English
source text and its translation context; the UI and the command line look the
text up with ``QCoreApplication.translate(context, message)`` and only then
format the parameters in.  ``QT_TRANSLATE_NOOP`` marks the texts so that
``pyside6-lupdate`` collects them into the ``.ts`` files.
"""

from __future__ import annotations

from typing import Any


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, recognised by lupdate
    """Mark *text* for translation in *context*; return it unchanged."""
    return text


class UserError(Exception):
    """An error whose message is one clear sentence meant for the user.

    Fields: ``message`` is the untranslated English template (``str.format``
    style), ``params`` the values to format in, ``context`` the translation
    context the template was marked in.
    """

    context = "errors"

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(self.text())

    def text(self, translate=None) -> str:
        """The sentence, translated by *translate(context, text)* when given."""
        template = translate(self.context, self.message) if translate else self.message
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.message.format(**self.params)


class ValidationError(UserError):
    """Input that cannot be saved; ``field`` names the offending field."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.field = field
        super().__init__(message, **params)
