"""A fixed-window rate limiter keyed by client id.

Each client has its own window. A window opens at the client's first allowed
request and ends `window_seconds` later; while it is open, at most `limit`
requests are allowed. The clock is injected (`now`) so tests can control time.
"""
import time


class RateLimiter:
    def __init__(self, limit, window_seconds, now=time.monotonic):
        # Checked in this order; the first failure raises.
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise TypeError("limit must be an int")
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if isinstance(window_seconds, bool) or not isinstance(window_seconds, (int, float)):
            raise TypeError("window_seconds must be an int or a float")
        if not window_seconds > 0:  # also rejects NaN
            raise ValueError("window_seconds must be greater than 0")
        if not callable(now):
            raise TypeError("now must be callable")
        self._limit = limit
        self._window = window_seconds
        self._now = now
        # client id -> [window start, requests allowed in that window]
        self._windows = {}

    def allow(self, client_id):
        """Count one request; True if it is allowed, False if denied."""
        self._check_client(client_id)
        t = self._now()
        window = self._active_window(client_id, t)
        if window is None:
            self._windows[client_id] = [t, 1]
            return True
        if window[1] >= self._limit:
            return False  # denied: nothing changes
        window[1] += 1
        return True

    def remaining(self, client_id):
        """How many more requests the client may make in its current window."""
        self._check_client(client_id)
        window = self._active_window(client_id, self._now())
        return self._limit if window is None else self._limit - window[1]

    def reset_at(self, client_id):
        """When the client's quota is full again: its window's end, or now if no window."""
        self._check_client(client_id)
        t = self._now()
        window = self._active_window(client_id, t)
        return t if window is None else window[0] + self._window

    def _active_window(self, client_id, t):
        # A request at exactly start + window_seconds belongs to the NEXT window.
        window = self._windows.get(client_id)
        if window is None or t >= window[0] + self._window:
            return None
        return window

    @staticmethod
    def _check_client(client_id):
        if not isinstance(client_id, str):
            raise TypeError(f"client_id must be a str, not {type(client_id).__name__}")
        if client_id == "":
            raise ValueError("client_id must not be empty")
