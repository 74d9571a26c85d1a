"""WRONG: over-specifies. The clock hands out the next scripted time on every call,
assuming the limiter reads it exactly once per method call and never in the constructor.
The statement leaves that open, so this fails on a correct implementation."""
import pytest

from rate_limiter import RateLimiter


def scripted(*times):
    it = iter(times)
    return lambda: next(it)


def test_limit_then_new_window_at_exact_end():
    limiter = RateLimiter(2, 10, now=scripted(0, 1, 2, 10, 10))
    assert limiter.allow("a") is True       # t=0, window [0, 10)
    assert limiter.allow("a") is True       # t=1
    assert limiter.allow("a") is False      # t=2
    assert limiter.allow("a") is True       # t=10, next window
    assert limiter.remaining("a") == 1      # t=10


def test_fractional_start_and_reset_at():
    limiter = RateLimiter(1, 2, now=scripted(0.5, 0.5, 2.25, 2.25))
    assert limiter.reset_at("a") == 0.5
    assert limiter.allow("a") is True
    assert limiter.allow("a") is False
    assert limiter.reset_at("a") == 2.5


def test_denied_do_not_consume_and_remaining_after_expiry():
    limiter = RateLimiter(1, 5, now=scripted(0, 1, 1, 9))
    limiter.allow("a")
    assert limiter.allow("a") is False
    assert limiter.remaining("a") == 0
    assert limiter.remaining("a") == 1


def test_validation_and_isolation():
    with pytest.raises(TypeError):
        RateLimiter(True, 1, now=scripted())
    with pytest.raises(ValueError):
        RateLimiter(1, 1, now=scripted()).allow("")
    with pytest.raises(TypeError):
        RateLimiter(1, 1, now=scripted()).allow(3)
    RateLimiter(1, 5, now=scripted(0)).allow("a")
    assert RateLimiter(1, 5, now=scripted(0)).allow("a") is True
