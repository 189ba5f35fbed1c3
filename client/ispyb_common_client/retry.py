"""When to retry a request, and how long to wait: 429 and 503 (and lost connections) on idempotent requests.

The spec declares 429 and 503 with ``Retry-After`` on every operation. A request is retried only when sending
it twice cannot do twice what it does once: GET, HEAD, PUT and DELETE (idempotent by HTTP), and PATCH carrying
``If-Match`` (the replay of an applied patch meets a changed ETag and answers 412: it cannot apply twice).
POST is never retried: a retried create could create two records (use ``put`` with a client UUID instead).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRIED_STATUSES = frozenset({429, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE"})


@dataclass(frozen=True)
class RetryPolicy:
    """How many times, and how patiently, a refused idempotent request is sent again.

    ``attempts`` counts the first send. Without ``Retry-After`` the waits grow as ``backoff * 2**n`` (with up
    to 10 % jitter, so that many clients refused together do not come back together); a ``Retry-After`` the
    site sends is honoured as given. No wait exceeds ``max_delay``: a site asking for longer fails the call.
    """

    attempts: int = 4
    backoff: float = 0.5
    max_delay: float = 60.0

    def delay(self, attempt: int, retry_after: str | None) -> float | None:
        """Seconds to wait before sending again after failed ``attempt`` (1-based); None: give up."""
        if attempt >= self.attempts:
            return None
        asked = parse_retry_after(retry_after)
        if asked is not None:
            return asked if asked <= self.max_delay else None
        wait = self.backoff * 2 ** (attempt - 1)
        return min(self.max_delay, wait * (1 + random.random() / 10))


NO_RETRY = RetryPolicy(attempts=1)


def retryable(method: str, headers: dict[str, str]) -> bool:
    """Whether a request may be sent again after a 429/503 or a lost connection."""
    method = method.upper()
    return method in IDEMPOTENT_METHODS or (method == "PATCH" and "if-match" in {k.lower() for k in headers})


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
