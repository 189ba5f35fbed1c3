"""The federation's app: the site kit over ``FederatedStorage``, serving what every member serves.

``/conformance`` is the intersection of the members' classes (each member's ``/conformance``, narrowed by its
``classes`` in the members file); the collections are those every member routes (their landing pages' data
links). A member that cannot be asked at start is taken at its ``classes`` word (``serve`` refuses to start when
it has none: the federation must never declare a class one of its members does not serve).
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from fastapi import FastAPI

from federation import __version__
from federation.config import FederationConfig, MemberConfig
from federation.storage import FederatedStorage
from site_kit import spec
from site_kit.app import KitOptions, create_app
from site_kit.profile import SiteProfile
from site_kit.resources import registry

CLASS_PREFIX = "urn:ispyb:common-api:1:conf:"
#: the classes the federation can serve: records read, listed and written through the seam. The change feeds
#: (``changes``) and file contents (``files``) need more than the seam and are not federated yet.
FEDERATED_CLASSES = frozenset(
    {"core", "proposals", "samples", "shipping", "acquisition", "processing", "beamline-events"}
)


@dataclass(frozen=True)
class MemberOffer:
    """What one member serves: its classes and collections (None: unknown, it did not answer)."""

    name: str
    classes: frozenset[str] | None
    collections: frozenset[str] | None
    error: str | None = None


def offer(member: MemberConfig, client: httpx.Client | None = None) -> MemberOffer:
    """Ask a member's /conformance and landing page (no credentials needed: both are public)."""
    own = client or httpx.Client(base_url=member.url, timeout=member.timeout)
    try:
        conformance = own.get("/conformance").raise_for_status().json()
        landing = own.get("/").raise_for_status().json()
    except (httpx.HTTPError, ValueError) as exc:
        return MemberOffer(member.name, member.classes, None, f"{type(exc).__name__}: {exc}")
    finally:
        if client is None:
            own.close()
    classes = frozenset(u.removeprefix(CLASS_PREFIX) for u in conformance.get("conformsTo", []))
    if member.classes is not None:
        classes &= member.classes
    collections = frozenset(
        link["href"].removeprefix("/v1/") for link in landing.get("links", []) if link.get("rel") == "data"
    )
    return MemberOffer(member.name, classes, collections)


def profile_for(config: FederationConfig, offers: list[MemberOffer]) -> SiteProfile:
    classes = set(spec.conformance_classes()) & FEDERATED_CLASSES
    for o in offers:
        if o.classes is None:
            raise RuntimeError(f"member {o.name} did not answer ({o.error}) and the members file names no classes")
        classes &= o.classes
    collections = None
    for o in offers:
        if o.collections is not None:
            collections = o.collections if collections is None else collections & o.collections
    resources = None
    if collections is not None:
        resources = frozenset(r.name for r in registry().values() if r.collection in collections)
    return SiteProfile(
        site_name=config.name,
        implementation=f"ispyb-federation {__version__} over {', '.join(m.name for m in config.members)}",
        classes=frozenset(classes),
        resources=resources,
        description=f"A federation of {len(config.members)} ISPyB Common API sites",
    )


def build(config: FederationConfig, *, strict: bool = False) -> FastAPI:
    offers = [offer(m) for m in config.members]
    storage = FederatedStorage(config)
    options = KitOptions(
        title=config.name, strict=strict, page_token_secret=config.page_token_secret, on_shutdown=storage.close
    )
    return create_app(storage, profile_for(config, offers), options)
