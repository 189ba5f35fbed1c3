"""Checks of the core class: landing page, conformance declaration, health, and who each token is."""

from __future__ import annotations

from conformance.checks.common import is_problem, json_body
from conformance.context import CheckContext
from conformance.registry import family, only_core

EXPECTED_ROLES = {"owner": "USER", "otherUser": "USER", "staff": "STAFF", "service": "SERVICE"}


def _validate(ctx: CheckContext, path: str, identity: str | None, schema: str, what: str) -> dict | None:
    response, exchange = ctx.get(path, identity)
    if not ctx.expect_status(response, exchange, {200}, what):
        return None
    body = json_body(response)
    for violation in ctx.run.validator.validate_schema(schema, body):
        ctx.fail(f"{what}: {violation}", exchange)
    return body if isinstance(body, dict) else None


@family(
    "LANDING-01",
    "Landing page",
    "GET / answers without a token with a LandingPage (site name, API version, links) that names the spec version.",
    applies=only_core,
)
def landing(ctx: CheckContext) -> None:
    body = _validate(ctx, "/", None, "LandingPage", "landing page")
    if body and body.get("apiVersion") and body["apiVersion"].split(".")[0] != ctx.spec.version.split(".")[0]:
        ctx.fail(f"landing page: apiVersion {body['apiVersion']} is not a {ctx.spec.version} major version")


@family(
    "CONFORMANCE-01",
    "Conformance declaration",
    "GET /conformance answers without a token; it lists core, only class names the spec defines, and the same "
    "classes in `conformsTo` and `classes`.",
    applies=only_core,
)
def conformance_declaration(ctx: CheckContext) -> None:
    body = _validate(ctx, "/conformance", None, "ConformanceDeclaration", "conformance declaration")
    if not body:
        return
    names = [c.get("name") for c in body.get("classes", []) if isinstance(c, dict)]
    uris = {c.get("uri") for c in body.get("classes", []) if isinstance(c, dict)}
    if "core" not in names:
        ctx.fail("/conformance does not list the core class")
    unknown = set(names) - set(ctx.spec.classes())
    if unknown:
        ctx.fail(f"/conformance lists classes the spec does not define: {sorted(map(str, unknown))}")
    if uris != set(body.get("conformsTo", [])):
        ctx.fail("/conformance: `conformsTo` and the URIs in `classes` differ")
    for name in names:
        expected = ctx.spec.class_uris.get(str(name))
        if expected and expected not in uris:
            ctx.fail(f"/conformance: class {name} should have the URI {expected}")


@family(
    "HEALTH-01",
    "Health",
    "GET /health answers without a token with a Health document whose status is UP.",
    applies=only_core,
)
def health(ctx: CheckContext) -> None:
    body = _validate(ctx, "/health", None, "Health", "health")
    if body and body.get("status") != "UP":
        ctx.fail(f"/health reports status {body.get('status')!r}")


@family(
    "CALLER-01",
    "The caller (/v1/me)",
    "GET /v1/me tells each token's role (owner and otherUser USER, staff STAFF, service SERVICE); the owner is "
    "a member of the sandbox proposal and the other user is not; the service lists its beamlines.",
    applies=only_core,
)
def caller(ctx: CheckContext) -> None:
    for name, expected in EXPECTED_ROLES.items():
        body = _validate(ctx, "/v1/me", name, "Caller", f"/v1/me as {name}")
        if not body:
            continue
        if body.get("role") != expected:
            ctx.fail(f"/v1/me as {name}: role is {body.get('role')!r}, expected {expected}")
        members = {p.get("uuid") for p in body.get("proposals", []) if isinstance(p, dict)}
        sandbox = ctx.config.writes.sandbox_proposal or ctx.config.fixtures.get("proposal")
        if name == "owner" and sandbox and sandbox not in members:
            ctx.fail(f"/v1/me as owner: not a member of the sandbox/fixture proposal {sandbox}")
        if name == "otherUser" and sandbox and sandbox in members:
            ctx.fail(f"/v1/me as otherUser: is a member of {sandbox}; isolation cannot be tested")
        if name == "service":
            missing = set(ctx.config.identities["service"].beamlines) - set(body.get("beamlines", []))
            if missing:
                ctx.fail(f"/v1/me as service: beamlines {sorted(missing)} are not listed")


@family(
    "AUTHN-01",
    "Authentication required",
    "GET /v1/me without a token, or with a token the site never issued, answers 401 as problem+json.",
    applies=only_core,
)
def authentication(ctx: CheckContext) -> None:
    for label, token in (("without a token", None), ("with an unknown token", "not-a-token-conformance")):
        response, exchange = ctx.client.request("GET", "/v1/me", identity=None, token=token)
        if ctx.expect_status(response, exchange, {401}, f"/v1/me {label}"):
            problem = is_problem(response)
            if problem:
                ctx.fail(f"/v1/me {label}: 401 is not problem+json ({problem})", exchange)
