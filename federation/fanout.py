"""Ask several members at once, on the event loop: the answer waits for the slowest only up to the members'
timeout (a blackholed member is reported as ``TIMEOUT``, it does not hold the page).

Each exchange has its own deadline (``federation.wire``); the fan-out's, the largest timeout and a grace, is the
backstop. ``ask`` is the same from a worker thread, for the seam's synchronous methods (``FederatedStorage``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import anyio.from_thread

from federation.members import Unavailable

T = TypeVar("T")
#: beyond a member's own timeout, how long the gateway waits for an exchange to give up by itself
GRACE_SECONDS = 0.05

Calls = Mapping[str, Callable[[], Awaitable[T]]]


async def run(calls: Calls[T], timeout: float) -> dict[str, T | Unavailable]:
    """Each member's result, or its ``Unavailable``; never longer than ``timeout`` + grace."""
    if not calls:
        return {}
    tasks = {name: asyncio.ensure_future(_outcome(name, call)) for name, call in calls.items()}
    await asyncio.wait(tasks.values(), timeout=timeout + GRACE_SECONDS)
    out: dict[str, T | Unavailable] = {}
    for name, task in tasks.items():
        if task.done():
            out[name] = task.result()
        else:
            task.cancel()
            out[name] = Unavailable(name, "TIMEOUT", f"no answer within {timeout:g} s")
    return out


def ask(calls: Calls[T], timeout: float) -> dict[str, T | Unavailable]:
    """``run`` from a worker thread of the kit (a synchronous seam method): the exchanges run on the loop."""
    return anyio.from_thread.run(run, calls, timeout)


async def _outcome(name: str, call: Callable[[], Awaitable[T]]) -> T | Unavailable:
    try:
        return await call()
    except Unavailable as exc:
        return exc
    except Exception as exc:  # a malformed answer: the member is failing, the others still count
        return Unavailable(name, "FAILING", f"unusable answer ({type(exc).__name__})")
