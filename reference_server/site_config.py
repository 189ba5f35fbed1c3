"""``ispyb-server site-config``: a ready conformance-suite configuration for this server.

The demo data already holds every kind of record in the first proposal, so that proposal is both the
sandbox for writes and the source of the read-only fixture manifest; the second proposal is "foreign".
Fresh random tokens are minted for the four identities the suite needs.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, exists, select
from sqlalchemy.orm import Session

from reference_server import auth
from reference_server.db import models as m
from reference_server.db.engine import make_sessionmaker
from reference_server.demo import first, prepare
from reference_server.seed import uid
from site_kit.files import FilesOptions
from site_kit.suite_config import suite_config

SERVICE_BEAMLINE = "i03"


def files_fixtures(db: Session, proposal: uuid.UUID, roots_texts: tuple[str, ...]) -> dict[str, uuid.UUID]:
    """The files class's fixtures: records of ``proposal`` whose files the roots hold, and one whose file is gone."""
    options = FilesOptions.from_texts(roots_texts)
    if options is None:
        return {}
    roots = options.roots

    def first_where(model: Any, path_of: Any, present: bool = True) -> uuid.UUID | None:
        for record in db.execute(select(model).where(model.proposal_uuid == proposal).order_by(model.id)).scalars():
            if (roots.resolve(path_of(record), what="fixture") is not None) == present:
                return uuid.UUID(str(record.uuid))
        return None

    def attachment_path(a: Any) -> str:
        return f"{a.file_path}/{a.file_name}"

    found = {
        "processingAttachmentWithFile": first_where(m.ProcessingAttachment, attachment_path),
        "processingAttachmentWithoutFile": first_where(m.ProcessingAttachment, attachment_path, present=False),
        "dataCollectionAttachmentWithFile": first_where(m.DataCollectionAttachment, lambda a: a.file_full_path),
        "sampleImageWithFile": first_where(m.SampleImage, lambda i: i.image_full_path),
        "imageWithFile": first_where(m.Image, lambda i: f"{i.file_location}/{i.file_name}"),
        "dataCollectionWithImageFiles": first_where(
            m.DataCollection, lambda d: f"{d.image_directory}/{d.file_template}"
        ),
    }
    return {name: value for name, value in found.items() if value is not None}


