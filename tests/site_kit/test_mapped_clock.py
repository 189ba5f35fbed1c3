"""``site_kit.mapped.SiteClock``: a site's local DATETIME as UTC, the same in SQL (MariaDB) as in Python.

``createdAt`` of a row with only local stamps is computed in SQL (so that ``orderBy=createdAt`` sorts by the
value shown) and rendered in Python: the two must agree, for Diamond (Europe/London, UTC+0 in winter) and the
ESRF (Europe/Paris, UTC+1), on ordinary days and around both summer-time changes, including the skipped and the
repeated hour. One query on MariaDB (skipped when ``ISPYB_TEST_MARIADB_URL`` is absent); well under a second.
"""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from sqlalchemy import literal, select
from sqlalchemy.dialects.mysql import DATETIME
from sqlalchemy.engine import make_url

from site_kit.mapped import SiteClock, make_engine

URL_ENV = "ISPYB_TEST_MARIADB_URL"
MOMENTS = [
    datetime(2026, 1, 15, 12, 0),
    datetime(2026, 7, 1, 12, 0),
    *(datetime(2026, 3, 29, h, 30) for h in range(0, 5)),  # last Sunday of March: clocks go forward
    *(datetime(2026, 10, 25, h, 30) for h in range(0, 5)),  # last Sunday of October: clocks go back
    datetime(2024, 3, 31, 2, 30),
    datetime(2024, 10, 27, 1, 30),
]
CLOCKS = [SiteClock("Europe/London", 0), SiteClock("Europe/Paris", 1)]


@pytest.mark.parametrize("clock", CLOCKS, ids=lambda c: c.zone)
def test_sql_and_python_read_a_local_time_as_the_same_instant(clock: SiteClock) -> None:
    if not os.environ.get(URL_ENV):
        pytest.skip(f"{URL_ENV} is not set")
    server = make_url(os.environ[URL_ENV]).set(database="")  # a query of literals needs no database
    engine = make_engine(server.render_as_string(hide_password=False))
    columns = [clock.local_to_utc(literal(m, DATETIME(fsp=6))).label(f"m{i}") for i, m in enumerate(MOMENTS)]
    try:
        with engine.connect() as conn:
            row = conn.execute(select(*columns)).one()
    finally:
        engine.dispose()
    for moment, in_sql in zip(MOMENTS, row, strict=True):
        expected = clock.instant_out(moment, utc=False)
        assert clock.instant_out(in_sql, utc=True) == expected, (clock.zone, moment)


def test_python_round_trips_an_instant_through_local_time() -> None:
    paris = SiteClock("Europe/Paris", 1)
    local = paris.instant_in("2026-07-01T12:00:00Z", utc=False)
    assert local == datetime(2026, 7, 1, 14, 0)
    assert paris.instant_out(local, utc=False) == "2026-07-01T12:00:00Z"
