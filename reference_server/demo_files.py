"""The demo's file set: real files at the paths the demo records name, so that `files` shows something.

The demo records Diamond-style paths (``/dls/i03/data/2026/…``); ``write(engine, directory)`` writes the files
of every attachment, sample image, image and data collection of the demo below ``directory`` (``/dls/…`` →
``directory/dls/…``) and returns the storage root that serves them (``/dls=directory/dls``). Files are small but
real: Eiger 1M master + data files (bitshuffle/LZ4), Pilatus 300K CBF frames, PNG snapshots, text logs. One
processing attachment of the first proposal is left without its file on purpose: the suite's "record whose
file does not exist" fixture (``ispyb-server site-config --files-root``).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from reference_server.db import models as m
from reference_server.db.engine import make_sessionmaker
from reference_server.seed import uid
from site_kit.files import synthetic

PREFIX = "/dls"
EIGER_1M = (1062, 1028)
PILATUS_300K = (619, 487)
#: data collections whose images are written (each: an Eiger master and 2 frames, ~1 MB)
MAX_COLLECTIONS = 4


def root_text(directory: Path) -> str:
    """The ``--files-root`` value serving the demo's recorded paths from ``directory``."""
    return f"{PREFIX}={directory.resolve() / PREFIX.lstrip('/')}"


def _local(directory: Path, recorded: str | None) -> Path | None:
    if not recorded or not recorded.startswith(PREFIX + "/"):
        return None
    return directory / recorded.lstrip("/")


def _text(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def write(engine: Engine, directory: Path) -> str:
    """Write the demo file set below ``directory`` (idempotent: existing files are kept); returns its root."""
    directory.mkdir(parents=True, exist_ok=True)
    first_proposal = uid("proposals", 0)
    with make_sessionmaker(engine)() as db:
        attachments = db.execute(select(m.ProcessingAttachment).order_by(m.ProcessingAttachment.id)).scalars().all()
        own = [a for a in attachments if a.proposal_uuid == first_proposal]
        missing = own[-1].uuid if own else None
        for a in attachments:
            path = _local(directory, f"{a.file_path}/{a.file_name}")
            if path is None or a.uuid == missing or path.exists():
                continue
            if a.file_name.endswith((".log", ".txt", ".lp")):
                _text(path, f"{a.file_name}: automatic processing log (ISPyB Common API demo)\n" * 200)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(b"MTZ \x00\x00\x00\x00" + bytes(range(256)) * 64)
        snapshots: list[tuple[int, str]] = [
            *((i.id, i.image_full_path) for i in db.execute(select(m.SampleImage)).scalars()),
            *((a.id, a.file_full_path) for a in db.execute(select(m.DataCollectionAttachment)).scalars()),
        ]
        for seed, recorded in snapshots:
            path = _local(directory, recorded)
            if path is not None and not path.exists():
                synthetic.write_png(path, seed=seed)
        for image in db.execute(select(m.Image)).scalars():
            path = _local(directory, f"{image.file_location}/{image.file_name}")
            if path is not None and not path.exists() and path.suffix == ".cbf":
                synthetic.write_cbf(path, PILATUS_300K, seed=image.id)
        collections = db.execute(select(m.DataCollection).order_by(m.DataCollection.id)).scalars().all()
        for dc in collections[:MAX_COLLECTIONS]:
            folder = _local(directory, dc.image_directory)
            template = dc.file_template or ""
            if folder is None or not template.endswith("_master.h5") or (folder / template).exists():
                continue
            synthetic.write_eiger(folder, template.removesuffix("_master.h5"), frames=2, shape=EIGER_1M, seed=dc.id)
    return root_text(directory)
