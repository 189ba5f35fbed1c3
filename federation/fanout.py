"""Ask several members at once: every call runs in a thread of one pool, the answer waits for the slowest only
up to the members' timeout (a blackholed member is reported as ``TIMEOUT``, it does not hold the page)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from typing import TypeVar

from federation.members import Unavailable

T = TypeVar("T")
#: beyond a member's own timeout, how long the gateway waits for the thread that asked it
GRACE_SECONDS = 0.05


class FanOut:
    def __init__(self, workers: int = 64) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="federation")

    def run(self, calls: Mapping[str, Callable[[], T]], timeout: float) -> dict[str, T | Unavailable]:
        """Each member's result, or its ``Unavailable``; never longer than ``timeout`` + grace."""
        if not calls:
            return {}
        deadline = time.monotonic() + timeout + GRACE_SECONDS
        (first, call), *rest = calls.items()
        # every member but the first in a thread of the pool; the first in this thread, which would only wait
        # (one thread hop fewer per page; the first member's call is bounded by its own timeout like any other)
        futures = {name: self._pool.submit(_outcome, name, other) for name, other in rest}
        out: dict[str, T | Unavailable] = {first: _outcome(first, call)}
        wait(futures.values(), timeout=max(0.0, deadline - time.monotonic()))
        for name, future in futures.items():
            if future.done():
                out[name] = future.result()
            else:
                future.cancel()
                out[name] = Unavailable(name, "TIMEOUT", f"no answer within {timeout:g} s")
        return {name: out[name] for name in calls}

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _outcome(name: str, call: Callable[[], T]) -> T | Unavailable:
    try:
        return call()
    except Unavailable as exc:
        return exc
    except Exception as exc:  # a malformed answer: the member is failing, the others still count
        return Unavailable(name, "FAILING", f"unusable answer ({type(exc).__name__})")
