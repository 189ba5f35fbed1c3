"""The benchmark data set: ISPyB-scale rows, deterministic, computed from indices alone.

Every table is generated in its own pass (one COPY per table), so nothing is kept in memory: a child row
recomputes its parent's UUID and derived fields (proposal, beamline, session, sample) from the same indices
the parent was made from. That is what keeps derived columns consistent without a lookup.

Layout (per proposal, defaults): 20 sessions, 200 samples, 25 data collection groups per session of 2 data
collections each (a characterisation wedge and a rotation sweep); each rotation sweep has a processing job and
program and, unless the collection failed, an integration and three shells of scaling statistics. Sessions
are laid out in time order (one 24 h block per beamline per day), and rows are emitted in that order, so
internal ids grow with time as in a production database — which is what makes keyset pages and time filters
realistic.

Rows are tuples of PostgreSQL COPY text values (``NULL`` is ``\\N``): one representation for every backend
(``bench.loader`` parses them back into Python values for executemany). Generation must be cheap — a million
rows at tens of microseconds each is already tens of seconds here — so UUIDs are not UUIDv5 (≈13 µs each on
the benchmark machine) but UUIDv8 (RFC 9562 "custom") made by a bijective multiplicative mix of the row's index:
unique, deterministic, and spread over the key space like random UUIDs, so index behaviour stays realistic.
Timestamps are formatted from integer seconds, and "random" measurements come from small precomputed tables.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

EPOCH = datetime(2021, 1, 4, tzinfo=UTC)
SESSION_START = 8 * 3600
BEAMLINES = ("i03", "i04", "i04-1", "i24", "id23-1", "id23-2", "id30a-1", "id30b", "biomax", "proxima1")
LABORATORIES = 20
GROUP_SECONDS = 50 * 60
NULL = "\\N"
MASK64 = (1 << 64) - 1

Row = tuple[str, ...]

#: UUID kind tags: the first 32 bits of every generated UUID, one per record type.
KINDS = {
    name: i + 1
    for i, name in enumerate(
        (
            "laboratory",
            "detector",
            "beamline_setup",
            "person",
            "proposal",
            "proposal_member",
            "session",
            "session_member",
            "protein",
            "crystal",
            "sample",
            "dcg",
            "dc",
            "job",
            "program",
            "integration",
            "scaling",
            "put",
        )
    )
}


def uid(kind: str, n: int) -> str:
    """UUIDv8 of record ``n`` of ``kind``: a bijection of ``n`` (odd multiplier mod 2**64), version 8, variant 10."""
    x = (n * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & MASK64
    return (
        f"{KINDS[kind]:08x}-{x >> 48:04x}-8{(x >> 36) & 0xFFF:03x}-{0x8000 | ((x >> 22) & 0x3FFF):04x}-"
        f"{(x & 0x3FFFFF) << 26:012x}"
    )


@lru_cache(maxsize=4096)
def _day(day: int) -> str:
    return (EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")


def ts(seconds: int) -> str:
    """The instant ``seconds`` after EPOCH as COPY text (UTC)."""
    day, rem = divmod(seconds, 86400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    return f"{_day(day)} {hours:02d}:{minutes:02d}:{secs:02d}+00"


def _values(seed: str, low: float, high: float, digits: int, count: int = 997) -> tuple[str, ...]:
    """A table of plausible measurements, picked by index: far cheaper than a random draw per row."""
    rng = random.Random(zlib.crc32(seed.encode()))
    return tuple(str(round(rng.uniform(low, high), digits)) for _ in range(count))


RESOLUTIONS = _values("resolution", 1.3, 2.6, 2)
DISTANCES = _values("distance", 180, 420, 1)
X_BEAMS = _values("xbeam", 153, 157, 2)
Y_BEAMS = _values("ybeam", 160, 164, 2)
FLUXES = tuple(str(float(round(v))) for v in (random.Random(7).uniform(1e12, 5e12) for _ in range(997)))
TRANSMISSIONS = _values("transmission", 5, 50, 1)
FACTORS = tuple(random.Random(11).uniform(0.85, 1.15) for _ in range(997))


@dataclass(frozen=True)
class Scale:
    """How much data: everything is proportional to the number of proposals."""

    proposals: int = 1000
    sessions_per_proposal: int = 20
    samples_per_proposal: int = 200
    groups_per_session: int = 25
    collections_per_group: int = 2

    @property
    def sessions(self) -> int:
        return self.proposals * self.sessions_per_proposal

    @property
    def samples(self) -> int:
        return self.proposals * self.samples_per_proposal

    @property
    def groups(self) -> int:
        return self.sessions * self.groups_per_session

    @property
    def data_collections(self) -> int:
        return self.groups * self.collections_per_group

    @property
    def stride(self) -> int:
        """A multiplier coprime with the proposal count: spreads consecutive sessions over all proposals."""
        stride = 379
        while self.proposals % stride == 0:
            stride += 2
        return stride


@dataclass(frozen=True)
class Slot:
    """Everything a session's descendants need to know about it, from its index alone."""

    index: int
    proposal: int
    visit: int  # 0-based
    beamline: int
    start: int  # seconds after EPOCH
    uuid: str
    proposal_uuid: str

    @property
    def beamline_name(self) -> str:
        return BEAMLINES[self.beamline]


