"""Fixtures for the clock and the limiter; one class per topic."""
import pytest

from rate_limiter import RateLimiter


class ManualClock:
    def __init__(self, start=100.0):
        self.now = start

    def __call__(self):
        return self.now

    def move_to(self, t):
        self.now = t


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def limiter(clock):
    """Three requests per 30-second window."""
    return RateLimiter(3, 30, now=clock)


def use_up(limiter, client="c"):
    while limiter.allow(client):
        pass


class TestConstruction:
    @pytest.mark.parametrize("limit", [True, 1.5, "1", None])
    def test_limit_type(self, clock, limit):
        with pytest.raises(TypeError):
            RateLimiter(limit, 1, now=clock)

    def test_limit_value(self, clock):
        with pytest.raises(ValueError):
            RateLimiter(0, 1, now=clock)

    @pytest.mark.parametrize("window", [True, "1", [1]])
    def test_window_type(self, clock, window):
        with pytest.raises(TypeError):
            RateLimiter(1, window, now=clock)

    @pytest.mark.parametrize("window", [0, -0.0, -1, float("nan")])
    def test_window_value(self, clock, window):
        with pytest.raises(ValueError):
            RateLimiter(1, window, now=clock)

    def test_clock_must_be_callable(self):
        with pytest.raises(TypeError):
            RateLimiter(1, 1, now=100.0)

    def test_order_of_checks(self):
        with pytest.raises(ValueError):
            RateLimiter(-1, None, now=None)


class TestClientIds:
    @pytest.mark.parametrize("name", ["allow", "remaining", "reset_at"])
    def test_not_a_string(self, limiter, name):
        with pytest.raises(TypeError):
            getattr(limiter, name)(42)

    @pytest.mark.parametrize("name", ["allow", "remaining", "reset_at"])
    def test_empty(self, limiter, name):
        with pytest.raises(ValueError):
            getattr(limiter, name)("")

    def test_whitespace_and_case_are_distinct_clients(self, limiter):
        use_up(limiter, "c")
        assert all(limiter.allow(c) for c in ("C", " c", " "))


class TestQuota:
    def test_exactly_limit_allowed(self, limiter):
        results = [limiter.allow("c") for _ in range(4)]
        assert results == [True, True, True, False]

    def test_fresh_client(self, limiter, clock):
        assert limiter.remaining("c") == 3
        assert limiter.reset_at("c") == clock.now

    def test_denied_requests_are_free(self, limiter, clock):
        use_up(limiter)
        for _ in range(3):
            limiter.allow("c")
        assert limiter.remaining("c") == 0
        assert limiter.reset_at("c") == 130.0


class TestWindow:
    def test_fractional_start(self, limiter, clock):
        clock.move_to(100.75)
        use_up(limiter)
        assert limiter.reset_at("c") == 130.75
        clock.move_to(130.5)
        assert limiter.allow("c") is False

    def test_end_is_exclusive(self, limiter, clock):
        use_up(limiter)
        clock.move_to(130.0)
        assert limiter.remaining("c") == 3
        assert limiter.allow("c") is True
        assert limiter.remaining("c") == 2

    def test_expired_window_reads_as_full(self, limiter, clock):
        use_up(limiter)
        clock.move_to(500.0)
        assert (limiter.remaining("c"), limiter.reset_at("c")) == (3, 500.0)


class TestIsolation:
    def test_between_clients(self, limiter, clock):
        use_up(limiter, "x")
        clock.move_to(110.0)
        assert limiter.allow("y") is True
        assert limiter.reset_at("y") == 140.0

    def test_between_limiters(self, limiter, clock):
        use_up(limiter, "x")
        assert RateLimiter(3, 30, now=clock).remaining("x") == 3
