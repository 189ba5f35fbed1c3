"""The change feed of a mapped site (site_kit.mapped.changes): the DLS adapter over Diamond's schema on MariaDB.

The adapter writes Diamond's tables; each write through the API also commits a row of the outbox table beside
them. The feed then lists the writes with the ETags they answered, in order, to their proposal's users only.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.changes.feed import head, read_all

pytestmark = pytest.mark.mariadb


@pytest.fixture(scope="module")
def dls(dls_demo_db: str) -> Iterator[tuple[TestClient, dict[str, Any]]]:
    from ispyb_dls_adapter import site_config
    from ispyb_dls_adapter.app import create_app
    from ispyb_dls_adapter.db import make_engine

    engine = make_engine(dls_demo_db)
    config = site_config.build(engine, "http://testserver", "diamond.ac.uk")
    with TestClient(create_app(dls_demo_db, strict=True)) as client:
        yield client, config
    engine.dispose()


def _as(client: TestClient, config: dict[str, Any], identity: str) -> TestClient:
    client.headers["Authorization"] = f"Bearer {config['identities'][identity]['token']}"
    return client


def test_writes_through_the_adapter_are_listed_to_their_proposal_only(dls: tuple[TestClient, dict[str, Any]]) -> None:
    client, config = dls
    writes = config["writes"]
    start = head(_as(client, config, "staff"))
    other_start = head(_as(client, config, "otherUser"))
    service = _as(client, config, "service")
    group = str(uuid.uuid4())
    body = {"sessionUuid": writes["sandboxSessionUuid"], "proposalUuid": writes["sandboxProposalUuid"]}
    body |= {"beamlineName": writes["beamline"], "experimentType": "OSC"}
    created = service.put(f"/v1/data-collection-groups/{group}", json=body)
    assert created.status_code == 201, created.text
    patched = service.patch(f"/v1/data-collection-groups/{group}", json={"comments": "feed probe"})
    assert patched.status_code == 200, patched.text
    deleted = service.delete(f"/v1/data-collection-groups/{group}")
    assert deleted.status_code == 204, deleted.text
    items, _ = read_all(_as(client, config, "staff"), start)
    mine = [(i["kind"], i.get("etag")) for i in items if i["uuid"] == group]
    assert mine == [("CREATED", created.headers["ETag"]), ("UPDATED", patched.headers["ETag"]), ("DELETED", None)]
    seen, _ = read_all(_as(client, config, "otherUser"), other_start)
    assert [i for i in seen if i["uuid"] == group] == []