def slot(scale: Scale, k: int) -> Slot:
    """Session ``k``: one per beamline per day in index order; proposals take turns (a bijection per round)."""
    proposal = (k * scale.stride) % scale.proposals
    day, line = divmod(k, len(BEAMLINES))
    return Slot(
        k,
        proposal,
        k // scale.proposals,
        line,
        day * 86400 + SESSION_START,
        uid("session", k),
        uid("proposal", proposal),
    )


def sample_of(scale: Scale, s: Slot, group: int) -> int:
    """Global index of the sample collected in group ``group`` of session ``s``."""
    local = (s.visit * scale.groups_per_session + group) % scale.samples_per_proposal
    return s.proposal * scale.samples_per_proposal + local


def group_index(scale: Scale, s: Slot, group: int) -> int:
    return s.index * scale.groups_per_session + group


def group_start(s: Slot, group: int) -> int:
    return s.start + GROUP_SECONDS * group + 300


def is_failed(group_flat: int) -> bool:
    return group_flat % 15 == 14


def proposal_number(p: int) -> str:
    return str(20000 + p)


def _stamp(seconds: int) -> tuple[str, str, str]:
    """version, created_at, updated_at of a record written at ``seconds``."""
    when = ts(seconds)
    return ("1", when, when)


# ---------------------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class TableSpec:
    """A table of the server's schema, the columns the generator fills, and the generator."""

    name: str
    columns: tuple[str, ...]
    rows: Callable[[Scale], Iterator[Row]]


STAMP = ("version", "created_at", "updated_at")


def laboratories(scale: Scale) -> Iterator[Row]:
    for i in range(LABORATORIES):
        yield (
            uid("laboratory", i),
            f"Structural Biology Laboratory {i}",
            f"University {i}",
            f"{i} Science Park",
            "Grenoble",
            f"380{i:02d}",
            "France",
            *_stamp(0),
        )


def detectors(scale: Scale) -> Iterator[Row]:
    for i, (model, pixel, nx, ny) in enumerate(
        (("EIGER2 XE 16M", "0.075", 4148, 4362), ("PILATUS3 6M", "0.172", 2463, 2527))
    ):
        yield (
            uid("detector", i),
            "PAD",
            "Dectris",
            model,
            f"SN-{i:04d}",
            pixel,
            pixel,
            str(nx),
            str(ny),
            "120.0",
            "1200.0",
            *_stamp(0),
        )


