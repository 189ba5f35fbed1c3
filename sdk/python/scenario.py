"""A short client scenario, run with the Python client that openapi-python-client generates from the bundle.

Usage: ``python scenario.py BASE_URL TOKEN`` with the generated package ``ispyb_client`` importable. Exits
non-zero (an AssertionError) at the first step that does not behave as the spec says; prints one line per step.
It is what a beamline script would do: who am I, create a proposal under a UUID of my choosing (idempotent),
read it back, patch it with its ETag, find it by filter, page through a list, and read a 404 as problem+json.
"""

from __future__ import annotations

import sys
import uuid as uuidlib

from ispyb_client import AuthenticatedClient
from ispyb_client.api.core import get_caller
from ispyb_client.api.proposals import create_proposal, get_proposal, list_proposals, put_proposal, update_proposal
from ispyb_client.models import Caller, Problem, Proposal, ProposalInput, ProposalPage, ProposalPatch
from ispyb_client.types import UNSET


def step(name: str) -> None:
    print(f"ok: {name}", flush=True)


def unknown_vocabulary_value() -> None:
    """A record from a site that added a vocabulary value after this client was generated still parses."""
    record = {
        "uuid": str(uuidlib.uuid4()),
        "proposalCode": "nx",
        "proposalNumber": "1",
        "proposalType": "NEUTRON_IMAGING",
        "state": "UNDER_REVIEW",
    }
    page = ProposalPage.from_dict({"items": [record]})
    assert page.items[0].proposal_type == "NEUTRON_IMAGING" and page.items[0].state == "UNDER_REVIEW", page
    assert Proposal.from_dict(record).to_dict()["proposalType"] == "NEUTRON_IMAGING"
    step("a proposal with an unknown proposalType and state parses (extensible vocabularies)")


def main(base_url: str, token: str) -> None:
    unknown_vocabulary_value()
    client = AuthenticatedClient(base_url=base_url, token=token, raise_on_unexpected_status=True)

    me = get_caller.sync(client=client)
    # vocabularies are extensible (x-extensible-enum): the client holds them as plain strings
    assert isinstance(me, Caller) and me.role == "STAFF", me
    step(f"GET /v1/me → {me.subject} ({me.role})")

    code = "sdk"
    number = uuidlib.uuid4().hex[:8]
    body = ProposalInput(
        proposal_code=code,
        proposal_number=number,
        title="Created by the generated client",
        proposal_type="MX",
    )
    chosen = uuidlib.uuid4()
    created = put_proposal.sync_detailed(chosen, client=client, body=body)
    assert created.status_code == 201 and isinstance(created.parsed, Proposal), created
    again = put_proposal.sync_detailed(chosen, client=client, body=body)
    assert again.status_code == 200 and isinstance(again.parsed, Proposal) and again.parsed.uuid == chosen, again
    step(f"PUT /v1/proposals/{chosen} → 201, then 200 on retry (idempotent)")

    posted = create_proposal.sync_detailed(
        client=client, body=ProposalInput(proposal_code=code, proposal_number=number + "b")
    )
    assert posted.status_code == 201 and isinstance(posted.parsed, Proposal), posted
    assert posted.headers.get("location", "").endswith(str(posted.parsed.uuid)), posted.headers
    step(f"POST /v1/proposals → 201, Location {posted.headers['location']}")

    read = get_proposal.sync_detailed(chosen, client=client)
    assert read.status_code == 200 and isinstance(read.parsed, Proposal), read
    assert read.parsed.proposal_number == number and read.parsed.name == f"{code}{number}", read.parsed
    etag = read.headers["etag"]
    step(f"GET /v1/proposals/{chosen} → {read.parsed.name}, ETag {etag}")

    patched = update_proposal.sync_detailed(chosen, client=client, body=ProposalPatch(title="Patched"), if_match=etag)
    assert patched.status_code == 200 and isinstance(patched.parsed, Proposal), patched
    assert patched.parsed.title == "Patched", patched.parsed
    stale = update_proposal.sync_detailed(chosen, client=client, body=ProposalPatch(title="Lost"), if_match=etag)
    assert stale.status_code == 412 and isinstance(stale.parsed, Problem), stale
    step("PATCH with the ETag → 200; again with the stale ETag → 412 problem+json")

    found = list_proposals.sync(client=client, proposal_code=code, proposal_number=number)
    assert isinstance(found, ProposalPage) and [p.uuid for p in found.items] == [chosen], found
    step("GET /v1/proposals?proposalCode&proposalNumber → exactly the created proposal")

    seen: list[uuidlib.UUID] = []
    token_: str | None = None
    while True:
        page = list_proposals.sync(client=client, limit=1, page_token=token_ if token_ else UNSET)
        assert isinstance(page, ProposalPage) and len(page.items) <= 1, page
        seen += [p.uuid for p in page.items]
        token_ = page.next_page_token if isinstance(page.next_page_token, str) else None
        if token_ is None:
            break
    assert len(seen) == len(set(seen)) and chosen in seen, seen
    step(f"paged through {len(seen)} proposals one at a time, no duplicate")

    missing = get_proposal.sync_detailed(uuidlib.uuid4(), client=client)
    assert missing.status_code == 404 and isinstance(missing.parsed, Problem) and missing.parsed.status == 404
    step("GET an unknown proposal → 404 problem+json")
    print("scenario complete")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
