import pytest

from rate_limiter import RateLimiter


class FakeClock:
    """A clock that only moves when the test moves it: pass it as `now=`."""

    def __init__(self, t=0):
        self.t = t

    def __call__(self):
        return self.t


def test_allows_up_to_the_limit_then_denies():
    clock = FakeClock(100)
    limiter = RateLimiter(2, 10, now=clock)
    assert limiter.allow("alice") is True
    assert limiter.allow("alice") is True
    assert limiter.allow("alice") is False


# TODO: a test for every rule of the statement: each check and the exception it raises,
#       remaining() and reset_at(), the window's limits, and what must not change.
#       Think about where each rule could go wrong, and test exactly there.