def beamline_setups(scale: Scale) -> Iterator[Row]:
    for i, beamline in enumerate(BEAMLINES):
        yield (
            uid("beamline_setup", i),
            beamline,
            "ESRF",
            uid("detector", i % 2),
            "Si(111) DCM",
            "KB mirrors",
            "0.001",
            "100.0",
            "0.01",
            "0.01",
            "t",
            *_stamp(0),
        )


def persons(scale: Scale) -> Iterator[Row]:
    for p in range(scale.proposals):
        for r, (given, role) in enumerate((("Rosalind", "pi"), ("Alex", "co"))):
            yield (
                uid("person", 2 * p + r),
                given,
                f"Scientist{p}{role}",
                f"{role}{p}",
                f"{role}{p}@example.org",
                uid("laboratory", p % LABORATORIES),
                *_stamp(0),
            )


TITLES = (
    "Structure of a thermostable lipase",
    "Fragment screening of a viral protease",
    "Ligand complexes of a kinase",
    "Time-resolved studies of a photoreceptor",
)


def proposals(scale: Scale) -> Iterator[Row]:
    for p in range(scale.proposals):
        number = proposal_number(p)
        yield (
            uid("proposal", p),
            "mx",
            number,
            f"mx{number}",
            TITLES[p % len(TITLES)],
            "MX",
            "OPEN",
            uid("person", 2 * p),
            *_stamp(0),
        )


def proposal_members(scale: Scale) -> Iterator[Row]:
    for p in range(scale.proposals):
        for r, role in enumerate(("PRINCIPAL_INVESTIGATOR", "CO_INVESTIGATOR")):
            yield (uid("proposal_member", 2 * p + r), uid("proposal", p), uid("person", 2 * p + r), role, *_stamp(0))


def sessions(scale: Scale) -> Iterator[Row]:
    for k in range(scale.sessions):
        s = slot(scale, k)
        yield (
            s.uuid,
            s.proposal_uuid,
            str(s.visit + 1),
            f"mx{proposal_number(s.proposal)}-{s.visit + 1}",
            s.beamline_name,
            ts(s.start),
            ts(s.start + 86400),
            "t",
            "Remote session" if k % 2 == 0 else NULL,
            *_stamp(max(s.start - 30 * 86400, 0)),
        )


def session_members(scale: Scale) -> Iterator[Row]:
    for k in range(scale.sessions):
        s = slot(scale, k)
        yield (
            uid("session_member", k),
            s.uuid,
            uid("person", 2 * s.proposal),
            s.proposal_uuid,
            "PRINCIPAL_INVESTIGATOR",
            "t",
            *_stamp(max(s.start - 30 * 86400, 0)),
        )


def proteins(scale: Scale) -> Iterator[Row]:
    for p in range(scale.proposals):
        for i, (name, acronym) in enumerate((("Lipase B", "LipB"), ("Main protease", "Mpro"))):
            yield (
                uid("protein", 2 * p + i),
                uid("proposal", p),
                name,
                acronym,
                "MKLLVLGLLAAGSAHA" * 4,
                str(33014.5 + i * 782),
                "GREEN",
                *_stamp(0),
            )


