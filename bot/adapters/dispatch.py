"""The senders: deliver the message outbox through a platform transport, paced per lane, never blocking a handler.

One coordinator thread looks at the head of every lane and hands each due head to a small pool of
workers; a lane has at most one message in flight, so a lane that is rate-limited, failing or hanging
holds up only itself. A transport tells how a send went by raising `RetryLater` (honoured up to
`retry_after_cap`, then the message waits its turn in the outbox), `GiveUp` (a permanent refusal), or
any other exception (a transient failure, retried with back-off). Platform-neutral: Slack passes its
transport; another platform would pass its own.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

from bot.adapters.pacing import Pacer
from bot.storage import messages
from bot.storage.db import Database

log = logging.getLogger(__name__)

Transport = Callable[[dict[str, Any]], None]
# Folds the next queued payload of a lane into the one about to go out; None when they cannot be one message.
Coalesce = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any] | None]
MAX_GROUP = 100  # at most this many queued messages go out as one
Clock = Callable[[], datetime]


class RetryLater(Exception):  # noqa: N818 - an instruction, not an error
    """The platform asked to wait (a 429 with Retry-After, say) before trying again."""

    def __init__(self, seconds: float, code: str) -> None:
        super().__init__(code)
        self.seconds = seconds
        self.code = code


class GiveUp(Exception):  # noqa: N818 - an instruction, not an error
    """The platform refused for good (unknown channel, no permission): do not try again."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _gone(owner: str) -> bool:
    """True for an owner `host:pid:…` on this host whose process no longer exists."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists (owned by someone else)
    return False


def backoff(attempts: int, base: float = 1.0, cap: float = 60.0) -> float:
    """Seconds to wait after the `attempts`-th failure: 1, 2, 4, … capped."""
    return float(min(base * (2 ** max(attempts - 1, 0)), cap))


class OutboxDispatcher:
    """Delivers due outbox messages on background threads; `wake` after queueing, `stop` drains in-flight sends."""

    def __init__(
        self,
        database: Database,
        transport: Transport,
        clock: Clock,
        *,
        pacer: Pacer | None = None,
        workers: int = 8,
        lease: timedelta = timedelta(seconds=90),
        max_attempts: int = 8,
        retry_after_cap: float = 30.0,
        poll: float = 1.0,
        stuck_after: float = 120.0,
        on_failed: Callable[[dict[str, Any], str], None] | None = None,
        coalesce: Coalesce | None = None,
        coalesce_after: float = 0.5,
    ) -> None:
        self.database = database
        self.transport = transport
        self.clock = clock
        self.pacer = pacer or Pacer()
        self.workers = workers
        self.lease = lease
        self.max_attempts = max_attempts
        self.retry_after_cap = retry_after_cap
        self.poll = poll
        self.stuck_after = stuck_after
        self.on_failed = on_failed
        self.coalesce = coalesce
        self.coalesce_after = coalesce_after
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._pool: ThreadPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._inflight: dict[str, float] = {}  # lane -> monotonic start of its send
        self._heartbeat = time.monotonic()
        self._last_prune = 0.0

    # -- lifecycle -------------------------------------------------------------------------------

    def start(self) -> OutboxDispatcher:
        """Start the coordinator and the worker pool (a no-op when running)."""
        if self._thread is not None and self._thread.is_alive():
            return self
        self._stop.clear()
        self._release_dead_owners()
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="werving-sender")
        self._thread = threading.Thread(target=self._loop, name="werving-outbox", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        """Look at the outbox now (something was queued or a send finished)."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop handing out messages and wait for the sends in flight to finish."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=timeout)
            self._thread = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until nothing is due or in flight (tests, benchmarks); True when the outbox went quiet."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.wake()
            due = self._due_heads(self.clock())
            with self._lock:  # looked at after the heads: a head taken meanwhile is in flight by now
                busy = bool(self._inflight)
            if not due and not busy:
                return True
            time.sleep(0.01)
        return False

    # -- health ----------------------------------------------------------------------------------

    def in_flight(self) -> set[str]:
        """The lanes with a message being sent right now."""
        with self._lock:
            return set(self._inflight)

    def problem(self) -> str | None:
        """Why the senders are not healthy (in Dutch), or None."""
        now = time.monotonic()
        if self._thread is not None and not self._thread.is_alive() and not self._stop.is_set():
            return "de verzender is gestopt"
        if self._thread is not None and now - self._heartbeat > max(self.stuck_after, 5 * self.poll):
            return "de verzender reageert niet meer"
        with self._lock:
            oldest = min(self._inflight.values(), default=None)
        if oldest is not None and now - oldest > self.stuck_after:
            return f"een bericht hangt al {int(now - oldest)} s bij het versturen"
        return None

    # -- the coordinator -------------------------------------------------------------------------

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self._heartbeat = time.monotonic()
            wait = self.poll
            try:
                wait = min(wait, self._round())
                self._maybe_prune()
            except Exception as exc:  # noqa: BLE001 - keep delivering; the next round tries again
                log.error("Uitgaande berichten: ronde mislukt (%s)", type(exc).__name__)
            self._wake.wait(max(wait, 0.005))

    def _due_heads(self, now: datetime) -> list[messages.Message]:
        due = []
        for head in messages.heads(self.database):
            if head.status == messages.PENDING and head.next_attempt_at <= now:
                due.append(head)
            elif head.status == messages.SENDING and head.lane not in self.in_flight():
                due.append(head)  # maybe a lease that ran out; `claim` decides
        return due

    def _round(self) -> float:
        """Hand out every lane's due head; returns the seconds until the next one may be due."""
        now = self.clock()
        wait = self.poll
        for head in messages.heads(self.database):
            with self._lock:
                if head.lane in self._inflight:
                    continue
            if head.status == messages.PENDING and head.next_attempt_at > now:
                wait = min(wait, (head.next_attempt_at - now).total_seconds())
                continue
            delay = self.pacer.delay(head.lane)
            if delay > 0:
                wait = min(wait, delay)
                continue
            claimed = messages.claim(self.database, head.id, self.owner, now, self.lease)
            if claimed is None:
                continue  # not due yet (a live lease of another process) or taken meanwhile
            group = [claimed, *self._followers(claimed, now)]
            self.pacer.reserve(head.lane)
            with self._lock:
                self._inflight[head.lane] = time.monotonic()
            assert self._pool is not None
            self._pool.submit(self._send, group)
        return wait

    def _followers(self, head: messages.Message, now: datetime) -> list[messages.Message]:
        """Messages right behind `head` in its lane that `coalesce` folds into one send (claimed as well)."""
        if self.coalesce is None or (now - head.next_attempt_at).total_seconds() < self.coalesce_after:
            return []  # only a lane that has fallen behind is folded; otherwise every message goes as it is
        taken: list[messages.Message] = []
        merged = head.payload
        for follower in messages.followers(self.database, head.lane, head.id, now, MAX_GROUP - 1):
            combined = self.coalesce(merged, follower.payload)
            if combined is None:
                break
            claimed = messages.claim(self.database, follower.id, self.owner, now, self.lease)
            if claimed is None:
                break
            merged = combined
            taken.append(claimed)
        return taken

    def _maybe_prune(self) -> None:
        if time.monotonic() - self._last_prune < 600:
            return
        self._last_prune = time.monotonic()
        messages.prune(self.database, self.clock())
        self._release_dead_owners()

    def _release_dead_owners(self) -> None:
        """Leases of a process on this machine that is gone (killed mid-send) need not run out first."""
        dead = [owner for owner in messages.lease_owners(self.database) if _gone(owner)]
        released = messages.release_owners(self.database, dead)
        if released:
            log.warning("%d bericht(en) van een gestopt proces weer vrijgegeven", released)

    # -- one send --------------------------------------------------------------------------------

    def _send(self, group: list[messages.Message]) -> None:
        head = group[0]
        try:
            self._attempt(group)
        except Exception as exc:  # noqa: BLE001 - the database failed around a send; the lease will expire
            log.error("Uitgaande berichten: bericht %s niet bijgewerkt (%s)", head.id, type(exc).__name__)
        finally:
            with self._lock:
                self._inflight.pop(head.lane, None)
            self.wake()

    def _attempt(self, group: list[messages.Message]) -> None:
        head, now = group[0], self.clock()
        group = [m for m in group if messages.renew(self.database, m.id, self.owner, now, self.lease)]
        if not group or group[0].id != head.id:
            log.warning("Bericht %s niet verstuurd: een ander proces heeft het overgenomen", head.id)
            self._put_back(group, now, "lease verloren")
            return
        payload = head.payload
        for follower in group[1:]:
            payload = (self.coalesce(payload, follower.payload) if self.coalesce else None) or payload
        try:
            self.transport(payload)
        except RetryLater as later:
            wait = min(max(later.seconds, 0.0), self.retry_after_cap)
            self.pacer.hold(head.lane, wait)
            self._put_back(group, self.clock() + timedelta(seconds=wait), later.code)
            log.warning("Bericht %s: platform vraagt %s s te wachten (%s)", head.id, round(wait, 1), later.code)
            return
        except GiveUp as refused:
            for message in group:
                self._give_up(message, refused.code)
            return
        except Exception as exc:  # noqa: BLE001 - transient: network, timeout, 5xx
            code = type(exc).__name__
            if head.attempts >= self.max_attempts:
                for message in group:
                    self._give_up(message, code)
                return
            wait = backoff(head.attempts)
            self._put_back(group, self.clock() + timedelta(seconds=wait), code)
            log.warning("Bericht %s: poging %d mislukt (%s), opnieuw over %s s", head.id, head.attempts, code, wait)
            return
        for message in group:
            if not messages.finish(self.database, message.id, self.owner, messages.SENT, self.clock()):
                log.warning("Bericht %s verstuurd, maar de lease was al verlopen", message.id)

    def _put_back(self, group: list[messages.Message], when: datetime, code: str) -> None:
        for message in group:
            messages.retry_at(self.database, message.id, self.owner, when, code)

    def _give_up(self, message: messages.Message, code: str) -> None:
        messages.finish(self.database, message.id, self.owner, messages.FAILED, self.clock(), code)
        log.error("Bericht %s niet afgeleverd (%s); opgegeven na %d poging(en)", message.id, code, message.attempts)
        if self.on_failed is not None:
            try:
                self.on_failed(message.payload, code)
            except Exception as exc:  # noqa: BLE001 - telling someone about a failure must not fail the sender
                log.warning("Kon niemand over bericht %s inlichten (%s)", message.id, type(exc).__name__)
