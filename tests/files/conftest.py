"""The files class's test site: a reference server over the demo, its demo file set, and real detector files.

Built once per session (the Eiger 16M files take seconds to write): ``detector_root`` holds an Eiger2 X 16M master
with two data files (4148 × 4362 uint32 frames, bitshuffle/LZ4) and a Pilatus 6M CBF, written by
``site_kit.files.synthetic`` under a temporary directory (never committed); ``files_server`` is ``ispyb-server
serve --demo --demo-files`` with both roots, in its own process, reached over HTTP.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from reference_server import demo_files
from site_kit.files import synthetic
from tests.server.live import executable, free_port, sqlite_url, stop_process, wait_healthy

STAFF, OWNER, OTHER = "demo-staff", "demo-owner", "demo-other-user"


@dataclass(frozen=True)
class DetectorFiles:
    root: Path
    master: Path
    cbf: Path
    outside: Path


@pytest.fixture(scope="session")
def detector_root(tmp_path_factory: pytest.TempPathFactory) -> DetectorFiles:
    base = tmp_path_factory.mktemp("files")
    root = base / "detector"
    master = synthetic.write_eiger(root / "i03" / "x01", "x01_1", frames=2, per_file=1)
    cbf = synthetic.write_cbf(root / "i04" / "y01" / "y01_1_00001.cbf")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:not for the API\n")
    return DetectorFiles(root, master, cbf, outside)


@dataclass(frozen=True)
class FilesServer:
    base_url: str
    pid: int
    log: Path
    db_url: str
    roots: tuple[str, ...]
    demo_root: Path
    detector: DetectorFiles

    def client(self, token: str | None = OWNER) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=60)


@pytest.fixture(scope="session")
def files_server(tmp_path_factory: pytest.TempPathFactory, detector_root: DetectorFiles) -> Iterator[FilesServer]:
    base = tmp_path_factory.mktemp("files-site")
    demo_root = base / "demo-files"
    db_url = sqlite_url(base / "files.sqlite")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = base / "server.log"
    args = [
        executable(),
        "serve",
        "--demo",
        "--strict",
        "--db",
        db_url,
        "--port",
        str(port),
        "--demo-files",
        str(demo_root),
        "--files-root",
        str(detector_root.root),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    try:
        assert wait_healthy(process, url, 300), log.read_text()  # seeds the demo and writes its files first
        roots = (demo_files.root_text(demo_root), str(detector_root.root))
        yield FilesServer(url, process.pid, log, db_url, roots, demo_root, detector_root)
    finally:
        stop_process(process)


def first(client: httpx.Client, collection: str) -> dict[str, object]:
    items = client.get(f"/v1/{collection}", params={"limit": 1}).json()["items"]
    assert items, collection
    record: dict[str, object] = items[0]
    return record
