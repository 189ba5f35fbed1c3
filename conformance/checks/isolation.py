"""Authorization isolation (broken object-level authorization): identities × operations.

A user of another proposal must not read, list, change or learn the existence of the owner's records (404, never
403, never in a list), the owner must not see a foreign proposal's records, and in write mode each role may write
only what `x-roles` grants it: a user no beamline records, a service only on its own beamlines.
"""

from __future__ import annotations

import uuid

from conformance.checks.common import item_path, json_body, list_all, own_subjects, sandbox, subjects, world_problem
from conformance.context import CheckContext
from conformance.payloads import minimal_patch, writable_fields
from conformance.registry import family, module_class
from conformance.sandbox import SetupFailed
from conformance.spec import Collection, SpecIndex

MERGE_PATCH = {"Content-Type": "application/merge-patch+json"}
PROPOSAL_SCOPED = "proposalUuid"


def _proposal_scoped(ctx: CheckContext, collection: Collection) -> bool:
    """Records that belong to a proposal (their schema has `proposalUuid`), or proposals themselves."""
    props = ctx.spec.schema(collection.record_schema).get("properties", {})
    return PROPOSAL_SCOPED in props or collection.name == "proposals"


def _owner_records(ctx: CheckContext) -> list[tuple[Collection, str]]:
    return [(c, u) for c in ctx.collections() if _proposal_scoped(ctx, c) for u in subjects(ctx, c)]


@family(
    "ISOLATION-01",
    "Proposal isolation",
    "A user of another proposal gets 404 (not 403) for every record of the owner's proposal, by GET and (in write "
    "mode, on records the suite created) PATCH and DELETE, which change nothing, and never sees them in a list, "
    "even when filtering by the owner's proposal; the owner gets 404 for the records of a proposal it is not a "
    "member of and never lists them.",
    applies=module_class,
)
def isolation(ctx: CheckContext) -> None:
    owned = _owner_records(ctx)
    foreign = ctx.config.fixtures.get("foreignProposal")
    if not owned and not foreign:
        ctx.not_verified("neither owner records nor `fixtures.foreignProposal` are available" + world_problem(ctx))
    mine = {u for c in ctx.collections() for u in own_subjects(ctx, c)}
    for collection, record_uuid in owned:
        path = item_path(collection, record_uuid)
        response, exchange = ctx.get(path, "otherUser")
        ctx.expect_status(response, exchange, {404}, f"GET {collection.name} of the owner's proposal as otherUser")
        if record_uuid not in mine:
            continue  # a fixture: never the target of a write, even one that must be refused
        if ctx.writes_allowed and collection.op("patch"):
            body = minimal_patch(ctx.spec, collection)
            response, exchange = ctx.request("PATCH", path, "otherUser", json_body=body, headers=MERGE_PATCH)
            ctx.expect_status(
                response, exchange, {404}, f"PATCH {collection.name} of the owner's proposal as otherUser"
            )
        if ctx.writes_allowed and collection.op("delete"):
            response, exchange = ctx.request("DELETE", path, "otherUser")
            ctx.expect_status(
                response, exchange, {404}, f"DELETE {collection.name} of the owner's proposal as otherUser"
            )
            still, still_exchange = ctx.get(path, "owner")
            ctx.expect_status(still, still_exchange, {200}, f"{collection.name} after otherUser's DELETE")
    _lists_hide(ctx, "otherUser", {u for _, u in owned}, _owner_proposals(ctx))
    if foreign:
        _foreign_hidden(ctx, foreign)
    else:
        ctx.details["foreignProposal"] = "not in the fixture manifest: the owner side was not checked"
        if not owned:
            ctx.not_verified("no owner record to protect" + world_problem(ctx))


def _owner_proposals(ctx: CheckContext) -> list[str]:
    proposals = [ctx.config.writes.sandbox_proposal, ctx.config.fixtures.get("proposal")]
    return [p for p in dict.fromkeys(proposals) if p]


