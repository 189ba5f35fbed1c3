"""The MariaDB database the ESRF adapter's tests share: ESRF's schema and the demo rows, built once per session.

``<db>_esrf`` beside the database of ``ISPYB_TEST_MARIADB_URL`` (``.ci/run`` drops it): the schema comes from
``ispyb.models``' own metadata, views left out (``ispyb_esrf_adapter.db.create_schema``, 5–25 s on a loaded
machine), so it is made once and every test of this package reuses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

URL_ENV = "ISPYB_TEST_MARIADB_URL"


def fresh_database(suffix: str) -> str:
    """Drop and create ``<db><suffix>`` beside the test database and return its URL."""
    import pymysql

    url = make_url(os.environ[URL_ENV])
    name = f"{url.database or 'ispyb'}{suffix}"
    conn = pymysql.connect(
        host=url.host or "127.0.0.1", port=url.port or 3306, user=url.username or "root", password=url.password or ""
    )
    try:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    finally:
        conn.close()
    return url.set(drivername="mysql+pymysql", database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def esrf_db() -> Iterator[str]:
    """URL of a database with ESRF's schema and the demo rows (skipped without ``ISPYB_TEST_MARIADB_URL``)."""
    if not os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is not set")
    from ispyb_esrf_adapter.db import make_engine
    from ispyb_esrf_adapter.demo import load

    url = fresh_database("_esrf")
    engine = make_engine(url)
    load(engine)
    engine.dispose()
    yield url
