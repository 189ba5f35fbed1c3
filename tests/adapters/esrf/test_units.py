"""Units of the ESRF adapter that need no database: vocabularies, what a column holds, instants, the profile."""

from __future__ import annotations

from datetime import datetime

import ispyb.models as e
from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.side import Beside

from site_kit import spec


def _enum(name: str) -> list[str]:
    schema = spec.schema(name)
    return list(schema.get("enum") or schema.get("x-extensible-enum") or ())


def test_esrf_strings_map_to_the_common_vocabularies_and_back() -> None:
    assert v.SHIPMENT_STATUS.read("at ESRF") == "AT_FACILITY"
    assert v.DEWAR_STATUS.write("SENT_TO_FACILITY") == "sent to ESRF"
    assert v.EXPERIMENT_TYPE.read("SAD - Inverse Beam") == "SAD"
    assert v.EXPERIMENT_TYPE.write("SSX_CHIP") == "SSX-Chip"
    assert v.ROBOT_ACTION_STATUS.read("COMMANDNOTSENT") == "COMMAND_NOT_SENT"
    assert v.DC_FILE_TYPE.read("recip") == "RECIPROCAL"
    assert v.processing_status_write("QUEUED") is None  # ESRF's NULL: not started


def test_every_common_value_of_a_written_vocabulary_is_written_and_reads_back() -> None:
    """A written class must take every value of its enums: ESRF's string, else the value kept beside."""
    for vocabulary, name in (
        (v.EXPERIMENT_TYPE, "ExperimentType"),
        (v.FILE_TYPE, "AttachmentFileType"),
        (v.ROBOT_ACTION_TYPE, "RobotActionType"),
        (v.ROBOT_ACTION_STATUS, "RobotActionStatus"),
        (v.DC_FILE_TYPE, "DataCollectionFileType"),
        (v.WORKFLOW_STATUS, "WorkflowStatus"),
    ):
        for common in _enum(name):
            assert vocabulary.read(vocabulary.write(common)) == common, (name, common)


def test_values_an_esrf_column_cannot_hold_are_kept_beside() -> None:
    experiment = Beside("experimentType", "text", e.DataCollectionGroup.experimentType, v.EXPERIMENT_TYPE)
    assert experiment.holds("SAD") and not experiment.holds("METAL_ID")
    started = Beside("startTime", "instant", e.RobotAction.startTimestamp, utc=True)
    assert started.holds(datetime(2026, 3, 14, 9)) and not started.holds(datetime(2040, 1, 1))
    assert started.fallback(datetime(1900, 1, 1)) == datetime(1970, 1, 1, 0, 0, 1)
    number = Beside("imageNumber", "integer", e.ImageQualityIndicators.imageNumber)
    assert number.holds(8_000_000) and not number.holds(100_000_000)  # MEDIUMINT
    assert not Beside("snaked", "boolean").holds(True)  # no column at all


def test_datetime_columns_are_grenoble_local_time() -> None:
    local = v.CLOCK.instant_in("2026-07-01T12:00:00Z", utc=False)
    assert local is not None and local.hour == 14  # CEST
    assert v.CLOCK.instant_out(local, utc=False) == "2026-07-01T12:00:00Z"


def test_grid_pixels_per_micron_is_written_only_when_a_float_column_holds_it() -> None:
    """Seed 9 wrote micronsPerPixelX 2.2e-309: its inverse is no FLOAT (infinite), so ESRF's column gets NULL and
    the exact value is read from beside the row."""
    from ispyb_esrf_adapter.hooks.acquisition import _inverse_in_float

    assert _inverse_in_float(0.8) == 1.25
    assert _inverse_in_float(2.225073858507203e-309) is None
    assert _inverse_in_float(3.28e-227) is None
    assert _inverse_in_float(0.0) is None and _inverse_in_float(None) is None
