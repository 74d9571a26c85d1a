"""Equivalent: one _Window object per client holding the times of its allowed requests;
module-level validators; expired clients are swept away on every call. It reads the
clock in the constructor and several times per call (the statement leaves that open)."""
import time
from dataclasses import dataclass, field


def _positive_int(value):
    if isinstance(value, int) and not isinstance(value, bool):
        if value > 0:
            return value
        raise ValueError("expected a positive integer")
    raise TypeError("expected an integer")


def _positive_seconds(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("expected seconds as int or float")
    if not 0 < value:
        raise ValueError("expected seconds > 0")
    return value


def _client(value):
    if isinstance(value, str) and value:
        return value
    raise (TypeError if not isinstance(value, str) else ValueError)("invalid client id")


@dataclass
class _Window:
    closes: float
    hits: list = field(default_factory=list)  # clock readings of allowed requests


class RateLimiter:
    def __init__(self, limit, window_seconds, now=time.monotonic):
        self._limit = _positive_int(limit)
        self._length = _positive_seconds(window_seconds)
        if not callable(now):
            raise TypeError("now must be a callable")
        self._clock = now
        self._by_client = {}
        self._last_sweep = now()

    def _sweep(self):
        """Forget every client whose window has closed."""
        t = self._clock()
        for cid in [c for c, w in self._by_client.items() if not t < w.closes]:
            del self._by_client[cid]
        self._last_sweep = t

    def _open_window(self, client_id):
        _client(client_id)
        self._sweep()
        return self._by_client.get(client_id)

    def allow(self, client_id):
        window = self._open_window(client_id)
        if window is None:
            window = _Window(closes=self._clock() + self._length)
            self._by_client[client_id] = window
        elif len(window.hits) == self._limit:
            return False
        window.hits.append(self._clock())
        return True

    def remaining(self, client_id):
        window = self._open_window(client_id)
        used = 0 if window is None else len(window.hits)
        return self._limit - used

    def reset_at(self, client_id):
        window = self._open_window(client_id)
        return self._clock() if window is None else window.closes
