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
