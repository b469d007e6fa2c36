"""The vocabulary of the domain as string enums (stored by value in the database).

Values are stable identifiers, never shown to the user: the UI maps each to a
translated label (crm_desktop/ui/shell/labels.py), in the words a salesperson uses.
"""

from __future__ import annotations

from enum import StrEnum


class CustomerKind(StrEnum):
    """Consumer 个人, business 企业, intermediary 中间商, public body 公共机构."""

    PERSON = "person"
    BUSINESS = "business"
    INTERMEDIARY = "intermediary"
    PUBLIC = "public"


class BuyingRole(StrEnum):
    """The part a contact plays in a business customer's decision unit."""

    USER = "user"
    INFLUENCER = "influencer"
    DECIDER = "decider"
    APPROVER = "approver"
    BUYER = "buyer"
    GATEKEEPER = "gatekeeper"


class Channel(StrEnum):
    """How a contact happened or how a customer likes to be reached."""

    PHONE = "phone"
    WECHAT = "wechat"
    EMAIL = "email"
    VISIT = "visit"
    MEETING = "meeting"
    SMS = "sms"
    FAX = "fax"
    WEB = "web"
    OTHER = "other"


class Direction(StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class Outcome(StrEnum):
    """What a contact achieved.

    The first ones fit a call (reached, no answer, call back); a message or an
    e-mail is sent, or answered (``replied``); a visit or meeting is ``held``.
    Values are only ever added, so every book written before stays valid.
    """

    REACHED = "reached"
    NO_ANSWER = "no_answer"
    CALL_BACK = "call_back"
    NOT_INTERESTED = "not_interested"
    ORDER_PROMISED = "order_promised"
    ORDERED = "ordered"
    OTHER = "other"
    SENT = "sent"
    REPLIED = "replied"
    HELD = "held"


class LeadSource(StrEnum):
    """Where the customer came from (the lead source)."""

    TRADE_FAIR = "trade_fair"
    ASSOCIATION = "association"
    REFERRAL = "referral"
    CUSTOMER_REFERRAL = "customer_referral"
    STAFF = "staff"
    VISIT = "visit"
    WEB = "web"
    OTHER = "other"


class RelationshipStage(StrEnum):
    """关系发展: awareness → exploration → expansion → commitment, or dissolution."""

    AWARENESS = "awareness"
    EXPLORATION = "exploration"
    EXPANSION = "expansion"
    COMMITMENT = "commitment"
    DISSOLUTION = "dissolution"


class ComplaintStatus(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class LostReason(StrEnum):
    """Why a deal was lost (labels: :data:`crm_desktop.domain.deals.LOST_REASONS`)."""

    PRICE = "price"
    COMPETITOR = "competitor"
    TIMING = "timing"
    NO_BUDGET = "no_budget"
    OTHER = "other"


class ChurnReason(StrEnum):
    """Why a formerly valuable customer stopped buying, asked on the first win-back call."""

    PRICE = "price"
    QUALITY = "quality"
    SERVICE = "service"
    COMPETITOR = "competitor"
    MOVED = "moved"
    OTHER = "other"


class ComplaintCategory(StrEnum):
    QUALITY = "quality"
    DELIVERY = "delivery"
    BILLING = "billing"
    SERVICE = "service"
    OTHER = "other"


class CompanySize(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
