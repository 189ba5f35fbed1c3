"""Hypothesis-driven generation of request bodies and parameters, drawn from the run's seed in every profile
(explore picks a fresh seed per run and prints it, so an explore finding can be replayed with `--seed`).

Bodies come from schemathesis's strategies for the spec's PUT operations (so they follow the `*Input` schemas);
the draws are collected first and the HTTP exchanges run afterwards, so that a run's requests are bounded and
repeatable, and no write is ever retried by shrinking.
"""

from __future__ import annotations

from typing import Any, TypeVar

import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from conformance.context import RunContext

T = TypeVar("T")


def schemathesis_schema(run: RunContext) -> Any:
    """The request-side spec loaded into schemathesis once per run (no NUL bytes: they are not text any site
    stores; vocabularies as enums and no read-only members, see `conformance.constraints.RequestView`)."""
    if run.generation_schema is None:
        config = schemathesis.config.SchemathesisConfig.from_dict(
            {"generation": {"allow-x00": False, "codec": "utf-8"}}
        )
        run.generation_schema = schemathesis.openapi.from_dict(run.spec.request_document, config=config)
    return run.generation_schema


def draw(run: RunContext, strategy: st.SearchStrategy[T], count: int, salt: str) -> list[T]:
    """`count` examples of `strategy`; the same ones for the same seed and salt."""
    found: list[T] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: T) -> None:
        if len(found) < count:
            found.append(value)

    collect = seed(abs(hash_salt(run.seed, salt)))(collect)
    collect()
    return found


def hash_salt(value: int, salt: str) -> int:
    """A stable integer from the seed and a salt (Python's `hash` of str is randomised per process)."""
    import hashlib

    digest = hashlib.sha256(f"{value}:{salt}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def put_bodies(run: RunContext, path: str, count: int) -> list[dict[str, Any]]:
    """Bodies valid against the PUT operation's input schema, drawn by schemathesis."""
    operation = schemathesis_schema(run)[path]["PUT"]
    cases = draw(run, operation.as_strategy(), count, f"put:{path}")
    return [dict(case.body) for case in cases if isinstance(case.body, dict)]
