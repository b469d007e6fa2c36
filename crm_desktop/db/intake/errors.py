"""The sentences a backup's data can be refused with; nothing of such a file reaches the book."""

from __future__ import annotations

from collections.abc import Callable

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError, format_message
from crm_desktop.domain.records import record_label


class IntakeError(UserError):
    """A backup whose data breaks the app's rules; nothing of it was used.

    A ``table`` parameter is shown as the translated name of that kind of record.
    """

    def text(self, translate: Callable[..., str] | None = None) -> str:
        params = dict(self.params)
        if "table" in params:
            params["table"] = record_label(params["table"], translate)
        return format_message(self.message, params, translate, self.context)


class NoUsableTableError(IntakeError):
    def __init__(self, table: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup has no usable “{table}” table, so it was not used."), table=table)


class MissingColumnError(IntakeError):
    def __init__(self, table: str, column: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "In this backup the “{table}” table lacks the column “{column}”, so it was not used."),
            table=table, column=column)


class BadValuesError(IntakeError):
    def __init__(self, table: str, column: str, count: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup holds {count} “{table}” records with an invalid “{column}” value, "
                      "so it was not used."), table=table, column=column, count=count)


class BrokenReferenceError(IntakeError):
    def __init__(self, table: str, column: str, count: int) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup holds {count} “{table}” records whose “{column}” points at a record missing "
                      "from it, so it was not used."), table=table, column=column, count=count)


class BrokenRulesError(IntakeError):
    def __init__(self, table: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup holds “{table}” records with a missing value or an id used twice, "
                      "so it was not used."), table=table)


class UnknownRevisionError(IntakeError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "This backup was made by a version of the app this one does not know; update the app."))


class UnpackFailedError(IntakeError):
    def __init__(self, detail: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The backup could not be unpacked beside the book: {detail}."), detail=detail)


class DamagedDataError(IntakeError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The customer data inside this backup is damaged and cannot be used."))
