"""WRONG: only the happy path, whole-second times, never the boundary, no errors."""
from rate_limiter import RateLimiter


class FakeClock:
    def __init__(self):
        self.t = 0

    def __call__(self):
        return self.t


def test_allows_up_to_the_limit():
    clock = FakeClock()
    limiter = RateLimiter(3, 60, now=clock)
    assert limiter.allow("alice")
    assert limiter.allow("alice")
    assert limiter.allow("alice")
    assert not limiter.allow("alice")


def test_other_client_still_allowed():
    clock = FakeClock()
    limiter = RateLimiter(1, 60, now=clock)
    assert limiter.allow("alice")
    assert limiter.allow("bob")


def test_allowed_again_later():
    clock = FakeClock()
    limiter = RateLimiter(1, 60, now=clock)
    limiter.allow("alice")
    clock.t = 100
    assert limiter.allow("alice")
    assert limiter.remaining("alice") == 0
    assert limiter.reset_at("alice") == 160
