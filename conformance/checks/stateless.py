"""Schemathesis's stateless phases (examples, coverage, fuzzing) over the read operations of a class.

Schemathesis gets the request-side view of the spec (`conformance.constraints`): vocabularies are enums in
parameters (a site rejects unlisted values) while responses keep `x-extensible-enum`, so any string passes there.
Only safe methods are handed to schemathesis: its generated writes could create records anywhere (a staff
token may create proposals), which the sandbox rule forbids; writes are exercised by the suite's own targeted
checks instead. Coverage's "unexpected methods" are switched off for the same reason. Every request
schemathesis made is inspected afterwards, and a write among them fails the check as a suite fault.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from schemathesis.engine import events

from conformance.context import CheckContext
from conformance.registry import family
from conformance.results import Exchange
from conformance.spec import WRITE_METHODS

CHECKS_ON = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "negative_data_rejection",
    "ignored_auth",
)
CHECKS_OFF = (
    "positive_data_acceptance",
    "use_after_free",
    "ensure_resource_availability",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "object_level_authorization",
)


def _config(ctx: CheckContext, token: str) -> schemathesis.config.SchemathesisConfig:
    deterministic = ctx.profile.deterministic
    data: dict[str, Any] = {
        "seed": ctx.run.seed,
        "base-url": ctx.client.base_url,
        "headers": {"Authorization": f"Bearer {token}"},
        "workers": 1,
        "request-timeout": 30,
        "generation": {
            "max-examples": ctx.profile.schemathesis_examples,
            "deterministic": deterministic,
            "allow-x00": False,
            "no-shrink": deterministic,
            "database": "none",
        },
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True, "unexpected-methods": []},
            "fuzzing": {"enabled": True},
            "stateful": {"enabled": False},
        },
        "checks": {
            **{name: {"enabled": True} for name in CHECKS_ON},
            **{name: {"enabled": False} for name in CHECKS_OFF},
        },
    }
    return schemathesis.config.SchemathesisConfig.from_dict(data)


def _exchange(ctx: CheckContext, interaction: Any) -> Exchange:
    request, response = interaction.request, interaction.response
    body: Any = None
    if response is not None and response.content:
        try:
            body = response.json()
        except ValueError:
            body = response.content[:2000].decode("utf-8", "replace")
    masker = ctx.client.masker
    return Exchange(
        identity="owner (schemathesis)",
        method=request.method,
        url=masker.text(request.uri),
        request_headers=masker.headers({k: ", ".join(v) for k, v in request.headers.items()}),
        request_body=masker.body(request.body.decode("utf-8", "replace") if request.body else None),
        status=response.status_code if response is not None else None,
        response_headers=masker.headers({k: ", ".join(v) for k, v in response.headers.items()}) if response else {},
        response_body=masker.body(body),
        elapsed_ms=(response.elapsed * 1000) if response is not None else 0.0,
    )


@family(
    "SCHEMA-01",
    "Schemathesis stateless phases",
    "For generated and boundary inputs to every read operation of the class (schemathesis phases examples, "
    "coverage and fuzzing), the site never answers 5xx, answers only status codes, content types, headers and "
    "bodies the spec declares, rejects invalid input, and refuses requests without credentials.",
)
def stateless(ctx: CheckContext) -> None:
    operation_ids = [op.operation_id for op in ctx.spec.operations_of(ctx.conformance_class) if not op.is_write]
    if not operation_ids:
        ctx.not_applicable("the class has no read operation")
    token = ctx.config.identities["owner"].token
    schema = schemathesis.openapi.from_dict(ctx.spec.request_document, config=_config(ctx, token)).include(
        operation_id=operation_ids
    )
    cases = 0
    failures: dict[tuple[str, str], int] = {}
    writes = 0
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.FatalError):
            ctx.fail(f"schemathesis could not run: {event.exception}")
            return
        if isinstance(event, events.NonFatalError):
            ctx.fail(f"{event.label}: {type(event.value).__name__}: {str(event.value)[:300]}")
            continue
        if not isinstance(event, events.ScenarioFinished):
            continue
        recorder = event.recorder
        cases += len(recorder.cases)
        for case_id, interaction in recorder.interactions.items():
            ctx.client.total_requests += 1
            if interaction.request.method.upper() in WRITE_METHODS:
                writes += 1
            for node in recorder.checks.get(case_id, []):
                if node.failure_info is None or str(node.status) != "failure":
                    continue
                failure = node.failure_info.failure
                key = (recorder.label, getattr(failure, "title", node.name))
                failures[key] = failures.get(key, 0) + 1
                if failures[key] == 1:
                    message = getattr(failure, "message", "") or ""
                    ctx.fail(
                        f"{recorder.label}: [{node.name}] {failure.title}. {message}"[:600], _exchange(ctx, interaction)
                    )
    if writes:
        ctx.fail(f"suite fault: schemathesis sent {writes} write request(s); certification void")
    ctx.details["cases"] = cases
    ctx.details["operations"] = len(operation_ids)
    ctx.details["distinctFailures"] = len(failures)
    if not cases:
        ctx.not_verified("schemathesis generated no test case")
