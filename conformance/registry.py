"""The catalogue of checks: each has an id, the class it belongs to and the plain-language requirement it verifies.

Checks are declared once as families (`ROUNDTRIP-01`, `PAGINATION-01`…) and instantiated for every class the
spec defines, so that ids read `<CLASS PREFIX>-<FAMILY>` (e.g. `PROC-ROUNDTRIP-01`). A family may decline a
class (e.g. the service-beamline rule only concerns classes a service writes).

Order within a class is computed, not numbered: families run in the order they are declared (the order of
`conformance.checks`), except that a family runs after every family it names in `after`, and a family that
`reviews_class` (it inspects the exchanges of the others, e.g. PROBLEM-01) runs after all the others.
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
    "changes": "CHG",
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
    #: families (by suffix) that must have run before this one in the same class
    after: tuple[str, ...] = ()
    #: the family reviews what every other check of the class exchanged, so it runs after all of them
    reviews_class: bool = False


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
    after: tuple[str, ...] = (),
    reviews_class: bool = False,
) -> Callable[[Callable[[CheckContext], None]], Callable[[CheckContext], None]]:
    """Register a check family (decorator)."""

    def register(function: Callable[[CheckContext], None]) -> Callable[[CheckContext], None]:
        _FAMILIES.append(Family(suffix, title, requirement, function, needs_writes, applies, after, reviews_class))
        return function

    return register


class OrderError(Exception):
    """The declared dependencies between families cannot be satisfied (a cycle, or an unknown family)."""


def execution_order(families: list[Family]) -> list[Family]:
    """Declaration order, constrained by `after` and `reviews_class` (a stable topological sort).

    A dependency on a family absent from `families` (it declined the class) is dropped; a cycle is an error.
    """
    present = {f.suffix for f in families}
    reviewers = {f.suffix for f in families if f.reviews_class}
    needs: dict[str, set[str]] = {}
    for f in families:
        deps = {d for d in f.after if d in present}
        if f.reviews_class:
            deps |= present - reviewers
        elif any(d in reviewers for d in f.after):
            raise OrderError(f"{f.suffix} runs after {sorted(set(f.after) & reviewers)}, which reviews the class")
        needs[f.suffix] = deps - {f.suffix}
    ordered: list[Family] = []
    done: set[str] = set()
    pending = list(families)
    while pending:
        ready = next((f for f in pending if needs[f.suffix] <= done), None)
        if ready is None:
            raise OrderError(f"the dependencies of {[f.suffix for f in pending]} form a cycle")
        ordered.append(ready)
        done.add(ready.suffix)
        pending.remove(ready)
    return ordered


def prefix_of(conformance_class: str) -> str:
    return CLASS_PREFIX.get(conformance_class, conformance_class.upper()[:4])


def checks_for(conformance_class: str, spec: SpecIndex) -> list[Check]:
    """The checks of one class, in execution order."""
    import conformance.checks  # noqa: F401 - registers the families

    chosen = execution_order([f for f in _FAMILIES if f.applies is None or f.applies(conformance_class, spec)])
    return [Check(f"{prefix_of(conformance_class)}-{f.suffix}", conformance_class, f) for f in chosen]


def all_checks(spec: SpecIndex) -> dict[str, list[Check]]:
    return {c: checks_for(c, spec) for c in spec.classes()}


def only_core(conformance_class: str, spec: SpecIndex) -> bool:
    return conformance_class == "core"


def module_class(conformance_class: str, spec: SpecIndex) -> bool:
    return conformance_class != "core" and bool(spec.collections_of(conformance_class))
