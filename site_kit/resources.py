"""The registry of resources as the spec declares them: what routes and storages need to know about each one.

Most of it is read from the spec (collection path, fields and their kinds, filters, roles, whether DELETE
exists) and so are the constraints the server enforces: the target of every reference (``x-references``),
unique field sets (``x-unique``), fields fixed at creation (``x-immutable``) and bounds taken from a
referenced record (``x-maximum-from``). What the spec cannot say — which parent a record copies its
proposal from, how visibility is decided — is declared here, in one table, per resource. How a resource is
stored is the implementation's business: the reference server binds names to its own ORM classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any, Literal

import ispyb_common_models.models as api_models
from pydantic import BaseModel

from site_kit import spec

#: the read-only member and list filter naming the site a record comes from (stated by a federation, optionally
#: by a single site; ``site_kit.routes`` answers the filter for single sites, so no storage stores it)
PROVENANCE = "site"

Kind = Literal["uuid", "datetime", "date", "string", "integer", "number", "boolean", "json"]


class Visibility(Enum):
    """How the reader's reach over a record is decided."""

    PROPOSAL = "proposal"  # the record's proposal_uuid must be one of the caller's proposals
    SELF = "self"  # the record IS a proposal
    PERSON = "person"  # the caller, or a member of one of the caller's proposals
    PUBLIC = "public"  # facility reference data (laboratories, detectors, beamline setups): every caller


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True)
class FieldInfo:
    """One body field of a resource and the column it is stored in."""

    name: str
    column: str
    kind: Kind
    derived: bool
    required: bool
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Reference:
    """A field holding the UUID of another resource."""

    field: str
    target: str
    same_module: bool


@dataclass(frozen=True)
class Bound:
    """``x-maximum-from``: the field is at most ``property`` of the record its ``reference`` field names."""

    field: str
    reference: str
    target: str
    property: str


@dataclass(frozen=True)
class Filter:
    """A query parameter of the list operation: equality on a field, membership among several values (``in``:
    the parameter repeated, at most ``max_items`` values, as the spec's array bounds say), or a half-open time
    range."""

    param: str
    column: str
    op: Literal["eq", "ge", "lt", "in"]
    kind: Kind
    max_items: int | None = None


@dataclass(frozen=True)
class Parent:
    """The record a resource inherits derived fields (its proposal, beamline…) from."""

    field: str
    target: str
    copies: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    name: str
    collection: str
    module: str
    input_model: type[BaseModel]
    patch_model: type[BaseModel]
    fields: tuple[FieldInfo, ...]
    references: tuple[Reference, ...]
    filters: tuple[Filter, ...]
    read_roles: frozenset[str]
    write_roles: frozenset[str]
    deletable: bool
    visibility: Visibility
    parent: Parent | None = None
    #: explicit-scope records whose parent may live locally: copies that must then agree with the parent
    consistent_with: Parent | None = None
    #: ``x-unique``: sets of fields unique among the collection's records (SQL semantics: NULL never collides)
    unique: tuple[tuple[str, ...], ...] = ()
    #: ``x-immutable``: fields set at creation that never change (another value on PUT/PATCH answers 409)
    immutable: tuple[str, ...] = ()
    #: ``x-maximum-from``: fields bounded by a property of the record they refer to
    bounds: tuple[Bound, ...] = ()
    field_index: dict[str, FieldInfo] = field(default_factory=dict, compare=False, hash=False)

    @property
    def has_proposal(self) -> bool:
        return "proposalUuid" in self.field_index

    @property
    def has_beamline(self) -> bool:
        return "beamlineName" in self.field_index

    @property
    def writable(self) -> tuple[FieldInfo, ...]:
        return tuple(f for f in self.fields if not f.derived)


# --------------------------------------------------------------------------- what the spec cannot say

