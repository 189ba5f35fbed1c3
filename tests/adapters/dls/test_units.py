"""Units of the DLS adapter that need no database: the UUID scheme, vocabularies, instants, 405 ``Allow``."""

from __future__ import annotations

import uuid

import pytest
from ispyb_dls_adapter import convert
from ispyb_dls_adapter.app import served_methods
from ispyb_dls_adapter.uuids import UuidCodec


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
    assert convert.run_status_read("DataCollection Successful") == "SUCCESSFUL"
    assert convert.processing_status_read(None, None) == "QUEUED"


def test_datetime_columns_are_diamond_local_time() -> None:
    assert convert.instant_in("2026-07-01T12:00:00Z", utc=False).hour == 13  # BST
    local = convert.instant_in("2026-07-01T12:00:00Z", utc=False)
    assert convert.instant_out(local, utc=False) == "2026-07-01T12:00:00Z"


def test_read_only_classes_allow_only_get() -> None:
    assert served_methods("/v1/proteins/x") == {"GET"}
    assert {"PUT", "PATCH", "DELETE"} <= served_methods("/v1/data-collections/x")


def test_if_match_compares_strongly() -> None:
    """As the spec states (RFC 9110 13.1.1): the current tag matches, its weak form never does."""
    from ispyb_dls_adapter.service import _matches

    assert _matches('"abc"', '"abc"')
    assert _matches('"x", "abc"', '"abc"')
    assert _matches("*", '"abc"')
    assert not _matches('W/"abc"', '"abc"')
    assert not _matches('"abd"', '"abc"')
