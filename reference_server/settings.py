"""Settings of one server process."""

from __future__ import annotations

from dataclasses import dataclass, field

MODULES = ("core", "proposals", "samples", "shipping", "acquisition", "processing", "beamline-events")
DEFAULT_DB_URL = "sqlite:///var/ispyb-demo.sqlite"


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB_URL
    #: conformance classes served by this process (core is always served)
    modules: frozenset[str] = field(default_factory=lambda: frozenset(MODULES))
    site_name: str = "ISPyB Common API reference server"
    #: validate every response against the spec, and answer 500 when one does not conform
    strict: bool = False
    #: how long a token's caller (role, proposals) is reused before the database is asked again
    caller_cache_seconds: float = 10.0

    @staticmethod
    def parse_modules(value: str | None) -> frozenset[str]:
        if not value:
            return frozenset(MODULES)
        names = {name.strip() for name in value.split(",") if name.strip()}
        unknown = names - set(MODULES)
        if unknown:
            raise ValueError(f"unknown modules: {', '.join(sorted(unknown))} (known: {', '.join(MODULES)})")
        return frozenset(names | {"core"})
