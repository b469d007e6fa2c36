"""Errors that carry one sentence for the user.

Lower layers (db, services, exchange) have no Qt, yet every user-visible
string must go through Qt's translation system.  So an error keeps its English
source text and its translation context; the UI and the command line look the
text up with ``QCoreApplication.translate(context, message)`` and only then
format the parameters in.  ``QT_TRANSLATE_NOOP`` marks the texts so that
``pyside6-lupdate`` collects them into the ``.ts`` files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Translate = Callable[[str, str], str]
"""``translate(context, source_text)`` → the text in the user's language (Qt's ``QCoreApplication.translate``)."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, recognised by lupdate
    """Mark *text* for translation in *context*; return it unchanged."""
    return text


def format_message(
    message: str, params: Mapping[str, Any], translate: Translate | None = None, context: str = "errors"
) -> str:
    """*message* translated by ``translate(context, message)`` when given, then formatted with *params*.

    A translation whose placeholders do not fit falls back to the English text.
    """
    template = translate(context, message) if translate else message
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return message.format(**params)


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

    def text(self, translate: Translate | None = None) -> str:
        """The sentence, translated by *translate(context, text)* when given."""
        return format_message(self.message, self.params, translate, self.context)


class ValidationError(UserError):
    """Input that cannot be saved; ``field`` names the offending field."""

    def __init__(self, field: str, message: str, **params: Any) -> None:
        self.field = field
        super().__init__(message, **params)


class InvalidFields(UserError):
    """Input refused, nothing saved: ``errors`` lists each field's problem; the sentence is *message* when
    given (a form that marks each field asks to correct them), else the first problem's."""

    def __init__(self, errors: list[ValidationError], message: str | None = None) -> None:
        self.errors = errors
        if message is None:
            super().__init__(errors[0].message, **errors[0].params)
        else:
            super().__init__(message)
