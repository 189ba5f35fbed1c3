"""Realistic MX data for demos, tests and benchmarks.

One proposal is a complete beamtime: a laboratory ships a dewar of pucks, the samples are collected on the
beamline (grid scan, characterisation, rotation data, energy scan, XRF spectrum), and the automatic pipelines
leave programs, logs, integrations, scaling statistics and screening strategies. Values are plausible for a
modern MX beamline (EIGER2 16M, 0.97 Å, 0.1° images…). Generation is deterministic: UUIDs are UUIDv5 of a
fixed namespace, numbers come from a seeded generator, so the demo database is the same on every machine.
"""

from __future__ import annotations

import hashlib
import os
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from reference_server.db import models as m

NAMESPACE = uuid.UUID("6f1c5f2e-3d4a-5b6c-8d7e-9f0a1b2c3d4e")
BEAMLINES = ("i03", "i04", "i24")
EPOCH = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
LABORATORIES = (
    ("Structural Biology Lab", "University of Oxford", "South Parks Road", "Oxford", "OX1 3QU", "United Kingdom"),
    ("Institut de Biologie Structurale", "CNRS", "71 avenue des Martyrs", "Grenoble", "38000", "France"),
    ("Protein Science Unit", "Example Pharma Ltd", "1 Discovery Park", "Cambridge", "CB2 0AA", "United Kingdom"),
)


#: names a demo site (``--demo-site``): its UUIDs and proposal numbers differ from every other site's, so that
#: several instances can be federated (issue 13) without two records sharing a UUID; unset: the README's demo
DEMO_SITE_ENV = "ISPYB_DEMO_SITE"


def demo_site() -> str:
    return os.environ.get(DEMO_SITE_ENV, "")


def uid(kind: str, *key: object) -> uuid.UUID:
    site = demo_site()
    namespace = uuid.uuid5(NAMESPACE, f"site:{site}") if site else NAMESPACE
    return uuid.uuid5(namespace, ":".join([kind, *map(str, key)]))


def proposal_number(index: int) -> str:
    """The demo proposal numbers (23694, 24101…), moved to a range of their own on a named demo site."""
    site = demo_site()
    offset = (int(hashlib.sha256(site.encode()).hexdigest()[:6], 16) % 900 + 100) * 1000 if site else 0
    return str(23694 + offset + index * 407)


