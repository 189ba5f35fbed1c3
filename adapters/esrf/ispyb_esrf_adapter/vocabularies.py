"""ESRF's strings and enums ↔ the common vocabularies (docs/site-mapping.md, "What the ESRF adapter does").

``read`` maps an ESRF string (compared without case) to the common value; ``write`` a common value to the string
ESRF writes. A common value that an ESRF ``ENUM`` column cannot hold (``DataCollectionGroup.experimentType`` has 16
values, the spec 22) is written as itself and kept beside the row (``side.py``): each vocabulary therefore also
reads the common values themselves, so that what was written reads back. Status strings are those ESRF's Java
application writes (``ispyb.common.util.Constants``: 'opened', 'ready to go', 'sent to ESRF', 'at ESRF'…).
"""

from __future__ import annotations

from site_kit.mapped import SiteClock, Vocabulary, upper, vocab

#: ESRF's DATETIME columns hold Grenoble local time
CLOCK = SiteClock("Europe/Paris", 1)


def widened(base: Vocabulary, common: tuple[str, ...]) -> Vocabulary:
    """``base`` plus every common value read as itself and, where ESRF has no string for it, written as itself."""
    read_map = {**{c.lower(): c for c in common}, **base.read_map}
    write_map = {**{c: c for c in common}, **base.write_map}
    return Vocabulary(read_map, write_map)


