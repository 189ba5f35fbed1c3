"""Diamond's values ↔ the common API: its local clock, and its strings ↔ the common enums.

Every vocabulary is a table (``docs/site-mapping.md`` §3–§7): ``read`` maps a DLS string (compared without case)
to the common value, ``write`` the common value to the string DLS writes. A DLS string with no common value is
omitted from the response, never guessed (``site_kit.mapped.Vocabulary``).
"""

from __future__ import annotations

from site_kit.mapped import SiteClock, Vocabulary, upper, vocab

#: DATETIME columns hold Diamond local time; TIMESTAMP columns UTC
CLOCK = SiteClock("Europe/London", standard_offset=0)

_PROPOSAL_TYPE = vocab({"mx": "MX", "bx": "SAXS", "em": "EM", "xpdf": "XPDF", "sp": "SPECTROSCOPY", "sm": "OTHER"})
#: ``Proposal.proposalType`` is VARCHAR(2): ``xpdf`` is read when a site stores it elsewhere, but XPDF cannot be
#: written back (422 naming the field: DLS-DB has no two-letter code for it)
PROPOSAL_TYPE = Vocabulary(_PROPOSAL_TYPE.read_map, {k: v for k, v in _PROPOSAL_TYPE.write_map.items() if len(v) <= 2})
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
        "returned": "RETURNED",
        "in_sample_changer": "IN_SAMPLE_CHANGER",  # BLSample.isInSampleChanger = 1 (mapping.py, hooks/samples.py)
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
        "sent to User": "SENT_TO_USER",
        "cancelled": "CANCELLED",
        "disposed": "CLOSED",
    },
    {"AT_FACILITY": "at DLS"},
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
        "in_sample_changer": "IN_SAMPLE_CHANGER",
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
    },
    {"OTHER": "Box"},
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


#: what the adapter writes to ``DataCollection.runStatus`` (free text at DLS; read by a CASE in mapping.py)
RUN_STATUS_WRITE = {
    "SUCCESSFUL": "DataCollection Successful",
    "FAILED": "DataCollection Failed",
    "ABORTED": "DataCollection Aborted",
    "RUNNING": "DataCollection Running",
}


def processing_status_write(value: str) -> int | None:
    """``AutoProcProgram.processingStatus``: 1 success, 0 failure; NULL otherwise (QUEUED/RUNNING: db.py)."""
    return {"SUCCESS": 1, "FAILED": 0}.get(value)