@dataclass
class Seeder:
    db: Session
    rng: random.Random = field(default_factory=lambda: random.Random(1234))
    clock: datetime = EPOCH
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, table: type[Any], key: tuple[object, ...], /, **values: Any) -> Any:
        self.clock += timedelta(milliseconds=1)
        row = table(
            uuid=uid(table.__tablename__, *key), version=1, created_at=self.clock, updated_at=self.clock, **values
        )
        self.db.add(row)
        self.db.flush()  # no ORM relationships: flush in creation order so foreign keys are satisfied
        self.counts[table.__tablename__] = self.counts.get(table.__tablename__, 0) + 1
        return row

    # ------------------------------------------------------------------ facility reference data

    def facility(self) -> dict[str, Any]:
        eiger = self.add(
            m.Detector,
            ("eiger",),
            detector_type="PAD",
            manufacturer="Dectris",
            model="EIGER2 XE 16M",
            serial_number="E-32-0123",
            pixel_size_x=0.075,
            pixel_size_y=0.075,
            number_of_pixels_x=4148,
            number_of_pixels_y=4362,
            distance_min=120.0,
            distance_max=1200.0,
        )
        pilatus = self.add(
            m.Detector,
            ("pilatus",),
            detector_type="PAD",
            manufacturer="Dectris",
            model="PILATUS3 6M",
            serial_number="P6M-0456",
            pixel_size_x=0.172,
            pixel_size_y=0.172,
            number_of_pixels_x=2463,
            number_of_pixels_y=2527,
            distance_min=150.0,
            distance_max=800.0,
        )
        for i, beamline in enumerate(BEAMLINES):
            self.add(
                m.BeamlineSetup,
                (beamline,),
                beamline_name=beamline,
                synchrotron_name="DLS",
                detector_uuid=(eiger if i != 1 else pilatus).uuid,
                monochromator_type="Si(111) DCM",
                focusing_optic="KB mirrors",
                min_exposure_time=0.001,
                max_exposure_time=100.0,
                min_transmission=0.01,
                goniostat_min_oscillation_width=0.01,
                active=True,
            )
        labs = [
            self.add(
                m.Laboratory,
                (i,),
                name=name,
                organization=org,
                address=address,
                city=city,
                postcode=postcode,
                country=country,
            )
            for i, (name, org, address, city, postcode, country) in enumerate(LABORATORIES)
        ]
        return {"eiger": eiger, "pilatus": pilatus, "labs": labs}

    # ------------------------------------------------------------------ one proposal and its beamtime

    def person(self, key: object, given: str, family: str, login: str, lab: Any) -> Any:
        return self.add(
            m.Person,
            (key,),
            given_name=given,
            family_name=family,
            login=login,
            email_address=f"{login}@example.org",
            laboratory_uuid=lab.uuid,
        )

    def proposal(
        self, index: int, facility: dict[str, Any], *, sessions: int = 3, samples: int = 8, code: str = "mx"
    ) -> dict[str, Any]:
        rng = self.rng
        lab = facility["labs"][index % len(facility["labs"])]
        number = proposal_number(index)
        pi = self.person(
            f"pi{index}",
            rng.choice(["Rosalind", "Dorothy", "Max", "Ada", "Linus"]),
            rng.choice(["Franklin", "Hodgkin", "Perutz", "Yonath", "Pauling"]),
            f"pi{index}",
            lab,
        )
        postdoc = self.person(f"pd{index}", "Alex", f"Researcher{index}", f"researcher{index}", lab)
        proposal = self.add(
            m.Proposal,
            (index,),
            proposal_code=code,
            proposal_number=number,
            name=f"{code}{number}",
            title=rng.choice(
                [
                    "Structure of a thermostable lipase",
                    "Fragment screening of a viral protease",
                    "Ligand complexes of a kinase",
                    "Time-resolved studies of a photoreceptor",
                ]
            ),
            proposal_type="MX",
            state="OPEN",
            principal_investigator_uuid=pi.uuid,
        )
        self.add(
            m.ProposalMember,
            (index, "pi"),
            proposal_uuid=proposal.uuid,
            person_uuid=pi.uuid,
            role="PRINCIPAL_INVESTIGATOR",
        )
        self.add(
            m.ProposalMember,
            (index, "pd"),
            proposal_uuid=proposal.uuid,
            person_uuid=postdoc.uuid,
            role="CO_INVESTIGATOR",
        )
        contact = self.add(
            m.LabContact,
            (index,),
            proposal_uuid=proposal.uuid,
            person_uuid=pi.uuid,
            card_name=f"{pi.family_name} lab",
            default_courier_company="DHL",
            courier_account=f"{rng.randrange(10**8, 10**9)}",
            dewar_average_customs_value=1500,
        )
        protein = self.add(
            m.Protein,
            (index, 0),
            proposal_uuid=proposal.uuid,
            name="Lipase B",
            acronym="LipB",
            sequence="MKLLVLGLLAAGSAHA" * 4,
            molecular_mass=33014.5,
            safety_level="GREEN",
        )
        protein2 = self.add(
            m.Protein,
            (index, 1),
            proposal_uuid=proposal.uuid,
            name="Main protease",
            acronym="Mpro",
            sequence="SGFRKMAFPSGKVEGC" * 4,
            molecular_mass=33796.8,
            safety_level="YELLOW",
        )
        crystals = [
            self.add(
                m.Crystal,
                (index, 0),
                protein_uuid=protein.uuid,
                proposal_uuid=proposal.uuid,
                name="LipB form I",
                space_group="P43212",
                cell_a=78.9,
                cell_b=78.9,
                cell_c=37.1,
                cell_alpha=90.0,
                cell_beta=90.0,
                cell_gamma=90.0,
                morphology="rod",
                color="colourless",
                size_x=120.0,
                size_y=40.0,
                size_z=40.0,
            ),
            self.add(
                m.Crystal,
                (index, 1),
                protein_uuid=protein2.uuid,
                proposal_uuid=proposal.uuid,
                name="Mpro C2",
                space_group="C2",
                cell_a=114.2,
                cell_b=53.6,
                cell_c=44.9,
                cell_alpha=90.0,
                cell_beta=101.4,
                cell_gamma=90.0,
                morphology="plate",
                color="colourless",
            ),
        ]
        shipment = self.add(
            m.Shipment,
            (index,),
            proposal_uuid=proposal.uuid,
            name=f"{code}{number} March run",
            status="AT_FACILITY",
            sending_lab_contact_uuid=contact.uuid,
            return_lab_contact_uuid=contact.uuid,
            shipping_date=(self.clock - timedelta(days=5)).date(),
            delivery_agent="DHL",
            comments="Fragile, keep cold",
        )
        dewar = self.add(
            m.Dewar,
            (index,),
            shipment_uuid=shipment.uuid,
            proposal_uuid=proposal.uuid,
            code=f"DLS-MX-{index:04d}",
            barcode=f"{code}{number}-{index:04d}",
            type="DEWAR",
            status="AT_FACILITY",
            tracking_number_to_facility=f"1Z999AA1{rng.randrange(10**9):09d}",
            weight=18.5,
        )
        pucks = [
            self.add(
                m.Container,
                (index, p),
                dewar_uuid=dewar.uuid,
                proposal_uuid=proposal.uuid,
                code=f"PUCK-{p + 1:02d}",
                barcode=f"CPS-{index:03d}{p:02d}",
                container_type="UNIPUCK",
                capacity=16,
                status="IN_SAMPLE_CHANGER" if p == 0 else "AT_FACILITY",
                sample_changer_location=str(p + 1),
                beamline_location=BEAMLINES[0],
            )
            for p in range(2)
        ]
        sample_rows = []
        for s in range(samples):
            crystal = crystals[s % 2]
            puck = pucks[s // 16 % 2]
            sample = self.add(
                m.Sample,
                (index, s),
                crystal_uuid=crystal.uuid,
                proposal_uuid=proposal.uuid,
                container_uuid=puck.uuid,
                name=f"{'LipB' if s % 2 == 0 else 'Mpro'}-x{s + 1:02d}",
                barcode=f"PIN-{index:03d}{s:03d}",
                location=s % 16 + 1,
                status="COLLECTED" if s < samples // 2 else "REGISTERED",
                loop_type="MiTeGen MicroMount",
                comments="Soaked 2 h in 5 mM ligand" if s % 3 == 0 else None,
            )
            self.add(
                m.SampleImage,
                (index, s),
                sample_uuid=sample.uuid,
                proposal_uuid=proposal.uuid,
                image_full_path=f"/dls/i03/data/2026/{code}{number}-1/snapshots/{sample.name}.png",
                microns_per_pixel_x=1.62,
                microns_per_pixel_y=1.62,
                offset_x=0,
                offset_y=0,
                captured_at=self.clock,
                comments="Centred loop",
            )
            sample_rows.append(sample)
        session_rows = []
        for v in range(sessions):
            beamline = BEAMLINES[v % len(BEAMLINES)]
            start = EPOCH + timedelta(days=7 * v + index % 7, hours=8)
            session = self.add(
                m.Session,
                (index, v),
                proposal_uuid=proposal.uuid,
                visit_number=v + 1,
                name=f"{code}{number}-{v + 1}",
                beamline_name=beamline,
                start_time=start,
                end_time=start + timedelta(hours=24),
                scheduled=True,
                comments="Remote session" if v % 2 == 0 else None,
            )
            self.add(
                m.SessionMember,
                (index, v, "pi"),
                session_uuid=session.uuid,
                person_uuid=pi.uuid,
                proposal_uuid=proposal.uuid,
                role="PRINCIPAL_INVESTIGATOR",
                remote=True,
            )
            self.add(
                m.SessionMember,
                (index, v, "pd"),
                session_uuid=session.uuid,
                person_uuid=postdoc.uuid,
                proposal_uuid=proposal.uuid,
                role="TEAM_MEMBER",
                remote=True,
            )
            session_rows.append(session)
            detector = facility["pilatus"] if beamline == "i04" else facility["eiger"]
            for s, sample in enumerate(sample_rows[v::sessions]):
                self.collect(index, v, s, session, sample, detector, code, number)
        return {
            "proposal": proposal,
            "pi": pi,
            "postdoc": postdoc,
            "sessions": session_rows,
            "samples": sample_rows,
            "pucks": pucks,
            "dewar": dewar,
            "shipment": shipment,
            "contact": contact,
        }

    def collect(self, p: int, v: int, s: int, session: Any, sample: Any, detector: Any, code: str, number: str) -> None:
        """A sample's visit to the beam: grid scan, then rotation data, then processing."""
        rng = self.rng
        key = (p, v, s)
        start = session.start_time + timedelta(minutes=20 * s + 5)
        directory = f"/dls/{session.beamline_name}/data/2026/{code}{number}-{v + 1}/{sample.name}"
        scope = {"proposal_uuid": session.proposal_uuid, "beamline_name": session.beamline_name}
        grid_group = self.add(
            m.DataCollectionGroup,
            (*key, "grid"),
            session_uuid=session.uuid,
            sample_uuid=sample.uuid,
            experiment_type="MESH",
            start_time=start,
            end_time=start + timedelta(seconds=40),
            **scope,
        )
        grid_dc = self.add(
            m.DataCollection,
            (*key, "grid"),
            data_collection_group_uuid=grid_group.uuid,
            session_uuid=session.uuid,
            sample_uuid=sample.uuid,
            detector_uuid=detector.uuid,
            data_collection_number=1,
            run_status="SUCCESSFUL",
            start_time=start,
            end_time=start + timedelta(seconds=40),
            wavelength=0.9763,
            resolution=2.5,
            detector_distance=300.0,
            exposure_time=0.002,
            oscillation_start=0.0,
            oscillation_range=0.0,
            number_of_images=200,
            start_image_number=1,
            image_directory=directory,
            image_prefix=f"{sample.name}_grid",
            file_template=f"{sample.name}_grid_1_master.h5",
            transmission=10.0,
            flux=1.1e12,
            **scope,
        )
        self.add(
            m.GridScan,
            key,
            data_collection_group_uuid=grid_group.uuid,
            data_collection_uuid=grid_dc.uuid,
            steps_x=20,
            steps_y=10,
            dx_mm=0.02,
            dy_mm=0.02,
            mesh_angle=0.0,
            orientation="HORIZONTAL",
            snaked=True,
            microns_per_pixel_x=1.62,
            microns_per_pixel_y=1.62,
            **scope,
        )
        start += timedelta(minutes=2)
        group = self.add(
            m.DataCollectionGroup,
            key,
            session_uuid=session.uuid,
            sample_uuid=sample.uuid,
            experiment_type="OSC" if s % 3 else "SAD",
            start_time=start,
            end_time=start + timedelta(seconds=30),
            comments="Ligand soak" if s % 2 else None,
            **scope,
        )
        images = rng.choice([1800, 3600])
        resolution = round(rng.uniform(1.3, 2.6), 2)
        failed = s % 7 == 6
        dc = self.add(
            m.DataCollection,
            key,
            data_collection_group_uuid=group.uuid,
            session_uuid=session.uuid,
            sample_uuid=sample.uuid,
            detector_uuid=detector.uuid,
            data_collection_number=1,
            run_status="FAILED" if failed else "SUCCESSFUL",
            start_time=start,
            end_time=start + timedelta(seconds=images * 0.004 + 3),
            wavelength=0.9763 if s % 3 else 0.9792,
            resolution=resolution,
            detector_distance=round(rng.uniform(180, 420), 1),
            exposure_time=0.004,
            oscillation_start=0.0,
            oscillation_range=360.0 / images,
            overlap=0.0,
            rotation_axis="OMEGA",
            number_of_images=images,
            start_image_number=1,
            number_of_passes=1,
            image_directory=directory,
            image_prefix=sample.name,
            file_template=f"{sample.name}_1_master.h5",
            x_beam=round(rng.uniform(153, 157), 2),
            y_beam=round(rng.uniform(160, 164), 2),
            beam_size_at_sample_x=0.05,
            beam_size_at_sample_y=0.02,
            flux=round(rng.uniform(1e12, 5e12), -9),
            transmission=round(rng.uniform(5, 50), 1),
            comments="Ice rings" if failed else None,
            **scope,
        )
        if s == 0:
            self.add(
                m.EnergyScan,
                key,
                session_uuid=session.uuid,
                sample_uuid=sample.uuid,
                element="Se",
                edge="K",
                start_energy=12600.0,
                end_energy=12720.0,
                peak_energy=12661.4,
                peak_f_prime=-8.2,
                peak_f_double_prime=5.9,
                inflection_energy=12659.8,
                inflection_f_prime=-10.4,
                inflection_f_double_prime=3.1,
                exposure_time=1.0,
                transmission=5.0,
                scan_file_full_path=f"{directory}/escan/se.raw",
                chooch_file_full_path=f"{directory}/escan/se.efs",
                start_time=start - timedelta(minutes=1),
                end_time=start,
                **scope,
            )
            self.add(
                m.XrfSpectrum,
                key,
                session_uuid=session.uuid,
                sample_uuid=sample.uuid,
                energy=13500.0,
                exposure_time=3.0,
                transmission=1.0,
                scan_file_full_path=f"{directory}/xrf/spectrum.mca",
                fitted_data_file_full_path=f"{directory}/xrf/spectrum_fit.dat",
                annotated_spectrum_full_path=f"{directory}/xrf/spectrum.html",
                start_time=start - timedelta(minutes=2),
                end_time=start - timedelta(minutes=1),
                **scope,
            )
        if s % 4 == 1:
            self.add(
                m.Screening,
                key,
                data_collection_uuid=dc.uuid,
                program_version="EDNA MXv1",
                indexing_success=True,
                strategy_success=True,
                mosaicity=round(rng.uniform(0.05, 0.4), 2),
                resolution_obtained=resolution,
                spots_found=rng.randrange(400, 4000),
                space_group="P43212",
                cell_a=78.9,
                cell_b=78.9,
                cell_c=37.1,
                cell_alpha=90.0,
                cell_beta=90.0,
                cell_gamma=90.0,
                comments="Indexed in P43212",
                strategies=[
                    {
                        "program": "BEST",
                        "phiStart": 0.0,
                        "phiEnd": 180.0,
                        "oscillationRange": 0.1,
                        "exposureTime": 0.01,
                        "transmission": 20.0,
                        "resolution": resolution,
                        "completeness": 99.5,
                        "multiplicity": 4.1,
                        "numberOfImages": 1800,
                    }
                ],
                **scope,
            )
        self.events(key, session, sample, dc, start, scope)
        if failed:
            return
        for pipeline, programs in (("xia2/DIALS", "xia2 dials"), ("autoPROC", "autoPROC"), ("fast_dp", "fast_dp")):
            self.process(key, dc, pipeline, programs, resolution, scope)

    def events(
        self, key: tuple[object, ...], session: Any, sample: Any, dc: Any, start: datetime, scope: dict[str, Any]
    ) -> None:
        """What the beamline records around a collection: the robot mounts the sample, images are written and
        spot-found, a snapshot is attached, and (at sites that run them) a workflow drives it all."""
        rng = self.rng
        self.add(
            m.RobotAction,
            key,
            session_uuid=session.uuid,
            sample_uuid=sample.uuid,
            action_type="LOAD",
            status="SUCCESS",
            message="Sample loaded",
            container_location=1,
            sample_location=sample.location,
            start_time=start - timedelta(seconds=50),
            end_time=start - timedelta(seconds=20),
            **scope,
        )
        for number in (1, 2):
            self.add(
                m.Image,
                (*key, number),
                data_collection_uuid=dc.uuid,
                image_number=number,
                file_name=f"{dc.image_prefix}_1_{number:05d}.cbf",
                file_location=dc.image_directory,
                measured_intensity=round(rng.uniform(1e4, 1e5), 1),
                temperature=100.0,
                synchrotron_current=300.0,
                recorded_at=start + timedelta(seconds=number * 0.004),
                **scope,
            )
            spots = rng.randrange(100, 900)
            self.add(
                m.ImageQualityIndicators,
                (*key, number),
                data_collection_uuid=dc.uuid,
                image_number=number,
                spot_total=spots,
                good_bragg_candidates=int(spots * 0.9),
                in_res_total=int(spots * 0.95),
                ice_rings=0,
                method1_resolution=dc.resolution,
                method2_resolution=round(dc.resolution * 1.1, 2),
                dozor_score=round(rng.uniform(5, 60), 1),
                total_integrated_signal=float(spots * 1000),
                **scope,
            )
        self.add(
            m.DataCollectionAttachment,
            key,
            data_collection_uuid=dc.uuid,
            file_type="SNAPSHOT",
            file_full_path=f"{dc.image_directory}/snapshots/{dc.image_prefix}_1.png",
            recorded_at=start,
            **scope,
        )
        workflow = self.add(
            m.Workflow,
            key,
            session_uuid=session.uuid,
            workflow_type="MXPressE",
            workflow_title=f"MXPressE {sample.name}",
            status="SUCCESS",
            log_file_path=f"{dc.image_directory}/workflow.log",
            start_time=start - timedelta(minutes=1),
            end_time=dc.end_time,
            **scope,
        )
        self.add(
            m.WorkflowStep,
            key,
            workflow_uuid=workflow.uuid,
            type="Characterisation",
            status="SUCCESS",
            folder_path=f"{dc.image_directory}/workflow/step1",
            result_file_path=f"{dc.image_directory}/workflow/step1/result.json",
            end_time=start,
            **scope,
        )

    def process(
        self, key: tuple[object, ...], dc: Any, pipeline: str, programs: str, resolution: float, scope: dict[str, Any]
    ) -> None:
        rng = self.rng
        key = (*key, pipeline)
        start = dc.end_time + timedelta(seconds=rng.randrange(5, 60))
        end = start + timedelta(seconds=rng.randrange(60, 900))
        job = self.add(
            m.ProcessingJob,
            key,
            data_collection_uuid=dc.uuid,
            display_name=programs,
            recipe=f"autoprocessing-{programs.replace(' ', '-').lower()}",
            automatic=True,
            comments="Automatic processing",
            parameters={"anomalous": "false", "resolution.d_min": "auto"},
            **scope,
        )
        program = self.add(
            m.ProcessingProgram,
            key,
            data_collection_uuid=dc.uuid,
            processing_job_uuid=job.uuid,
            programs=programs,
            pipeline=pipeline,
            command_line=f"{programs} image={dc.image_directory}/{dc.file_template}",
            status="SUCCESS",
            message="processing successful",
            start_time=start,
            end_time=end,
            environment="cluster=hamilton",
            **scope,
        )
        self.add(
            m.ProcessingAttachment,
            (*key, "log"),
            processing_program_uuid=program.uuid,
            file_type="LOG",
            file_name=f"{programs.split()[0]}.log",
            file_path=f"{dc.image_directory}/processed/{pipeline}",
            importance_rank=1,
            **scope,
        )
        self.add(
            m.ProcessingAttachment,
            (*key, "mtz"),
            processing_program_uuid=program.uuid,
            file_type="RESULT",
            file_name="scaled.mtz",
            file_path=f"{dc.image_directory}/processed/{pipeline}",
            importance_rank=2,
            **scope,
        )
        if rng.random() < 0.3:
            self.add(
                m.ProcessingMessage,
                key,
                processing_program_uuid=program.uuid,
                severity="WARNING",
                message="Low completeness in outer shell",
                description="Outer-shell completeness is below 80 %.",
                recorded_at=end,
                **scope,
            )
        integration = self.add(
            m.Integration,
            key,
            processing_program_uuid=program.uuid,
            data_collection_uuid=dc.uuid,
            start_image_number=1,
            end_image_number=dc.number_of_images,
            refined_detector_distance=round(dc.detector_distance + rng.uniform(-0.5, 0.5), 2),
            refined_x_beam=dc.x_beam,
            refined_y_beam=dc.y_beam,
            space_group="P43212",
            cell_a=round(78.9 + rng.uniform(-0.1, 0.1), 3),
            cell_b=round(78.9, 3),
            cell_c=round(37.1 + rng.uniform(-0.1, 0.1), 3),
            cell_alpha=90.0,
            cell_beta=90.0,
            cell_gamma=90.0,
            anomalous=False,
            **scope,
        )
        low = 45.0
        for shell, d_low, d_high, rmerge, isig, compl, cc in (
            ("OVERALL", low, resolution, 0.062, 14.3, 99.8, 0.998),
            ("INNER_SHELL", low, resolution * 2.7, 0.031, 41.0, 99.9, 0.999),
            ("OUTER_SHELL", resolution * 1.03, resolution, 0.71, 1.6, 98.7, 0.62),
        ):
            factor = rng.uniform(0.85, 1.15)
            self.add(
                m.ScalingStatistics,
                (*key, shell),
                processing_program_uuid=program.uuid,
                integration_uuid=integration.uuid,
                shell=shell,
                resolution_limit_low=round(d_low, 2),
                resolution_limit_high=round(d_high, 2),
                r_merge=round(rmerge * factor, 3),
                r_meas=round(rmerge * factor * 1.08, 3),
                r_pim=round(rmerge * factor * 0.45, 3),
                mean_i_over_sig_i=round(isig / factor, 1),
                completeness=compl,
                multiplicity=6.7,
                cc_half=round(min(cc, 1.0), 3),
                anomalous_completeness=round(compl - 0.7, 1),
                anomalous_multiplicity=3.5,
                cc_anomalous=0.41 if shell != "OUTER_SHELL" else 0.05,
                total_observations=412345,
                unique_observations=61543,
                **scope,
            )


def seed(db: Session, *, proposals: int = 3, sessions: int = 3, samples: int = 8) -> dict[str, Any]:
    """Load ``proposals`` complete beamtimes plus facility data; returns the rows the caller may need."""
    seeder = Seeder(db)
    facility = seeder.facility()
    made = [seeder.proposal(i, facility, sessions=sessions, samples=samples) for i in range(proposals)]
    db.commit()
    return {"facility": facility, "proposals": made, "counts": seeder.counts}
