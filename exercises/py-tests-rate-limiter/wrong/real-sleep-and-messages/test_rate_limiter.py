"""WRONG: waits on the real clock (slow, flaky under load) and checks exception
messages, which the statement leaves open, so it fails on correct implementations."""
import time

import pytest

from rate_limiter import RateLimiter


def test_window_expires_for_real():
    limiter = RateLimiter(2, 0.2)
    assert limiter.allow("a") and limiter.allow("a")
    assert limiter.allow("a") is False
    time.sleep(0.25)
    assert limiter.allow("a") is True
    assert limiter.remaining("a") == 1


def test_reset_at_is_in_the_future():
    limiter = RateLimiter(1, 0.2)
    limiter.allow("a")
    assert time.monotonic() < limiter.reset_at("a") <= time.monotonic() + 0.2


def test_limit_message():
    with pytest.raises(ValueError, match="limit must be at least 1"):
        RateLimiter(0, 10)


def test_client_messages():
    limiter = RateLimiter(1, 10)
    with pytest.raises(ValueError, match="must not be empty"):
        limiter.allow("")
    with pytest.raises(TypeError, match="must be a str"):
        limiter.allow(None)
