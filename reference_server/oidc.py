"""Optional OIDC mode: JWT bearer tokens from the site's identity provider (Keycloak or similar).

A site that runs an identity provider should not have to mint its own tokens for every user. In this mode a
bearer token that is a JWT is verified against the provider's JWKS (signature, ``iss``, ``aud``, ``exp``) with
PyJWT, and the caller is built from its claims:

* the role from a configurable claim (a dotted path such as Keycloak's ``realm_access.roles``): a value naming
  STAFF wins, then SERVICE, else USER;
* a USER's reach from the person whose ``login`` is the configured person claim (``preferred_username``), through
  that person's proposal memberships, exactly as a site-issued user token;
* a SERVICE's beamlines from a claim listing them.

Site-issued opaque tokens keep working beside JWTs (beamline services hold those). A JWT is never stored; the
caller cache keeps its caller no longer than the token's ``exp``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import jwt
from sqlalchemy import select
from sqlalchemy.orm import Session

from reference_server.auth import Caller, unauthorized
from reference_server.db.models import Person, ProposalMember
from site_kit.caller import role_of
from site_kit.problems import ProblemError

#: asymmetric algorithms only: a provider's public keys can verify them, and "none" or HMAC can never be forced
ALGORITHMS = ("RS256", "RS384", "RS512", "ES256", "ES384", "PS256")


@dataclass(frozen=True)
class OidcConfig:
    """Where the provider's keys are and how its claims map onto the API's callers."""

    jwks_url: str
    issuer: str
    audience: str
    role_claim: str = "roles"
    #: claim values that make a caller STAFF or SERVICE (compared case-insensitively); anyone else is a USER
    role_values: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: {"STAFF": ("staff", "ispyb-staff"), "SERVICE": ("service", "ispyb-service")}
    )
    person_claim: str = "preferred_username"
    beamlines_claim: str = "beamlines"
    leeway_seconds: int = 30

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> OidcConfig | None:
        """``ISPYB_OIDC_JWKS_URL``, ``…_ISSUER`` and ``…_AUDIENCE`` switch the mode on; the claims are optional.

        ``ISPYB_OIDC_ROLE_VALUES`` is ``STAFF=a|b,SERVICE=c`` (the values of the role claim for each role).
        """
        url, issuer, audience = (env.get(f"ISPYB_OIDC_{k}") for k in ("JWKS_URL", "ISSUER", "AUDIENCE"))
        if not url:
            return None
        if not issuer or not audience:
            raise ValueError("ISPYB_OIDC_JWKS_URL needs ISPYB_OIDC_ISSUER and ISPYB_OIDC_AUDIENCE as well")
        options: dict[str, Any] = {}
        for key, name in (("role_claim", "ROLE_CLAIM"), ("person_claim", "PERSON_CLAIM")):
            if env.get(f"ISPYB_OIDC_{name}"):
                options[key] = env[f"ISPYB_OIDC_{name}"]
        if env.get("ISPYB_OIDC_BEAMLINES_CLAIM"):
            options["beamlines_claim"] = env["ISPYB_OIDC_BEAMLINES_CLAIM"]
        if env.get("ISPYB_OIDC_ROLE_VALUES"):
            options["role_values"] = parse_role_values(env["ISPYB_OIDC_ROLE_VALUES"])
        return cls(jwks_url=url, issuer=issuer, audience=audience, **options)

    def to_env(self) -> dict[str, str]:
        """The environment that ``from_env`` reads back (``serve`` hands the settings to its workers this way)."""
        return {
            "ISPYB_OIDC_JWKS_URL": self.jwks_url,
            "ISPYB_OIDC_ISSUER": self.issuer,
            "ISPYB_OIDC_AUDIENCE": self.audience,
            "ISPYB_OIDC_ROLE_CLAIM": self.role_claim,
            "ISPYB_OIDC_PERSON_CLAIM": self.person_claim,
            "ISPYB_OIDC_BEAMLINES_CLAIM": self.beamlines_claim,
            "ISPYB_OIDC_ROLE_VALUES": ",".join(f"{r}={'|'.join(v)}" for r, v in self.role_values.items()),
        }


def parse_role_values(text: str) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        role, _, values = part.partition("=")
        role = role.strip().upper()
        if role not in ("STAFF", "SERVICE") or not values:
            raise ValueError(f"role values must read STAFF=a|b,SERVICE=c, not {part!r}")
        result[role] = tuple(v.strip() for v in values.split("|") if v.strip())
    return result


def looks_like_jwt(token: str) -> bool:
    """A compact JWS has three base64url parts; site-issued tokens (``ispyb_…``, ``demo-…``) have no dots."""
    return token.count(".") == 2


class OidcVerifier:
    """Verifies JWTs against the provider's JWKS (fetched on first use and when an unknown ``kid`` appears)."""

    def __init__(self, config: OidcConfig) -> None:
        self.config = config
        self._keys = jwt.PyJWKClient(config.jwks_url, cache_keys=True, lifespan=300, timeout=5)

    def claims(self, token: str) -> dict[str, Any]:
        try:
            key = self._keys.get_signing_key_from_jwt(token)
        except jwt.PyJWKClientConnectionError as exc:
            raise ProblemError(
                503,
                "The identity provider's keys cannot be read now; try again shortly.",
                slug="unavailable",
                headers={"Retry-After": "5"},
            ) from exc
        except jwt.PyJWTError as exc:
            raise unauthorized(f"The bearer token is not a valid JWT of this site's identity provider: {exc}") from exc
        try:
            return jwt.decode(
                token,
                key.key,
                algorithms=list(ALGORITHMS),
                audience=self.config.audience,
                issuer=self.config.issuer,
                leeway=self.config.leeway_seconds,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise unauthorized("The bearer token has expired.") from exc
        except jwt.PyJWTError as exc:
            raise unauthorized(f"The bearer token was refused: {exc}") from exc

    def resolve(self, db: Session, token: str) -> Caller:
        """The caller a verified token's claims describe."""
        claims = self.claims(token)
        role = self._role(claims)
        expires_at = datetime.fromtimestamp(int(claims["exp"]), UTC)
        subject = str(claims["sub"])
        if role == "SERVICE":
            beamlines = frozenset(str(b) for b in _as_list(claim(claims, self.config.beamlines_claim)))
            return Caller(subject=subject, role=role_of(role), beamlines=beamlines, expires_at=expires_at)
        if role == "STAFF":
            return Caller(subject=subject, role=role_of(role), expires_at=expires_at)
        person_uuid, proposals = self._person(db, claim(claims, self.config.person_claim))
        return Caller(
            subject=subject, role=role_of(role), person=person_uuid, proposals=proposals, expires_at=expires_at
        )

    def _role(self, claims: Mapping[str, Any]) -> str:
        values = {str(v).lower() for v in _as_list(claim(claims, self.config.role_claim))}
        for role in ("STAFF", "SERVICE"):
            if values & {v.lower() for v in self.config.role_values.get(role, ())}:
                return role
        return "USER"

    @staticmethod
    def _person(db: Session, login: Any) -> tuple[uuid.UUID | None, frozenset[uuid.UUID]]:
        """The person with this login and the proposals they are a member of (none when no person matches)."""
        if not isinstance(login, str) or not login:
            return None, frozenset()
        person = db.execute(select(Person.uuid).where(Person.login == login).order_by(Person.id).limit(1)).scalar()
        if person is None:
            return None, frozenset()
        members = select(ProposalMember.proposal_uuid).where(ProposalMember.person_uuid == person)
        return person, frozenset(db.execute(members).scalars())


def claim(claims: Mapping[str, Any], path: str) -> Any:
    """A claim by dotted path (``realm_access.roles``); None when any step is missing."""
    value: Any = claims
    for step in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(step)
    return value


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()  # space-separated, as OAuth scopes are
    return list(value) if isinstance(value, list | tuple) else [value]
