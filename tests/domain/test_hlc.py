import pytest

from crm_desktop.domain.hlc import HybridClock, Stamp


def test_stamps_order_as_strings_like_tuples():
    """Comparing encoded stamps as text orders them as (wall, counter, site)."""
    a = Stamp(1000, 2, "aaaa").encode()
    b = Stamp(1000, 10, "aaaa").encode()
    c = Stamp(1001, 0, "aaaa").encode()
    assert a < b < c
    assert Stamp.decode(b) == Stamp(1000, 10, "aaaa")


def test_clock_never_goes_backwards():
    """A wall clock that jumps back still yields increasing stamps."""
    clock = HybridClock("site1")
    s1 = clock.tick(5000)
    s2 = clock.tick(4000)
    s3 = clock.tick(4000)
    assert s1 < s2 < s3


def test_clock_moves_past_observed_stamps():
    """After observing a teammate's later stamp, local edits sort after it."""
    clock = HybridClock("site1")
    remote = Stamp(9_000_000, 7, "site2").encode()
    clock.observe(remote)
    assert clock.tick(1000) > remote


def test_observing_a_far_future_stamp_moves_at_most_a_day_ahead():
    """A stamp years ahead moves the clock only to this machine's time plus one day, and stamps stay readable."""
    from crm_desktop.domain.hlc import MAX_SKEW_MS

    clock = HybridClock("site1")
    now = 1_796_083_200_000
    clock.observe("9999999999999-99999-evil", now)
    stamp = clock.tick(now)
    assert Stamp.decode(stamp).wall_ms == now + MAX_SKEW_MS
    assert stamp < "9999999999999-99999-evil"


def test_the_clock_never_issues_a_stamp_it_cannot_read_back():
    """Even at the largest wall time with a full counter, ticks decode again (no 14-digit wall part)."""
    clock = HybridClock("site1", "9999999999999-99998-site1")
    stamps = [clock.tick(0) for _ in range(5)]
    assert all(Stamp.decode(s).wall_ms == 9999999999999 for s in stamps)
    assert HybridClock("site1", "10000000000000-00000-site1").tick(5) == "0000000000005-00000-site1"


def test_stamp_form_is_strict():
    """Integers, blobs, full-width digits, short walls and empty sites are not stamps."""
    from crm_desktop.domain.hlc import is_stamp

    good = "1796083200000-00001-abc123"
    assert is_stamp(good)
    for bad in (None, 17, b"1796083200000-00001-abc", "1796083200000-00001-", "179608320000-00001-abc",
                "１７９６０８３２００００0-00001-abc", "1796083200000-0001-abc",
                "1796083200000-00001-" + "x" * 21, " 796083200000-00001-abc", "1796083200000-00001-a\x00"):
        assert not is_stamp(bad), bad
    with pytest.raises(ValueError):
        Stamp.decode("garbage")
