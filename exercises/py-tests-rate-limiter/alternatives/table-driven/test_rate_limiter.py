"""Table-driven: every scenario is a list of (time, call, client, expected) steps."""
import pytest

from rate_limiter import RateLimiter

NAN, INF = float("nan"), float("inf")


class Clock:
    def __init__(self):
        self.t = 0

    def __call__(self):
        return self.t


CONSTRUCTOR_ERRORS = [
    # (limit, window, now, exception)
    (2.0, 10, Clock(), TypeError),
    ("2", 10, Clock(), TypeError),
    (True, 10, Clock(), TypeError),
    (0, 10, Clock(), ValueError),
    (-3, 10, Clock(), ValueError),
    (0, "x", None, ValueError),  # limit is checked first
    (2, "10", Clock(), TypeError),
    (2, False, Clock(), TypeError),
    (2, 0, Clock(), ValueError),
    (2, -0.5, Clock(), ValueError),
    (2, NAN, Clock(), ValueError),
    (2, -1, None, ValueError),  # window before now
    (2, 10, None, TypeError),
    (2, 10, "clock", TypeError),
]


@pytest.mark.parametrize("limit, window, now, exc", CONSTRUCTOR_ERRORS)
def test_constructor_rejects(limit, window, now, exc):
    with pytest.raises(exc):
        RateLimiter(limit, window, now=now)


@pytest.mark.parametrize("client, exc", [
    (None, TypeError), (7, TypeError), (b"id", TypeError), ("", ValueError),
])
@pytest.mark.parametrize("method", ["allow", "remaining", "reset_at"])
def test_methods_reject_bad_client_ids(method, client, exc):
    limiter = RateLimiter(1, 10, now=Clock())
    with pytest.raises(exc):
        getattr(limiter, method)(client)
    assert limiter.remaining("x") == 1


SCENARIOS = {
    # name: (limit, window, [(time, call, client, expected), ...])
    "quota then deny": (2, 10, [
        (0, "remaining", "a", 2), (0, "reset_at", "a", 0),
        (0, "allow", "a", True), (0, "remaining", "a", 1),
        (1, "allow", "a", True), (2, "allow", "a", False), (3, "allow", "a", False),
        (3, "remaining", "a", 0), (3, "reset_at", "a", 10),
    ]),
    "boundary at end": (1, 4, [
        (1.5, "allow", "a", True), (5.25, "allow", "a", False), (5.25, "reset_at", "a", 5.5),
        (5.5, "remaining", "a", 1), (5.5, "reset_at", "a", 5.5),
        (5.5, "allow", "a", True), (5.5, "reset_at", "a", 9.5),
    ]),
    "idle after window": (3, 10, [
        (0, "allow", "a", True), (0, "allow", "a", True), (0, "allow", "a", True),
        (30, "remaining", "a", 3), (30, "reset_at", "a", 30),
        (30, "allow", "a", True), (39.5, "reset_at", "a", 40),
    ]),
    "clients apart": (1, 10, [
        (0, "allow", "a", True), (2, "allow", "b", True), (2, "allow", "A", True),
        (3, "allow", "a", False), (3, "reset_at", "a", 10), (3, "reset_at", "b", 12),
        (11, "allow", "b", False), (11, "allow", "a", True),
    ]),
    "infinite window": (1, INF, [
        (0, "allow", "a", True), (1e9, "allow", "a", False), (1e9, "reset_at", "a", INF),
    ]),
}


@pytest.mark.parametrize("limit, window, steps", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_scenario(limit, window, steps):
    clock = Clock()
    limiter = RateLimiter(limit, window, now=clock)
    for time, call, client, expected in steps:
        clock.t = time
        got = getattr(limiter, call)(client)
        assert got == expected, (time, call, client)
        if call != "reset_at":  # allow -> bool, remaining -> int
            assert type(got) is type(expected), (time, call, client)


def test_two_limiters_do_not_share_clients():
    clock = Clock()
    one, two = RateLimiter(1, 10, now=clock), RateLimiter(1, 10, now=clock)
    assert (one.allow("a"), two.allow("a"), one.allow("a")) == (True, True, False)
