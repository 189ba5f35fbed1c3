"""Shared fixtures: the bundled specification, read once per session, and the sites' demo databases."""

from __future__ import annotations

import os
from typing import Any

import pytest

from spec_tools.bundle import bundle
from spec_tools.paths import SPEC_ROOT
from tests.mariadb import URL_ENV, fresh_database

#: the database URLs the tests read; under pytest-xdist each worker gets databases of its own beside them
_DATABASE_ENVS = ("ISPYB_TEST_POSTGRES_URL", "ISPYB_TEST_MARIADB_URL")


def pytest_configure(config: pytest.Config) -> None:
    """Give each pytest-xdist worker its own PostgreSQL and MariaDB database (``<db>_gw0`` …).

    The server tests drop and rebuild every table of the database they are given, so two workers sharing one
    would destroy each other's schema. ``.ci/run`` drops every ``<db>_…`` database when the run ends.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    from tests.databases import worker_database

    for env in _DATABASE_ENVS:
        if os.environ.get(env):
            os.environ[env] = worker_database(os.environ[env], f"_{worker}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Files marked ``long`` first, in collection order, then the others by how many tests they hold.

    ``make test`` runs ``--dist loadfile``: a file is one unit of work for a pytest-xdist worker. xdist's own
    order (files by how many tests they hold, its ``--loadscope-reorder``) puts the files of one long test last,
    so a run ended with each worker alone on a whole certification (``make test`` at 3478db0: the federation's,
    DLS's and ESRF's, 117-166 s each, started in the last minutes). ``make test`` turns xdist's order off and this one
    starts them first, so the many short files fill in around them.
    """
    by_file: dict[str, list[pytest.Item]] = {}
    for item in items:
        by_file.setdefault(item.nodeid.split("::", 1)[0], []).append(item)

    def first_long_then_largest(entry: tuple[int, list[pytest.Item]]) -> tuple[int, int]:
        position, tests = entry
        if any(test.get_closest_marker("long") for test in tests):
            return (0, position)
        return (1, -len(tests))

    ordered = sorted(enumerate(by_file.values()), key=first_long_then_largest)
    items[:] = [item for _, tests in ordered for item in tests]


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return bundle(SPEC_ROOT)


@pytest.fixture(scope="session")
def dls_demo_db() -> str:
    """A MariaDB database with Diamond's schema (``ispyb.sqlalchemy``) and the DLS adapter's demo rows.

    Built once per session (~20-40 s) and shared by the tests that serve it: the conformance certification runs
    first (its directory sorts first), the client and three-site tests then add only records of their own.
    """
    if not os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is not set")
    from ispyb_dls_adapter.db import make_engine
    from ispyb_dls_adapter.demo import load

    url = fresh_database("_dls")
    engine = make_engine(url)
    load(engine)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def esrf_demo_db() -> str:
    """A MariaDB database with ESRF's schema and the ESRF adapter's demo rows, built once per session.

    The schema comes from ``ispyb.models``' own metadata with the views left out
    (``ispyb_esrf_adapter.db.create_schema``, 5–25 s); the certification runs first, then the three-site test.
    """
    if not os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is not set")
    from ispyb_esrf_adapter.db import make_engine
    from ispyb_esrf_adapter.demo import load

    url = fresh_database("_esrf")
    engine = make_engine(url)
    load(engine)
    engine.dispose()
    return url
