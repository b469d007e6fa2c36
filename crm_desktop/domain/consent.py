"""Who may be reached in bulk: the do-not-contact and marketing-consent flags.

*Bulk* is any list of customers the app hands out for reaching them, as
opposed to one person opened on purpose:

* the call list (Today's calls),
* the follow-ups calendar (.ics export),
* the vCard address book export (for phones and mail programs),
* the mailing list export (customers who agreed to marketing).

A customer marked **do not contact** is on none of them.  The mailing list is
marketing, so it also needs **marketing consent**.  The call list and the
calendar are the salesperson's own follow-ups with existing customers, not
marketing, so consent is not asked there.  Spreadsheet exports of customers
(CSV, .xlsx) are records, not contact lists: they keep everyone and carry
both flags as columns.
"""

from __future__ import annotations


def may_reach(do_not_contact: object) -> bool:
    """True when a customer may be on a list for calling or writing to them."""
    return not bool(do_not_contact)


def may_market(consent_marketing: object, do_not_contact: object) -> bool:
    """True when a customer may be on a marketing (mailing) list."""
    return bool(consent_marketing) and may_reach(do_not_contact)


REACHABLE_SQL = "do_not_contact = 0"
"""The same rule as :func:`may_reach`, for a query on the customer table."""
MARKETABLE_SQL = "consent_marketing = 1 AND do_not_contact = 0"
"""The same rule as :func:`may_market`, for a query on the customer table."""
