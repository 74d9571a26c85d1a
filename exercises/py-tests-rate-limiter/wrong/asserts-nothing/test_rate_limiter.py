"""WRONG: exercises every method but asserts nothing, so it can never fail."""
from rate_limiter import RateLimiter


def test_everything_runs():
    clock = lambda: 12.5
    limiter = RateLimiter(2, 10, now=clock)
    for _ in range(4):
        limiter.allow("alice")
    limiter.remaining("alice")
    limiter.reset_at("alice")
    limiter.reset_at("bob")


def test_errors_are_raised():
    try:
        RateLimiter(0, 10)
    except Exception:
        pass
    try:
        RateLimiter(1, 10).allow("")
    except Exception:
        pass
