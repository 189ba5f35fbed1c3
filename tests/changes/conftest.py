"""Fixtures of the change-feed tests: the reference server's in-process server on every backend (SQLite always;
PostgreSQL and MariaDB when their URL is set), and the live processes of the reliability probes."""

from __future__ import annotations

from tests.reliability.conftest import backend_db  # noqa: F401  (a fresh database per backend)
from tests.server.conftest import server  # noqa: F401  (the in-process server of every backend)
