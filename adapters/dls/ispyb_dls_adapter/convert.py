"""Values between Diamond's columns and the common API: instants, and the site's strings ↔ the common enums.

Every vocabulary is a table (``docs/site-mapping.md`` §3–§7): ``read`` maps a DLS string (compared without case)
to the common value, ``write`` the common value to the string DLS writes. A DLS string with no common value is
omitted from the response, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

SITE_ZONE = ZoneInfo("Europe/London")


# --------------------------------------------------------------------------- instants


def instant_out(value: datetime | date | None, *, utc: bool) -> str | None:
    """RFC 3339 in UTC. TIMESTAMP columns arrive in UTC (session time_zone); DATETIME ones in Diamond local time."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0), SITE_ZONE)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=UTC if utc else SITE_ZONE)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def instant_in(value: str | None, *, utc: bool) -> datetime | None:
    """A naive value for the column: UTC for TIMESTAMP columns, Diamond local time for DATETIME ones."""
    if value is None:
        return None
    aware = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    return aware.astimezone(UTC if utc else SITE_ZONE).replace(tzinfo=None)


# --------------------------------------------------------------------------- vocabularies


@dataclass(frozen=True)
class Vocabulary:
    """DLS strings ↔ one common enum."""

    read_map: dict[str, str]
    write_map: dict[str, str]

    def read(self, value: object) -> str | None:
        if value is None:
            return None
        return self.read_map.get(str(value).strip().lower())

    def write(self, value: str | None) -> str | None:
        return None if value is None else self.write_map[value]

    def site_values(self, common: str) -> list[str]:
        """Every DLS string that reads as ``common`` (for list filters)."""
        return [site for site, api in self.read_map.items() if api == common]


def vocab(pairs: dict[str, str], write: dict[str, str] | None = None) -> Vocabulary:
    """``pairs``: DLS string → common value. Writes use ``write`` or else the first DLS string of each value."""
    read_map = {k.lower(): v for k, v in pairs.items()}
    write_map = dict(write or {})
    for site, api in pairs.items():
        write_map.setdefault(api, site)
    return Vocabulary(read_map, write_map)


def upper(*values: str) -> Vocabulary:
    """Native enums whose values only differ by case (``Omega`` → ``OMEGA``)."""
    return vocab({v: v.upper() for v in values})