def crystals(scale: Scale) -> Iterator[Row]:
    for p in range(scale.proposals):
        for c in range(4):
            yield (
                uid("crystal", 4 * p + c),
                uid("protein", 2 * p + c // 2),
                uid("proposal", p),
                f"form {c}",
                "P43212",
                "78.9",
                "78.9",
                "37.1",
                "90.0",
                "90.0",
                "90.0",
                "rod",
                "colourless",
                *_stamp(0),
            )


def samples(scale: Scale) -> Iterator[Row]:
    n = scale.samples_per_proposal
    for p in range(scale.proposals):
        proposal = uid("proposal", p)
        for s in range(n):
            yield (
                uid("sample", p * n + s),
                uid("crystal", 4 * p + s % 4),
                proposal,
                f"x{s + 1:03d}",
                f"PIN-{p:04d}{s:03d}",
                str(s % 16 + 1),
                "COLLECTED",
                "MiTeGen MicroMount",
                *_stamp(0),
            )


def _groups(scale: Scale) -> Iterator[tuple[Slot, int, int]]:
    """(session, group number within it, global group index) in time order."""
    for k in range(scale.sessions):
        s = slot(scale, k)
        for g in range(scale.groups_per_session):
            yield s, g, group_index(scale, s, g)


def data_collection_groups(scale: Scale) -> Iterator[Row]:
    for s, g, flat in _groups(scale):
        start = group_start(s, g)
        yield (
            uid("dcg", flat),
            s.uuid,
            s.proposal_uuid,
            s.beamline_name,
            uid("sample", sample_of(scale, s, g)),
            "SAD" if g % 3 == 0 else "OSC",
            ts(start),
            ts(start + 1200),
            *_stamp(start),
        )


DC_COLUMNS = (
    "uuid",
    "data_collection_group_uuid",
    "session_uuid",
    "proposal_uuid",
    "beamline_name",
    "sample_uuid",
    "detector_uuid",
    "data_collection_number",
    "run_status",
    "start_time",
    "end_time",
    "wavelength",
    "resolution",
    "detector_distance",
    "exposure_time",
    "oscillation_start",
    "oscillation_range",
    "overlap",
    "rotation_axis",
    "number_of_images",
    "start_image_number",
    "number_of_passes",
    "image_directory",
    "image_prefix",
    "file_template",
    "x_beam",
    "y_beam",
    "beam_size_at_sample_x",
    "beam_size_at_sample_y",
    "flux",
    "transmission",
    "comments",
    *STAMP,
)


def data_collections(scale: Scale) -> Iterator[Row]:
    per_group = scale.collections_per_group
    detectors_ = (uid("detector", 0), uid("detector", 1))
    for s, g, flat in _groups(scale):
        group = uid("dcg", flat)
        sample = sample_of(scale, s, g)
        sample_uuid = uid("sample", sample)
        local = sample % scale.samples_per_proposal + 1
        directory = f"/data/visitor/mx{proposal_number(s.proposal)}/{s.beamline_name}/{s.visit + 1}/x{local:03d}"
        for n in range(per_group):
            i = flat * per_group + n
            rotation = n == per_group - 1
            failed = rotation and is_failed(flat)
            start = group_start(s, g) + 120 * n
            images = (3600 if g % 2 else 1800) if rotation else 4
            prefix = f"x{local:03d}_{g}_{n}"
            yield (
                uid("dc", i),
                group,
                s.uuid,
                s.proposal_uuid,
                s.beamline_name,
                sample_uuid,
                detectors_[s.beamline % 2],
                str(n + 1),
                "FAILED" if failed else "SUCCESSFUL",
                ts(start),
                ts(start + images // 250 + 3),
                "0.9763",
                RESOLUTIONS[i % 997],
                DISTANCES[i % 991],
                "0.004",
                "0.0",
                "0.1" if rotation else "1.0",
                "0.0",
                "OMEGA",
                str(images),
                "1",
                "1",
                directory,
                prefix,
                f"{prefix}_master.h5",
                X_BEAMS[i % 983],
                Y_BEAMS[i % 977],
                "0.05",
                "0.02",
                FLUXES[i % 971],
                TRANSMISSIONS[i % 967],
                "Ice rings" if failed else NULL,
                *_stamp(start),
            )


def _processed(scale: Scale) -> Iterator[tuple[Slot, int, str, int]]:
    """The rotation sweep of every group: (session, global group index, its UUID, processing start)."""
    last = scale.collections_per_group - 1
    for s, g, flat in _groups(scale):
        yield s, flat, uid("dc", flat * scale.collections_per_group + last), group_start(s, g) + 120 * last + 180


def processing_jobs(scale: Scale) -> Iterator[Row]:
    for s, flat, dc, start in _processed(scale):
        yield (
            uid("job", flat),
            dc,
            s.proposal_uuid,
            s.beamline_name,
            "xia2 dials",
            "autoprocessing-xia2-dials",
            "t",
            "Automatic processing",
            '{"anomalous": "false", "resolution.d_min": "auto"}',
            *_stamp(start),
        )


def processing_programs(scale: Scale) -> Iterator[Row]:
    for s, flat, dc, start in _processed(scale):
        failed = is_failed(flat)
        yield (
            uid("program", flat),
            dc,
            s.proposal_uuid,
            s.beamline_name,
            uid("job", flat),
            "xia2 dials",
            "xia2/DIALS",
            "xia2 pipeline=dials image=master.h5",
            "FAILED" if failed else "SUCCESS",
            "no images" if failed else "processing successful",
            ts(start),
            ts(start + 360),
            "cluster=slurm",
            *_stamp(start),
        )


def integrations(scale: Scale) -> Iterator[Row]:
    for s, flat, dc, start in _processed(scale):
        if is_failed(flat):
            continue
        yield (
            uid("integration", flat),
            uid("program", flat),
            s.proposal_uuid,
            s.beamline_name,
            dc,
            "1",
            "3600" if flat % 2 else "1800",
            DISTANCES[flat % 991],
            "155.1",
            "161.9",
            "P43212",
            "78.9",
            "78.9",
            "37.1",
            "90.0",
            "90.0",
            "90.0",
            "f",
            *_stamp(start + 360),
        )


SHELLS = (
    ("OVERALL", "45.0", 1.0, 0.062, 14.3, "99.8", "0.998"),
    ("INNER_SHELL", "45.0", 2.7, 0.031, 41.0, "99.9", "0.999"),
    ("OUTER_SHELL", "1.6", 1.0, 0.71, 1.6, "98.7", "0.62"),
)


def scaling_statistics(scale: Scale) -> Iterator[Row]:
    for s, flat, _dc, start in _processed(scale):
        if is_failed(flat):
            continue
        d_min = float(RESOLUTIONS[flat % 997])
        stamp = _stamp(start + 360)
        for i, (shell, low, high, rmerge, isig, completeness, cc) in enumerate(SHELLS):
            f = FACTORS[(3 * flat + i) % 997]
            yield (
                uid("scaling", 3 * flat + i),
                uid("program", flat),
                s.proposal_uuid,
                s.beamline_name,
                uid("integration", flat),
                shell,
                low,
                f"{d_min * high:.2f}",
                f"{rmerge * f:.3f}",
                f"{rmerge * f * 1.08:.3f}",
                f"{rmerge * f * 0.45:.3f}",
                f"{isig / f:.1f}",
                completeness,
                "6.7",
                cc,
                "99.1",
                "3.5",
                "0.41",
                "412345",
                "61543",
                *stamp,
            )


#: Tables in an order that satisfies every foreign key.
TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "laboratories", ("uuid", "name", "organization", "address", "city", "postcode", "country", *STAMP), laboratories
    ),
    TableSpec(
        "detectors",
        (
            "uuid",
            "detector_type",
            "manufacturer",
            "model",
            "serial_number",
            "pixel_size_x",
            "pixel_size_y",
            "number_of_pixels_x",
            "number_of_pixels_y",
            "distance_min",
            "distance_max",
            *STAMP,
        ),
        detectors,
    ),
    TableSpec(
        "beamline_setups",
        (
            "uuid",
            "beamline_name",
            "synchrotron_name",
            "detector_uuid",
            "monochromator_type",
            "focusing_optic",
            "min_exposure_time",
            "max_exposure_time",
            "min_transmission",
            "goniostat_min_oscillation_width",
            "active",
            *STAMP,
        ),
        beamline_setups,
    ),
    TableSpec(
        "persons", ("uuid", "given_name", "family_name", "login", "email_address", "laboratory_uuid", *STAMP), persons
    ),
    TableSpec(
        "proposals",
        (
            "uuid",
            "proposal_code",
            "proposal_number",
            "name",
            "title",
            "proposal_type",
            "state",
            "principal_investigator_uuid",
            *STAMP,
        ),
        proposals,
    ),
    TableSpec("proposal_members", ("uuid", "proposal_uuid", "person_uuid", "role", *STAMP), proposal_members),
    TableSpec(
        "sessions",
        (
            "uuid",
            "proposal_uuid",
            "visit_number",
            "name",
            "beamline_name",
            "start_time",
            "end_time",
            "scheduled",
            "comments",
            *STAMP,
        ),
        sessions,
    ),
    TableSpec(
        "session_members",
        ("uuid", "session_uuid", "person_uuid", "proposal_uuid", "role", "remote", *STAMP),
        session_members,
    ),
    TableSpec(
        "proteins",
        ("uuid", "proposal_uuid", "name", "acronym", "sequence", "molecular_mass", "safety_level", *STAMP),
        proteins,
    ),
    TableSpec(
        "crystals",
        (
            "uuid",
            "protein_uuid",
            "proposal_uuid",
            "name",
            "space_group",
            "cell_a",
            "cell_b",
            "cell_c",
            "cell_alpha",
            "cell_beta",
            "cell_gamma",
            "morphology",
            "color",
            *STAMP,
        ),
        crystals,
    ),
    TableSpec(
        "samples",
        ("uuid", "crystal_uuid", "proposal_uuid", "name", "barcode", "location", "status", "loop_type", *STAMP),
        samples,
    ),
    TableSpec(
        "data_collection_groups",
        (
            "uuid",
            "session_uuid",
            "proposal_uuid",
            "beamline_name",
            "sample_uuid",
            "experiment_type",
            "start_time",
            "end_time",
            *STAMP,
        ),
        data_collection_groups,
    ),
    TableSpec("data_collections", DC_COLUMNS, data_collections),
    TableSpec(
        "processing_jobs",
        (
            "uuid",
            "data_collection_uuid",
            "proposal_uuid",
            "beamline_name",
            "display_name",
            "recipe",
            "automatic",
            "comments",
            "parameters",
            *STAMP,
        ),
        processing_jobs,
    ),
    TableSpec(
        "processing_programs",
        (
            "uuid",
            "data_collection_uuid",
            "proposal_uuid",
            "beamline_name",
            "processing_job_uuid",
            "programs",
            "pipeline",
            "command_line",
            "status",
            "message",
            "start_time",
            "end_time",
            "environment",
            *STAMP,
        ),
        processing_programs,
    ),
    TableSpec(
        "integrations",
        (
            "uuid",
            "processing_program_uuid",
            "proposal_uuid",
            "beamline_name",
            "data_collection_uuid",
            "start_image_number",
            "end_image_number",
            "refined_detector_distance",
            "refined_x_beam",
            "refined_y_beam",
            "space_group",
            "cell_a",
            "cell_b",
            "cell_c",
            "cell_alpha",
            "cell_beta",
            "cell_gamma",
            "anomalous",
            *STAMP,
        ),
        integrations,
    ),
    TableSpec(
        "scaling_statistics",
        (
            "uuid",
            "processing_program_uuid",
            "proposal_uuid",
            "beamline_name",
            "integration_uuid",
            "shell",
            "resolution_limit_low",
            "resolution_limit_high",
            "r_merge",
            "r_meas",
            "r_pim",
            "mean_i_over_sig_i",
            "completeness",
            "multiplicity",
            "cc_half",
            "anomalous_completeness",
            "anomalous_multiplicity",
            "cc_anomalous",
            "total_observations",
            "unique_observations",
            *STAMP,
        ),
        scaling_statistics,
    ),
)
