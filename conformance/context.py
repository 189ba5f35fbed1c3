"""Shared state of a run and the per-check API that check functions are written against.

`RunContext` holds what lives for the whole run (site configuration, spec, HTTP client, the caller identities as
`/v1/me` describes them). `ClassState` is what the checks of one class share, typed: the sandbox and the records
created in it, and every exchange of the class so far. `CheckContext` is what one check sees: its class, helpers
to send requests, and `fail()` / `not_verified()` to report, so that checks stay short and uniform.

Every random choice is drawn from the run's seed (`rng`, `mint`), so that one seed sends the same requests.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from conformance.config import SiteConfig
from conformance.http import SuiteClient
from conformance.profiles import Profile
from conformance.results import Exchange, Finding
from conformance.spec import Collection, SpecIndex
from conformance.validation import SchemaValidator

if TYPE_CHECKING:
    from conformance.sandbox import Sandbox

MAX_FINDINGS = 25


class NotVerified(Exception):
    """The check could not run (a fixture or a prerequisite is missing); its class cannot pass."""


class NotApplicable(Exception):
    """The check does not apply to this site or mode (e.g. a write check in read-only mode)."""


class CheckAborted(Exception):
    """The check found enough to fail and stops early (its findings are already recorded)."""


@dataclass
class ClassState:
    """What the checks of one class share while the class runs (a fresh one for each class)."""

    name: str
    sandbox: Sandbox
    #: records created in the sandbox before the first check, by collection: subjects for the read checks
    world: dict[str, list[str]] = field(default_factory=dict)
    #: why creating them failed (shown when a check has no subject)
    world_errors: list[str] = field(default_factory=list)
    #: every exchange the class's checks made so far, in order (for checks that review them all)
    exchanges: list[Exchange] = field(default_factory=list)
    #: consistent references on a beamline the service does not cover (looked up once, by the roles check)
    foreign_beamline: dict[str, str] | None = None
    #: the stream of UUIDs for records the class creates (seeded by run seed and class name)
    uuids: random.Random = field(default_factory=random.Random)


@dataclass
class RunContext:
    """What every check of a run shares."""

    config: SiteConfig
    spec: SpecIndex
    client: SuiteClient
    profile: Profile
    seed: int
    validator: SchemaValidator
    claimed: list[str] = field(default_factory=list)
    callers: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the class being run (set by the runner for each class)
    state: ClassState | None = None
    #: schemathesis's view of the request-side spec, built once per run on first use (see generation.py)
    generation_schema: Any = None
    #: the change feed's end when the run began, per identity (`changes` class: what the run's writes must add)
    change_heads: dict[str, str] = field(default_factory=dict)

    @property
    def writes_allowed(self) -> bool:
        return self.config.writes.allowed

    def writes_allowed_in(self, conformance_class: str) -> bool:
        """Whether the suite writes in this class (`writes.classes` limits writes to some classes)."""
        classes = self.config.writes.classes
        if not self.config.writes.allowed or classes is None or conformance_class in classes:
            return self.config.writes.allowed
        # a class without writes of its own (`changes`, `files`) shows the writes of the others: it is "written"
        # whenever the suite writes anything
        if self.spec is None:  # a context built without the spec (unit tests): classes as listed
            return False
        return bool(classes) and not any(op.is_write for op in self.spec.operations_of(conformance_class))

    def rng(self, salt: str) -> random.Random:
        """A generator determined by the seed and a salt, so each check draws the same values for a seed."""
        return random.Random(f"{self.seed}:{salt}")

    def begin_class(self, name: str) -> ClassState:
        """A fresh state for class `name`: its own sandbox and UUID stream (the same for a seed)."""
        from conformance.sandbox import Sandbox

        self.state = ClassState(name, Sandbox(self, name), uuids=self.rng(f"uuids:{name}"))
        return self.state

    @property
    def current(self) -> ClassState:
        """The state of the class being run."""
        if self.state is None:
            raise RuntimeError("no class is running")
        return self.state

    def mint(self, salt: str | None = None) -> str:
        """A new UUID for a record the suite is about to create (or one no site has), drawn from the seed.

        With a salt the UUID depends only on seed and salt; without, it is the next of the class's stream. Either
        way the HTTP client registers it as the suite's own, the only kind of UUID it lets the suite write to.
        """
        source = self.rng(f"uuid:{salt}") if salt is not None else self.current.uuids
        return self.client.own(str(uuidlib.UUID(int=source.getrandbits(128), version=4)))


class CheckContext:
    """The API a check function uses."""

    def __init__(self, run: RunContext, check_id: str, conformance_class: str) -> None:
        self.run = run
        self.check_id = check_id
        self.conformance_class = conformance_class
        self.findings: list[Finding] = []
        self.details: dict[str, Any] = {}

    @property
    def spec(self) -> SpecIndex:
        return self.run.spec

    @property
    def client(self) -> SuiteClient:
        return self.run.client

    @property
    def config(self) -> SiteConfig:
        return self.run.config

    @property
    def profile(self) -> Profile:
        return self.run.profile

    def collections(self) -> list[Collection]:
        return self.spec.collections_of(self.conformance_class)

    def fail(self, message: str, exchange: Exchange | None = None) -> None:
        """Record a violated requirement; the check goes on so that the report lists all (up to a bound)."""
        if len(self.findings) < MAX_FINDINGS:
            self.findings.append(Finding(message, exchange))
        elif len(self.findings) == MAX_FINDINGS:
            self.findings.append(Finding("… more findings omitted"))
            raise CheckAborted()

    def not_verified(self, reason: str) -> None:
        raise NotVerified(reason)

    def not_applicable(self, reason: str) -> None:
        raise NotApplicable(reason)

    @property
    def writes_allowed(self) -> bool:
        """Whether this check's class is written by the suite (see `writes.classes`)."""
        return self.run.writes_allowed_in(self.conformance_class)

    def require_writes(self) -> None:
        if not self.run.writes_allowed:
            raise NotApplicable("read-only mode: the site allows no writes")
        if not self.writes_allowed:
            raise NotApplicable(f"the site serves {self.conformance_class} read-only (writes.classes)")

    def request(self, method: str, path: str, identity: str | None, **kwargs: Any) -> tuple[httpx.Response, Exchange]:
        return self.client.request(method, path, identity=identity, **kwargs)

    def get(
        self, path: str, identity: str | None, params: dict[str, Any] | None = None
    ) -> tuple[httpx.Response, Exchange]:
        return self.client.request("GET", path, identity=identity, params=params)

    def expect_status(self, response: httpx.Response, exchange: Exchange, expected: set[int], what: str) -> bool:
        """Record a finding unless the status is one of `expected`; returns whether it was."""
        if response.status_code in expected:
            return True
        allowed = " or ".join(str(s) for s in sorted(expected))
        self.fail(f"{what}: expected {allowed}, got {response.status_code}", exchange)
        return False

    def json(self, response: httpx.Response, exchange: Exchange, what: str) -> Any:
        """The JSON body, or a finding (and None) when it is not JSON."""
        try:
            return response.json()
        except ValueError:
            self.fail(f"{what}: the body is not JSON", exchange)
            return None
