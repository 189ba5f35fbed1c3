"""Records that span several ESRF tables, one hooks object per resource (what the column mapping cannot do).

* Every resource with values kept beside its rows (``mapping.SIDE``) writes them through ``SideHooks``.
* DataCollection.techniqueParameters ⇐ ``SSXDataCollection`` (1:1) + ``EventChain`` → ``Event`` → ``EventType``;
  ESRF's own ``DataCollection.sessionId``/``blSampleId`` are written from the group, as MXCuBE fills them.
* GridScan.micronsPerPixelX/Y: ESRF keeps the inverse (``GridInfo.pixelspermicronX/Y``), written as such.
* ProcessingJob.parameters ⇐ ``CommonApiProcessingJobParameter`` rows.
* Integration.spaceGroup ⇐ ``AutoProc.spaceGroup`` of the integration's program.
* ScalingStatistics: each statistics row written through the API gets an ``AutoProc`` (per program) →
  ``AutoProcScaling`` → ``AutoProcScaling_has_Int`` (when ``integrationUuid`` is sent).
* Screening: ``dataCollectionGroupId`` from the data collection (ESRF reads screenings by group); the first
  ``ScreeningOutput``, its first lattice and its strategies (→ wedge → sub-wedge) are rewritten on each write.
* ImageQualityIndicators: ESRF's ``autoProcProgramId`` is NOT NULL; indicators written through the API hang off
  one hidden program per data collection (``mapping.IMPLICIT_PROGRAM``), removed with the last of them.
* Proposal: ``personId`` is NOT NULL and refers to Person: a proposal needs a principal investigator (422).
* ProposalMember: ESRF's ``ProposalHasPerson`` has no role column: a member is the proposal's PI (its
  ``personId``) or a co-investigator, and a written role must say which; one membership per person.
* SessionMember: ``Session_has_Person`` is keyed by (session, person): neither changes on a replace.
* LabContact ``dewarAvgCustomsValue``, Dewar ``type``: NOT NULL at ESRF (defaults 0, ``Dewar``) when absent.
* Sample: IN_SAMPLE_CHANGER is ``BLSample.isInSampleChanger = 1``; Shipment: ``creationDate`` set on creation.
"""

from __future__ import annotations

from typing import Any

from ispyb_esrf_adapter.hooks.acquisition import DataCollectionHooks, GridScanHooks
from ispyb_esrf_adapter.hooks.events import ImageQualityHooks
from ispyb_esrf_adapter.hooks.processing import (
    IntegrationHooks,
    ProcessingJobHooks,
    ScalingStatisticsHooks,
    ScreeningHooks,
)
from ispyb_esrf_adapter.hooks.proposals import (
    DewarHooks,
    LabContactHooks,
    ProposalHooks,
    ProposalMemberHooks,
    SampleHooks,
    SessionMemberHooks,
    ShipmentHooks,
)
from ispyb_esrf_adapter.mapping import SIDE
from ispyb_esrf_adapter.side import SideHooks
from site_kit.mapped import ResourceHooks

#: the ESRF table of each resource whose values partly live beside its rows (``side.SideHooks``)
TABLES = {
    "Person": "Person",
    "Laboratory": "Laboratory",
    "SessionMember": "Session_has_Person",
    "SampleImage": "BLSampleImage",
    "Dewar": "Dewar",
    "DataCollectionGroup": "DataCollectionGroup",
    "GridScan": "GridInfo",
    "BeamlineSetup": "BeamLineSetup",
    "Detector": "Detector",
    "ProcessingProgram": "AutoProcProgram",
    "ProcessingAttachment": "AutoProcProgramAttachment",
    "Screening": "Screening",
    "RobotAction": "RobotAction",
    "Image": "Image",
    "ImageQualityIndicators": "ImageQualityIndicators",
    "DataCollectionAttachment": "DataCollectionFileAttachment",
    "Workflow": "Workflow",
    "WorkflowStep": "WorkflowStep",
}


def _side(name: str) -> tuple[str, Any]:
    return TABLES[name], SIDE.get(name, ())


def hooks() -> dict[str, ResourceHooks]:
    """The hooks object of every resource that needs one."""
    made: dict[str, ResourceHooks] = {name: SideHooks(*_side(name)) for name in SIDE}
    made.update(
        Proposal=ProposalHooks(),
        ProposalMember=ProposalMemberHooks(),
        SessionMember=SessionMemberHooks(*_side("SessionMember")),
        LabContact=LabContactHooks(),
        Sample=SampleHooks(),
        Shipment=ShipmentHooks(),
        Dewar=DewarHooks(*_side("Dewar")),
        DataCollection=DataCollectionHooks(),
        GridScan=GridScanHooks(*_side("GridScan")),
        ProcessingJob=ProcessingJobHooks(),
        Integration=IntegrationHooks(),
        ScalingStatistics=ScalingStatisticsHooks(),
        Screening=ScreeningHooks(*_side("Screening")),
        ImageQualityIndicators=ImageQualityHooks(*_side("ImageQualityIndicators")),
    )
    return made
