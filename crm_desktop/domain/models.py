"""Plain rows passed between services and the UI: frozen, no ORM, no Qt.

Services return these so the UI never holds a live database object.  Times are
timezone-aware UTC datetimes; money is integer minor units plus a currency.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from crm_desktop.domain.enums import (
    BuyingRole,
    Channel,
    CompanySize,
    CustomerKind,
    LeadSource,
    RelationshipStage,
)

SORTABLE_COLUMNS = ("relevance", "name", "company", "kind", "phone", "email", "owner", "industry", "updated_at")
"""Orders the customer list can be in.  ``relevance``: with search text, the best matches first
(exact name, then pinyin/initials, company, phone, e-mail, contacts and other text), each group
by name; without text, by name."""

MATCH_FIELDS = ("name", "pinyin", "company", "phone", "email", "wechat", "contact", "other")
"""What a search matched in a customer, best first (:attr:`CustomerRow.matched`)."""


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One line of the customer list."""

    id: str
    kind: CustomerKind
    name: str
    company: str
    phone: str
    email: str
    owner: str
    industry: str
    do_not_contact: bool
    tags: tuple[str, ...]
    updated_at: datetime
    last_contact: datetime | None = None
    """When the customer was last contacted (None: never)."""
    next_step: str = ""
    """The open follow-up due first: what to do, and when (``next_due_at``; None: none open)."""
    next_due_at: datetime | None = None
    matched: str = ""
    """With search text: which of :data:`MATCH_FIELDS` matched; ``matched_text`` the matching value."""
    matched_text: str = ""


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A person at a business customer, with their buying role."""

    id: str
    name: str
    role: BuyingRole | None
    title: str
    phone: str
    email: str
    birthday: date | None
    notes: str
    phone2: str = ""
    wechat: str = ""


@dataclass(frozen=True)
class CustomerDetail:
    """Everything the customer card shows about one customer."""

    id: str
    kind: CustomerKind
    name: str
    company: str
    phone: str
    email: str
    address: str
    industry: str
    size: CompanySize | None
    lead_source: LeadSource | None
    preferred_channel: Channel | None
    birthday: date | None
    anniversary: date | None
    consent_marketing: bool
    do_not_contact: bool
    owner: str
    relationship_stage: RelationshipStage | None
    needs: str
    notes: str
    external_id: str
    created_at: datetime
    updated_at: datetime
    contacts: tuple[ContactRow, ...] = ()
    tags: tuple[str, ...] = ()
    wechat: str = ""
    snoozed_until: datetime | None = None
    """Kept off today's calls until then (D/S on the call list); None when not snoozed."""

    def to_input(self) -> CustomerInput:
        """An editable copy for the customer dialog."""
        return CustomerInput(
            kind=self.kind, name=self.name, company=self.company, phone=self.phone,
            email=self.email, address=self.address, industry=self.industry, size=self.size,
            lead_source=self.lead_source, preferred_channel=self.preferred_channel,
            birthday=self.birthday, anniversary=self.anniversary,
            consent_marketing=self.consent_marketing, do_not_contact=self.do_not_contact,
            owner=self.owner, relationship_stage=self.relationship_stage, needs=self.needs,
            notes=self.notes, external_id=self.external_id, tags=list(self.tags), wechat=self.wechat,
            contacts=[
                ContactInput(id=c.id, name=c.name, role=c.role, title=c.title, phone=c.phone,
                             email=c.email, birthday=c.birthday, notes=c.notes, phone2=c.phone2,
                             wechat=c.wechat)
                for c in self.contacts
            ],
        )


@dataclass
class ContactInput:
    """A contact as typed in the customer dialog; ``id`` is None for a new one."""

    name: str = ""
    role: BuyingRole | None = None
    title: str = ""
    phone: str = ""
    email: str = ""
    birthday: date | None = None
    notes: str = ""
    id: str | None = None
    phone2: str = ""
    wechat: str = ""


@dataclass
class CustomerInput:
    """A customer as typed in the customer dialog or read from an import.

    ``phone`` may be in any format the user typed; the service normalises it to
    E.164 (default region CN) or refuses it with a message naming the field.
    ``owner`` empty means "the salesperson using this app".
    """

    name: str = ""
    kind: CustomerKind = CustomerKind.PERSON
    company: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    industry: str = ""
    size: CompanySize | None = None
    lead_source: LeadSource | None = None
    preferred_channel: Channel | None = None
    birthday: date | None = None
    anniversary: date | None = None
    consent_marketing: bool = False
    do_not_contact: bool = False
    owner: str = ""
    relationship_stage: RelationshipStage | None = None
    needs: str = ""
    notes: str = ""
    external_id: str = ""
    tags: list[str] = field(default_factory=list)
    contacts: list[ContactInput] = field(default_factory=list)
    wechat: str = ""


@dataclass(frozen=True)
class CustomerQuery:
    """What the customer list shows: search text, filters and sort order.

    ``do_not_contact``: None shows everyone, True only those who opted out,
    False only those who may be contacted.  ``owner`` filters by salesperson.
    ``ids``: only these customers (the ones behind a bar of the dashboard); None: no such limit.
    ``segments`` / ``deciles`` / ``lifecycles``: only customers whose score today is one of these (empty: any;
    read from the day's scores in memory); ``relationship_stage`` and ``industry``: as stored;
    ``quiet_days``: only customers not contacted for at least that many days (or never).
    ``p_alive_below``: only buying customers whose P(active) today is below that many percent;
    ``value_at_least``: only customers whose expected value over the horizon is at least that much (whole units
    of the book's currency).
    """

    text: str = ""
    kind: CustomerKind | None = None
    owner: str | None = None
    tag: str | None = None
    do_not_contact: bool | None = None
    sort: str = "relevance"
    descending: bool = False
    ids: frozenset[str] | None = None
    segments: frozenset[str] = frozenset()
    deciles: frozenset[int] = frozenset()
    lifecycles: frozenset[str] = frozenset()
    relationship_stage: str | None = None
    industry: str | None = None
    quiet_days: int | None = None
    p_alive_below: int | None = None
    value_at_least: int | None = None

    @property
    def scored(self) -> bool:
        """Whether it filters by today's scores (segment, decile, lifecycle stage, P(active), expected value)."""
        return bool(self.segments or self.deciles or self.lifecycles or self.p_alive_below is not None
                    or self.value_at_least is not None)


@dataclass(frozen=True)
class CheckReport:
    """What ``crm-desktop check`` found in a database file."""

    path: str
    schema_version: int
    integrity: str
    counts: dict[str, int]
    problems: tuple[str, ...]
    damaged: bool = False
    """Pages could not be read: ``crm-desktop recover`` copies what still can be."""

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.problems and not self.damaged