PROPOSAL_TYPE = vocab({"mx": "MX", "bx": "SAXS", "em": "EM", "xpdf": "XPDF", "sm": "OTHER"}, {"MX": "mx"})
PROPOSAL_STATE = vocab({"Open": "OPEN", "Closed": "CLOSED", "Cancelled": "CANCELLED"})
PROPOSAL_ROLE = vocab(
    {
        "Principal Investigator": "PRINCIPAL_INVESTIGATOR",
        "Co-Investigator": "CO_INVESTIGATOR",
        "Alternate Contact": "ALTERNATE_CONTACT",
        "Associate": "ASSOCIATE",
        "ERA Admin": "ERA_ADMIN",
    }
)
SESSION_ROLE = vocab(
    {
        "Local Contact": "LOCAL_CONTACT",
        "Local Contact 2": "LOCAL_CONTACT_2",
        "Staff": "STAFF",
        "Team Leader": "TEAM_LEADER",
        "Co-Investigator": "CO_INVESTIGATOR",
        "Principal Investigator": "PRINCIPAL_INVESTIGATOR",
        "Alternate Contact": "ALTERNATE_CONTACT",
        "Data Access": "DATA_ACCESS",
        "Team Member": "TEAM_MEMBER",
        "ERA Admin": "ERA_ADMIN",
        "Associate": "ASSOCIATE",
    }
)
SAFETY_LEVEL = upper("GREEN", "YELLOW", "RED")
# BLSample.blSampleStatus strings are not documented; these are the ones SynchWeb/GDA are known to write.
SAMPLE_STATUS = vocab(
    {
        "registered": "REGISTERED",
        "queued": "QUEUED",
        "collected": "COLLECTED",
        "failed": "FAILED",
        "in_sample_changer": "IN_SAMPLE_CHANGER",  # BLSample.isInSampleChanger = 1 (mapping.py)
    }
)
SHIPMENT_STATUS = vocab(
    {
        "opened": "OPENED",
        "awb created": "READY_TO_GO",
        "pickup cancelled": "READY_TO_GO",
        "pickup booked": "PICKUP_BOOKED",
        "sent to facility": "SENT_TO_FACILITY",
        "at facility": "AT_FACILITY",
        "at DLS": "AT_FACILITY",
        "dispatch-requested": "AT_FACILITY",
        "dispatch request cancelled": "AT_FACILITY",
        "processing": "PROCESSING",
        "disposed": "CLOSED",
    }
)
DEWAR_STATUS = vocab(
    {
        "opened": "OPENED",
        "ready to go": "READY_TO_GO",
        "sent to facility": "SENT_TO_FACILITY",
        "sent to DLS": "SENT_TO_FACILITY",
        "at facility": "AT_FACILITY",
        "at DLS": "AT_FACILITY",
        "processing": "PROCESSING",
        "unprocessing": "UNPROCESSING",
        "sent to User": "SENT_TO_USER",
        "disposed": "DISPOSED",
        "closed": "CLOSED",
    },
    {"AT_FACILITY": "at DLS", "SENT_TO_FACILITY": "sent to facility"},
)
DEWAR_TYPE = upper("Dewar", "Toolbox", "Parcel")
CONTAINER_STATUS = vocab(
    {
        "opened": "OPENED",
        "in_storage": "IN_STORAGE",
        "at DLS": "AT_FACILITY",
        "at facility": "AT_FACILITY",
        "processing": "PROCESSING",
        "sent to User": "RETURNED",
    }
)
CONTAINER_TYPE = vocab(
    {
        "Puck": "PUCK",
        "Puck-16": "PUCK",
        "Puck-22": "PUCK",
        "Unipuck": "UNIPUCK",
        "Spinepuck": "SPINE_PUCK",
        "Basket": "BASKET",
        "Cane": "CANE",
        "CrystalQuickX": "PLATE",
        "MRC 2 Drop": "PLATE",
        "B21_96": "PLATE",
        "PCRStrip": "PLATE",
        "VMXm-Cartridge": "CASSETTE",
        "Chip": "CHIP",
        "Cryo-EM Puck": "OTHER",
        "I22_Capillary_Rack_20": "OTHER",
        "Box": "OTHER",
    }
)
EXPERIMENT_TYPE = vocab(
    {
        "SAD": "SAD",
        "SAD - Inverse Beam": "SAD",
        "OSC": "OSC",
        "Collect - Multiwedge": "OSC",
        "Standard": "OSC",
        "MAD": "MAD",
        "MAD - Inverse Beam": "MAD",
        "Helical": "HELICAL",
        "Multi-positional": "MULTI_POSITIONAL",
        "Mesh": "MESH",
        "Burn": "BURN",
        "Characterization": "CHARACTERIZATION",
        "Dehydration": "DEHYDRATION",
        "tomo": "TOMOGRAPHY",
        "experiment": "OTHER",
        "EM": "EM",
        "single particle": "EM",
        "PDF": "OTHER",
        "PDF+Bragg": "OTHER",
        "Bragg": "OTHER",
        "Serial Fixed": "SSX_CHIP",
        "Serial Jet": "SSX_JET",
        "Time Resolved": "TIME_RESOLVED",
        "Diamond Anvil High Pressure": "OTHER",
        "Custom": "OTHER",
        "XRF map": "XRF_MAP",
        "XRF map xas": "XRF_MAP",
        "Energy scan": "ENERGY_SCAN",
        "XRF spectrum": "XRF_SPECTRUM",
        "Mesh3D": "MESH_3D",
        "Screening": "SCREENING",
        "Still": "STILL",
        "SSX-Chip": "SSX_CHIP",
        "SSX-Jet": "SSX_JET",
        "Metal ID": "METAL_ID",
    },
    {"OTHER": "Custom", "SSX_CHIP": "SSX-Chip", "SSX_JET": "SSX-Jet"},
)
ROTATION_AXIS = upper("Omega", "Kappa", "Phi")
GRID_ORIENTATION = upper("horizontal", "vertical")
MESSAGE_SEVERITY = upper("ERROR", "WARNING", "INFO")
FILE_TYPE = upper("Log", "Result", "Graph", "Debug", "Input")
SCALING_SHELL = vocab({"overall": "OVERALL", "innerShell": "INNER_SHELL", "outerShell": "OUTER_SHELL"})
SSX_EVENT_TYPE = vocab(
    {
        "XrayDetection": "XRAY_DETECTION",
        "XrayExposure": "XRAY_EXPOSURE",
        "LaserExcitation": "LASER_EXCITATION",
        "ReactionTrigger": "REACTION_TRIGGER",
    }
)


def run_status_read(value: str | None) -> str | None:
    """``DataCollection.runStatus`` is free text ("DataCollection Successful"…): a case-insensitive heuristic."""
    if not value:
        return None
    text = value.lower()
    for needle, common in (("success", "SUCCESSFUL"), ("fail", "FAILED"), ("abort", "ABORTED"), ("stop", "ABORTED")):
        if needle in text:
            return common
    return "RUNNING" if "running" in text else None


RUN_STATUS_WRITE = {
    "SUCCESSFUL": "DataCollection Successful",
    "FAILED": "DataCollection Failed",
    "ABORTED": "DataCollection Aborted",
    "RUNNING": "DataCollection Running",
}
RUN_STATUS_LIKE = {"SUCCESSFUL": ["%success%"], "FAILED": ["%fail%"], "ABORTED": ["%abort%", "%stop%"]}


def processing_status_read(status: int | None, started: object) -> str:
    """``AutoProcProgram.processingStatus``: 1 success, 0 failure; NULL is running once started, else queued."""
    if status == 1:
        return "SUCCESS"
    if status == 0:
        return "FAILED"
    return "RUNNING" if started is not None else "QUEUED"


def processing_status_write(value: str) -> int | None:
    return {"SUCCESS": 1, "FAILED": 0}.get(value)
