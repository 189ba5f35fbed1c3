"""Settings of one server process."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from site_kit import spec

if TYPE_CHECKING:
    from reference_server.oidc import OidcConfig

#: the spec's conformance classes, in its order (``site_kit.spec.conformance_classes``)
MODULES = spec.conformance_classes()
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
    #: secret of the page tokens' HMAC. Every worker of one server must hold the same one (``serve`` shares one
    #: with its workers); configure it to keep tokens valid across restarts. None: one per process.
    page_token_secret: str | None = None
    #: origins allowed to call the API from a browser (CORS); empty: CORS off, and OPTIONS answers 405
    cors_origins: tuple[str, ...] = ()
    #: responses of at least this many bytes are gzip-compressed for clients that accept it
    gzip_minimum_size: int = 1024
    #: OIDC mode: JWT bearer tokens of the site's identity provider are accepted beside site-issued tokens
    oidc: OidcConfig | None = None
    #: storage roots of the `files` class (``DIR`` or ``RECORDED_PREFIX=DIR``); none: the class is not served
    files_roots: tuple[str, ...] = ()

    @staticmethod
    def parse_origins(value: str | None) -> tuple[str, ...]:
        """``ISPYB_CORS_ORIGINS``: origins separated by commas or spaces."""
        return tuple(o for o in (value or "").replace(",", " ").split() if o)

    @staticmethod
    def parse_modules(value: str | None) -> frozenset[str]:
        if not value:
            return frozenset(MODULES)
        names = {name.strip() for name in value.split(",") if name.strip()}
        unknown = names - set(MODULES)
        if unknown:
            raise ValueError(f"unknown modules: {', '.join(sorted(unknown))} (known: {', '.join(MODULES)})")
        return frozenset(names | {"core"})
