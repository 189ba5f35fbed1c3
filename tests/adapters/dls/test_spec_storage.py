"""The DLS adapter's storage held against the spec: what it maps, which classes it serves, what its columns hold.

The adapter restates the spec in its mapping tables (``mapping.py``); these tests make the restatement answer to
the spec instead of drifting from it (issue 12 §3). No database: the ORM metadata of ``ispyb.sqlalchemy`` is
DLS-DB's schema (the test databases are created from it). Cost: under a second beyond the imports.

* Fields: every served resource maps exactly the spec's properties, except those it declares it cannot hold
  (``Mapping.unheld``, each with its reason: DLS-DB 5.2.0 has no ORCID column for ``Person.orcid``).
* Classes: the profile serves the classes of the mapped resources, and every resource of those classes is mapped.
* Lengths: every writable string field's column holds the spec's ``maxLength`` — no DLS column is shorter, so no
  field relies on the 422 the adapter answers (naming the field) when a value does not fit. A vocabulary field is
  written as one of the adapter's own site strings, not as the client's value: those strings must fit (and be
  members of a native ENUM column); the spec's ``maxLength`` 64 there is the extensible enum's width. Every
  class is written; a value of the spec with no DLS string that fits is not in the write map (422 naming the
  field): ``Proposal.proposalType`` is VARCHAR(2) at DLS, so ``XPDF`` cannot be written back as ``xpdf``.
"""

from __future__ import annotations

from typing import Any

import ispyb.sqlalchemy as d
import pytest
from ispyb_dls_adapter import convert
from ispyb_dls_adapter.hooks.processing import PIPELINE_NAME_LENGTH
from ispyb_dls_adapter.site import CLASSES, SITE, WRITE_CLASSES, profile
from sqlalchemy import Enum, create_engine

from site_kit import spec
from site_kit.mapped import Field, MappedStorage, Mapping
from site_kit.resources import PROVENANCE, registry

#: set by the kit, or (``site``) stated only by a federation: no storage holds them
KIT_FIELDS = {"uuid", "createdAt", "updatedAt", PROVENANCE}
#: (resource, field) whose DLS column is shorter than the spec's maxLength (the adapter answers 422 naming the
#: field for a longer value): none today; one added here must say why DLS cannot hold more
SHORTER_COLUMNS: dict[tuple[str, str], str] = {}
#: (resource, field, value) of a written vocabulary field that DLS has no string for (a write answers 422 naming
#: the field), each with why
UNWRITABLE_VALUES = {("Proposal", "proposalType", "XPDF"): "Proposal.proposalType is VARCHAR(2): xpdf does not fit"}


def _input_property(name: str, field: str) -> dict[str, Any]:
    prop = spec.schema(f"{name}Input").get("properties", {}).get(field)
    assert prop is not None, f"{name}.{field} is written by the adapter but is not in {name}Input"
    return spec.deref(prop) if "$ref" in prop else prop


def _column(m: Mapping, f: Field) -> Any:
    assert f.column is not None
    return m.table.__table__.c[f.column]


@pytest.mark.parametrize("name", sorted(SITE.mappings))
def test_a_served_resource_maps_the_spec_fields_or_says_why_not(name: str) -> None:
    m = SITE.mappings[name]
    properties = set(spec.schema(name)["properties"]) - KIT_FIELDS
    mapped = set(m.index) - KIT_FIELDS
    unheld = dict(m.unheld)
    assert not mapped & set(unheld), f"{name}: declared unheld but mapped: {sorted(mapped & set(unheld))}"
    assert all(reason.strip() for reason in unheld.values()), f"{name}: an unheld field without a reason"
    assert mapped | set(unheld) == properties, (
        f"{name}: not mapped {sorted(properties - mapped - set(unheld))}, not in the spec {sorted(mapped - properties)}"
    )


def test_person_orcid_is_the_one_field_dls_cannot_hold() -> None:
    unheld = {(name, field) for name, m in SITE.mappings.items() for field, _ in m.unheld}
    assert unheld == {("Person", "orcid")}
    assert "orcid" not in {c.key.lower() for c in d.Person.__table__.c}


def test_the_profile_serves_the_classes_of_the_mapped_resources_and_all_their_resources() -> None:
    served = profile("diamond.ac.uk", MappedStorage(SITE, create_engine("sqlite://"), "diamond.ac.uk"))
    modules = {registry()[name].module for name in SITE.mappings}
    # the change feed has no resources of its own: an outbox table beside Diamond's schema serves it
    assert set(served.served_classes) == modules | {"core", "changes"} == CLASSES
    assert {r.name for r in served.served_resources} == set(SITE.mappings)
    unmapped = [r.name for r in registry().values() if r.module in CLASSES and r.name not in SITE.mappings]
    assert unmapped == []
    writes = {r.module for r in served.served_resources if served.writes(r)}
    assert writes == set(WRITE_CLASSES) - {"changes"}


def _writable_strings() -> list[tuple[str, str]]:
    """String fields written to a main-table column, of the classes the adapter writes (all but core)."""
    out = []
    for name, m in SITE.mappings.items():
        if registry()[name].module not in WRITE_CLASSES:
            continue
        kinds = {f.name: f.kind for f in registry()[name].fields}
        out += [(name, f.name) for f in m.fields if f.column is not None and not f.ref and kinds[f.name] == "string"]
    return sorted(out)


@pytest.mark.parametrize(("name", "field"), _writable_strings())
def test_a_writable_string_column_holds_what_the_spec_allows(name: str, field: str) -> None:
    m = SITE.mappings[name]
    f = m.index[field]
    column = _column(m, f)
    length = getattr(column.type, "length", None)
    prop = _input_property(name, field)
    if f.vocab is not None or f.write is not None:
        written = set(f.vocab.write_map.values()) if f.vocab is not None else set(convert.RUN_STATUS_WRITE.values())
        if length is not None:
            too_long = sorted(v for v in written if len(v) > length)
            assert not too_long, f"{name}.{field}: {too_long} do not fit {m.table_name}.{f.column} ({length})"
        if isinstance(column.type, Enum):
            assert written <= set(column.type.enums), f"{name}.{field}: {sorted(written - set(column.type.enums))}"
        return
    limit = prop.get("maxLength")
    assert limit is not None, f"{name}.{field}: the spec gives no maxLength for a string"
    if length is not None and length < limit:
        assert (name, field) in SHORTER_COLUMNS, (
            f"{name}.{field}: {m.table_name}.{f.column} holds {length} characters, the spec allows {limit}"
        )


def test_every_value_of_a_written_vocabulary_has_a_dls_string_or_says_why_not() -> None:
    unwritable = set()
    for name, m in SITE.mappings.items():
        if registry()[name].module not in WRITE_CLASSES:
            continue
        for f in m.fields:
            enum = registry()[name].field_index[f.name].enum if f.name in registry()[name].field_index else None
            if f.column is not None and f.vocab is not None and enum:
                unwritable |= {(name, f.name, value) for value in enum if value not in f.vocab.write_map}
    assert unwritable == set(UNWRITABLE_VALUES)


def test_the_pipeline_lookup_holds_the_spec_pipeline_names() -> None:
    """``ProcessingProgram.pipeline`` is written by its hooks into DLS's ``ProcessingPipeline`` lookup."""
    assert d.ProcessingPipeline.__table__.c.name.type.length == PIPELINE_NAME_LENGTH
    assert _input_property("ProcessingProgram", "pipeline")["maxLength"] <= PIPELINE_NAME_LENGTH
