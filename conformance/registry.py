"""The catalogue of checks: each has an id, the class it belongs to and the plain-language requirement it verifies.

Checks are declared once as families (`ROUNDTRIP-01`, `PAGINATION-01`…) and instantiated for every class the
spec defines, so that ids read `<CLASS PREFIX>-<FAMILY>` (e.g. `PROC-ROUNDTRIP-01`). A family may decline a
class (e.g. the service-beamline rule only concerns classes a service writes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.context import CheckContext
    from conformance.spec import SpecIndex

CLASS_PREFIX = {
    "core": "CORE",
    "proposals": "PROP",
    "samples": "SAMP",
    "shipping": "SHIP",
    "acquisition": "ACQ",
    "processing": "PROC",
    "beamline-events": "EVT",
}

CheckFunction = "Callable[[CheckContext], None]"


@dataclass(frozen=True)
class Family:
    """A kind of check, applicable to several classes."""

    suffix: str
    title: str
    requirement: str
    function: Callable[[CheckContext], None]
    needs_writes: bool = False
    applies: Callable[[str, SpecIndex], bool] | None = None
    order: int = 50


@dataclass(frozen=True)
class Check:
    """One check of one class: what `ispyb-conformance classes` lists and what a report names."""

    check_id: str
    conformance_class: str
    family: Family

    @property
    def title(self) -> str:
        return self.family.title

    @property
    def requirement(self) -> str:
        return self.family.requirement

    @property
    def needs_writes(self) -> bool:
        return self.family.needs_writes


_FAMILIES: list[Family] = []


def family(
    suffix: str,
    title: str,
    requirement: str,
    *,
    needs_writes: bool = False,
    applies: Callable[[str, SpecIndex], bool] | None = None,
    order: int = 50,
) -> Callable[[Callable[[CheckContext], None]], Callable[[CheckContext], None]]:
    """Register a check family (decorator)."""

    def register(function: Callable[[CheckContext], None]) -> Callable[[CheckContext], None]:
        _FAMILIES.append(Family(suffix, title, requirement, function, needs_writes, applies, order))
        return function

    return register


def prefix_of(conformance_class: str) -> str:
    return CLASS_PREFIX.get(conformance_class, conformance_class.upper()[:4])


def checks_for(conformance_class: str, spec: SpecIndex) -> list[Check]:
    """The checks of one class, in execution order."""
    import conformance.checks  # noqa: F401 - registers the families

    chosen = [f for f in _FAMILIES if f.applies is None or f.applies(conformance_class, spec)]
    chosen.sort(key=lambda f: f.order)
    return [Check(f"{prefix_of(conformance_class)}-{f.suffix}", conformance_class, f) for f in chosen]


def all_checks(spec: SpecIndex) -> dict[str, list[Check]]:
    return {c: checks_for(c, spec) for c in spec.classes()}


def only_core(conformance_class: str, spec: SpecIndex) -> bool:
    return conformance_class == "core"


def module_class(conformance_class: str, spec: SpecIndex) -> bool:
    return conformance_class != "core" and bool(spec.collections_of(conformance_class))
