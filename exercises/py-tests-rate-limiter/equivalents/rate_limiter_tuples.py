"""Equivalent: stores (window_end, used) tuples, comparisons written the other way round,
one lookup helper that validates, reads the clock once and expires lazily."""
from time import monotonic


class RateLimiter:
    def __init__(self, limit, window_seconds, now=monotonic):
        if type(limit) is bool or not isinstance(limit, int):
            raise TypeError(f"bad limit type: {type(limit).__name__}")
        if 1 > limit:
            raise ValueError(f"bad limit: {limit}")
        if type(window_seconds) is bool or not isinstance(window_seconds, (float, int)):
            raise TypeError(f"bad window type: {type(window_seconds).__name__}")
        if window_seconds <= 0 or window_seconds != window_seconds:  # x != x only for NaN
            raise ValueError(f"bad window: {window_seconds}")
        if not callable(now):
            raise TypeError("clock is not callable")
        self.limit = limit
        self.window = window_seconds
        self.clock = now
        self.state = {}  # client id -> (window end, used)

    def _lookup(self, client_id):
        """Return (t, end, used); end is None when the client has no open window."""
        if not isinstance(client_id, str):
            raise TypeError("client id must be text")
        if not client_id:
            raise ValueError("client id is empty")
        t = self.clock()
        end, used = self.state.get(client_id, (None, 0))
        if end is not None and end > t:
            return t, end, used
        return t, None, 0

    def allow(self, client_id):
        t, end, used = self._lookup(client_id)
        if end is None:
            self.state[client_id] = (t + self.window, 1)
            return True
        if used < self.limit:
            self.state[client_id] = (end, used + 1)
            return True
        return False

    def remaining(self, client_id):
        _, _, used = self._lookup(client_id)
        return self.limit - used

    def reset_at(self, client_id):
        t, end, _ = self._lookup(client_id)
        return t if end is None else end