PROPOSAL_TYPE = vocab({"MX": "MX", "BX": "SAXS", "EM": "EM", "SAXS": "SAXS"})
PROPOSAL_STATE = vocab({"Open": "OPEN", "Closed": "CLOSED", "Cancelled": "CANCELLED"})
#: ``Session_has_Person.role`` is an ENUM of 7; the spec's other roles are kept beside the row
SESSION_ROLES = (
    "LOCAL_CONTACT", "LOCAL_CONTACT_2", "STAFF", "TEAM_LEADER", "CO_INVESTIGATOR", "PRINCIPAL_INVESTIGATOR",
    "ALTERNATE_CONTACT", "DATA_ACCESS", "TEAM_MEMBER", "ERA_ADMIN", "ASSOCIATE",
)  # fmt: skip
SESSION_ROLE = widened(
    vocab(
        {
            "Local Contact": "LOCAL_CONTACT",
            "Local Contact 2": "LOCAL_CONTACT_2",
            "Staff": "STAFF",
            "Team Leader": "TEAM_LEADER",
            "Co-Investigator": "CO_INVESTIGATOR",
            "Principal Investigator": "PRINCIPAL_INVESTIGATOR",
            "Alternate Contact": "ALTERNATE_CONTACT",
        }
    ),
    SESSION_ROLES,
)
SAFETY_LEVEL = upper("GREEN", "YELLOW", "RED")
SAMPLE_STATUS = vocab(
    {
        "registered": "REGISTERED",
        "queued": "QUEUED",
        "collected": "COLLECTED",
        "failed": "FAILED",
        "in_sample_changer": "IN_SAMPLE_CHANGER",  # BLSample.isInSampleChanger = 1 (mapping.py)
        "returned": "RETURNED",
    }
)
#: free text at ESRF: a common status ESRF's application has no string for is written as itself
SHIPMENT_STATUS = widened(
    vocab(
        {
            "opened": "OPENED",
            "ready to go": "READY_TO_GO",
            "sent to ESRF": "SENT_TO_FACILITY",
            "at ESRF": "AT_FACILITY",
            "processing": "PROCESSING",
            "sent to User": "SENT_TO_USER",
            "closed": "CLOSED",
        }
    ),
    (
        "OPENED",
        "READY_TO_GO",
        "PICKUP_BOOKED",
        "SENT_TO_FACILITY",
        "AT_FACILITY",
        "PROCESSING",
        "SENT_TO_USER",
        "CANCELLED",
        "CLOSED",
    ),
)
DEWAR_STATUS = widened(
    vocab(
        {
            "opened": "OPENED",
            "ready to go": "READY_TO_GO",
            "sent to ESRF": "SENT_TO_FACILITY",
            "at ESRF": "AT_FACILITY",
            "processing": "PROCESSING",
            "unprocessing": "UNPROCESSING",
            "sent to User": "SENT_TO_USER",
            "closed": "CLOSED",
        }
    ),
    (
        "OPENED",
        "READY_TO_GO",
        "SENT_TO_FACILITY",
        "AT_FACILITY",
        "PROCESSING",
        "UNPROCESSING",
        "SENT_TO_USER",
        "DISPOSED",
        "CLOSED",
    ),
)
DEWAR_TYPE = widened(upper("Dewar", "Toolbox"), ("DEWAR", "TOOLBOX", "PARCEL"))
CONTAINER_STATUS = widened(
    vocab(
        {
            "opened": "OPENED",
            "in_storage": "IN_STORAGE",
            "at ESRF": "AT_FACILITY",
            "processing": "PROCESSING",
            "sent to User": "RETURNED",
        }
    ),
    ("OPENED", "IN_STORAGE", "AT_FACILITY", "PROCESSING", "IN_SAMPLE_CHANGER", "RETURNED"),
)
CONTAINER_TYPE = widened(
    vocab(
        {
            "Spinepuck": "SPINE_PUCK",
            "Unipuck": "UNIPUCK",
            "Puck": "PUCK",
            "Basket": "BASKET",
            "Cane": "CANE",
            "Plate": "PLATE",
            "Chip": "CHIP",
        }
    ),
    ("SPINE_PUCK", "UNIPUCK", "PUCK", "BASKET", "CANE", "PLATE", "CHIP", "CASSETTE", "OTHER"),
)
EXPERIMENT_TYPES = (
    "SAD", "MAD", "OSC", "HELICAL", "MULTI_POSITIONAL", "MESH", "MESH_3D", "CHARACTERIZATION", "SCREENING", "BURN",
    "DEHYDRATION", "STILL", "SSX_CHIP", "SSX_JET", "ENERGY_SCAN", "XRF_SPECTRUM", "XRF_MAP", "EM", "TOMOGRAPHY",
    "TIME_RESOLVED", "METAL_ID", "OTHER",
)  # fmt: skip
#: ESRF's 16 ``DataCollectionGroup.experimentType`` values; the other common ones are kept beside the group
EXPERIMENT_TYPE = widened(
    vocab(
        {
            "SAD": "SAD",
            "SAD - Inverse Beam": "SAD",
            "OSC": "OSC",
            "Collect - Multiwedge": "OSC",
            "MAD": "MAD",
            "MAD - Inverse Beam": "MAD",
            "Helical": "HELICAL",
            "Multi-positional": "MULTI_POSITIONAL",
            "Mesh": "MESH",
            "Burn": "BURN",
            "Characterization": "CHARACTERIZATION",
            "Dehydration": "DEHYDRATION",
            "EM": "EM",
            "Still": "STILL",
            "SSX-Chip": "SSX_CHIP",
            "SSX-Jet": "SSX_JET",
        }
    ),
    EXPERIMENT_TYPES,
)
ROTATION_AXIS = upper("Omega", "Kappa", "Phi")
GRID_ORIENTATION = upper("horizontal", "vertical")
MESSAGE_SEVERITY = upper("ERROR", "WARNING", "INFO")
#: ESRF attachments are Log, Result or Graph; DEBUG and INPUT are kept beside the row
FILE_TYPE = widened(upper("Log", "Result", "Graph"), ("LOG", "RESULT", "GRAPH", "DEBUG", "INPUT"))
SCALING_SHELL = vocab({"overall": "OVERALL", "innerShell": "INNER_SHELL", "outerShell": "OUTER_SHELL"})
SSX_EVENT_TYPE = vocab(
    {
        "XrayDetection": "XRAY_DETECTION",
        "XrayExposure": "XRAY_EXPOSURE",
        "LaserExcitation": "LASER_EXCITATION",
        "ReactionTrigger": "REACTION_TRIGGER",
    }
)
ROBOT_ACTION_TYPE = widened(
    upper("LOAD", "UNLOAD", "DISPOSE", "STORE", "WASH", "ANNEAL"),
    ("LOAD", "UNLOAD", "DISPOSE", "STORE", "WASH", "ANNEAL", "MOSAIC"),
)
ROBOT_ACTION_STATUS = widened(
    vocab(
        {"SUCCESS": "SUCCESS", "ERROR": "ERROR", "CRITICAL": "CRITICAL", "WARNING": "WARNING"}
        | {"COMMANDNOTSENT": "COMMAND_NOT_SENT"}
    ),
    ("SUCCESS", "ERROR", "CRITICAL", "WARNING", "EPICS_FAIL", "COMMAND_NOT_SENT"),
)
#: ``DataCollectionFileAttachment.fileType``: snapshot, log, xy, recip; PIA, WARNING and PARAMETERS kept beside
DC_FILE_TYPE = widened(
    vocab({"snapshot": "SNAPSHOT", "log": "LOG", "xy": "XY", "recip": "RECIPROCAL"}),
    ("SNAPSHOT", "LOG", "XY", "RECIPROCAL", "PIA", "WARNING", "PARAMETERS"),
)
#: ``Workflow.status`` / ``WorkflowStep.status`` are free text at ESRF (MXCuBE/EDNA write 'Started', 'Success',
#: 'Failure', 'Error'…); the common value is written in ESRF's spelling
WORKFLOW_STATUS = vocab(
    {
        "Started": "STARTED",
        "Running": "RUNNING",
        "Success": "SUCCESS",
        "Failure": "FAILURE",
        "Error": "FAILURE",
        "Failed": "FAILURE",
        "Aborted": "ABORTED",
    }
)

RUN_STATUS_WRITE = {
    "SUCCESSFUL": "DataCollection Successful",
    "FAILED": "DataCollection Failed",
    "ABORTED": "DataCollection Aborted",
    "RUNNING": "DataCollection Running",
}


def processing_status_write(value: str | None) -> str | None:
    """``AutoProcProgram.processingStatus`` ENUM('RUNNING','FAILED','SUCCESS','0','1'): QUEUED is NULL."""
    return None if value in (None, "QUEUED") else value
