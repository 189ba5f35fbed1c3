"""Smoke test of the benchmark harness (issue 7): tiny data on SQLite, one second per run (two per scenario).

Nothing here is timed or judged: the figures of a run this short mean nothing. It proves the generator writes
rows the server serves, and that the driver, the ceiling and the reports work end to end.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench import dataset
from bench.dataset import NULL, TABLES, Scale
from bench.loader import load
from reference_server.db import models as m
from reference_server.db.engine import make_engine, make_sessionmaker

pytestmark = pytest.mark.long

TINY = Scale(proposals=2)
COPY_SPECIALS = ("\\", "\t", "\n", "\r", "\x00")


def test_rows_match_their_columns_and_need_no_copy_escaping() -> None:
    """Every generated value is plain COPY text: what COPY stores is exactly what the ORM would bind."""
    for spec in TABLES:
        for row in spec.rows(TINY):
            assert len(row) == len(spec.columns), spec.name
            for value in row:
                assert value == NULL or not any(c in value for c in COPY_SPECIALS), (spec.name, value)


def test_uuids_are_unique_rfc_9562_version_8() -> None:
    values = {dataset.uid("dc", n) for n in range(100_000)}
    assert len(values) == 100_000
    sample = next(iter(values))
    assert sample[14] == "8" and sample[19] in "89ab"


def test_generator_writes_what_the_server_expects(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    loaded = {entry.table: entry.rows for entry in load(url, TINY, log=lambda _: None)}
    assert loaded["data_collections"] == TINY.data_collections
    engine = make_engine(url)
    with make_sessionmaker(engine)() as db:
        dc, group = m.DataCollection, m.DataCollectionGroup
        differs = (
            (dc.proposal_uuid != group.proposal_uuid)
            | (dc.session_uuid != group.session_uuid)
            | (dc.beamline_name != group.beamline_name)
            | (dc.sample_uuid != group.sample_uuid)
        )
        joined = select(func.count()).select_from(dc).join(group, group.uuid == dc.data_collection_group_uuid)
        mismatched = db.execute(joined.where(differs))
        assert mismatched.scalar_one() == 0
        session = db.execute(select(m.Session).limit(1)).scalar_one()
        proposal = db.execute(select(m.Proposal).where(m.Proposal.uuid == session.proposal_uuid)).scalar_one()
        assert session.name == f"{proposal.name}-{session.visit_number}" and session.version == 1
    engine.dispose()
    assert load(url, TINY, log=lambda _: None) == []  # already loaded: nothing to do


@pytest.mark.timeout(240)  # ~20 s alone; the 2 shared CI cores can stretch it several times
def test_harness_produces_the_table_and_the_json(tmp_path: Path) -> None:
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (apt-get install -y wrk): the load driver cannot run")
    from bench.runner import Options, run_all

    results = tmp_path / "results"
    document = run_all(
        Options(
            db=f"sqlite:///{tmp_path / 'bench.db'}",
            scale=TINY,
            duration=1.0,
            warmup=0.0,
            workers=1,
            conformance=False,
            results=results,
        )
    )
    names = [s["scenario"] for s in document["scenarios"]]
    assert names == ["ceiling", "get", "list", "deep", "put", "patch"]
    for scenario in document["scenarios"]:
        assert scenario["saturated"]["requests"] > 0 and scenario["paced"]["requests"] > 0, scenario["scenario"]
        assert scenario["peak_rss_mb"] > 0
    floors = {f["scenario"]: f for f in document["floor"]}  # the floor beside each of its scenarios
    assert set(floors) == {"floor-get", "floor-list", "floor-put", "floor-patch"}
    for floor in floors.values():
        assert floor["saturated"]["requests"] > 0 and floor["rps_ratio"] > 0 and floor["floor_cpu_ms_per_request"]
    assert floors["floor-put"]["saturated"]["counts"].get("201", 0) > 0
    assert floors["floor-patch"]["saturated"]["counts"].get("PATCH", 0) > 0
    put = next(s for s in document["scenarios"] if s["scenario"] == "put")
    assert put["saturated"]["counts"].get("201", 0) > 0  # fresh client UUIDs: created, not replaced
    assert {t["target"] for t in document["targets"]} >= {"filtered list page (100) p50 ≤ 15 ms (paced)"}
    (markdown,) = results.glob("bench-sqlite-2-*.md")
    assert "| scenario | req/s" in markdown.read_text() and "| get | " in markdown.read_text()
    assert any(t["target"].startswith("get ≥ 0.5 × floor") for t in document["targets"])
    assert json.loads(next(results.glob("bench-sqlite-2-*.json")).read_text())["meta"]["scale"]["proposals"] == 2
