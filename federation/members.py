"""One member site over HTTP: its connections, its timeout and its circuit breaker.

Every call either returns the member's HTTP answer (any status: a 404 or a 409 is an answer) or raises
``Unavailable`` with the spec's ``UnavailableReason`` (``TIMEOUT``, ``UNREACHABLE``, ``FAILING``,
``CIRCUIT_OPEN``). A 5XX answer counts as a failure too, so that a member failing fast is not hammered.
The exchanges go over ``federation.wire`` (why not httpx: see there).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

import orjson

from federation.config import Breaker, MemberConfig
from federation.wire import Answer, Wire, WireError

Params = Sequence[tuple[str, str]]


class Options(TypedDict, total=False):
    """What a request to a member may carry besides its method, path and the caller's token there."""

    params: Params
    json: Any
    content: bytes | None
    headers: Mapping[str, str] | None


class Unavailable(Exception):
    """The member gave no usable answer: ``reason`` is an ``UnavailableReason`` of the spec."""

    def __init__(self, member: str, reason: str, detail: str) -> None:
        super().__init__(f"{member}: {reason} ({detail})")
        self.member = member
        self.reason = reason
        self.detail = detail

    def as_document(self) -> dict[str, str]:
        """The ``UnavailableSite`` of a page."""
        return {"site": self.member, "reason": self.reason, "detail": self.detail}


@dataclass
class _BreakerState:
    failures: int = 0
    open_until: float = 0.0
    probing: bool = False


class CircuitBreaker:
    """Closed → open after ``failures`` failures in a row → after ``open_seconds`` one probe (half-open)."""

    def __init__(self, settings: Breaker) -> None:
        self.settings = settings
        self._state = _BreakerState()
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            s = self._state
            if s.failures < self.settings.failures:
                return True
            if time.monotonic() < s.open_until or s.probing:
                return False
            s.probing = True  # half-open: this one request decides
            return True

    def success(self) -> None:
        with self._lock:
            self._state = _BreakerState()

    def failure(self) -> None:
        with self._lock:
            s = self._state
            s.failures += 1
            s.probing = False
            if s.failures >= self.settings.failures:
                s.open_until = time.monotonic() + self.settings.open_seconds

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._state.failures >= self.settings.failures and time.monotonic() < self._state.open_until


class Member:
    """A member site: ``request`` is one HTTP exchange within the member's timeout, through its breaker."""

    def __init__(self, config: MemberConfig, breaker: Breaker) -> None:
        self.config = config
        self.name = config.name
        self.breaker = CircuitBreaker(breaker)
        coding = {"Accept-Encoding": "gzip" if config.compress else "identity"}
        self._wire = Wire(config.url, config.timeout, coding)

    async def request(self, method: str, path: str, token: str, **options: Unpack[Options]) -> Answer:
        """One exchange on the running loop (``wire.Wire.request``): the answer, or ``Unavailable``."""
        if not self.breaker.allow():
            raise Unavailable(self.name, "CIRCUIT_OPEN", "failed repeatedly; not asked again for a while")
        sent = {"Authorization": f"Bearer {token}", **(options.get("headers") or {})}
        content = options.get("content")
        if options.get("json") is not None:
            content = orjson.dumps(options["json"])
            sent.setdefault("Content-Type", "application/json")
        try:
            response = await self._wire.request(
                method, path, params=options.get("params", ()), content=content, headers=sent
            )
        except WireError as exc:
            raise self._failed(exc) from None
        except asyncio.CancelledError:  # given up on (a page past its deadline): a failure, never a stuck probe
            self.breaker.failure()
            raise
        if response.status_code >= 500:
            self.breaker.failure()
            raise Unavailable(self.name, "FAILING", f"answered {response.status_code}")
        self.breaker.success()
        return response

    def _failed(self, exc: WireError) -> Unavailable:
        self.breaker.failure()
        detail = f"no answer within {self.config.timeout:g} s" if exc.reason == "TIMEOUT" else exc.detail
        return Unavailable(self.name, exc.reason, detail)

    def close(self) -> None:
        self._wire.close()
