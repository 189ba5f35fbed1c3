"""What one site serves: its conformance classes (some perhaps read-only), and how it introduces itself.

The classes are the spec's (``site_kit.spec.conformance_classes``); a profile names a subset. The kit registers
routes, answers ``/conformance``, lists the landing page's links and the ``Allow`` of a 405 from the profile
alone, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from site_kit import spec
from site_kit.resources import Resource, registry


@dataclass(frozen=True)
class SiteProfile:
    """The served part of the API. ``core`` is always served."""

    #: ``siteName`` of the landing page
    site_name: str
    #: ``implementation`` of the landing page: product and version
    implementation: str
    #: conformance classes served (the spec's names; ``core`` is added)
    classes: frozenset[str] = field(default_factory=lambda: frozenset(spec.conformance_classes()))
    #: of those, classes served read-only: no write route, and a write answers 405 with ``Allow: GET``
    read_only: frozenset[str] = frozenset()
    #: resources of the served classes this site can hold (None: all of them); the others are not routed
    resources: frozenset[str] | None = None
    #: ``description`` of the landing page
    description: str = "ISPyB Common API"

    def __post_init__(self) -> None:
        known = set(spec.conformance_classes())
        unknown = (self.classes | self.read_only) - known
        if unknown:
            raise ValueError(f"unknown conformance classes: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
        object.__setattr__(self, "classes", self.classes | {"core"})

    @cached_property
    def served_classes(self) -> tuple[str, ...]:
        """The served classes in the spec's order."""
        return tuple(c for c in spec.conformance_classes() if c in self.classes)

    def serves(self, resource: Resource) -> bool:
        return resource.module in self.classes and (self.resources is None or resource.name in self.resources)

    def writes(self, resource: Resource) -> bool:
        return self.serves(resource) and resource.module not in self.read_only

    @cached_property
    def served_resources(self) -> tuple[Resource, ...]:
        return tuple(r for r in registry().values() if self.serves(r))

    @cached_property
    def _by_collection(self) -> dict[str, Resource]:
        return {r.collection: r for r in self.served_resources}

    def allowed_methods(self, path: str) -> frozenset[str] | None:
        """Methods served on ``path`` (for ``Allow``): the spec's, less the writes of a read-only class."""
        methods = spec.allowed_methods(path)
        if methods is None:
            return None
        parts = path.removeprefix("/v1/").split("/")
        resource = self._by_collection.get(parts[0]) if path.startswith("/v1/") else None
        if resource is not None and not self.writes(resource):
            return methods & {"GET"}
        return methods
