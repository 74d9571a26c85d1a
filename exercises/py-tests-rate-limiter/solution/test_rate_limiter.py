import pytest

from rate_limiter import RateLimiter


class FakeClock:
    """Returns the same time until the test sets clock.t."""

    def __init__(self, t=0):
        self.t = t

    def __call__(self):
        return self.t


def make(limit=3, window=10, t=0):
    clock = FakeClock(t)
    return RateLimiter(limit, window, now=clock), clock


# --- constructor -------------------------------------------------------------

@pytest.mark.parametrize("limit", [1.0, 2.5, "3", None, True, False])
def test_limit_of_wrong_type_is_a_type_error(limit):
    with pytest.raises(TypeError):
        RateLimiter(limit, 10, now=FakeClock())


@pytest.mark.parametrize("limit", [0, -1])
def test_limit_below_one_is_a_value_error(limit):
    with pytest.raises(ValueError):
        RateLimiter(limit, 10, now=FakeClock())


@pytest.mark.parametrize("window", ["10", None, True])
def test_window_of_wrong_type_is_a_type_error(window):
    with pytest.raises(TypeError):
        RateLimiter(3, window, now=FakeClock())


@pytest.mark.parametrize("window", [0, 0.0, -5, float("nan")])
def test_window_not_above_zero_is_a_value_error(window):
    with pytest.raises(ValueError):
        RateLimiter(3, window, now=FakeClock())


def test_now_must_be_callable():
    with pytest.raises(TypeError):
        RateLimiter(3, 10, now=5)


def test_checks_run_in_the_stated_order():
    with pytest.raises(ValueError):
        RateLimiter(0, "x", now=5)
    with pytest.raises(TypeError):
        RateLimiter(1, "x", now=FakeClock())


def test_accepts_int_float_and_infinite_windows():
    for window in (1, 0.5, float("inf")):
        limiter, _ = make(limit=1, window=window)
        assert limiter.allow("a") is True


# --- client ids ---------------------------------------------------------------

@pytest.mark.parametrize("method", ["allow", "remaining", "reset_at"])
@pytest.mark.parametrize("bad", [None, 1, b"a", ["a"]])
def test_non_string_client_id_is_a_type_error(method, bad):
    limiter, _ = make()
    with pytest.raises(TypeError):
        getattr(limiter, method)(bad)


@pytest.mark.parametrize("method", ["allow", "remaining", "reset_at"])
def test_empty_client_id_is_a_value_error(method):
    limiter, _ = make()
    with pytest.raises(ValueError):
        getattr(limiter, method)("")


def test_invalid_calls_change_nothing():
    limiter, _ = make(limit=1)
    for bad in ("", None):
        with pytest.raises((TypeError, ValueError)):
            limiter.allow(bad)
    assert limiter.allow("a") is True
    assert limiter.remaining("a") == 0


# --- quota --------------------------------------------------------------------

def test_allows_exactly_limit_requests_per_window():
    limiter, _ = make(limit=3)
    assert [limiter.allow("a") for _ in range(5)] == [True, True, True, False, False]


def test_new_client_has_full_quota_and_resets_now():
    limiter, _ = make(limit=3, t=42.5)
    assert limiter.remaining("a") == 3
    assert limiter.reset_at("a") == 42.5


def test_remaining_counts_down():
    limiter, _ = make(limit=3)
    for left in (2, 1, 0):
        limiter.allow("a")
        assert limiter.remaining("a") == left


def test_denied_requests_change_nothing():
    limiter, clock = make(limit=2, window=10, t=3)
    limiter.allow("a")
    limiter.allow("a")
    clock.t = 12
    assert limiter.allow("a") is False
    assert limiter.allow("a") is False
    assert limiter.remaining("a") == 0
    assert limiter.reset_at("a") == 13
    clock.t = 13
    assert limiter.allow("a") is True
    assert limiter.remaining("a") == 1


# --- windows ------------------------------------------------------------------

def test_reset_at_is_the_end_of_the_window_opened_by_the_first_request():
    limiter, clock = make(window=10, t=3)
    limiter.allow("a")
    clock.t = 8
    limiter.allow("a")
    assert limiter.reset_at("a") == 13


def test_request_just_before_the_end_is_in_the_old_window():
    limiter, clock = make(limit=1, window=2, t=10.5)
    limiter.allow("a")
    clock.t = 12.25
    assert limiter.allow("a") is False
    assert limiter.remaining("a") == 0
    assert limiter.reset_at("a") == 12.5


def test_request_exactly_at_the_end_opens_the_next_window():
    limiter, clock = make(limit=1, window=2, t=10.5)
    limiter.allow("a")
    clock.t = 12.5
    assert limiter.remaining("a") == 1
    assert limiter.allow("a") is True
    assert limiter.reset_at("a") == 14.5


def test_after_the_window_quota_is_full_before_any_request():
    limiter, clock = make(limit=2, window=10)
    limiter.allow("a")
    limiter.allow("a")
    clock.t = 25
    assert limiter.remaining("a") == 2
    assert limiter.reset_at("a") == 25


def test_next_window_starts_at_the_next_request_not_at_the_old_end():
    limiter, clock = make(limit=1, window=10)
    limiter.allow("a")
    clock.t = 25
    assert limiter.allow("a") is True
    assert limiter.reset_at("a") == 35
    clock.t = 34.75
    assert limiter.allow("a") is False


# --- independence -------------------------------------------------------------

def test_clients_are_independent():
    limiter, clock = make(limit=1, window=10)
    assert limiter.allow("a") is True
    assert limiter.allow("a") is False
    clock.t = 4
    for other in ("b", "A", " a", " "):
        assert limiter.allow(other) is True
    assert limiter.reset_at("b") == 14
    assert limiter.reset_at("a") == 10


def test_limiters_are_independent():
    first, _ = make(limit=1)
    second, _ = make(limit=1)
    assert first.allow("a") is True
    assert second.remaining("a") == 1
    assert second.allow("a") is True
