"""``load-demo``: ESRF's schema created from ``ispyb.models`` and filled with ESRF-flavoured rows (deterministic).

Written straight into the tables, the way MXCuBE, ISPyB's web application and the ESRF pipelines leave them:
ESRF status strings ('at ESRF', 'processing'), native enums ('SAD', 'Omega', 'overall'…), ``processingStatus``
'SUCCESS'/'RUNNING', the processing chain from ``AutoProcProgram.dataCollectionId`` (no ProcessingJob), MXPressE
and mesh workflows with their steps (``DataCollectionGroup.workflowId``), a grid scan on a workflow's mesh, a
screening on a group, robot actions, images with dozor quality indicators and snapshots. Proposals: mx2532 (the
owner's, sessions on id23-1, id30a-3 and id23-1 again), mx2601 (another user's, on id30a-3 and id30b) and ih1001
(an in-house proposal without members).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import ispyb.models as e
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ispyb_esrf_adapter.db import create_schema, make_sessionmaker

T0 = datetime(2026, 3, 14, 9, 0, 0)  # Grenoble local time (DATETIME columns)
BEAMLINES = ("id23-1", "id30a-3", "id30b")


def _add(db: Session, row: Any) -> Any:
    db.add(row)
    db.flush()
    return row


def load(engine: Engine) -> None:
    """Create the schema (if needed) and load the demo rows once (a second call changes nothing)."""
    create_schema(engine)
    with make_sessionmaker(engine)() as db:
        if db.execute(select(func.count()).select_from(e.Proposal)).scalar():
            return
        for name in ("XrayDetection", "XrayExposure", "LaserExcitation", "ReactionTrigger"):
            db.add(e.EventType(name=name))
        lab = _add(
            db,
            e.Laboratory(
                name="Structural Biology Group",
                organization="EMBL Grenoble",
                address="71 avenue des Martyrs",
                city="Grenoble",
                country="France",
            ),
        )
        _add(db, e.Laboratory(name="Protein Crystallography", organization="IBS", city="Grenoble", country="France"))
        det = _add(
            db,
            e.Detector(
                detectorType="Photon counting",
                detectorManufacturer="Dectris",
                detectorModel="Eiger2 X 16M",
                detectorSerialNumber="E-32-0123",
                detectorPixelSizeHorizontal=0.075,
                detectorPixelSizeVertical=0.075,
                detectorDistanceMin=115,
                detectorDistanceMax=900,
            ),
        )
        _add(
            db,
            e.Detector(
                detectorType="Photon counting",
                detectorManufacturer="Dectris",
                detectorModel="Pilatus3 2M",
                detectorSerialNumber="PILATUS3-2M-0141",
                detectorPixelSizeHorizontal=0.172,
                detectorPixelSizeVertical=0.172,
            ),
        )
        setups = {
            bl: _add(
                db,
                e.BeamLineSetup(
                    synchrotronName="ESRF-EBS",
                    monochromatorType="Si(111)",
                    focusingOptic="CRL",
                    minExposureTimePerImage=0.002,
                    maxExpTimePerDataCollection=600,
                    minTransmission=0.1,
                    goniostatMinOscillationWidth=0.01,
                    setupDate=T0 - timedelta(days=365),
                ),
            )
            for bl in BEAMLINES
        }
        people = {}
        for login, given, family in (
            ("mx2532", "Irène", "Joliot-Curie"),
            ("mx2601", "Jean", "Perrin"),
            ("co2532", "Marie", "Dubois"),
            ("opid23", "Gordon", "Leonard"),
        ):
            people[login] = _add(
                db,
                e.Person(
                    login=login,
                    givenName=given,
                    familyName=family,
                    emailAddress=f"{login}@esrf.fr",
                    laboratoryId=lab.laboratoryId,
                ),
            )
        plans = (
            ("mx", "2532", "mx2532", ("id23-1", "id30a-3", "id23-1")),
            ("mx", "2601", "mx2601", ("id30a-3", "id30b")),
        )
        for index, (code, number, owner, beamlines) in enumerate(plans):
            _proposal(db, index, code, number, people, owner, beamlines, setups, det.detectorId)
        inhouse = _add(
            db,
            e.Proposal(
                proposalCode="ih",
                proposalNumber="1001",
                title="In-house commissioning",
                proposalType="MX",
                state="Open",
                personId=people["opid23"].personId,
            ),
        )
        _add(
            db,
            e.BLSession(
                proposalId=inhouse.proposalId,
                visit_number=1,
                beamLineName="id30b",
                startDate=T0,
                endDate=T0 + timedelta(hours=8),
                scheduled=1,
                nbShifts=1,
                comments="Commissioning",
                beamLineSetupId=setups["id30b"].beamLineSetupId,
            ),
        )
        db.commit()


def _proposal(
    db: Session,
    index: int,
    code: str,
    number: str,
    people: dict[str, Any],
    owner: str,
    beamlines: tuple[str, ...],
    setups: dict[str, Any],
    detector: int,
) -> None:
    pi = people[owner]
    prop = _add(
        db,
        e.Proposal(
            proposalCode=code,
            proposalNumber=number,
            title=f"Ligand screening of kinase family {number}",
            proposalType="MX",
            state="Open",
            personId=pi.personId,
        ),
    )
    pid = prop.proposalId
    _add(db, e.ProposalHasPerson(proposalId=pid, personId=pi.personId))
    if index == 0:
        _add(db, e.ProposalHasPerson(proposalId=pid, personId=people["co2532"].personId))
    sessions = []
    for visit, bl in enumerate(beamlines, start=1):
        start = T0 + timedelta(days=7 * visit + 30 * index)
        sessions.append(
            _add(
                db,
                e.BLSession(
                    proposalId=pid,
                    visit_number=visit,
                    beamLineName=bl,
                    startDate=start,
                    endDate=start + timedelta(hours=24),
                    scheduled=1,
                    nbShifts=3,
                    comments=f"Visit {visit} on {bl}",
                    beamLineSetupId=setups[bl].beamLineSetupId,
                    expSessionPk=90000 + 10 * index + visit,
                    sessionTitle=f"{code}{number} {bl}",
                    protectedData="no",
                    nbReimbDewars=1,
                ),
            )
        )
    for s in sessions[:2]:
        db.add(e.SessionHasPerson(sessionId=s.sessionId, personId=pi.personId, role="Team Leader", remote=1))
        db.add(
            e.SessionHasPerson(
                sessionId=s.sessionId, personId=people["opid23"].personId, role="Local Contact", remote=0
            )
        )
    db.flush()
    contacts = [
        _add(
            db,
            e.LabContact(
                proposalId=pid,
                personId=person.personId,
                cardName=f"{person.familyName} {n}",
                defaultCourrierCompany="Chronopost",
                courierAccount=f"CHR-{number}-{n}",
                dewarAvgCustomsValue=1500,
                dewarAvgTransportValue=500,
            ),
        )
        for n, person in ((1, pi), (2, people["opid23"]))
    ]
    proteins = [
        _add(
            db,
            e.Protein(
                proposalId=pid,
                name=f"Kinase domain {n}",
                acronym=f"kin{number}{n}",
                sequence="MSHHHHHHSSGVDLGTENLYFQSMGKRLAEQ",
                molecularMass=33512.0,
                safetyLevel="GREEN",
                hazardGroup=1,
                containmentLevel=1,
            ),
        )
        for n in (1, 2)
    ]
    crystals = [
        _add(
            db,
            e.Crystal(
                proteinId=p.proteinId,
                name=f"xtal-{n}",
                spaceGroup="P212121",
                cell_a=45.2,
                cell_b=67.8,
                cell_c=101.3,
                cell_alpha=90,
                cell_beta=90,
                cell_gamma=90,
                morphology="needle",
                color="colourless",
                size_X=80,
                size_Y=20,
                size_Z=20,
            ),
        )
        for n, p in enumerate(proteins, start=1)
    ]
    ships = [
        _add(
            db,
            e.Shipping(
                proposalId=pid,
                shippingName=f"{code}{number}-ship-{n}",
                shippingStatus=status,
                sendingLabContactId=contacts[0].labContactId,
                returnLabContactId=contacts[1].labContactId,
                deliveryAgent_shippingDate=(T0 + timedelta(days=n)).date(),
                deliveryAgent_agentName="Chronopost",
                creationDate=T0 - timedelta(days=10 - n),
                comments="Keep at 100 K",
            ),
        )
        for n, status in enumerate(("processing", "at ESRF"), start=1)
    ]
    samples = []
    for n, status in enumerate(("at ESRF", "processing"), start=1):
        dewar = _add(
            db,
            e.Dewar(
                shippingId=ships[0].shippingId,
                code=f"ESRF-{number}-{n}",
                barCode=f"ESRF{number}{n:02d}",
                type="Dewar",
                dewarStatus=status,
                trackingNumberToSynchrotron=f"XJ{number}{n}FR",
                bltimeStamp=T0 - timedelta(days=5),
            ),
        )
        container = _add(
            db,
            e.Container(
                dewarId=dewar.dewarId,
                code=f"{code}{number}-UP{n}",
                barcode=f"UNI{number}{n}",
                containerType="Unipuck",
                capacity=16,
                containerStatus="at ESRF" if n == 1 else "processing",
                sampleChangerLocation=str(n),
                beamlineLocation=beamlines[0],
                sessionId=sessions[0].sessionId,
                bltimeStamp=T0 - timedelta(days=4),
            ),
        )
        for loc in (1, 2):
            sample = _add(
                db,
                e.BLSample(
                    crystalId=crystals[loc - 1].crystalId,
                    containerId=container.containerId,
                    name=f"kin_{n}_{loc}",
                    code=f"PIN{number}{n}{loc}",
                    location=str(loc),
                    blSampleStatus="collected" if loc == 1 else None,
                    isInSampleChanger=1 if loc == 2 else 0,
                    loopType="Litholoop",
                    comments="25% ethylene glycol",
                ),
            )
            samples.append(sample)
            _add(
                db,
                e.BLSampleImage(
                    blSampleId=sample.blSampleId,
                    micronsPerPixelX=0.8,
                    micronsPerPixelY=0.8,
                    imageFullPath=f"/data/visitor/{code}{number}/{beamlines[0]}/snapshots/s{sample.blSampleId}.png",
                    blTimeStamp=T0 + timedelta(minutes=sample.blSampleId),
                ),
            )
    for s in sessions[:2]:
        _acquisition(db, f"{code}{number}", s, samples, detector)


def _acquisition(db: Session, name: str, s: Any, samples: list[Any], detector: int) -> None:
    visit = f"/data/visitor/{name}/{s.beamLineName}/{s.startDate:%Y%m%d}"
    workflows = {
        kind: _add(
            db,
            e.Workflow(
                workflowTitle=title,
                workflowType=kind,
                comments="Launched from MXCuBE",
                status="Success",
                logFilePath=f"{visit}/PROCESSED_DATA/{kind}/workflow.log",
                recordTimeStamp=s.startDate,
            ),
        )
        for kind, title in (("MeshScan", "Mesh scan"), ("MXPressE", "MXPressE characterisation and collection"))
    }
    for n, step_type in enumerate(("Characterisation", "Collection", "Processing"), start=1):
        db.add(
            e.WorkflowStep(
                workflowId=workflows["MXPressE"].workflowId,
                workflowStepType=step_type,
                status="Success",
                folderPath=f"{visit}/PROCESSED_DATA/MXPressE/step{n}",
                comments=f"{step_type} done",
                recordTimeStamp=s.startDate + timedelta(minutes=10 * n),
            )
        )
    plan = (("SAD", samples[0], None), ("Mesh", samples[1], "MeshScan"), ("Characterization", samples[2], "MXPressE"))
    for n, (kind, sample, workflow) in enumerate(plan, start=1):
        start = s.startDate + timedelta(hours=n)
        dcg = _add(
            db,
            e.DataCollectionGroup(
                sessionId=s.sessionId,
                blSampleId=sample.blSampleId,
                experimentType=kind,
                startTime=start,
                endTime=start + timedelta(minutes=5),
                comments=f"{kind} collection",
                workflowId=workflows[workflow].workflowId if workflow else None,
            ),
        )
        dc = _add(
            db,
            e.DataCollection(
                dataCollectionGroupId=dcg.dataCollectionGroupId,
                sessionId=s.sessionId,
                blSampleId=sample.blSampleId,
                detectorId=detector,
                dataCollectionNumber=1,
                runStatus="Data collection successful",
                startTime=start,
                endTime=start + timedelta(minutes=2),
                wavelength=0.8731,
                resolution=1.8,
                detectorDistance=220.5,
                exposureTime=0.02,
                axisStart=0.0,
                axisRange=0.1,
                overlap=0.0,
                rotationAxis="Omega",
                numberOfImages=3600,
                startImageNumber=1,
                numberOfPasses=1,
                imageDirectory=f"{visit}/RAW_DATA/",
                imagePrefix=f"kin_{n}",
                fileTemplate=f"kin_{n}_1_master.h5",
                xBeam=162.1,
                yBeam=157.4,
                beamSizeAtSampleX=0.05,
                beamSizeAtSampleY=0.05,
                flux=4.2e12,
                transmission=25.0,
                comments="Diffraction to 1.8 A",
                xtalSnapshotFullPath1=f"{visit}/snapshots/kin_{n}_1.snapshot.jpeg",
            ),
        )
        db.add(
            e.DataCollectionFileAttachment(
                dataCollectionId=dc.dataCollectionId,
                fileFullPath=f"{visit}/snapshots/kin_{n}_1.snapshot.jpeg",
                fileType="snapshot",
                createTime=start,
            )
        )
        if kind == "Mesh":
            mesh = _add(db, e.WorkflowMesh(workflowId=workflows["MeshScan"].workflowId, value1=12.5))
            db.add(
                e.GridInfo(
                    workflowMeshId=mesh.workflowMeshId,
                    steps_x=20,
                    steps_y=10,
                    dx_mm=0.02,
                    dy_mm=0.02,
                    meshAngle=0.0,
                    orientation="horizontal",
                    pixelspermicronX=0.8,
                    pixelspermicronY=0.8,
                )
            )
            _image_quality(db, dc, start)
        if kind == "SAD":
            _processing(db, dc, start)
            db.add(
                e.RobotAction(
                    blsessionId=s.sessionId,
                    blsampleId=sample.blSampleId,
                    actionType="LOAD",
                    startTimestamp=start - timedelta(minutes=3),
                    endTimestamp=start - timedelta(minutes=2),
                    status="SUCCESS",
                    message="Sample loaded",
                    containerLocation=1,
                    dewarLocation=2,
                    sampleBarcode=sample.code,
                )
            )
        if kind == "Characterization":
            _screening(db, dcg)
    db.add(
        e.EnergyScan(
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
            scanFileFullPath=f"{visit}/escan.raw",
            choochFileFullPath=f"{visit}/chooch.efs",
            startTime=s.startDate + timedelta(minutes=30),
            endTime=s.startDate + timedelta(minutes=35),
        )
    )
    db.add(
        e.XFEFluorescenceSpectrum(
            sessionId=s.sessionId,
            blSampleId=samples[0].blSampleId,
            energy=13500.0,
            exposureTime=3.0,
            beamTransmission=1.0,
            scanFileFullPath=f"{visit}/xrf.dat",
            fittedDataFileFullPath=f"{visit}/xrf.fit",
            annotatedPymcaXfeSpectrum=f"{visit}/xrf.html",
            startTime=s.startDate + timedelta(minutes=40),
            endTime=s.startDate + timedelta(minutes=41),
        )
    )
    db.flush()


def _image_quality(db: Session, dc: Any, start: datetime) -> None:
    dozor = _add(
        db,
        e.AutoProcProgram(
            dataCollectionId=dc.dataCollectionId,
            processingPrograms="dozor",
            processingStatus="SUCCESS",
            processingStartTime=start,
            processingEndTime=start + timedelta(minutes=1),
        ),
    )
    for number in (1, 2, 3):
        image = _add(
            db,
            e.Image(
                dataCollectionId=dc.dataCollectionId,
                imageNumber=number,
                fileName=f"mesh_{number:04d}.cbf",
                fileLocation=dc.imageDirectory,
                measuredIntensity=1.5e6,
                synchrotronCurrent=199.8,
                temperature=100.0,
                recordTimeStamp=start + timedelta(seconds=number),
            ),
        )
        db.add(
            e.ImageQualityIndicators(
                imageId=image.imageId,
                dataCollectionId=dc.dataCollectionId,
                imageNumber=number,
                autoProcProgramId=dozor.autoProcProgramId,
                spotTotal=120 * number,
                goodBraggCandidates=80 * number,
                inResTotal=100 * number,
                iceRings=0,
                method1Res=2.1,
                method2Res=2.3,
                maxUnitCell=110.0,
                dozor_score=3.5 * number,
                totalIntegratedSignal=2.4e5,
                recordTimeStamp=start,
            )
        )


def _processing(db: Session, dc: Any, start: datetime) -> None:
    for programs, status in (("autoPROC", "SUCCESS"), ("EDNA_proc", "RUNNING")):
        program = _add(
            db,
            e.AutoProcProgram(
                dataCollectionId=dc.dataCollectionId,
                processingPrograms=programs,
                processingCommandLine=f"{programs} -d /tmp/{programs}",
                processingStatus=status,
                processingMessage="processing successful" if status == "SUCCESS" else None,
                processingStartTime=start + timedelta(minutes=3),
                processingEndTime=start + timedelta(minutes=20) if status == "SUCCESS" else None,
                processingEnvironment="cluster=slurm-mx",
                recordTimeStamp=start + timedelta(minutes=3),
            ),
        )
        pid = program.autoProcProgramId
        for file_type, name in (("Log", "autoPROC.log"), ("Result", f"{programs}_aimless.mtz")):
            db.add(
                e.AutoProcProgramAttachment(
                    autoProcProgramId=pid,
                    fileType=file_type,
                    fileName=name,
                    filePath=f"{dc.imageDirectory}../PROCESSED_DATA/{programs}",
                )
            )
        integ = _add(
            db,
            e.AutoProcIntegration(
                dataCollectionId=dc.dataCollectionId,
                autoProcProgramId=pid,
                startImageNumber=1,
                endImageNumber=3600,
                refinedDetectorDistance=220.6,
                refinedXBeam=162.09,
                refinedYBeam=157.42,
                cell_a=45.21,
                cell_b=67.83,
                cell_c=101.29,
                cell_alpha=90,
                cell_beta=90,
                cell_gamma=90,
                anomalous=1,
            ),
        )
        if status != "SUCCESS":
            continue
        autoproc = _add(
            db,
            e.AutoProc(
                autoProcProgramId=pid,
                spaceGroup="P 21 21 21",
                refinedCell_a=45.21,
                refinedCell_b=67.83,
                refinedCell_c=101.29,
                refinedCell_alpha=90,
                refinedCell_beta=90,
                refinedCell_gamma=90,
            ),
        )
        scaling = _add(
            db,
            e.AutoProcScaling(
                autoProcId=autoproc.autoProcId,
                resolutionEllipsoidValue1=1.75,
                resolutionEllipsoidValue2=1.82,
                resolutionEllipsoidValue3=1.95,
            ),
        )
        db.add(
            e.AutoProcScalingHasInt(
                autoProcScalingId=scaling.autoProcScalingId, autoProcIntegrationId=integ.autoProcIntegrationId
            )
        )
        for shell, low, high, comp in (
            ("overall", 48.2, 1.8, 99.6),
            ("innerShell", 48.2, 4.9, 99.9),
            ("outerShell", 1.85, 1.8, 97.8),
        ):
            db.add(
                e.AutoProcScalingStatistics(
                    autoProcScalingId=scaling.autoProcScalingId,
                    scalingStatisticsType=shell,
                    resolutionLimitLow=low,
                    resolutionLimitHigh=high,
                    rMerge=0.072,
                    rMeasAllIPlusIMinus=0.078,
                    rPimAllIPlusIMinus=0.031,
                    meanIOverSigI=14.6,
                    completeness=comp,
                    multiplicity=6.4,
                    ccHalf=0.997,
                    anomalousCompleteness=98.9,
                    anomalousMultiplicity=3.3,
                    ccAno=0.21,
                    sigAno="1.12",
                    isa="28.5",
                    nTotalObservations=402311,
                    nTotalUniqueObservations=62866,
                )
            )


def _screening(db: Session, dcg: Any) -> None:
    """EDNA characterisation, as ESRF records it: on the group (``Screening.dataCollectionGroupId``)."""
    screening = _add(
        db,
        e.Screening(
            dataCollectionGroupId=dcg.dataCollectionGroupId,
            programVersion="EDNA MXv1",
            comments="MXPressE: strategy for a complete dataset",
            shortComments="BEST strategy",
        ),
    )
    out = _add(
        db,
        e.ScreeningOutput(
            screeningId=screening.screeningId,
            indexingSuccess=1,
            strategySuccess=1,
            mosaicityEstimated=1,
            mosaicity=0.15,
            resolutionObtained=1.9,
            numSpotsFound=2012,
            program="BEST",
        ),
    )
    db.add(
        e.ScreeningOutputLattice(
            screeningOutputId=out.screeningOutputId,
            spaceGroup="P212121",
            unitCell_a=45.2,
            unitCell_b=67.8,
            unitCell_c=101.3,
            unitCell_alpha=90,
            unitCell_beta=90,
            unitCell_gamma=90,
        )
    )
    strategy = _add(
        db,
        e.ScreeningStrategy(
            screeningOutputId=out.screeningOutputId,
            program="BEST",
            phiStart=0,
            phiEnd=120,
            exposureTime=0.02,
            transmission=25,
            resolution=1.9,
            completeness=99.5,
            multiplicity=4.1,
            anomalous=0,
        ),
    )
    wedge = _add(
        db,
        e.ScreeningStrategyWedge(screeningStrategyId=strategy.screeningStrategyId, wedgeNumber=1, numberOfImages=1200),
    )
    db.add(
        e.ScreeningStrategySubWedge(
            screeningStrategyWedgeId=wedge.screeningStrategyWedgeId, subWedgeNumber=1, oscillationRange=0.1
        )
    )
