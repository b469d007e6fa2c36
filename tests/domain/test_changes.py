"""Typed change sets: what a write changed, combined and asked about."""

from crm_desktop.domain.changes import Changes, Kind


def test_changes_combine_kinds_and_customers():
    """Two writes together touch both kinds and both customers; 'anyone's' absorbs a customer list."""
    a = Changes.of(Kind.ORDER, customers=["c1"])
    b = Changes.of(Kind.CUSTOMER, Kind.CONTACT, customers=["c2"])
    both = a | b
    assert both.kinds == {Kind.ORDER, Kind.CUSTOMER, Kind.CONTACT}
    assert both.customers == {"c1", "c2"}
    assert (a | Changes.of(Kind.TAG, customers=None)).customers is None
    assert both.touches(Kind.ORDER) and not both.touches(Kind.COMPLAINT)
    assert both.touches_customer("c2") and not both.touches_customer("c3")
    assert Changes.everything().touches_customer("anyone") and Changes.everything().touches(Kind.SNOOZE)
    assert not Changes() and Changes.of(Kind.SETTING)
