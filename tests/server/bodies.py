"""Valid request bodies for every resource, built from the spec's examples and the demo data.

The example of each ``*Input`` schema is valid by construction (the spec tests check it); its references are
pointed at real demo records of the owner's proposal (mx23694, on beamline i03) so that the server accepts
them, and its unique keys are made fresh.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from reference_server.db import models as m
from reference_server.seed import uid
from reference_server.tables import table
from site_kit import spec
from site_kit.resources import Resource, registry

OWNER_PROPOSAL = uid("proposals", 0)
OTHER_PROPOSAL = uid("proposals", 1)
BEAMLINE = "i03"
TOKENS = {"owner": "demo-owner", "other": "demo-other-user", "staff": "demo-staff", "service": "demo-service-i03"}


def record_of(engine: Engine, name: str, proposal: uuid.UUID = OWNER_PROPOSAL) -> uuid.UUID:
    """The first record of ``name`` in ``proposal`` (on beamline i03 where records have one)."""
    resource = registry()[name]
    orm = table(resource)
    stmt = select(orm.uuid).order_by(orm.id).limit(1)
    if name == "Proposal":
        return proposal
    if name == "Person":
        return uid("persons", "pi0" if proposal == OWNER_PROPOSAL else "pi1")
    if resource.has_proposal:
        stmt = stmt.where(orm.proposal_uuid == proposal)
    if resource.has_beamline:
        stmt = stmt.where(orm.beamline_name == BEAMLINE)
    with Session(engine) as db:
        found = db.execute(stmt).scalar_one()
    return found


def new_person(engine: Engine, member_of: uuid.UUID | None = None) -> uuid.UUID:
    """A fresh person (memberships and lab contacts are unique per person in their proposal or session).

    With ``member_of``, the person is also a member of that proposal, so that its members (the owner) reach them:
    a lab contact must name a person within the writer's reach.
    """
    from datetime import UTC, datetime

    person = uuid.uuid4()
    now = datetime.now(UTC)
    with Session(engine) as db:
        db.add(m.Person(uuid=person, version=1, created_at=now, updated_at=now, family_name="Tester"))
        if member_of is not None:
            db.flush()
            db.add(
                m.ProposalMember(
                    uuid=uuid.uuid4(),
                    version=1,
                    created_at=now,
                    updated_at=now,
                    proposal_uuid=member_of,
                    person_uuid=person,
                    role="CO_INVESTIGATOR",
                )
            )
        db.commit()
    return person


def body_for(engine: Engine, resource: Resource, proposal: uuid.UUID = OWNER_PROPOSAL) -> dict[str, Any]:
    body = dict(spec.schema(f"{resource.name}Input")["examples"][0])
    for ref in resource.references:
        if ref.field in body:
            body[ref.field] = str(record_of(engine, ref.target, proposal))
    if "beamlineName" in body:
        body["beamlineName"] = BEAMLINE
    fresh = uuid.uuid4().hex[:8]
    if resource.name == "Proposal":
        body["proposalNumber"] = fresh
    elif resource.name == "Session":
        body["visitNumber"] = int(fresh, 16) % 1_000_000
    elif resource.name == "LabContact":
        body["cardName"] = f"card {fresh}"
        body["personUuid"] = str(new_person(engine, member_of=proposal))  # one card per person and proposal
    elif resource.name in ("ProposalMember", "SessionMember"):
        body["personUuid"] = str(new_person(engine))
    _fresh_unique_values(resource, body, fresh)
    return body


def _fresh_unique_values(resource: Resource, body: dict[str, Any], fresh: str) -> None:
    """Make every ``x-unique`` set of the body fresh: new strings; an optional integer of a set is dropped."""
    schema = spec.schema(f"{resource.name}Input")
    required = set(schema.get("required", ()))
    for names in resource.unique:
        if not all(name in body for name in names):
            continue  # a record lacking one of the fields never collides
        for name in names:
            prop = schema["properties"][name]
            if prop.get("type") == "string" and "format" not in prop:
                body[name] = f"{name[:2]}-{fresh}"[: prop.get("maxLength", 45)]
            elif prop.get("type") == "integer" and name not in required:
                del body[name]


def patch_for(resource: Resource) -> dict[str, Any]:
    """A small valid merge patch that really changes the record: a new value for a free-text field."""
    schema = spec.schema(f"{resource.name}Input")
    required = set(schema.get("required", ()))
    for name, prop in schema["properties"].items():
        if prop.get("readOnly"):
            continue
        if (
            prop.get("type") == "string"
            and "format" not in prop
            and "pattern" not in prop
            and prop.get("maxLength", 0) >= 16
            and name not in required
        ):
            return {name: f"patched {uuid.uuid4().hex[:8]}"}
    example = schema["examples"][0]
    for name, prop in schema["properties"].items():
        if prop.get("readOnly"):
            continue
        if prop.get("type") == "number" and name not in required:
            value = example.get(name) or 1.0
            return {name: value / 2}
        if prop.get("type") == "integer" and name not in required:
            return {name: (example.get(name) or 0) + 1}
    for name, prop in schema["properties"].items():
        target = spec.deref(prop) if "$ref" in prop else {}
        values = target.get("x-extensible-enum", target.get("enum"))
        if values and len(values) > 1:
            return {name: next(v for v in values if v != example.get(name))}
    return dict(spec.schema(f"{resource.name}Patch")["examples"][0])
