"""MariaDB databases beside the test database: the adapters' tests build the sites' schemas in them.

``fresh_database(suffix)`` makes ``<db><suffix>`` on the server of ``ISPYB_TEST_MARIADB_URL``; ``.ci/run`` drops
every ``<db>_…`` when the run ends. Building a site's schema costs 10–40 s, so the demo databases the
conformance, client and three-site tests all read are built once per session (``tests/conftest.py``).
"""

from __future__ import annotations

import os

from sqlalchemy.engine import make_url

URL_ENV = "ISPYB_TEST_MARIADB_URL"


def fresh_database(suffix: str) -> str:
    """Drop and create ``<db><suffix>`` beside the test database and return its URL (``.ci/run`` drops it)."""
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
