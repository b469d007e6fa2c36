"""Names of the churn reasons (why a customer stopped buying) in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP

CHURN_NAMES = {
    "price": QT_TRANSLATE_NOOP("winback", "Price"),
    "quality": QT_TRANSLATE_NOOP("winback", "Quality"),
    "service": QT_TRANSLATE_NOOP("winback", "Service"),
    "competitor": QT_TRANSLATE_NOOP("winback", "Went to a competitor"),
    "moved": QT_TRANSLATE_NOOP("winback", "Moved or closed"),
    "other": QT_TRANSLATE_NOOP("winback", "Other"),
}
"""Every :class:`~crm_desktop.domain.enums.ChurnReason`, in the order the pickers offer them."""


def churn_name(reason: str | None) -> str:
    """The reason's name; "not asked yet" for None."""
    if not reason:
        return QCoreApplication.translate("winback", "not asked yet")
    text = CHURN_NAMES.get(reason)
    return QCoreApplication.translate("winback", text) if text else reason