_DERIVED_FROM: dict[str, Parent] = {
    "SessionMember": Parent("sessionUuid", "Session", ("proposalUuid",)),
    "Crystal": Parent("proteinUuid", "Protein", ("proposalUuid",)),
    "Sample": Parent("crystalUuid", "Crystal", ("proposalUuid",)),
    "SampleImage": Parent("sampleUuid", "Sample", ("proposalUuid",)),
    "Dewar": Parent("shipmentUuid", "Shipment", ("proposalUuid",)),
    "Container": Parent("dewarUuid", "Dewar", ("proposalUuid",)),
    "DataCollection": Parent(
        "dataCollectionGroupUuid", "DataCollectionGroup", ("proposalUuid", "beamlineName", "sessionUuid", "sampleUuid")
    ),
    "GridScan": Parent("dataCollectionGroupUuid", "DataCollectionGroup", ("proposalUuid", "beamlineName")),
    "ProcessingMessage": Parent("processingProgramUuid", "ProcessingProgram", ("proposalUuid", "beamlineName")),
    "ProcessingAttachment": Parent("processingProgramUuid", "ProcessingProgram", ("proposalUuid", "beamlineName")),
    "Integration": Parent("processingProgramUuid", "ProcessingProgram", ("proposalUuid", "beamlineName")),
    "ScalingStatistics": Parent("processingProgramUuid", "ProcessingProgram", ("proposalUuid", "beamlineName")),
    "WorkflowStep": Parent("workflowUuid", "Workflow", ("proposalUuid", "beamlineName")),
}

#: Records that carry their scope explicitly (their parent may be in another service); when the parent is
#: served here, the explicit values must agree with it.
_CONSISTENT_WITH: dict[str, Parent] = {
    "DataCollectionGroup": Parent("sessionUuid", "Session", ("proposalUuid", "beamlineName")),
    "EnergyScan": Parent("sessionUuid", "Session", ("proposalUuid", "beamlineName")),
    "XrfSpectrum": Parent("sessionUuid", "Session", ("proposalUuid", "beamlineName")),
    "ProcessingJob": Parent("dataCollectionUuid", "DataCollection", ("proposalUuid", "beamlineName")),
    "ProcessingProgram": Parent("dataCollectionUuid", "DataCollection", ("proposalUuid", "beamlineName")),
    "Screening": Parent("dataCollectionUuid", "DataCollection", ("proposalUuid", "beamlineName")),
    "Integration": Parent("dataCollectionUuid", "DataCollection", ("proposalUuid", "beamlineName")),
    "RobotAction": Parent("sessionUuid", "Session", ("proposalUuid", "beamlineName")),
    "Workflow": Parent("sessionUuid", "Session", ("proposalUuid", "beamlineName")),
    "Image": Parent("dataCollectionUuid", "DataCollection", ("proposalUuid", "beamlineName")),
    "ImageQualityIndicators": Parent("dataCollectionUuid", "DataCollection", ("proposalUuid", "beamlineName")),
    "DataCollectionAttachment": Parent("dataCollectionUuid", "DataCollection", ("proposalUuid", "beamlineName")),
}

_VISIBILITY: dict[str, Visibility] = {
    "Proposal": Visibility.SELF,
    "Person": Visibility.PERSON,
    "Laboratory": Visibility.PUBLIC,
    "Detector": Visibility.PUBLIC,
    "BeamlineSetup": Visibility.PUBLIC,
}


# --------------------------------------------------------------------------- reading the spec

#: the time-range filters of the spec's lists: half-open bounds on the start or the end of a record
_TIME_FILTERS: dict[str, tuple[str, Literal["ge", "lt"]]] = {
    "startedAfter": ("start_time", "ge"),
    "startedBefore": ("start_time", "lt"),
    "endedAfter": ("end_time", "ge"),
}


def _kind(prop: dict[str, Any]) -> tuple[Kind, tuple[str, ...] | None]:
    if "$ref" in prop:
        target = spec.deref(prop)
        values = target.get("x-extensible-enum", target.get("enum"))
        if target.get("type") == "string" and values is not None:
            return "string", tuple(values)
        return "json", None
    types = prop.get("type")
    types = [t for t in (types if isinstance(types, list) else [types]) if t != "null"]
    kind = types[0]
    if kind == "string" and prop.get("format") == "uuid":
        return "uuid", None
    if kind == "string" and prop.get("format") == "date-time":
        return "datetime", None
    if kind == "string" and prop.get("format") == "date":
        return "date", None
    if kind in ("array", "object"):
        return "json", None
    return kind, None