def _lists_hide(ctx: CheckContext, identity: str, hidden: set[str], proposals: list[str]) -> None:
    """`identity` lists each collection (plainly and filtered by each of `proposals`) and sees none of `hidden`."""
    for collection in ctx.collections():
        if collection.op("list") is None or not _proposal_scoped(ctx, collection):
            continue
        queries: list[dict[str, str]] = [{}]
        if any(f.name == PROPOSAL_SCOPED for f in collection.filters):
            queries += [{PROPOSAL_SCOPED: p} for p in proposals]
        for query in queries:
            listing = list_all(ctx, collection, identity, query, limit=1000)
            leaked = [
                i
                for i in listing.items
                if i.get("uuid") in hidden
                or i.get(PROPOSAL_SCOPED) in proposals
                or (collection.name == "proposals" and i.get("uuid") in proposals)
            ]
            if leaked:
                ctx.fail(
                    f"{collection.path} {query or ''} as {identity} lists {len(leaked)} record(s) of a proposal "
                    f"it is not a member of, e.g. {leaked[0].get('uuid')}",
                    listing.exchanges[-1] if listing.exchanges else None,
                )


def _foreign_hidden(ctx: CheckContext, foreign: str) -> None:
    """Records of the foreign proposal (found as staff) read 404 for the owner and never appear in its lists."""
    found: set[str] = set()
    for collection in ctx.collections():
        if collection.op("list") is None or not _proposal_scoped(ctx, collection):
            continue
        if collection.name == "proposals":
            sample = [foreign]
        elif any(f.name == PROPOSAL_SCOPED for f in collection.filters):
            response, exchange = ctx.get(collection.path, "staff", {PROPOSAL_SCOPED: foreign, "limit": 3})
            body = json_body(response)
            sample = [str(i.get("uuid")) for i in body.get("items", [])] if isinstance(body, dict) else []
        else:
            continue
        for record_uuid in sample[:3]:
            found.add(record_uuid)
            response, exchange = ctx.get(item_path(collection, record_uuid), "owner")
            ctx.expect_status(response, exchange, {404}, f"GET {collection.name} of a foreign proposal as owner")
    _lists_hide(ctx, "owner", found, [foreign])
    ctx.details["foreignRecordsProbed"] = len(found)


@family(
    "ROLES-01",
    "Write roles",
    "A write by a role the operation's `x-roles` does not list, or into a proposal the caller is not a member of, "
    "is refused (403; 404, 409 or 422 when a referenced record is outside the caller's reach) and stores nothing; "
    "a service token cannot write records of a beamline it does not cover (the same refusals; nothing stored).",
    needs_writes=True,
    applies=module_class,
)
def roles(ctx: CheckContext) -> None:
    ctx.require_writes()
    box = sandbox(ctx.run)
    tried = 0
    skipped: list[str] = []
    identities = {"USER": "otherUser", "SERVICE": "service", "STAFF": "staff"}
    for collection in ctx.collections():
        if not box.is_sandboxable(collection):
            continue
        allowed = set(collection.write_roles())
        refused = [identities[r] for r in ("USER", "SERVICE") if r not in allowed]
        refused += ["otherUser"] if "USER" in allowed else []
        try:
            parents = box.parents_for(collection)
        except SetupFailed:
            continue
        for identity in dict.fromkeys(refused):
            body = box.payload(collection, parents)
            tried += 1
            _refused_put(ctx, collection, identity, body, f"as {identity} (not allowed by x-roles or membership)")
        if "SERVICE" in allowed and "beamlineName" in writable_fields(ctx.spec, collection):
            foreign = _foreign_beamline(ctx)
            body = box.payload(collection, parents)
            if not foreign or not all(k in foreign for k in body if k in FOREIGN_KEYS):
                skipped.append(collection.name)
                continue
            body.update({k: v for k, v in foreign.items() if k in body})
            tried += 1
            _refused_put(
                ctx,
                collection,
                "service",
                body,
                f"as service on beamline {foreign['beamlineName']}",
                allowed=None,
            )
    if skipped:
        ctx.details["serviceBeamlineNotChecked"] = skipped
    if not tried:
        ctx.not_applicable("no writable collection in this class")


def _refused_put(
    ctx: CheckContext, collection: Collection, identity: str, body: dict, what: str, allowed: set[int] | None = None
) -> None:
    path = item_path(collection, ctx.run.mint())
    response, exchange = ctx.request("PUT", path, identity, json_body=body)
    ctx.expect_status(response, exchange, allowed or {403, 404, 409, 422}, f"PUT {collection.name} {what}")
    stored, stored_exchange = ctx.get(path, "staff")
    if stored.status_code != 404:
        ctx.fail(
            f"PUT {collection.name} {what} stored a record ({stored.status_code} on read as staff)", stored_exchange
        )
        if stored.status_code == 200 and collection.has_delete:
            ctx.request("DELETE", path, "staff")


