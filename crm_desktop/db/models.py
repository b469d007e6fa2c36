"""The tables, as SQLModel classes.  The only schema; migrations follow it.

Every synchronised table shares :class:`Synced`:

* ``id`` — a UUID (32 hex) made on the device that created the row, so two
  teammates' files can be merged without collisions;
* ``created_stamp`` — the hybrid-logical-clock stamp of the insert; every field
  not listed in ``field_stamps`` carries this stamp;
* ``field_stamps`` — JSON ``{field: stamp}`` for fields edited after the insert
  (sparse, so a million untouched rows cost nothing);
* ``stamp`` — the latest stamp of the row (max of the above and
  ``deleted_stamp``);
* ``deleted_stamp`` — a tombstone: rows are never ``DELETE``d, so a delete
  travels through merges and can be undone.

Merge compares stamps per field: the higher stamp wins, exact ties broken by a
hash of the value; the losing value goes to :class:`Conflict`.
Money is integer minor units (fen/cents) plus an ISO currency code.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Column, Index, LargeBinary, Table, text
from sqlmodel import Field, SQLModel

from crm_desktop.db.types import UTCDateTime

SYNCED_META_FIELDS = ("id", "created_stamp", "field_stamps", "stamp", "deleted_stamp")


def _ts(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


class Synced(SQLModel):
    """Columns every merge-able table has (see module docstring)."""

    if TYPE_CHECKING:  # what SQLModel sets on each table class (its stubs do not say)
        __table__: ClassVar[Table]
        __tablename__: ClassVar[str]

    id: str = Field(primary_key=True, max_length=32)
    created_stamp: str = Field(max_length=40)
    field_stamps: str | None = None
    stamp: str = Field(max_length=40)
    deleted_stamp: str | None = Field(default=None, max_length=40)


class Person(Synced, table=True):
    """A salesperson of the team: the owner of records.  Each install has one (its id kept in the settings);
    the row travels through merges, so every book learns the team's people and a rename reaches everyone.
    A person made from an owner name (migration, import) has the id ``stable_id("person", person_key(name))``,
    the same on every laptop."""

    name: str = Field(max_length=100)


class Customer(Synced, table=True):
    """A customer: a person, business, intermediary or public body.

    ``phone`` is E.164; ``name_pinyin``/``name_initials`` are derived locally
    (not merged) for search and for sorting Chinese names by pinyin.
    ``snoozed_until`` keeps the customer off the call list until then.
    """

    kind: str = Field(default="person", max_length=16)
    name: str = Field(max_length=200)
    name_pinyin: str = Field(default="", max_length=400)
    name_initials: str = Field(default="", max_length=100)
    company: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=32)
    email: str = Field(default="", max_length=254)
    wechat: str = Field(default="", max_length=64)
    address: str = ""
    industry: str = Field(default="", max_length=100)
    size: str | None = Field(default=None, max_length=16)
    lead_source: str | None = Field(default=None, max_length=32)
    preferred_channel: str | None = Field(default=None, max_length=16)
    birthday: date | None = None
    anniversary: date | None = None
    consent_marketing: bool = False
    do_not_contact: bool = False
    owner: str = Field(default="", max_length=100)
    relationship_stage: str | None = Field(default=None, max_length=16)
    churn_reason: str | None = Field(default=None, max_length=16)
    """Why they stopped buying (:class:`crm_desktop.domain.enums.ChurnReason`), asked when winning them back."""
    needs: str = ""
    notes: str = ""
    external_id: str = Field(default="", max_length=100)
    created_at: datetime = _ts(nullable=False)
    updated_at: datetime = _ts(nullable=False)
    snoozed_until: datetime | None = _ts()

    __table_args__ = (
        # covering, in list order: the first page comes from an index-only scan.  deleted_stamp is last
        # on purpose: leading with it made the planner scan this index for every "deleted_stamp IS NULL".
        Index("ix_customer_live_name", "name_pinyin", "name", "id", "deleted_stamp"),
        Index("ix_customer_phone", "phone"),
        Index("ix_customer_email", "email"),
        Index("ix_customer_owner", "owner"),
        Index("ix_customer_external_id", "external_id"),
        # covering: a deal, a quote or a pool row names its customer without reading the wide row
        Index("ix_customer_card", "id", "deleted_stamp", "name"),
    )


class Contact(Synced, table=True):
    """A person at a business customer, with a buying role (:class:`crm_desktop.domain.enums.BuyingRole`)."""

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=32)
    name: str = Field(max_length=200)
    role: str | None = Field(default=None, max_length=16)
    title: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=32)
    phone2: str = Field(default="", max_length=32)
    email: str = Field(default="", max_length=254)
    wechat: str = Field(default="", max_length=64)
    birthday: date | None = None
    notes: str = ""


class Interaction(Synced, table=True):
    """One contact with a customer on the timeline, with its promised next step.

    ``next_due_at`` with ``next_done`` false is an open follow-up.
    """

    customer_id: str = Field(foreign_key="customer.id", max_length=32)
    contact_id: str | None = Field(default=None, max_length=32)
    owner: str = Field(default="", max_length=100)
    channel: str = Field(default="phone", max_length=16)
    direction: str = Field(default="out", max_length=4)
    occurred_at: datetime = _ts(nullable=False)
    summary: str = ""
    outcome: str | None = Field(default=None, max_length=20)
    next_step: str = ""
    next_due_at: datetime | None = _ts()
    next_done: bool = False
    complaint_id: str | None = Field(default=None, max_length=32)

    __table_args__ = (
        Index("ix_interaction_customer_time", "customer_id", "occurred_at"),
        Index("ix_interaction_open_next", "next_due_at", sqlite_where=text("next_done = 0 AND next_due_at IS NOT NULL"),
              postgresql_where=text("next_done = false AND next_due_at IS NOT NULL")),
    )


class Order(Synced, table=True):
    """A purchase: when, how much (integer minor units + currency), what."""

    __tablename__ = "sales_order"

    customer_id: str = Field(foreign_key="customer.id", max_length=32)
    ordered_at: datetime = _ts(nullable=False)
    amount_minor: int = 0
    currency: str = Field(default="CNY", max_length=3)
    description: str = ""
    external_ref: str = Field(default="", max_length=100)

    __table_args__ = (
        Index("ix_order_customer_time_amount", "customer_id", "ordered_at", "amount_minor"),
    )


class Complaint(Synced, table=True):
    """A complaint and its handling: deadlines, owner, resolution, satisfaction (1–5)."""

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=32)
    opened_at: datetime = _ts(nullable=False)
    channel: str = Field(default="phone", max_length=16)
    category: str = Field(default="other", max_length=32)
    severity: str = Field(default="medium", max_length=16)
    status: str = Field(default="new", max_length=16, index=True)
    owner: str = Field(default="", max_length=100)
    description: str = ""
    response_due_at: datetime | None = _ts()
    resolve_due_at: datetime | None = _ts()
    first_response_at: datetime | None = _ts()
    resolved_at: datetime | None = _ts()
    closed_at: datetime | None = _ts()
    resolution: str = ""
    satisfaction: int | None = None


class ComplaintEvent(Synced, table=True):
    """One status change of a complaint (history: when, by whom, note)."""

    __tablename__ = "complaint_event"

    complaint_id: str = Field(foreign_key="complaint.id", index=True, max_length=32)
    at: datetime = _ts(nullable=False)
    actor: str = Field(default="", max_length=100)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str = Field(max_length=16)
    note: str = ""


class Deal(Synced, table=True):
    """A deal (商机): what may be sold to a customer, its amount (minor units + currency), expected close and
    stage (a key of the team's stages, see :mod:`crm_desktop.domain.deals`).  ``stage_changed_at`` is when it
    entered its stage (the two are written together by every move); ``closed_at``/``lost_reason`` are set when it
    is won or lost and mean something only while the stage is Won or Lost (a merge may keep a teammate's earlier
    close beside a later move back to an open stage)."""

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=32)
    contact_id: str | None = Field(default=None, max_length=32)
    title: str = Field(max_length=200)
    amount_minor: int = 0
    currency: str = Field(default="CNY", max_length=3)
    expected_close: date | None = None
    stage: str = Field(max_length=16, index=True)
    owner: str = Field(default="", max_length=100)
    source: str = Field(default="", max_length=100)
    notes: str = ""
    created_at: datetime = _ts(nullable=False)
    stage_changed_at: datetime = _ts(nullable=False)
    closed_at: datetime | None = _ts()
    lost_reason: str | None = Field(default=None, max_length=16)


class DealStageChange(Synced, table=True):
    """One move of a deal from a stage to another (history: when, by whom); the first has no ``from_stage``."""

    __tablename__ = "deal_stage_change"

    deal_id: str = Field(foreign_key="deal.id", index=True, max_length=32)
    at: datetime = _ts(nullable=False)
    actor: str = Field(default="", max_length=100)
    from_stage: str | None = Field(default=None, max_length=16)
    to_stage: str = Field(max_length=16)


class CustomerStageChange(Synced, table=True):
    """One change of a customer's relationship stage (history: when, by whom); the first has no ``from_stage``.
    ``to_stage`` None: the stage was cleared."""

    __tablename__ = "customer_stage_change"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=32)
    at: datetime = _ts(nullable=False)
    actor: str = Field(default="", max_length=100)
    from_stage: str | None = Field(default=None, max_length=16)
    to_stage: str | None = Field(default=None, max_length=16)


class Product(Synced, table=True):
    """A product of the catalogue: its ``code`` (unique among live products, checked by the service), name,
    unit (件, 箱, kg …), list price (minor units + currency), tax rate in basis points (1300 = 13 %) and whether
    it is still sold.  Its id derives from the code when first made, so two books adding the same code
    offline make one row."""

    code: str = Field(max_length=64, index=True)
    name: str = Field(max_length=200)
    unit: str = Field(default="", max_length=20)
    price_minor: int = 0
    currency: str = Field(default="CNY", max_length=3)
    tax_bp: int = 0
    active: bool = True


class PriceList(Synced, table=True):
    """A price list: a name, and the customer segment it applies to (MVC, MGC, BZ, migrator; None: only the
    customers named in :class:`PriceListCustomer`)."""

    __tablename__ = "price_list"

    name: str = Field(max_length=100)
    segment: str | None = Field(default=None, max_length=16)


class PriceListItem(Synced, table=True):
    """The price of one product on one price list; the id derives from (list, product) so merges line up."""

    __tablename__ = "price_list_item"

    price_list_id: str = Field(foreign_key="price_list.id", index=True, max_length=32)
    product_id: str = Field(foreign_key="product.id", index=True, max_length=32)
    price_minor: int = 0
    currency: str = Field(default="CNY", max_length=3)


class PriceListCustomer(Synced, table=True):
    """A customer named on a price list (their own prices); the id derives from (list, customer)."""

    __tablename__ = "price_list_customer"

    price_list_id: str = Field(foreign_key="price_list.id", index=True, max_length=32)
    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=32)


class DealLine(Synced, table=True):
    """A product on a deal: quantity in thousandths (2.5 kg is 2500), unit price (minor units, the deal's
    currency), discount in basis points (1000 = 10 %) and its place among the deal's lines.  A deal with live
    lines has their total as its amount."""

    __tablename__ = "deal_line"

    deal_id: str = Field(foreign_key="deal.id", index=True, max_length=32)
    product_id: str = Field(foreign_key="product.id", index=True, max_length=32)
    position: int = 0
    quantity_milli: int = 1000
    unit_price_minor: int = 0
    discount_bp: int = 0


class Quote(Synced, table=True):
    """A quote (报价单) of a deal: a frozen copy of its lines at the time (``lines``: JSON, see
    :mod:`crm_desktop.domain.quotes`), their totals (net, tax, gross in minor units of ``currency``), its
    version (1, 2 … per deal), how long it holds, its language ("zh"/"en"), who made it and when it was sent.
    ``order_id`` is the order made when the customer accepted it."""

    deal_id: str = Field(foreign_key="deal.id", index=True, max_length=32)
    version: int = 1
    valid_until: date | None = None
    currency: str = Field(default="CNY", max_length=3)
    language: str = Field(default="zh", max_length=5)
    lines: str = ""
    net_minor: int = 0
    tax_minor: int = 0
    gross_minor: int = 0
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = _ts(nullable=False)
    sent_at: datetime | None = _ts()
    order_id: str | None = Field(default=None, max_length=32)


class OrderLine(Synced, table=True):
    """A product on an order: its name as sold, quantity in thousandths, unit price (minor units of the
    order's currency, before tax), discount and tax rate in basis points.  An order with live lines has their
    gross total as its amount; orders without lines keep theirs."""

    __tablename__ = "order_line"

    order_id: str = Field(foreign_key="sales_order.id", index=True, max_length=32)
    product_id: str | None = Field(default=None, max_length=32)
    position: int = 0
    name: str = Field(default="", max_length=200)
    unit: str = Field(default="", max_length=20)
    quantity_milli: int = 1000
    unit_price_minor: int = 0
    discount_bp: int = 0
    tax_bp: int = 0


class Tag(Synced, table=True):
    """A label salespeople put on customers.  Its id derives from its name, so
    two laptops creating the same tag make the same row."""

    name: str = Field(max_length=60, index=True)
    color: str = Field(default="", max_length=9)


class CustomerTag(Synced, table=True):
    """Tag on a customer; id derives from (customer, tag) so merges line up."""

    __tablename__ = "customer_tag"

    customer_id: str = Field(foreign_key="customer.id", index=True, max_length=32)
    tag_id: str = Field(foreign_key="tag.id", index=True, max_length=32)


class Setting(Synced, table=True):
    """A team-wide setting that travels with merges (e.g. complaint deadlines)."""

    key: str = Field(max_length=100, unique=True)
    value: str = ""


class Conflict(SQLModel, table=True):
    """A concurrent edit that lost a merge, kept for review ("2 versions")."""

    id: str = Field(primary_key=True, max_length=32)
    table_name: str = Field(max_length=40)
    row_id: str = Field(max_length=32, index=True)
    field: str = Field(max_length=40)
    kept_value: str | None = None
    kept_stamp: str = Field(max_length=40)
    lost_value: str | None = None
    lost_stamp: str = Field(max_length=40)
    detected_at: datetime = _ts(nullable=False)
    reviewed_at: datetime | None = _ts()


class Erasure(SQLModel, table=True):
    """A person erased for privacy; travels through merges so an older file
    cannot bring them back."""

    id: str = Field(primary_key=True, max_length=32)
    table_name: str = Field(max_length=40)
    stamp: str = Field(max_length=40)
    erased_at: datetime = _ts(nullable=False)


class ChangeBatch(SQLModel, table=True):
    """A bulk change (import, merge, duplicate merge) kept so it can be undone.

    ``payload`` is JSON: what was added and the previous values of what was
    updated.  Local to this file.
    """

    __tablename__ = "change_batch"
    if TYPE_CHECKING:  # set by SQLModel (its stubs do not say)
        __table__: ClassVar[Table]

    id: str = Field(primary_key=True, max_length=32)
    kind: str = Field(max_length=20)
    created_at: datetime = _ts(nullable=False)
    actor: str = Field(default="", max_length=100)
    description: str = ""
    payload: str = ""
    undone_at: datetime | None = _ts()


class Meta(SQLModel, table=True):
    """Local facts about this file: site id, last clock stamp, demo flag."""

    key: str = Field(primary_key=True, max_length=60)
    value: str = ""


class InsightFigures(SQLModel, table=True):
    """The dashboard's figures of one day, derived from the scores (local, rebuildable, never merged).

    ``payload`` is JSON (:mod:`crm_desktop.services.insight`); ``fingerprint`` says which state of the
    orders, customers and complaints it was computed from, so a stale row is never shown as current.
    """

    __tablename__ = "insight_figures"

    day: str = Field(primary_key=True, max_length=10)
    fingerprint: str = Field(default="", max_length=200)
    built_at: datetime = _ts(nullable=False)
    payload: str = ""


class ScoreCache(SQLModel, table=True):
    """The scores of one day (local, rebuildable, never merged): the call list's first paint reads them instead
    of fitting the models again.  ``payload`` is a NumPy archive without pickles (:mod:`crm_desktop.services.
    score_store`); ``fingerprint`` says which orders, customers and settings they were computed from."""

    __tablename__ = "score_cache"

    day: str = Field(primary_key=True, max_length=10)
    fingerprint: str = Field(default="", max_length=400)
    built_at: datetime = _ts(nullable=False)
    payload: bytes = Field(default=b"", sa_column=Column(LargeBinary, nullable=False))


SYNCED_TABLES: tuple[type[Synced], ...] = (
    Person, Customer, Contact, Interaction, Order, Complaint, ComplaintEvent, Tag, CustomerTag, Setting, Deal,
    DealStageChange, CustomerStageChange, Product, PriceList, PriceListItem, PriceListCustomer, DealLine,
    Quote, OrderLine,
)
"""Tables merged field by field, in an order that respects foreign keys."""

DERIVED_CUSTOMER_FIELDS = ("name_pinyin", "name_initials")
"""Customer columns computed locally from ``name``; never merged."""
