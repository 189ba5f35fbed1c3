"""The members file: which sites make the federation, and who a federation caller is at each of them.

```yaml
name: ISPyB federation            # siteName of the federation's landing page
members:                          # in this order: the tie-break of merged lists
  - {name: site-a, url: "http://127.0.0.1:9101", timeout: 2.0, classes: [proposals, samples]}
callers:                          # or callersFile: a secrets file holding this same list
  - tokenSha256: 5e8f…            # sha256 (hex) of the federation token: the token itself is never stored
    subject: owner
    role: USER
    credentials: {site-a: "token at site-a"}   # the person's own bearer token at each member
```

A caller sees at each member exactly what their member credentials see: the federation adds no reach of its
own. A member a caller holds no credentials for is simply not asked on their behalf. Credentials are secrets:
keep them in ``callersFile`` (mode 0600), never in logs (``Identity.__repr__`` hides them).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_kit.caller import ROLES, Role, role_of

DEFAULT_TIMEOUT = 2.0


@dataclass(frozen=True)
class Breaker:
    """Circuit breaker settings: after ``failures`` failures in a row a member is not asked for ``open_seconds``."""

    failures: int = 3
    open_seconds: float = 10.0


@dataclass(frozen=True)
class MemberConfig:
    """One member site: its name (the ``site`` its records state here), base URL, timeout, classes used."""

    name: str
    url: str
    timeout: float = DEFAULT_TIMEOUT
    #: conformance classes to use at this member (None: every class its /conformance declares)
    classes: frozenset[str] | None = None
    #: ask the member for gzip-coded answers: worth it on slow links only. Between facilities on research
    #: networks (1–10 Gbit/s) a 50 kB page travels in well under a millisecond, while gzip costs the member
    #: and the gateway about as much CPU as the page itself (bench/results/federation.md), so the default is no
    compress: bool = False


@dataclass(frozen=True)
class Identity:
    """A federation caller: who they are here and their bearer token at each member."""

    subject: str
    role: Role
    credentials: dict[str, str] = field(repr=False)
    beamlines: frozenset[str] = frozenset()

    def __repr__(self) -> str:  # never a credential in a log or a traceback
        return f"Identity(subject={self.subject!r}, role={self.role!r}, members={sorted(self.credentials)})"


@dataclass(frozen=True)
class FederationConfig:
    name: str
    members: tuple[MemberConfig, ...]
    #: sha256 (hex) of a federation token → the identity behind it
    callers: dict[str, Identity] = field(repr=False)
    breaker: Breaker = Breaker()
    #: shared cache of UUID → member lookups (e.g. redis://127.0.0.1:6379/0); None: each process its own
    redis_url: str | None = None
    #: HMAC secret of the federation's page tokens: every replica behind one load balancer must share it
    page_token_secret: str | None = None

    def member(self, name: str) -> MemberConfig:
        return next(m for m in self.members if m.name == name)


def token_sha256(token: str) -> str:
    """What the members file stores of a federation token (``site_kit.caller.hash_token``)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _identity(raw: dict[str, Any], members: set[str], where: str) -> tuple[str, Identity]:
    digest = str(raw.get("tokenSha256", "")).lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise ValueError(f"{where}: tokenSha256 must be the 64 hex digits of sha256(token)")
    try:
        role = role_of(str(raw.get("role", "")))
    except ValueError as exc:
        raise ValueError(f"{where}: role must be one of {', '.join(ROLES)}") from exc
    credentials = {str(k): str(v) for k, v in (raw.get("credentials") or {}).items()}
    unknown = set(credentials) - members
    if unknown:
        raise ValueError(f"{where}: credentials for unknown members {sorted(unknown)}")
    identity = Identity(
        subject=str(raw.get("subject") or digest[:12]),
        role=role,
        credentials=credentials,
        beamlines=frozenset(str(b) for b in raw.get("beamlines") or ()),
    )
    return digest, identity


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{where}: true or false")
    return value


def parse(doc: dict[str, Any], base: Path | None = None, *, callers: bool = True) -> FederationConfig:
    """A members document (as loaded from YAML), checked; ``base``: where ``callersFile`` is relative to;
    ``callers=False``: without reading the callers file (``site-config`` writes it)."""
    raw_members = doc.get("members") or []
    if not raw_members:
        raise ValueError("members: at least one member site is needed")
    members = []
    for i, raw in enumerate(raw_members):
        name, url = str(raw.get("name", "")), str(raw.get("url", "")).rstrip("/")
        if not name or not url.startswith(("http://", "https://")):
            raise ValueError(f"members[{i}]: name and an http(s) url are required")
        classes = raw.get("classes")
        members.append(
            MemberConfig(
                name,
                url,
                float(raw.get("timeout", DEFAULT_TIMEOUT)),
                frozenset(map(str, classes)) if classes is not None else None,
                _flag(raw.get("compress", False), f"members[{i}].compress"),
            )
        )
    names = [m.name for m in members]
    if len(set(names)) != len(names):
        raise ValueError("members: names must be unique")
    raw_callers = list(doc.get("callers") or [])
    if doc.get("callersFile") and callers:
        path = Path(str(doc["callersFile"]))
        if not path.is_absolute() and base is not None:
            path = base / path
        raw_callers += list(yaml.safe_load(path.read_text()) or [])
    identities = dict(_identity(raw, set(names), f"callers[{i}]") for i, raw in enumerate(raw_callers))
    breaker = doc.get("breaker") or {}
    return FederationConfig(
        name=str(doc.get("name", "ISPyB federation")),
        members=tuple(members),
        callers=identities,
        breaker=Breaker(int(breaker.get("failures", 3)), float(breaker.get("openSeconds", 10.0))),
        redis_url=doc.get("redis") or None,
        page_token_secret=os.environ.get("ISPYB_FEDERATION_PAGE_TOKEN_SECRET") or doc.get("pageTokenSecret") or None,
    )


def load(path: Path, *, callers: bool = True) -> FederationConfig:
    return parse(yaml.safe_load(path.read_text()) or {}, path.parent, callers=callers)
