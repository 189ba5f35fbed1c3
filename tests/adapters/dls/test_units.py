"""Units of the DLS adapter that need no database: the UUID scheme, vocabularies, instants, 405 ``Allow``."""

from __future__ import annotations

import uuid

import pytest
from ispyb_dls_adapter import convert
from ispyb_dls_adapter.site import SITE, profile

from site_kit.mapped import MappedStorage, UuidCodec
from site_kit.patch import if_match


@pytest.mark.parametrize("key", [0, 1, 4294967295, (123 << 32) | 456, (1 << 74) - 1])
def test_uuids_decode_back_to_table_and_key_and_are_rfc9562_version_8(key: int) -> None:
    codec = UuidCodec("diamond.ac.uk")
    value = codec.encode(31, key)
    assert value.version == 8 and value.variant == uuid.RFC_4122
    decoded = codec.decode(value)
    assert decoded is not None and (decoded.table_code, decoded.key) == (31, key)


def test_uuids_of_other_sites_and_client_uuids_do_not_decode() -> None:
    assert UuidCodec("esrf.fr").decode(UuidCodec("diamond.ac.uk").encode(1, 5)) is None
    assert UuidCodec("diamond.ac.uk").decode(uuid.uuid4()) is None


def test_dls_strings_map_to_the_common_vocabularies_and_back() -> None:
    assert convert.SHIPMENT_STATUS.read("at DLS") == "AT_FACILITY"
    assert set(convert.DEWAR_STATUS.site_values("AT_FACILITY")) >= {"at dls", "at facility"}
    assert convert.EXPERIMENT_TYPE.read("SAD - Inverse Beam") == "SAD"
    assert convert.EXPERIMENT_TYPE.write("SSX_CHIP") == "SSX-Chip"
    assert convert.SCALING_SHELL.write("INNER_SHELL") == "innerShell"
    assert convert.RUN_STATUS_WRITE["SUCCESSFUL"] == "DataCollection Successful"
    assert convert.processing_status_write("QUEUED") is None  # DLS's NULL: "not finished"


def test_datetime_columns_are_diamond_local_time() -> None:
    local = convert.CLOCK.instant_in("2026-07-01T12:00:00Z", utc=False)
    assert local is not None and local.hour == 13  # BST
    assert convert.CLOCK.instant_out(local, utc=False) == "2026-07-01T12:00:00Z"


def test_every_served_class_is_written() -> None:
    """A user-office sync writes proposals and sessions, users shipments and samples: no class is read-only."""
    from sqlalchemy import create_engine

    served = profile("diamond.ac.uk", MappedStorage(SITE, create_engine("sqlite://"), "diamond.ac.uk"))
    assert served.read_only == frozenset()
    assert {"PUT", "PATCH"} <= (served.allowed_methods("/v1/proposals/x") or set())
    for path in ("/v1/proteins/x", "/v1/containers/x", "/v1/session-members/x", "/v1/data-collections/x"):
        assert {"PUT", "PATCH", "DELETE"} <= (served.allowed_methods(path) or set()), path


def test_if_match_compares_strongly() -> None:
    """As the spec states (RFC 9110 13.1.1): the current tag matches, its weak form never does."""
    assert if_match('"abc"', '"abc"')
    assert if_match('"x", "abc"', '"abc"')
    assert if_match("*", '"abc"')
    assert not if_match('W/"abc"', '"abc"')
    assert not if_match('"abd"', '"abc"')
