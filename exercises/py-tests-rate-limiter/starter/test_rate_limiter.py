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


# TODO: the constructor's checks, in order (TypeError vs ValueError; bool is not an int)
# TODO: client_id checks for allow, remaining and reset_at ("" vs a non-str)
# TODO: remaining() and reset_at() for a new client, during a window, after it ends
# TODO: window boundaries: just before the end, exactly at the end (clock.t = ...)
# TODO: windows opened at fractional times, e.g. clock.t = 7.25
# TODO: a denied request changes nothing
# TODO: clients are independent; two RateLimiter objects are independent
