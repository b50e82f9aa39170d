"""Per-channel pacing of outgoing messages (Slack allows about one message per second per channel, with bursts)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

MAX_TRACKED = 1000  # channels remembered before idle ones are forgotten


class Pacer:
    """Spaces messages to one channel `interval` seconds apart, letting `burst` go out at once.

    Virtual scheduling: each channel has a theoretical arrival time; a caller reserves the next slot
    under a lock and sleeps outside it, so concurrent senders keep their order and never hold the lock.
    """

    def __init__(
        self,
        interval: float = 1.0,
        burst: int = 2,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = max(0.0, interval)
        self.burst = max(1, burst)
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def delay(self, channel: str) -> float:
        """Seconds until a message to `channel` may go out, without reserving anything."""
        if self.interval == 0 and channel not in self._next:
            return 0.0
        with self._lock:
            now = self._clock()
            slot = max(self._next.get(channel, now), now)
            return max(0.0, slot - (self.burst - 1) * self.interval - now)

    def reserve(self, channel: str) -> None:
        """Take the next slot of `channel` (call when `delay` is 0 and a message goes out)."""
        if self.interval == 0:
            return
        with self._lock:
            now = self._clock()
            self._next[channel] = max(self._next.get(channel, now), now) + self.interval
            self._forget_idle(now)

    def hold(self, channel: str, seconds: float) -> None:
        """Nothing to `channel` for `seconds` (the platform asked to wait)."""
        with self._lock:
            now = self._clock()
            self._next[channel] = max(self._next.get(channel, now), now + seconds + (self.burst - 1) * self.interval)

    def _forget_idle(self, now: float) -> None:
        if len(self._next) > MAX_TRACKED:
            self._next = {c: t for c, t in self._next.items() if t > now}

    def wait(self, channel: str) -> float:
        """Block until a message to `channel` may go out; returns the seconds waited."""
        if self.interval == 0:
            return 0.0
        with self._lock:
            now = self._clock()
            slot = max(self._next.get(channel, now), now)
            delay = max(0.0, slot - (self.burst - 1) * self.interval - now)
            self._next[channel] = slot + self.interval
            self._forget_idle(now)
        if delay > 0:
            self._sleep(delay)
        return delay
