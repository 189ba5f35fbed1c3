"""``AsyncClient`` does what ``Client`` does: the same round trip, pages, problems, retries and unserved class.

Run with ``asyncio.run`` (no plugin needed), against the same ``ispyb-server`` process. ~1.5 s.
"""

from __future__ import annotations

import asyncio
import json
from uuid import UUID, uuid4

import pytest
from ispyb_common_client import AsyncClient, Client, NotFound, PreconditionFailed, RetryPolicy, UnservedClass

from tests.client.sites import STAFF, Fault, fault_proxy


def test_async_round_trip_and_pages_match_sync(site: str) -> None:
    async def scenario() -> None:
        async with AsyncClient(site, STAFF, page_size=4) as client:
            listed = await client.data_collections.list(order_by="startTime").collect()
            with Client(site, STAFF, page_size=1000) as sync:
                assert listed == list(sync.data_collections.list(order_by="startTime"))

            person = await client.persons.list().first()
            assert person is not None
            new = uuid4()
            created = await client.persons.put(new, person, create_only=True)
            assert created.uuid == new and (await client.persons.get(new)) == created
            read = await client.persons.get_versioned(new)
            patched = await client.persons.patch(new, {"familyName": "Async"}, if_match=read.etag)
            assert patched.familyName == "Async"
            with pytest.raises(PreconditionFailed):
                await client.persons.patch(new, {"familyName": "Stale"}, if_match=read.etag)

            async def add_one(uuid: UUID) -> None:
                await client.detectors.update(uuid, lambda d: {"numberOfPixelsY": int(d.numberOfPixelsY or 0) + 1})

            detector = await client.detectors.list().first()
            assert detector is not None
            await asyncio.gather(*(add_one(detector.uuid) for _ in range(8)))
            assert (await client.detectors.get(detector.uuid)).numberOfPixelsY == detector.numberOfPixelsY + 8

            member = await client.proposal_members.list().first()
            assert member is not None
            copy = {**member.model_dump(mode="json"), "personUuid": str(new)}
            made = await client.proposal_members.put(uuid4(), copy)
            await client.proposal_members.delete(
                made.uuid, if_match=(await client.proposal_members.get_versioned(made.uuid)).etag
            )
            with pytest.raises(NotFound):
                await client.proposal_members.get(made.uuid)

    asyncio.run(scenario())


def test_async_retries_and_unserved_class(site: str) -> None:
    async def scenario() -> None:
        with fault_proxy(site) as proxy:
            proxy.replaced["/conformance"] = json.dumps(
                {"conformsTo": [], "classes": [{"name": "core"}, {"name": "proposals"}]}
            ).encode()
            async with AsyncClient(proxy.base_url, STAFF, retry=RetryPolicy(attempts=3)) as client:
                assert await client.conformance_classes() == ("core", "proposals")
                proxy.faults.append(Fault("GET", 429, times=2, retry_after="0"))
                assert await client.sessions.list().first() is not None
                assert [s for m, p, s, _ in proxy.seen if p.startswith("/v1/sessions")] == [429, 429, 200]
                with pytest.raises(UnservedClass):
                    await client.images.list().first()
                assert [p for _, p, *_ in proxy.seen].count("/conformance") == 1

    asyncio.run(scenario())
