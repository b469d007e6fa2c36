"""What a write changed, as data: which kinds of records, for which customers.

A mutation returns a :class:`Changes`; the window hands it to every panel and
cache, which refresh only when it touches what they show (Anki's ``OpChanges``
is the model).  Free strings ("customer") let a merge of two duplicates move
orders while announcing only customers, so the call list kept stale scores.

A mutation whose caller needs more than that returns a small frozen result
with the value and a ``changes`` field: :class:`Created` (a new record's id),
and a few of the services' own (a snooze's times, a merge's batch).  An update
that changed nothing returns an empty (false) Changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """A kind of record a write can change."""

    CUSTOMER = "customer"  # the customer's own fields (name, owner, flags …)
    CONTACT = "contact"
    TAG = "tag"
    INTERACTION = "interaction"  # logged contacts and their next steps
    ORDER = "order"
    COMPLAINT = "complaint"
    DEAL = "deal"  # deals, their stage moves and their products
    PRODUCT = "product"  # the catalogue and the price lists
    SNOOZE = "snooze"  # kept off today's calls until …
    SETTING = "setting"  # team settings (call list weights, complaint deadlines …)
    PERSON = "person"  # the salesperson's name (who "mine" is)
    CONFLICT = "conflict"  # the "2 versions" a merge kept for review, and decisions on them


ALL_KINDS = frozenset(Kind)


@dataclass(frozen=True)
class Changes:
    """``kinds``: what was written; ``customers``: whose records (None: anyone's — an import, a merge, a
    restore; a panel then reloads everything of those kinds)."""

    kinds: frozenset[Kind] = frozenset()
    customers: frozenset[str] | None = frozenset()

    @classmethod
    def of(cls, *kinds: Kind, customers: Iterable[str] | None = ()) -> Changes:
        """``Changes.of(Kind.ORDER, customers=[cid])``; ``customers=None`` for "anyone's"."""
        return cls(frozenset(kinds), None if customers is None else frozenset(customers))

    @classmethod
    def everything(cls) -> Changes:
        """A restore, an undo of a restore, a merge: every kind, everyone."""
        return cls(ALL_KINDS, None)

    def touches(self, *kinds: Kind) -> bool:
        """Whether any of *kinds* was written."""
        return bool(self.kinds.intersection(kinds))

    def touches_customer(self, customer_id: str | None) -> bool:
        """Whether *customer_id*'s records may have changed."""
        return customer_id is not None and (self.customers is None or customer_id in self.customers)

    def __or__(self, other: Changes) -> Changes:
        customers = None if self.customers is None or other.customers is None else self.customers | other.customers
        return Changes(self.kinds | other.kinds, customers)

    def __bool__(self) -> bool:
        return bool(self.kinds)


@dataclass(frozen=True)
class Created:
    """A record written for the first time: its ``id``, and what writing it changed."""

    id: str
    changes: Changes
