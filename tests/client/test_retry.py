"""The retry policy's arithmetic and ``Retry-After`` parsing (pure functions: milliseconds).

The behaviour on the wire (waits honoured, POST never retried) is in test_behaviour.py, through a real proxy.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from ispyb_common_client.retry import RetryPolicy, parse_retry_after, retryable


def test_retry_after_as_seconds_or_http_date() -> None:
    now = datetime(2026, 12, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert parse_retry_after(None, now) is None and parse_retry_after("soon", now) is None


def test_policy_honours_the_site_and_gives_up() -> None:
    policy = RetryPolicy(attempts=3, backoff=0.5, max_delay=10)
    assert policy.delay(1, "4") == 4.0  # the site's wish, as sent
    assert policy.delay(1, "3600") is None  # longer than the caller accepts: fail now, not in an hour
    assert 1.0 <= (policy.delay(2, None) or 0) <= 1.1  # backoff 0.5 * 2 with at most 10 % jitter
    assert policy.delay(3, "0") is None  # attempts spent


def test_only_idempotent_requests_are_retried() -> None:
    assert retryable("GET", {}) and retryable("PUT", {}) and retryable("DELETE", {})
    assert retryable("PATCH", {"If-Match": '"3"'}) and not retryable("PATCH", {})
    assert not retryable("POST", {"If-Match": '"3"'})
