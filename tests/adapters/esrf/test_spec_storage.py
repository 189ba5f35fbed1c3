"""The ESRF adapter maps exactly what the spec says a record is, and serves exactly the classes it declares.

For every resource: the mapped fields (``Mapping.fields``, plus ``uuid``/``createdAt``/``updatedAt`` that the kit
adds) equal the spec's properties, except the fields listed in ``Mapping.unheld`` with the reason ESRF's schema
cannot hold them; a written class holds every field (a write must read back as sent, so nothing is unheld there).
The profile's classes are the spec's, and every resource of them is mapped. No database needed (milliseconds).
"""

from __future__ import annotations

import pytest
from ispyb_esrf_adapter.mapping import mappings
from ispyb_esrf_adapter.site import READ_ONLY_CLASSES, WRITE_CLASSES, esrf_site, profile

from site_kit import spec
from site_kit.resources import PROVENANCE, registry

#: set by the kit, or (``site``) stated only by a federation: no storage holds them
SERVER_SET = {"uuid", "createdAt", "updatedAt", PROVENANCE}


def _properties(name: str) -> set[str]:
    schema = spec.schema(name)
    found = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        found |= set(spec.deref(part).get("properties", {})) if "$ref" in part else set(part.get("properties", {}))
    return found


@pytest.mark.parametrize("name", sorted(registry()))
def test_mapped_fields_are_the_spec_properties_or_say_why_not(name: str) -> None:
    m = {m.name: m for m in mappings()}[name]
    mapped = {f.name for f in m.fields}
    unheld = dict(m.unheld)
    assert all(reason for reason in unheld.values())
    assert mapped | set(unheld) | SERVER_SET == _properties(name)
    assert not mapped & set(unheld), "a field both mapped and declared unheld"
    if registry()[name].module in WRITE_CLASSES:
        assert not unheld, f"{name} is written: every field it takes must read back"


def test_the_profile_serves_every_class_of_the_spec_and_each_of_their_resources() -> None:
    served = profile()
    assert set(served.classes) == set(spec.conformance_classes())
    assert served.read_only == READ_ONLY_CLASSES
    assert set(WRITE_CLASSES) | READ_ONLY_CLASSES | {"core"} == set(spec.conformance_classes())
    assert {r.name for r in served.served_resources} == set(esrf_site().mappings) == set(registry())


def test_table_codes_are_distinct_and_fixed() -> None:
    codes = {m.name: m.table_code for m in mappings()}
    assert len(set(codes.values())) == len(codes)
    assert codes["Proposal"] == 1 and codes["DataCollection"] == 31 and codes["Workflow"] == 54


@pytest.mark.parametrize("name", sorted(n for n, r in registry().items() if r.module in WRITE_CLASSES))
def test_written_strings_fit_their_esrf_columns(name: str) -> None:
    """A string the spec allows fits the ESRF column it is written to (else a valid write would answer 422);
    ENUM columns take what they can, the rest is kept beside the row (side.py)."""
    m = esrf_site().mappings[name]
    columns = m.table.__table__.c  # type: ignore[attr-defined]
    for f in m.fields:
        if f.column is None or f.computed:
            continue
        kind = columns[f.column].type
        declared = spec.schema(name).get("properties", {}).get(f.name, {})
        declared = spec.deref(declared) if "$ref" in declared else declared
        if getattr(kind, "enums", None) or declared.get("format") in ("uuid", "date-time", "date"):
            continue
        length = getattr(kind, "length", None)
        if f.vocab is not None and length is not None:  # the site strings the vocabulary writes
            assert max(len(site) for site in f.vocab.write_map.values()) <= length, (f.name, f.column, length)
        elif declared.get("type") == "string" and length is not None:
            assert length >= declared.get("maxLength", 64), (f.name, f.column, length)
