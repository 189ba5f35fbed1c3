"""``load-demo``: Diamond's schema created from ``ispyb.sqlalchemy`` and filled with realistic DLS rows.

Written straight into the tables (not through the API), the way GDA, SynchWeb and Zocalo leave them: DLS status
strings ('at DLS', 'processing'), native enums ('SAD', 'Omega', 'overall'…), the legacy upper-case
``DataCollection.BLSAMPLEID``/``SESSIONID`` filled as GDA does, ProcessingJob → AutoProcProgram →
AutoProcIntegration → AutoProc → AutoProcScaling (+ _has_Int) → three AutoProcScalingStatistics shells, and a
Screening with output, lattice and strategy wedges. Two proposals: mx23694 (the owner's, with sessions on i03 and
i04) and mx24101 (another user's).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ispyb_dls_adapter.db import create_schema, make_sessionmaker

T0 = datetime(2026, 3, 14, 9, 0, 0)  # Diamond local time (DATETIME columns)


def _add(db: Session, row: Any) -> Any:
    db.add(row)
    db.flush()
    return row


def _lookups(db: Session) -> None:
    for name in ("SAD", "OSC", "Mesh3D", "SSX-Chip"):
        db.add(d.ExperimentType(name=name, proposalType="mx", active=1))
    for name, capacity in (("Puck", 16), ("Basket", 10), ("CrystalQuickX", 192)):
        db.add(d.ContainerType(name=name, proposalType="mx", active=1, capacity=capacity))
    for name in ("XrayDetection", "XrayExposure", "LaserExcitation", "ReactionTrigger"):
        db.add(d.EventType(name=name))
    # the first rows of DLS-DB lookups.sql (Container.priorityPipelineId defaults to 6)
    for name in ("xia2/DIALS", "autoPROC", "Fast DP", "xia2/XDS", "xia2 multiplex", "fast_dp"):
        db.add(d.ProcessingPipeline(name=name, discipline="MX", pipelineStatus="automatic", reprocessing=1))
    db.flush()


def load(engine: Engine) -> None:
    """Create the schema (if needed) and load the demo rows once (a second call changes nothing)."""
    create_schema(engine)
    with make_sessionmaker(engine)() as db:
        if db.execute(select(func.count()).select_from(d.Proposal)).scalar():
            return
        _lookups(db)
        lab = _add(
            db,
            d.Laboratory(
                name="Structural Biology Lab",
                organization="University of Oxford",
                address="South Parks Road",
                city="Oxford",
                postcode="OX1 3QU",
                country="UK",
            ),
        )
        _add(db, d.Laboratory(name="Protein Crystallography", organization="EMBL", city="Grenoble", country="France"))
        det = _add(
            db,
            d.Detector(
                detectorType="Photon counting",
                detectorManufacturer="Dectris",
                detectorModel="Eiger2 XE 16M",
                detectorSerialNumber="E-32-0117",
                detectorPixelSizeHorizontal=0.075,
                detectorPixelSizeVertical=0.075,
                numberOfPixelsX=4148,
                numberOfPixelsY=4362,
                detectorDistanceMin=120,
                detectorDistanceMax=1200,
            ),
        )
        _add(
            db,
            d.Detector(
                detectorType="Photon counting",
                detectorManufacturer="Dectris",
                detectorModel="Pilatus3 6M",
                detectorSerialNumber="PILATUS3-6M-0102",
                detectorPixelSizeHorizontal=0.172,
                detectorPixelSizeVertical=0.172,
                numberOfPixelsX=2463,
                numberOfPixelsY=2527,
            ),
        )
        for bl in ("i03", "i04"):
            _add(
                db,
                d.BeamLineSetup(
                    beamlineName=bl,
                    synchrotronName="DLS",
                    detectorId=det.detectorId,
                    monochromatorType="Si(111)",
                    focusingOptic="KB mirrors",
                    minExposureTimePerImage=0.002,
                    maxExposureTimePerImage=10,
                    minTransmission=0.1,
                    goniostatMinOscillationWidth=0.01,
                    active=1,
                ),
            )
        people = {}
        for login, given, family in (
            ("pi0", "Ada", "Lovelace"),
            ("pi1", "Rosalind", "Franklin"),
            ("co0", "Dorothy", "Hodgkin"),
            ("lc0", "Max", "Perutz"),
        ):
            people[login] = _add(
                db,
                d.Person(
                    login=login,
                    givenName=given,
                    familyName=family,
                    emailAddress=f"{login}@example.org",
                    laboratoryId=lab.laboratoryId,
                ),
            )
        for index, (number, owner) in enumerate((("23694", "pi0"), ("24101", "pi1"))):
            _proposal(db, index, number, people, owner, det.detectorId)
        db.commit()


def _proposal(db: Session, index: int, number: str, people: dict[str, Any], owner: str, detector: int) -> None:
    pi = people[owner]
    prop = _add(
        db,
        d.Proposal(
            proposalCode="mx",
            proposalNumber=number,
            title=f"Structure of enzyme family {number}",
            proposalType="mx",
            state="Open",
            personId=pi.personId,
        ),
    )
    pid = prop.proposalId
    _add(db, d.ProposalHasPerson(proposalId=pid, personId=pi.personId, role="Principal Investigator"))
    if index == 0:
        _add(db, d.ProposalHasPerson(proposalId=pid, personId=people["co0"].personId, role="Co-Investigator"))
    sessions = []
    for visit, bl in enumerate(("i03", "i04", "i03") if index == 0 else ("i04", "i03"), start=1):
        start = T0 + timedelta(days=7 * visit + 30 * index)
        sessions.append(
            _add(
                db,
                d.BLSession(
                    proposalId=pid,
                    visit_number=visit,
                    beamLineName=bl,
                    startDate=start,
                    endDate=start + timedelta(hours=24),
                    scheduled=1,
                    nbShifts=3,
                    comments=f"Visit {visit} on {bl}",
                ),
            )
        )
    for s in sessions[:2]:
        db.add(d.SessionHasPerson(sessionId=s.sessionId, personId=pi.personId, role="Team Leader", remote=1))
        db.add(
            d.SessionHasPerson(sessionId=s.sessionId, personId=people["lc0"].personId, role="Local Contact", remote=0)
        )
    db.flush()
    contacts = [
        _add(
            db,
            d.LabContact(
                proposalId=pid,
                personId=person.personId,
                cardName=f"{person.familyName} {n}",
                defaultCourrierCompany="DHL",
                courierAccount=f"DHL-{number}-{n}",
                dewarAvgCustomsValue=1500,
                dewarAvgTransportValue=500,
            ),
        )
        for n, person in ((1, pi), (2, people["lc0"]))
    ]
    proteins = [
        _add(
            db,
            d.Protein(
                proposalId=pid,
                name=f"Lysozyme C {n}",
                acronym=f"lyso{number}{n}",
                sequence="KVFGRCELAAAMKRHGLDNYRGYSLGNWVCAAKFESNFNTQATNRNTDGSTDYGILQINSRWWCNDG",
                molecularMass=14313.0,
                safetyLevel="GREEN",
            ),
        )
        for n in (1, 2)
    ]
    crystals = [
        _add(
            db,
            d.Crystal(
                proteinId=p.proteinId,
                name=f"xtal-{n}",
                spaceGroup="P43212",
                cell_a=78.9,
                cell_b=78.9,
                cell_c=37.1,
                cell_alpha=90,
                cell_beta=90,
                cell_gamma=90,
                morphology="tetragonal",
                color="clear",
                size_X=50,
                size_Y=40,
                size_Z=30,
            ),
        )
        for n, p in enumerate(proteins, start=1)
    ]
    ships = [
        _add(
            db,
            d.Shipping(
                proposalId=pid,
                shippingName=f"{number}-ship-{n}",
                shippingStatus=status,
                sendingLabContactId=contacts[0].labContactId,
                returnLabContactId=contacts[1].labContactId,
                deliveryAgent_shippingDate=(T0 + timedelta(days=n)).date(),
                deliveryAgent_agentName="DHL",
                creationDate=T0 - timedelta(days=10 - n),
                comments="Handle with care",
            ),
        )
        for n, status in enumerate(("processing", "at DLS"), start=1)
    ]
    puck = db.execute(select(d.ContainerType).where(d.ContainerType.name == "Puck")).scalar_one()
    samples = []
    for n, status in enumerate(("at DLS", "processing"), start=1):
        dewar = _add(
            db,
            d.Dewar(
                shippingId=ships[0].shippingId,
                code=f"DLS-{number}-{n}",
                barCode=f"DLS-MX-{number}-{n}",
                type="Dewar",
                dewarStatus=status,
                trackingNumberToSynchrotron=f"JD0146{number}{n}",
                weight=22.5,
                bltimeStamp=T0 - timedelta(days=5),
            ),
        )
        container = _add(
            db,
            d.Container(
                dewarId=dewar.dewarId,
                code=f"DLS-{number}-P{n}",
                barcode=f"CPS-{number}{n}",
                containerTypeId=puck.containerTypeId,
                containerType="Puck",
                capacity=16,
                containerStatus="at DLS" if n == 1 else "processing",
                sampleChangerLocation=str(n),
                beamlineLocation="i03",
                sessionId=sessions[0].sessionId,
                bltimeStamp=T0 - timedelta(days=4),
            ),
        )
        for loc in (1, 2):
            sample = _add(
                db,
                d.BLSample(
                    crystalId=crystals[loc - 1].crystalId,
                    containerId=container.containerId,
                    name=f"lyso_{n}_{loc}",
                    code=f"PIN{number}{n}{loc}",
                    location=str(loc),
                    blSampleStatus="collected" if loc == 1 else None,
                    isInSampleChanger=1 if loc == 2 else 0,
                    loopType="Standard",
                    comments="cryo 25% glycerol",
                ),
            )
            samples.append(sample)
            _add(
                db,
                d.BLSampleImage(
                    blSampleId=sample.blSampleId,
                    micronsPerPixelX=1.2,
                    micronsPerPixelY=1.2,
                    offsetX=10,
                    offsetY=20,
                    imageFullPath=f"/dls/i03/data/2026/mx{number}-1/snapshots/s{sample.blSampleId}.png",
                    blTimeStamp=T0 + timedelta(minutes=sample.blSampleId),
                ),
            )
    _acquisition(db, number, sessions, samples, detector)


def _acquisition(db: Session, number: str, sessions: list[Any], samples: list[Any], detector: int) -> None:
    pipelines = (
        db.execute(select(d.ProcessingPipeline).order_by(d.ProcessingPipeline.processingPipelineId)).scalars().all()
    )
    for s in sessions[:2]:
        visit = f"/dls/{s.beamLineName}/data/2026/mx{number}-{s.visit_number}"
        for n, (kind, sample) in enumerate(
            (("SAD", samples[0]), ("Mesh", samples[1]), ("SSX-Chip", samples[2])), start=1
        ):
            start = s.startDate + timedelta(hours=n)
            dcg = _add(
                db,
                d.DataCollectionGroup(
                    sessionId=s.sessionId,
                    blSampleId=sample.blSampleId,
                    experimentType=kind,
                    startTime=start,
                    endTime=start + timedelta(minutes=5),
                    comments=f"{kind} collection",
                ),
            )
            dc = _add(
                db,
                d.DataCollection(
                    dataCollectionGroupId=dcg.dataCollectionGroupId,
                    SESSIONID=s.sessionId,
                    BLSAMPLEID=sample.blSampleId,
                    detectorId=detector,
                    dataCollectionNumber=1,
                    runStatus="DataCollection Successful",
                    startTime=start,
                    endTime=start + timedelta(minutes=2),
                    wavelength=0.976254,
                    resolution=1.6,
                    detectorDistance=250.0,
                    exposureTime=0.004,
                    axisStart=0.0,
                    axisRange=0.1,
                    overlap=0.0,
                    rotationAxis="Omega",
                    numberOfImages=3600,
                    startImageNumber=1,
                    numberOfPasses=1,
                    imageDirectory=visit + "/",
                    imagePrefix=f"lyso_{n}",
                    fileTemplate=f"lyso_{n}_1_master.h5",
                    xBeam=215.3,
                    yBeam=219.8,
                    beamSizeAtSampleX=0.08,
                    beamSizeAtSampleY=0.02,
                    flux=2.1e12,
                    transmission=20.0,
                    comments="Diffraction to 1.6 A",
                ),
            )
            if kind == "Mesh":
                db.add(
                    d.GridInfo(
                        dataCollectionGroupId=dcg.dataCollectionGroupId,
                        dataCollectionId=dc.dataCollectionId,
                        steps_x=20,
                        steps_y=10,
                        dx_mm=0.02,
                        dy_mm=0.02,
                        meshAngle=0.0,
                        orientation="horizontal",
                        snaked=1,
                        micronsPerPixelX=1.2,
                        micronsPerPixelY=1.2,
                    )
                )
            if kind == "SSX-Chip":
                db.add(
                    d.SSXDataCollection(
                        dataCollectionId=dc.dataCollectionId,
                        repetitionRate=10.0,
                        chipModel="Oxford",
                        chipPattern="full",
                        laserEnergy=0.001,
                        reactionDuration=0.5,
                    )
                )
                chain = _add(db, d.EventChain(dataCollectionId=dc.dataCollectionId, name="pump-probe"))
                for type_name, offset in (("LaserExcitation", 0.0), ("XrayDetection", 0.01)):
                    type_id = db.execute(select(d.EventType.eventTypeId).where(d.EventType.name == type_name)).scalar()
                    db.add(
                        d.Event(
                            eventChainId=chain.eventChainId,
                            eventTypeId=type_id,
                            offset=offset,
                            duration=0.001,
                            repetition=1,
                            name=type_name,
                        )
                    )
            if kind == "SAD":
                _processing(db, dc, pipelines, start)
        db.add(
            d.EnergyScan(
                sessionId=s.sessionId,
                blSampleId=samples[0].blSampleId,
                element="Se",
                edgeEnergy="K",
                startEnergy=12600.0,
                endEnergy=12700.0,
                peakEnergy=12658.4,
                peakFPrime=-8.2,
                peakFDoublePrime=5.1,
                inflectionEnergy=12656.1,
                inflectionFPrime=-10.3,
                inflectionFDoublePrime=3.0,
                exposureTime=1.0,
                transmissionFactor=5.0,
                scanFileFullPath=f"/dls/{s.beamLineName}/data/escan.raw",
                choochFileFullPath=f"/dls/{s.beamLineName}/data/chooch.efs",
                startTime=s.startDate + timedelta(minutes=30),
                endTime=s.startDate + timedelta(minutes=35),
            )
        )
        db.add(
            d.XFEFluorescenceSpectrum(
                sessionId=s.sessionId,
                blSampleId=samples[0].blSampleId,
                energy=13500.0,
                exposureTime=3.0,
                beamTransmission=1.0,
                scanFileFullPath=f"/dls/{s.beamLineName}/data/xrf.dat",
                fittedDataFileFullPath=f"/dls/{s.beamLineName}/data/xrf.fit",
                annotatedPymcaXfeSpectrum=f"/dls/{s.beamLineName}/data/xrf.html",
                startTime=s.startDate + timedelta(minutes=40),
                endTime=s.startDate + timedelta(minutes=41),
            )
        )
    db.flush()


def _processing(db: Session, dc: Any, pipelines: Sequence[Any], start: datetime) -> None:
    for n, pipeline in enumerate(pipelines[:2], start=1):
        job = _add(
            db,
            d.ProcessingJob(
                dataCollectionId=dc.dataCollectionId,
                displayName=pipeline.name,
                recipe=f"autoprocessing-{pipeline.name.split()[0]}",
                automatic=1,
                comments="Zocalo",
            ),
        )
        db.add(
            d.ProcessingJobParameter(
                processingJobId=job.processingJobId, parameterKey="ispyb_dcid", parameterValue=str(dc.dataCollectionId)
            )
        )
        db.add(
            d.ProcessingJobParameter(
                processingJobId=job.processingJobId, parameterKey="resolution.d_min", parameterValue="1.6"
            )
        )
        program = _add(
            db,
            d.AutoProcProgram(
                processingJobId=job.processingJobId,
                processingPipelineId=pipeline.processingPipelineId,
                processingPrograms=pipeline.name,
                processingCommandLine="xia2 dials",
                processingStatus=1 if n == 1 else None,
                processingMessage="processing successful" if n == 1 else None,
                processingStartTime=start + timedelta(minutes=3),
                processingEndTime=start + timedelta(minutes=20) if n == 1 else None,
                processingEnvironment="cluster=hamilton",
            ),
        )
        pid = program.autoProcProgramId
        db.add(
            d.AutoProcProgramMessage(
                autoProcProgramId=pid,
                severity="INFO",
                message="Indexing succeeded",
                description="P43212, 78.9 78.9 37.1",
            )
        )
        db.add(
            d.AutoProcProgramMessage(
                autoProcProgramId=pid, severity="WARNING", message="Low completeness in outer shell"
            )
        )
        for file_type, name, rank in (("Log", "xia2.txt", 1), ("Result", "DataFiles/free.mtz", 2)):
            db.add(
                d.AutoProcProgramAttachment(
                    autoProcProgramId=pid,
                    fileType=file_type,
                    fileName=name,
                    filePath=f"{dc.imageDirectory}processed/xia2",
                    importanceRank=rank,
                )
            )
        integ = _add(
            db,
            d.AutoProcIntegration(
                dataCollectionId=dc.dataCollectionId,
                autoProcProgramId=pid,
                startImageNumber=1,
                endImageNumber=3600,
                refinedDetectorDistance=250.2,
                refinedXBeam=215.31,
                refinedYBeam=219.77,
                cell_a=78.91,
                cell_b=78.91,
                cell_c=37.12,
                cell_alpha=90,
                cell_beta=90,
                cell_gamma=90,
                anomalous=0,
            ),
        )
        autoproc = _add(
            db,
            d.AutoProc(
                autoProcProgramId=pid,
                spaceGroup="P 43 21 2",
                refinedCell_a=78.91,
                refinedCell_b=78.91,
                refinedCell_c=37.12,
                refinedCell_alpha=90,
                refinedCell_beta=90,
                refinedCell_gamma=90,
            ),
        )
        scaling = _add(db, d.AutoProcScaling(autoProcId=autoproc.autoProcId))
        db.add(
            d.AutoProcScalingHasInt(
                autoProcScalingId=scaling.autoProcScalingId, autoProcIntegrationId=integ.autoProcIntegrationId
            )
        )
        for shell, low, high, comp in (
            ("overall", 39.5, 1.6, 99.8),
            ("innerShell", 39.5, 4.35, 99.5),
            ("outerShell", 1.63, 1.6, 98.7),
        ):
            db.add(
                d.AutoProcScalingStatistics(
                    autoProcScalingId=scaling.autoProcScalingId,
                    scalingStatisticsType=shell,
                    resolutionLimitLow=low,
                    resolutionLimitHigh=high,
                    rMerge=0.061,
                    rMeasAllIPlusIMinus=0.066,
                    rPimAllIPlusIMinus=0.025,
                    meanIOverSigI=18.2,
                    completeness=comp,
                    multiplicity=7.1,
                    ccHalf=0.998,
                    anomalousCompleteness=98.1,
                    anomalousMultiplicity=3.7,
                    ccAnomalous=0.12,
                    nTotalObservations=512044,
                    nTotalUniqueObservations=72113,
                )
            )
    screening = _add(
        db,
        d.Screening(
            dataCollectionId=dc.dataCollectionId, programVersion="EDNA 1.0", comments="Strategy for a complete dataset"
        ),
    )
    out = _add(
        db,
        d.ScreeningOutput(
            screeningId=screening.screeningId,
            indexingSuccess=1,
            strategySuccess=1,
            mosaicity=0.12,
            resolutionObtained=1.7,
            numSpotsFound=1456,
        ),
    )
    db.add(
        d.ScreeningOutputLattice(
            screeningOutputId=out.screeningOutputId,
            spaceGroup="P43212",
            unitCell_a=78.9,
            unitCell_b=78.9,
            unitCell_c=37.1,
            unitCell_alpha=90,
            unitCell_beta=90,
            unitCell_gamma=90,
        )
    )
    strategy = _add(
        db,
        d.ScreeningStrategy(
            screeningOutputId=out.screeningOutputId,
            program="BEST",
            phiStart=0,
            phiEnd=180,
            exposureTime=0.01,
            transmission=20,
            resolution=1.7,
            completeness=99.9,
            multiplicity=4.0,
        ),
    )
    wedge = _add(
        db,
        d.ScreeningStrategyWedge(screeningStrategyId=strategy.screeningStrategyId, wedgeNumber=1, numberOfImages=1800),
    )
    db.add(
        d.ScreeningStrategySubWedge(
            screeningStrategyWedgeId=wedge.screeningStrategyWedgeId, subWedgeNumber=1, oscillationRange=0.1
        )
    )
