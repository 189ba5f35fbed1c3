"""The tables of the reference server, one per resource of the spec.

Column names are the snake_case of the API's camelCase fields, so the mapping between the two is mechanical
(``site_kit.resources`` relies on it). References inside one module are foreign keys; references to
another module (e.g. a data collection group's ``session_uuid``) are plain UUID columns, because that module
may be served by another service with its own database.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from reference_server.db.base import Base, RecordMixin
from reference_server.db.types import SafeString, SafeText, UtcDateTime

__all__ = ["Base"]


class UnitCellMixin:
    """Space group and unit cell, shared by crystals, integrations and screenings (Å and degrees)."""

    space_group: Mapped[str | None] = mapped_column(SafeString(20))
    cell_a: Mapped[float | None] = mapped_column(Double)
    cell_b: Mapped[float | None] = mapped_column(Double)
    cell_c: Mapped[float | None] = mapped_column(Double)
    cell_alpha: Mapped[float | None] = mapped_column(Double)
    cell_beta: Mapped[float | None] = mapped_column(Double)
    cell_gamma: Mapped[float | None] = mapped_column(Double)


class Laboratory(Base, RecordMixin):
    """A laboratory (institution) that persons belong to."""

    __tablename__ = "laboratories"

    name: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    organization: Mapped[str | None] = mapped_column(SafeString(45))
    address: Mapped[str | None] = mapped_column(SafeString(255))
    city: Mapped[str | None] = mapped_column(SafeString(45))
    postcode: Mapped[str | None] = mapped_column(SafeString(15))
    country: Mapped[str | None] = mapped_column(SafeString(45))


class Person(Base, RecordMixin):
    """A person known to the facility."""

    __tablename__ = "persons"

    given_name: Mapped[str | None] = mapped_column(SafeString(45))
    family_name: Mapped[str] = mapped_column(SafeString(100), nullable=False)
    login: Mapped[str | None] = mapped_column(SafeString(45))
    email_address: Mapped[str | None] = mapped_column(SafeString(60))
    orcid: Mapped[str | None] = mapped_column(SafeString(255))
    laboratory_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("laboratories.uuid", ondelete="RESTRICT"), index=True
    )


class Proposal(Base, RecordMixin):
    """A proposal: the unit of beam-time allocation and of data ownership."""

    __tablename__ = "proposals"
    __table_args__ = (UniqueConstraint("proposal_code", "proposal_number"),)

    proposal_code: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    proposal_number: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    name: Mapped[str | None] = mapped_column(SafeString(255))
    title: Mapped[str | None] = mapped_column(SafeString(200))
    proposal_type: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str | None] = mapped_column(String(17))
    principal_investigator_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("persons.uuid", ondelete="RESTRICT"), index=True
    )


class Session(Base, RecordMixin):
    """A session (visit): a block of beam time on one beamline for one proposal."""

    __tablename__ = "sessions"
    __table_args__ = (
        UniqueConstraint("proposal_uuid", "visit_number"),
        # orderBy=startTime [desc] (migration 0007)
        Index("ix_sessions_start_time_id", "start_time", "id"),
        Index("ix_sessions_proposal_uuid_start_time_id", "proposal_uuid", "start_time", "id"),
    )

    proposal_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("proposals.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    visit_number: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str | None] = mapped_column(SafeString(255))
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    start_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    scheduled: Mapped[bool | None] = mapped_column(Boolean)
    comments: Mapped[str | None] = mapped_column(SafeString(2000))
    # another module's record (acquisition), so a plain UUID column (migration 0010)
    beamline_setup_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class ProposalMember(Base, RecordMixin):
    """A person's role on a proposal. Membership grants the person access to the proposal's data."""

    __tablename__ = "proposal_members"
    __table_args__ = (UniqueConstraint("proposal_uuid", "person_uuid"),)

    proposal_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("proposals.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    person_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("persons.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(String(30), nullable=False)


class SessionMember(Base, RecordMixin):
    """A person's role on a session."""

    __tablename__ = "session_members"
    __table_args__ = (UniqueConstraint("session_uuid", "person_uuid"),)

    session_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("sessions.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    person_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("persons.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("proposals.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    role: Mapped[str] = mapped_column(String(30), nullable=False)
    remote: Mapped[bool | None] = mapped_column(Boolean)


class LabContact(Base, RecordMixin):
    """A proposal's shipping contact card: who sends and receives dewars."""

    __tablename__ = "lab_contacts"
    __table_args__ = (  # x-unique of the spec
        UniqueConstraint("proposal_uuid", "card_name"),
        UniqueConstraint("proposal_uuid", "person_uuid"),
    )

    proposal_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("proposals.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    person_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("persons.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    card_name: Mapped[str] = mapped_column(SafeString(40), nullable=False)
    default_courier_company: Mapped[str | None] = mapped_column(SafeString(45))
    courier_account: Mapped[str | None] = mapped_column(SafeString(45))
    dewar_average_customs_value: Mapped[int | None] = mapped_column(Integer)


class Protein(Base, RecordMixin):
    """A macromolecule studied under a proposal."""

    __tablename__ = "proteins"
    __table_args__ = (UniqueConstraint("proposal_uuid", "acronym"),)  # x-unique of the spec

    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    name: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    acronym: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    sequence: Mapped[str | None] = mapped_column(SafeText)
    molecular_mass: Mapped[float | None] = mapped_column(Double)
    safety_level: Mapped[str | None] = mapped_column(String(14))


class Crystal(Base, RecordMixin, UnitCellMixin):
    """A crystal form of a macromolecule: space group and unit cell."""

    __tablename__ = "crystals"

    protein_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("proteins.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    name: Mapped[str | None] = mapped_column(SafeString(255))
    morphology: Mapped[str | None] = mapped_column(SafeString(255))
    color: Mapped[str | None] = mapped_column(SafeString(45))
    size_x: Mapped[float | None] = mapped_column(Double)
    size_y: Mapped[float | None] = mapped_column(Double)
    size_z: Mapped[float | None] = mapped_column(Double)


class Sample(Base, RecordMixin):
    """A sample: a crystal mounted at a position in a container."""

    __tablename__ = "samples"
    __table_args__ = (UniqueConstraint("container_uuid", "location"),)  # one sample per position (x-unique)

    crystal_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("crystals.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    container_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    name: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    barcode: Mapped[str | None] = mapped_column(SafeString(45))
    location: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(25))
    loop_type: Mapped[str | None] = mapped_column(SafeString(45))
    comments: Mapped[str | None] = mapped_column(SafeString(1024))


class SampleImage(Base, RecordMixin):
    """An image of a sample (optical snapshot or plate inspection)."""

    __tablename__ = "sample_images"

    sample_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("samples.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    image_full_path: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    microns_per_pixel_x: Mapped[float | None] = mapped_column(Double)
    microns_per_pixel_y: Mapped[float | None] = mapped_column(Double)
    offset_x: Mapped[int | None] = mapped_column(Integer)
    offset_y: Mapped[int | None] = mapped_column(Integer)
    captured_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    comments: Mapped[str | None] = mapped_column(SafeString(255))


class Shipment(Base, RecordMixin):
    """A shipment of dewars between a laboratory and the facility."""

    __tablename__ = "shipments"

    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    name: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    status: Mapped[str | None] = mapped_column(String(24))
    sending_lab_contact_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    return_lab_contact_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    shipping_date: Mapped[date | None] = mapped_column(Date)
    delivery_agent: Mapped[str | None] = mapped_column(SafeString(45))
    comments: Mapped[str | None] = mapped_column(SafeString(255))


class Dewar(Base, RecordMixin):
    """A dewar (or toolbox, parcel) in a shipment."""

    __tablename__ = "dewars"
    __table_args__ = (UniqueConstraint("barcode"),)  # x-unique of the spec

    shipment_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("shipments.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    code: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    barcode: Mapped[str | None] = mapped_column(SafeString(45))
    type: Mapped[str | None] = mapped_column(String(15))
    status: Mapped[str | None] = mapped_column(String(24))
    tracking_number_to_facility: Mapped[str | None] = mapped_column(SafeString(30))
    tracking_number_from_facility: Mapped[str | None] = mapped_column(SafeString(30))
    weight: Mapped[float | None] = mapped_column(Double)


class Container(Base, RecordMixin):
    """A container (puck, basket, plate…) with numbered sample positions."""

    __tablename__ = "containers"
    __table_args__ = (UniqueConstraint("barcode"),)  # x-unique of the spec

    dewar_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("dewars.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    code: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    barcode: Mapped[str | None] = mapped_column(SafeString(45))
    container_type: Mapped[str] = mapped_column(String(18), nullable=False)
    capacity: Mapped[int] = mapped_column(Integer, nullable=False)
    status: Mapped[str | None] = mapped_column(String(25))
    sample_changer_location: Mapped[str | None] = mapped_column(SafeString(20))
    beamline_location: Mapped[str | None] = mapped_column(SafeString(20))
    session_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)


class Detector(Base, RecordMixin):
    """A detector model installed at the facility."""

    __tablename__ = "detectors"
    __table_args__ = (UniqueConstraint("serial_number"),)  # x-unique of the spec

    detector_type: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    manufacturer: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    model: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    detector_mode: Mapped[str | None] = mapped_column(SafeString(255))  # migration 0010
    serial_number: Mapped[str | None] = mapped_column(SafeString(30))
    pixel_size_x: Mapped[float | None] = mapped_column(Double)
    pixel_size_y: Mapped[float | None] = mapped_column(Double)
    number_of_pixels_x: Mapped[int | None] = mapped_column(Integer)
    number_of_pixels_y: Mapped[int | None] = mapped_column(Integer)
    distance_min: Mapped[float | None] = mapped_column(Double)
    distance_max: Mapped[float | None] = mapped_column(Double)


class BeamlineSetup(Base, RecordMixin):
    """The configuration of a beamline over a period."""

    __tablename__ = "beamline_setups"

    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    synchrotron_name: Mapped[str | None] = mapped_column(SafeString(255))
    detector_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("detectors.uuid", ondelete="RESTRICT"), index=True
    )
    monochromator_type: Mapped[str | None] = mapped_column(SafeString(255))
    focusing_optic: Mapped[str | None] = mapped_column(SafeString(255))
    min_exposure_time: Mapped[float | None] = mapped_column(Double)
    max_exposure_time: Mapped[float | None] = mapped_column(Double)
    min_transmission: Mapped[float | None] = mapped_column(Double)
    goniostat_min_oscillation_width: Mapped[float | None] = mapped_column(Double)
    active: Mapped[bool | None] = mapped_column(Boolean)


class DataCollectionGroup(Base, RecordMixin):
    """A group of data collections forming one experiment on one sample (e.g. the sweeps of a MAD experiment)."""

    __tablename__ = "data_collection_groups"
    #: keyset pages (order by id) under an equality filter, and a beamline's time window (migration 0002)
    __table_args__ = (
        Index("ix_data_collection_groups_session_uuid_id", "session_uuid", "id"),
        Index("ix_data_collection_groups_proposal_uuid_id", "proposal_uuid", "id"),
        Index("ix_data_collection_groups_beamline_name_start_time_id", "beamline_name", "start_time", "id"),
        # orderBy=startTime [desc], unfiltered or per proposal/session (migration 0007)
        Index("ix_data_collection_groups_start_time_id", "start_time", "id"),
        Index("ix_data_collection_groups_proposal_uuid_start_time_id", "proposal_uuid", "start_time", "id"),
        Index("ix_data_collection_groups_session_uuid_start_time_id", "session_uuid", "start_time", "id"),
    )

    session_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    sample_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    experiment_type: Mapped[str] = mapped_column(String(24), nullable=False)
    start_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    comments: Mapped[str | None] = mapped_column(SafeString(1024))


class DataCollection(Base, RecordMixin):
    """One data collection (sweep): the beamline parameters, file location and outcome of a set of images."""

    __tablename__ = "data_collections"
    #: keyset pages (order by id) under an equality filter, and a beamline's time window (migration 0002)
    __table_args__ = (
        Index("ix_data_collections_session_uuid_id", "session_uuid", "id"),
        Index("ix_data_collections_proposal_uuid_id", "proposal_uuid", "id"),
        Index("ix_data_collections_beamline_name_start_time_id", "beamline_name", "start_time", "id"),
        # orderBy=startTime [desc], unfiltered or per proposal/session (migration 0007)
        Index("ix_data_collections_start_time_id", "start_time", "id"),
        Index("ix_data_collections_proposal_uuid_start_time_id", "proposal_uuid", "start_time", "id"),
        Index("ix_data_collections_session_uuid_start_time_id", "session_uuid", "start_time", "id"),
    )

    data_collection_group_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("data_collection_groups.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    session_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    sample_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    detector_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("detectors.uuid", ondelete="RESTRICT"), index=True
    )
    data_collection_number: Mapped[int | None] = mapped_column(Integer)
    run_status: Mapped[str | None] = mapped_column(String(18))
    start_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    wavelength: Mapped[float | None] = mapped_column(Double)
    resolution: Mapped[float | None] = mapped_column(Double)
    detector_distance: Mapped[float | None] = mapped_column(Double)
    exposure_time: Mapped[float | None] = mapped_column(Double)
    oscillation_start: Mapped[float | None] = mapped_column(Double)
    oscillation_range: Mapped[float | None] = mapped_column(Double)
    overlap: Mapped[float | None] = mapped_column(Double)
    rotation_axis: Mapped[str | None] = mapped_column(String(13))
    number_of_images: Mapped[int | None] = mapped_column(Integer)
    start_image_number: Mapped[int | None] = mapped_column(Integer)
    number_of_passes: Mapped[int | None] = mapped_column(Integer)
    image_directory: Mapped[str | None] = mapped_column(SafeString(255))
    image_prefix: Mapped[str | None] = mapped_column(SafeString(45))
    file_template: Mapped[str | None] = mapped_column(SafeString(255))
    x_beam: Mapped[float | None] = mapped_column(Double)
    y_beam: Mapped[float | None] = mapped_column(Double)
    beam_size_at_sample_x: Mapped[float | None] = mapped_column(Double)
    beam_size_at_sample_y: Mapped[float | None] = mapped_column(Double)
    flux: Mapped[float | None] = mapped_column(Double)
    transmission: Mapped[float | None] = mapped_column(Double)
    comments: Mapped[str | None] = mapped_column(SafeString(1024))
    technique_parameters: Mapped[Any | None] = mapped_column(JSON)


class GridScan(Base, RecordMixin):
    """The geometry of a grid (mesh) scan used to locate crystals."""

    __tablename__ = "grid_scans"

    data_collection_group_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("data_collection_groups.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    data_collection_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("data_collections.uuid", ondelete="RESTRICT"), index=True
    )
    steps_x: Mapped[int] = mapped_column(Integer, nullable=False)
    steps_y: Mapped[int] = mapped_column(Integer, nullable=False)
    dx_mm: Mapped[float | None] = mapped_column(Double)
    dy_mm: Mapped[float | None] = mapped_column(Double)
    mesh_angle: Mapped[float | None] = mapped_column(Double)
    orientation: Mapped[str | None] = mapped_column(String(18))
    snaked: Mapped[bool | None] = mapped_column(Boolean)
    microns_per_pixel_x: Mapped[float | None] = mapped_column(Double)
    microns_per_pixel_y: Mapped[float | None] = mapped_column(Double)


class EnergyScan(Base, RecordMixin):
    """An absorption-edge energy scan (for MAD/SAD wavelength choice)."""

    __tablename__ = "energy_scans"

    session_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    sample_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    element: Mapped[str] = mapped_column(SafeString(10), nullable=False)
    edge: Mapped[str | None] = mapped_column(SafeString(10))
    start_energy: Mapped[float | None] = mapped_column(Double)
    end_energy: Mapped[float | None] = mapped_column(Double)
    peak_energy: Mapped[float | None] = mapped_column(Double)
    peak_f_prime: Mapped[float | None] = mapped_column(Double)
    peak_f_double_prime: Mapped[float | None] = mapped_column(Double)
    inflection_energy: Mapped[float | None] = mapped_column(Double)
    inflection_f_prime: Mapped[float | None] = mapped_column(Double)
    inflection_f_double_prime: Mapped[float | None] = mapped_column(Double)
    exposure_time: Mapped[float | None] = mapped_column(Double)
    transmission: Mapped[float | None] = mapped_column(Double)
    scan_file_full_path: Mapped[str | None] = mapped_column(SafeString(255))
    chooch_file_full_path: Mapped[str | None] = mapped_column(SafeString(255))
    start_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)


class XrfSpectrum(Base, RecordMixin):
    """An X-ray fluorescence spectrum recorded on a sample."""

    __tablename__ = "xrf_spectra"

    session_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    sample_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    energy: Mapped[float | None] = mapped_column(Double)
    exposure_time: Mapped[float | None] = mapped_column(Double)
    transmission: Mapped[float | None] = mapped_column(Double)
    scan_file_full_path: Mapped[str | None] = mapped_column(SafeString(255))
    fitted_data_file_full_path: Mapped[str | None] = mapped_column(SafeString(255))
    annotated_spectrum_full_path: Mapped[str | None] = mapped_column(SafeString(255))
    start_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ProcessingJob(Base, RecordMixin):
    """A request to process data: what the pipeline was asked to do.

    DLS ProcessingJob; ESRF sites have no such table and create one per program.
    """

    __tablename__ = "processing_jobs"

    data_collection_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    display_name: Mapped[str | None] = mapped_column(SafeString(80))
    recipe: Mapped[str | None] = mapped_column(SafeString(50))
    automatic: Mapped[bool | None] = mapped_column(Boolean)
    comments: Mapped[str | None] = mapped_column(SafeString(255))
    parameters: Mapped[Any | None] = mapped_column(JSON)


class ProcessingProgram(Base, RecordMixin):
    """One run of a processing program (DLS/ESRF AutoProcProgram): pipeline, command line, status and timing."""

    __tablename__ = "processing_programs"

    data_collection_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    processing_job_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("processing_jobs.uuid", ondelete="RESTRICT"), index=True
    )
    programs: Mapped[str | None] = mapped_column(SafeString(255))
    pipeline: Mapped[str | None] = mapped_column(SafeString(20))
    command_line: Mapped[str | None] = mapped_column(SafeString(255))
    status: Mapped[str] = mapped_column(String(15), nullable=False)
    message: Mapped[str | None] = mapped_column(SafeString(255))
    start_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    environment: Mapped[str | None] = mapped_column(SafeString(255))


class ProcessingMessage(Base, RecordMixin):
    """A message emitted by a processing program."""

    __tablename__ = "processing_messages"

    processing_program_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("processing_programs.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    severity: Mapped[str] = mapped_column(String(15), nullable=False)
    message: Mapped[str] = mapped_column(SafeString(200), nullable=False)
    description: Mapped[str | None] = mapped_column(SafeString(1024))
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ProcessingAttachment(Base, RecordMixin):
    """A file produced by a processing program (log, result, graph…)."""

    __tablename__ = "processing_attachments"

    processing_program_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("processing_programs.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    file_type: Mapped[str] = mapped_column(String(14), nullable=False)
    file_name: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    file_path: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    importance_rank: Mapped[int | None] = mapped_column(Integer)


class Integration(Base, RecordMixin, UnitCellMixin):
    """The integration of a data collection by a program: refined beam, detector and cell."""

    __tablename__ = "integrations"

    processing_program_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("processing_programs.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    data_collection_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    start_image_number: Mapped[int | None] = mapped_column(Integer)
    end_image_number: Mapped[int | None] = mapped_column(Integer)
    refined_detector_distance: Mapped[float | None] = mapped_column(Double)
    refined_x_beam: Mapped[float | None] = mapped_column(Double)
    refined_y_beam: Mapped[float | None] = mapped_column(Double)
    anomalous: Mapped[bool | None] = mapped_column(Boolean)


class ScalingStatistics(Base, RecordMixin):
    """Scaling and merging statistics of one resolution shell (overall, inner or outer) of a processing result."""

    __tablename__ = "scaling_statistics"

    processing_program_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("processing_programs.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    integration_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("integrations.uuid", ondelete="RESTRICT"), index=True
    )
    shell: Mapped[str] = mapped_column(String(19), nullable=False)
    resolution_limit_low: Mapped[float | None] = mapped_column(Double)
    resolution_limit_high: Mapped[float | None] = mapped_column(Double)
    r_merge: Mapped[float | None] = mapped_column(Double)
    r_meas: Mapped[float | None] = mapped_column(Double)
    r_pim: Mapped[float | None] = mapped_column(Double)
    mean_i_over_sig_i: Mapped[float | None] = mapped_column(Double)
    completeness: Mapped[float | None] = mapped_column(Double)
    multiplicity: Mapped[float | None] = mapped_column(Double)
    cc_half: Mapped[float | None] = mapped_column(Double)
    anomalous_completeness: Mapped[float | None] = mapped_column(Double)
    anomalous_multiplicity: Mapped[float | None] = mapped_column(Double)
    cc_anomalous: Mapped[float | None] = mapped_column(Double)
    total_observations: Mapped[int | None] = mapped_column(BigInteger)
    unique_observations: Mapped[int | None] = mapped_column(BigInteger)


class Screening(Base, RecordMixin, UnitCellMixin):
    """The characterisation of a sample from test images: indexing outcome and the strategies proposed."""

    __tablename__ = "screenings"

    data_collection_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    processing_program_uuid: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("processing_programs.uuid", ondelete="RESTRICT"), index=True
    )
    program_version: Mapped[str | None] = mapped_column(SafeString(45))
    indexing_success: Mapped[bool | None] = mapped_column(Boolean)
    strategy_success: Mapped[bool | None] = mapped_column(Boolean)
    mosaicity: Mapped[float | None] = mapped_column(Double)
    resolution_obtained: Mapped[float | None] = mapped_column(Double)
    spots_found: Mapped[int | None] = mapped_column(Integer)
    comments: Mapped[str | None] = mapped_column(SafeString(255))
    strategies: Mapped[Any | None] = mapped_column(JSON)


# ---------------------------------------------------------------- beamline-events (optional class)


class RobotAction(Base, RecordMixin):
    """A sample-changer action on the beamline: loading, unloading, washing… a sample."""

    __tablename__ = "robot_actions"

    session_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    sample_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    action_type: Mapped[str] = mapped_column(String(15), nullable=False)
    status: Mapped[str | None] = mapped_column(String(24))
    message: Mapped[str | None] = mapped_column(SafeString(255))
    container_location: Mapped[int | None] = mapped_column(Integer)
    sample_location: Mapped[int | None] = mapped_column(Integer)
    start_time: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Image(Base, RecordMixin):
    """One image of a data collection, as recorded (file, beam conditions, temperature)."""

    __tablename__ = "images"

    data_collection_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    image_number: Mapped[int] = mapped_column(Integer, nullable=False)
    file_name: Mapped[str | None] = mapped_column(SafeString(255))
    file_location: Mapped[str | None] = mapped_column(SafeString(255))
    measured_intensity: Mapped[float | None] = mapped_column(Double)
    jpeg_file_full_path: Mapped[str | None] = mapped_column(SafeString(255))
    jpeg_thumbnail_file_full_path: Mapped[str | None] = mapped_column(SafeString(255))
    temperature: Mapped[float | None] = mapped_column(Double)
    synchrotron_current: Mapped[float | None] = mapped_column(Double)
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ImageQualityIndicators(Base, RecordMixin):
    """Per-image analysis written by an online pipeline (spots, Bragg candidates, resolution estimates)."""

    __tablename__ = "image_quality_indicators"

    data_collection_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    image_number: Mapped[int] = mapped_column(Integer, nullable=False)
    spot_total: Mapped[int | None] = mapped_column(Integer)
    good_bragg_candidates: Mapped[int | None] = mapped_column(Integer)
    in_res_total: Mapped[int | None] = mapped_column(Integer)
    ice_rings: Mapped[int | None] = mapped_column(Integer)
    method1_resolution: Mapped[float | None] = mapped_column(Double)
    method2_resolution: Mapped[float | None] = mapped_column(Double)
    max_unit_cell: Mapped[float | None] = mapped_column(Double)
    dozor_score: Mapped[float | None] = mapped_column(Double)
    total_integrated_signal: Mapped[float | None] = mapped_column(Double)


class DataCollectionAttachment(Base, RecordMixin):
    """A file attached to a data collection: crystal snapshot, log, plot…"""

    __tablename__ = "data_collection_attachments"

    data_collection_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    file_type: Mapped[str] = mapped_column(String(18), nullable=False)
    file_full_path: Mapped[str] = mapped_column(SafeString(255), nullable=False)
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Workflow(Base, RecordMixin):
    """An automated workflow run by the beamline (MXPressE, mesh and collect, X-ray centring…): ESRF's Workflow."""

    __tablename__ = "workflows"

    session_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str] = mapped_column(SafeString(45), nullable=False, index=True)
    workflow_type: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    workflow_title: Mapped[str | None] = mapped_column(SafeString(255))
    status: Mapped[str | None] = mapped_column(String(15))
    comments: Mapped[str | None] = mapped_column(SafeString(1024))
    log_file_path: Mapped[str | None] = mapped_column(SafeString(255))
    start_time: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)


class WorkflowStep(Base, RecordMixin):
    """One step of a workflow, with its result files."""

    __tablename__ = "workflow_steps"

    workflow_uuid: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("workflows.uuid", ondelete="RESTRICT"), nullable=False, index=True
    )
    proposal_uuid: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False, index=True)
    beamline_name: Mapped[str | None] = mapped_column(SafeString(45), index=True)
    type: Mapped[str] = mapped_column(SafeString(45), nullable=False)
    status: Mapped[str | None] = mapped_column(String(15))
    folder_path: Mapped[str | None] = mapped_column(SafeString(1024))
    image_result_file_path: Mapped[str | None] = mapped_column(SafeString(1024))
    html_result_file_path: Mapped[str | None] = mapped_column(SafeString(1024))
    result_file_path: Mapped[str | None] = mapped_column(SafeString(1024))
    comments: Mapped[str | None] = mapped_column(SafeString(2048))
    end_time: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ApiToken(Base):
    """A bearer token. Only its SHA-256 is stored, so a database dump leaks no usable token."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    subject: Mapped[str] = mapped_column(String(255), nullable=False)
    person_uuid: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    beamlines: Mapped[Any] = mapped_column(JSON, nullable=False, default=list)
    #: proposals granted by the token itself (for services that do not hold the memberships)
    proposals: Mapped[Any] = mapped_column(JSON, nullable=False, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    #: after this instant the token is refused (None: no expiry)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    #: when ``ispyb-server token revoke`` withdrew it; a revoked token is refused
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


# The outbox tables of the changes class (site_kit.outbox, migration 0011) belong to this schema too: copied into
# its metadata so that what the migrations build and what the models declare are compared as a whole.
def _outbox_tables() -> None:
    from site_kit import outbox

    for outbox_table in outbox.METADATA.sorted_tables:
        if outbox_table.name not in Base.metadata.tables:
            outbox_table.to_metadata(Base.metadata)


_outbox_tables()
