"""Translated labels for the domain's enum values: one table for every panel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.domain.errors import QT_TRANSLATE_NOOP, UserError

_LABELS = {
    "person": QT_TRANSLATE_NOOP("labels", "Consumer"),
    "business": QT_TRANSLATE_NOOP("labels", "Business"),
    "intermediary": QT_TRANSLATE_NOOP("labels", "Intermediary"),
    "public": QT_TRANSLATE_NOOP("labels", "Public body"),
    # buying roles
    "user": QT_TRANSLATE_NOOP("labels", "User"),
    "influencer": QT_TRANSLATE_NOOP("labels", "Influencer"),
    "decider": QT_TRANSLATE_NOOP("labels", "Decider"),
    "approver": QT_TRANSLATE_NOOP("labels", "Approver"),
    "buyer": QT_TRANSLATE_NOOP("labels", "Buyer"),
    "gatekeeper": QT_TRANSLATE_NOOP("labels", "Gatekeeper"),
    # channels
    "phone": QT_TRANSLATE_NOOP("labels", "Phone"),
    "wechat": QT_TRANSLATE_NOOP("labels", "WeChat"),
    "email": QT_TRANSLATE_NOOP("labels", "E-mail"),
    "visit": QT_TRANSLATE_NOOP("labels", "Visit"),
    "meeting": QT_TRANSLATE_NOOP("labels", "Meeting"),
    "sms": QT_TRANSLATE_NOOP("labels", "SMS"),
    "fax": QT_TRANSLATE_NOOP("labels", "Fax"),
    "web": QT_TRANSLATE_NOOP("labels", "Web"),
    "other": QT_TRANSLATE_NOOP("labels", "Other"),
    # lead sources
    "trade_fair": QT_TRANSLATE_NOOP("labels", "Trade fair"),
    "association": QT_TRANSLATE_NOOP("labels", "Association"),
    "referral": QT_TRANSLATE_NOOP("labels", "Referral by an acquaintance"),
    "customer_referral": QT_TRANSLATE_NOOP("labels", "Referral by a customer"),
    "staff": QT_TRANSLATE_NOOP("labels", "Customer's staff"),
    # relationship stages
    "awareness": QT_TRANSLATE_NOOP("labels", "Awareness"),
    "exploration": QT_TRANSLATE_NOOP("labels", "Exploration"),
    "expansion": QT_TRANSLATE_NOOP("labels", "Expansion"),
    "commitment": QT_TRANSLATE_NOOP("labels", "Commitment"),
    "dissolution": QT_TRANSLATE_NOOP("labels", "Dissolution"),
    # contact directions and outcomes
    "in": QT_TRANSLATE_NOOP("labels", "Inbound"),
    "out": QT_TRANSLATE_NOOP("labels", "Outbound"),
    "reached": QT_TRANSLATE_NOOP("labels", "Reached"),
    "no_answer": QT_TRANSLATE_NOOP("labels", "No answer"),
    "call_back": QT_TRANSLATE_NOOP("labels", "Call back"),
    "not_interested": QT_TRANSLATE_NOOP("labels", "Not interested"),
    "order_promised": QT_TRANSLATE_NOOP("labels", "Order promised"),
    "ordered": QT_TRANSLATE_NOOP("labels", "Ordered"),
    "sent": QT_TRANSLATE_NOOP("labels", "Sent"),
    "replied": QT_TRANSLATE_NOOP("labels", "Replied"),
    "held": QT_TRANSLATE_NOOP("labels", "Held (visit or meeting)"),
    # complaint statuses, severities and default categories (custom categories show as typed)
    "new": QT_TRANSLATE_NOOP("labels", "New"),
    "acknowledged": QT_TRANSLATE_NOOP("labels", "Acknowledged"),
    "in_progress": QT_TRANSLATE_NOOP("labels", "In progress"),
    "resolved": QT_TRANSLATE_NOOP("labels", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("labels", "Closed"),
    "quality": QT_TRANSLATE_NOOP("labels", "Product quality"),
    "delivery": QT_TRANSLATE_NOOP("labels", "Delivery"),
    "billing": QT_TRANSLATE_NOOP("labels", "Price / billing"),
    "service": QT_TRANSLATE_NOOP("labels", "Service attitude"),
    # company sizes
    "micro": QT_TRANSLATE_NOOP("labels", "Micro (<10)"),
    "small": QT_TRANSLATE_NOOP("labels", "Small (10–99)"),
    "medium": QT_TRANSLATE_NOOP("labels", "Medium (100–999)"),
    "large": QT_TRANSLATE_NOOP("labels", "Large (1000+)"),
}


_SEVERITIES = {
    "low": QT_TRANSLATE_NOOP("labels", "Low"),
    "medium": QT_TRANSLATE_NOOP("labels", "Medium"),
    "high": QT_TRANSLATE_NOOP("labels", "High"),
    "critical": QT_TRANSLATE_NOOP("labels", "Critical"),
}
"""Complaint severities: a table of their own, because "medium" is also a company size."""


def severity_label(value: object) -> str:
    """The translated label of a complaint severity."""
    key = getattr(value, "value", value)
    text = _SEVERITIES.get(key) if isinstance(key, str) else None
    return QCoreApplication.translate("labels", text) if text else str(key or "")


def label(value: object) -> str:
    """The translated label of an enum value (or its raw text if unknown)."""
    if value is None or value == "":
        return ""
    key = getattr(value, "value", value)
    text = _LABELS.get(key) if isinstance(key, str) else None
    return QCoreApplication.translate("labels", text) if text else str(key)


def error_text(exc: BaseException) -> str:
    """One sentence for the user, in their language."""
    if isinstance(exc, UserError):
        return exc.text(QCoreApplication.translate)
    return QCoreApplication.translate("errors", "Something went wrong: {detail}").format(detail=exc)
