"""What DLS records do beyond their main row: one ``ResourceHooks`` object per resource that needs one.

* DataCollection (``ssx.py``): techniqueParameters in SSXDataCollection / EventChain / Event.
* ProcessingJob, ProcessingProgram, Integration, ScalingStatistics (``processing.py``): job parameters, the
  implicit job of a program, the pipeline lookup, QUEUED/RUNNING, AutoProc / AutoProcScaling rows.
* Screening (``screening.py``): strategies, and the first output and lattice.
* Proposal, Person, ProposalMember, SessionMember, LabContact (``people.py``): DLS's NOT NULL columns and keys.
* Sample, SampleImage, Shipment, Dewar, Container (``shipping.py``): the sample-changer flag, DLS defaults, the
  container-type lookup.
"""

from __future__ import annotations

from ispyb_dls_adapter.hooks.people import (
    LabContactHooks,
    PersonHooks,
    ProposalHooks,
    ProposalMemberHooks,
    SessionMemberHooks,
)
from ispyb_dls_adapter.hooks.processing import (
    IntegrationHooks,
    ProcessingJobHooks,
    ProcessingProgramHooks,
    ScalingStatisticsHooks,
)
from ispyb_dls_adapter.hooks.screening import ScreeningHooks
from ispyb_dls_adapter.hooks.shipping import (
    ContainerHooks,
    DewarHooks,
    SampleHooks,
    SampleImageHooks,
    ShipmentHooks,
)
from ispyb_dls_adapter.hooks.ssx import DataCollectionHooks
from site_kit.mapped import ResourceHooks

HOOKS: dict[str, ResourceHooks] = {
    "Proposal": ProposalHooks(),
    "Person": PersonHooks(),
    "ProposalMember": ProposalMemberHooks(),
    "SessionMember": SessionMemberHooks(),
    "LabContact": LabContactHooks(),
    "Sample": SampleHooks(),
    "SampleImage": SampleImageHooks(),
    "Shipment": ShipmentHooks(),
    "Dewar": DewarHooks(),
    "Container": ContainerHooks(),
    "DataCollection": DataCollectionHooks(),
    "ProcessingJob": ProcessingJobHooks(),
    "ProcessingProgram": ProcessingProgramHooks(),
    "Integration": IntegrationHooks(),
    "ScalingStatistics": ScalingStatisticsHooks(),
    "Screening": ScreeningHooks(),
}