FOREIGN_KEYS = ("sessionUuid", "proposalUuid", "beamlineName", "dataCollectionUuid", "dataCollectionGroupUuid")


def _foreign_beamline(ctx: CheckContext) -> dict[str, str]:
    """Consistent references on a beamline the service does not cover, from `fixtures.foreignBeamlineSession`."""
    state = ctx.run.current
    if state.foreign_beamline is not None:
        return dict(state.foreign_beamline)
    found: dict[str, str] = {}
    session = ctx.config.fixtures.get("foreignBeamlineSession")
    sessions = ctx.spec.collections.get("sessions")
    if session and sessions:
        response, _ = ctx.get(item_path(sessions, session), "staff")
        body = json_body(response) if response.status_code == 200 else None
        service = ctx.config.identities["service"].beamlines
        if isinstance(body, dict) and body.get("beamlineName") and body["beamlineName"] not in service:
            found = {
                "sessionUuid": session,
                "proposalUuid": str(body.get("proposalUuid")),
                "beamlineName": str(body["beamlineName"]),
            }
            for key, name in (
                ("dataCollectionUuid", "data-collections"),
                ("dataCollectionGroupUuid", "data-collection-groups"),
            ):
                collection = ctx.spec.collections.get(name)
                if collection is None:
                    continue
                response, _ = ctx.get(collection.path, "staff", {"sessionUuid": session, "limit": 1})
                page = json_body(response)
                items = page.get("items", []) if isinstance(page, dict) else []
                if items:
                    found[key] = str(items[0].get("uuid"))
    state.foreign_beamline = found
    return dict(found)


def _service_writes_sessions(conformance_class: str, spec: SpecIndex) -> bool:
    sessions = spec.collections.get("sessions")
    return (
        sessions is not None
        and sessions.conformance_class == conformance_class
        and ("SERVICE" in sessions.write_roles())
    )


@family(
    "SESSIONS-01",
    "A service writes the sessions of its beamlines",
    "Where `x-roles` lets a service token write sessions (a beamline control system creates the session of the day "
    "and records its beamline setup): the service token creates a session of the sandbox proposal on a beamline it "
    "covers with PUT, changes it with PATCH and both read back; a session it PUTs on a beamline it does not cover is "
    "refused (403; 404, 409 or 422 when a reference is outside its reach) and not stored. Sessions have no DELETE, "
    "so the session written is one per site (a UUID and visit number derived from the sandbox proposal), replaced "
    "identically on every run.",
    needs_writes=True,
    applies=_service_writes_sessions,
)
def service_sessions(ctx: CheckContext) -> None:
    ctx.require_writes()
    sessions = ctx.spec.collections["sessions"]
    service = ctx.config.identities["service"]
    proposal, beamline = ctx.config.writes.sandbox_proposal, ctx.config.writes.beamline
    if not proposal or beamline not in service.beamlines:
        ctx.not_verified("no sandbox proposal, or writes.beamline is not a beamline of the service token")
    record = str(uuid.uuid5(uuid.NAMESPACE_URL, f"ispyb-conformance:service-session:{proposal}".lower()))
    path = item_path(sessions, ctx.client.own(record))
    body = {"proposalUuid": str(proposal), "visitNumber": 990001, "beamlineName": beamline, "comments": "conformance"}
    created, exchange = ctx.request("PUT", path, "service", json_body=body)
    if not ctx.expect_status(created, exchange, {200, 201}, f"PUT a session on {beamline} as service"):
        return
    marker = f"cf{ctx.run.seed % 100000} service session write"
    headers = {**MERGE_PATCH, "If-Match": created.headers.get("ETag", "*")}
    patched, exchange = ctx.request("PATCH", path, "service", json_body={"comments": marker}, headers=headers)
    if ctx.expect_status(patched, exchange, {200}, "PATCH the service's session as service"):
        read, read_exchange = ctx.get(path, "staff")
        got = json_body(read)
        if not isinstance(got, dict) or got.get("comments") != marker or got.get("beamlineName") != beamline:
            ctx.fail("the service token's session write does not read back as staff", read_exchange)
    foreign = _foreign_beamline(ctx)
    if not foreign.get("beamlineName"):
        ctx.details["foreignBeamlineNotChecked"] = "no fixtures.foreignBeamlineSession"
        return
    refused = {**body, "visitNumber": 990002, "beamlineName": foreign["beamlineName"]}
    _refused_put(ctx, sessions, "service", refused, f"as service on beamline {foreign['beamlineName']}")