def _collections() -> dict[str, tuple[str, spec.Operation]]:
    """Resource name → (collection path segment, its create operation)."""
    out = {}
    for op in spec.operations():
        if op.method == "post" and op.operation_id.startswith("create"):
            out[op.operation_id.removeprefix("create")] = (op.path.removeprefix("/v1/"), op)
    return out


def _build(name: str, collection: str, modules: dict[str, str]) -> Resource:
    schema = spec.schema(name)
    required = set(schema.get("required", ()))
    fields = []
    for prop_name, prop in schema["properties"].items():
        if prop_name in ("uuid", "createdAt", "updatedAt", PROVENANCE):  # the kit's or a federation's, not stored
            continue
        kind, enum = _kind(prop)
        fields.append(
            FieldInfo(prop_name, snake(prop_name), kind, bool(prop.get("readOnly")), prop_name in required, enum)
        )
    index = {f.name: f for f in fields}
    module = modules[name]
    props = schema["properties"]
    references = []
    for f in fields:
        target = props[f.name].get("x-references")
        if target is not None:
            references.append(Reference(f.name, target, modules.get(target) == module))
    targets = {r.field: r.target for r in references}
    bounds = tuple(
        Bound(f, rule["reference"], targets[rule["reference"]], rule["property"])
        for f, prop in props.items()
        if (rule := prop.get("x-maximum-from"))
    )
    ops = {op.operation_id: op for op in spec.operations()}
    plural_ops = [op for op in spec.operations() if op.path == f"/v1/{collection}" and op.method == "get"]
    list_op = plural_ops[0]
    filters = []
    for param in list_op.raw.get("parameters", []):
        param = spec.deref(param)
        pname = param["name"]
        if pname in ("limit", "pageToken", "orderBy", PROVENANCE):
            continue
        param_schema = spec.deref(param.get("schema", {}))  # not ``schema``: the record's is read below
        if pname in _TIME_FILTERS:
            column, op = _TIME_FILTERS[pname]
            filters.append(Filter(pname, column, op, "datetime"))
        elif param_schema.get("type") == "array":  # several values (``uuid`` and the references): any of them matches
            column = "uuid" if pname == "uuid" else index[pname].column
            filters.append(
                Filter(pname, column, "in", "uuid" if pname == "uuid" else index[pname].kind, param_schema["maxItems"])
            )
        else:
            filters.append(Filter(pname, index[pname].column, "eq", index[pname].kind))
    return Resource(
        name=name,
        collection=collection,
        module=module,
        input_model=getattr(api_models, f"{name}Input"),
        patch_model=getattr(api_models, f"{name}Patch"),
        fields=tuple(fields),
        references=tuple(references),
        filters=tuple(filters),
        read_roles=list_op.roles,
        write_roles=ops[f"create{name}"].roles,
        deletable=f"delete{name}" in ops,
        visibility=_VISIBILITY.get(name, Visibility.PROPOSAL),
        parent=_DERIVED_FROM.get(name),
        consistent_with=_CONSISTENT_WITH.get(name),
        unique=tuple(tuple(fields_set) for fields_set in schema.get("x-unique", ())),
        immutable=tuple(f for f, prop in props.items() if prop.get("x-immutable")),
        bounds=bounds,
        field_index=index,
    )


@cache
def registry() -> dict[str, Resource]:
    """Every resource of the spec, by schema name."""
    collections = _collections()
    modules = {name: op.conformance_class for name, (_, op) in collections.items()}
    resources = {name: _build(name, collection, modules) for name, (collection, _) in collections.items()}
    for resource in resources.values():
        for link in (resource.parent, resource.consistent_with):
            # the tables above name parents; the spec must fix them at creation, or a copy could go stale
            if link is not None and link.field not in resource.immutable:
                raise RuntimeError(f"{resource.name}.{link.field} names a parent but is not x-immutable in the spec")
    return resources


def children_of(name: str) -> list[Resource]:
    """Resources that inherit derived fields from ``name`` (to cascade a change of scope)."""
    return [r for r in registry().values() if r.parent is not None and r.parent.target == name]