def build(engine: Engine, base_url: str, files_roots: tuple[str, ...] = ()) -> dict[str, Any]:
    prepare(engine)
    with make_sessionmaker(engine)() as db:
        proposal = uid("proposals", 0)
        foreign = uid("proposals", 1)
        owner, other = uid("persons", "pi0"), uid("persons", "pi1")
        tokens = {
            "owner": auth.issue(db, role="USER", subject="pi0", person_uuid=owner),
            "otherUser": auth.issue(db, role="USER", subject="pi1", person_uuid=other),
            "staff": auth.issue(db, role="STAFF", subject="conformance-staff"),
            "service": auth.issue(db, role="SERVICE", subject="conformance-service", beamlines=[SERVICE_BEAMLINE]),
        }
        db.commit()
        in_proposal = {
            model: model.proposal_uuid == proposal
            for model in (
                m.Session,
                m.ProposalMember,
                m.SessionMember,
                m.LabContact,
                m.Protein,
                m.Crystal,
                m.Sample,
                m.SampleImage,
                m.Shipment,
                m.Dewar,
                m.Container,
                m.DataCollectionGroup,
                m.DataCollection,
                m.GridScan,
                m.EnergyScan,
                m.XrfSpectrum,
                m.ProcessingJob,
                m.ProcessingProgram,
                m.ProcessingMessage,
                m.ProcessingAttachment,
                m.Integration,
                m.ScalingStatistics,
                m.Screening,
                m.RobotAction,
                m.Image,
                m.ImageQualityIndicators,
                m.DataCollectionAttachment,
                m.Workflow,
                m.WorkflowStep,
            )
        }
        sandbox_session = first(db, m.Session, in_proposal[m.Session], m.Session.beamline_name == SERVICE_BEAMLINE)
        with_dc = exists().where(m.DataCollection.session_uuid == m.Session.uuid)
        with_processing = exists().where(m.ProcessingProgram.data_collection_uuid == m.DataCollection.uuid)
        fixtures = {
            "proposal": proposal,
            "session": sandbox_session,
            "sessionWithDataCollections": first(db, m.Session, in_proposal[m.Session], with_dc),
            "person": owner,
            "laboratory": first(db, m.Laboratory),
            "proposalMember": first(db, m.ProposalMember, in_proposal[m.ProposalMember]),
            "sessionMember": first(db, m.SessionMember, in_proposal[m.SessionMember]),
            "labContact": first(db, m.LabContact, in_proposal[m.LabContact]),
            "protein": first(db, m.Protein, in_proposal[m.Protein]),
            "crystal": first(db, m.Crystal, in_proposal[m.Crystal]),
            "sample": first(db, m.Sample, in_proposal[m.Sample]),
            "sampleImage": first(db, m.SampleImage, in_proposal[m.SampleImage]),
            "shipment": first(db, m.Shipment, in_proposal[m.Shipment]),
            "dewar": first(db, m.Dewar, in_proposal[m.Dewar]),
            "container": first(db, m.Container, in_proposal[m.Container]),
            "dataCollectionGroup": first(db, m.DataCollectionGroup, in_proposal[m.DataCollectionGroup]),
            "dataCollection": first(db, m.DataCollection, in_proposal[m.DataCollection]),
            "dataCollectionWithProcessing": first(db, m.DataCollection, in_proposal[m.DataCollection], with_processing),
            "gridScan": first(db, m.GridScan, in_proposal[m.GridScan]),
            "energyScan": first(db, m.EnergyScan, in_proposal[m.EnergyScan]),
            "xrfSpectrum": first(db, m.XrfSpectrum, in_proposal[m.XrfSpectrum]),
            "beamlineSetup": first(db, m.BeamlineSetup),
            "detector": first(db, m.Detector),
            "processingJob": first(db, m.ProcessingJob, in_proposal[m.ProcessingJob]),
            "processingProgram": first(db, m.ProcessingProgram, in_proposal[m.ProcessingProgram]),
            "processingMessage": first(db, m.ProcessingMessage, in_proposal[m.ProcessingMessage]),
            "processingAttachment": first(db, m.ProcessingAttachment, in_proposal[m.ProcessingAttachment]),
            "integration": first(db, m.Integration, in_proposal[m.Integration]),
            "scalingStatistics": first(db, m.ScalingStatistics, in_proposal[m.ScalingStatistics]),
            "screening": first(db, m.Screening, in_proposal[m.Screening]),
            "robotAction": first(db, m.RobotAction, in_proposal[m.RobotAction]),
            "image": first(db, m.Image, in_proposal[m.Image]),
            "imageQualityIndicators": first(db, m.ImageQualityIndicators, in_proposal[m.ImageQualityIndicators]),
            "dataCollectionAttachment": first(db, m.DataCollectionAttachment, in_proposal[m.DataCollectionAttachment]),
            "workflow": first(db, m.Workflow, in_proposal[m.Workflow]),
            "workflowStep": first(db, m.WorkflowStep, in_proposal[m.WorkflowStep]),
            "foreignProposal": foreign,
            "foreignBeamlineSession": first(
                db, m.Session, in_proposal[m.Session], m.Session.beamline_name != SERVICE_BEAMLINE
            ),
            **files_fixtures(db, proposal, files_roots),
        }
    return suite_config(
        base_url,
        tokens,
        beamline=SERVICE_BEAMLINE,
        sandbox_proposal=str(proposal),
        sandbox_session=str(sandbox_session),
        fixtures={name: str(value) for name, value in fixtures.items() if value is not None},
    )
