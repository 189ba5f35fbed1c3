"""The DLS adapter certified by the conformance suite, on MariaDB, over HTTP, as a site would run it.

The session's DLS demo database (``dls_demo_db``: ``<db>_dls`` beside ``ISPYB_TEST_MARIADB_URL``, Diamond's schema
from ``ispyb.sqlalchemy`` and the demo rows; this test is the first to use it) is served by ``ispyb-dls-adapter
serve --strict`` (response validation on) in a subprocess; ``ispyb-dls-adapter site-config`` mints the tokens and
the fixture manifest; ``ispyb-conformance sweep`` certifies it with two seeds one after the other on the same
database (one seed proves little; the second run also shows that the first left the site fit for another;
``tests/adapters/certify.py``). Seed 7 is the one that found the adapter's round-trip defects of issue 10; the
full 1-20 table is for reports (``ispyb-conformance sweep --seeds 1-20 --max-examples 10``).

The adapter declares the six backbone classes and writes all of them; the suite writes proposals (its lab
contacts: one per person and proposal, as DLS's ``personAndProposal`` key and the spec's ``x-unique`` say),
samples, shipping, acquisition and processing, and reads core. Every declared class must pass.
DLS columns keep instants to the second and many numbers as single-precision ``FLOAT`` (6 digits as MariaDB
returns them): the spec guarantees no more than that ("Units and precision" in its description), and the suite
compares round trips accordingly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adapters.certify import WRITE_CHECKS, assert_certified, certify

SEEDS = (7, 11)
READ_ONLY_CLASSES = ("core",)
#: `changes` has no writes of its own: the suite checks that its writes in the others show up in the feed
WRITTEN_CLASSES = ("proposals", "samples", "shipping", "acquisition", "processing", "changes")

pytestmark = [pytest.mark.mariadb, pytest.mark.long]


@pytest.mark.timeout(600)
def test_the_suite_certifies_what_the_dls_schema_can_hold(tmp_path: Path, dls_demo_db: str) -> None:
    # one schemathesis example per operation and seed: the suite's own checks (two thirds of what a seed proves)
    # run in full; the sweep at the default examples is for reports
    result = certify("ispyb-dls-adapter", dls_demo_db, tmp_path, SEEDS, max_examples=1)
    assert_certified(
        result,
        READ_ONLY_CLASSES,
        WRITTEN_CLASSES,
        prefixes=("PROP", "SAMP", "SHIP", "ACQ", "PROC"),
        checks=(*WRITE_CHECKS, "ETAG-01", "ROLES-01"),
    )
    assert result.elapsed < 400, f"two seeds took {result.elapsed:.0f} s"
