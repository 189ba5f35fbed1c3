"""Thumbnails of real detector files: an Eiger2 X 16M master with two bitshuffle/LZ4 data files, a Pilatus 6M CBF."""

from __future__ import annotations

import io
import os
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image

from site_kit.files import StorageRoot, StorageRoots
from site_kit.files.frames import FrameUnavailable, locate, read_frame
from site_kit.files.thumbnails import ThumbnailKey, render
from tests.files.conftest import OWNER, STAFF, DetectorFiles, FilesServer, first


def _png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_both_frames_of_an_eiger_16m_render_at_the_size_asked(detector_root: DetectorFiles) -> None:
    roots = StorageRoots([StorageRoot(detector_root.root)])
    with h5py.File(detector_root.master.with_name("x01_1_data_000002.h5")) as f:
        assert f["/entry/data/data"].shape == (1, 4362, 4148) and f["/entry/data/data"].dtype == np.uint32
    pngs = []
    for number in (1, 2):
        source = locate(str(detector_root.master), number - 1, number, roots)
        frame = read_frame(source, roots)
        assert frame.data.shape == (4362, 4148) and int(frame.data.max()) < 1_000_000  # gaps and cutoff zeroed
        image = _png(render(frame, 256))
        assert (image.mode, max(image.size), image.size[1]) == ("L", 256, 256)
        grey = np.asarray(image)
        assert grey.min() < 100 and np.median(grey) > 200  # dark spots on a light background
        pngs.append(grey)
    assert not np.array_equal(pngs[0], pngs[1])  # the second frame comes from the second data file
    with pytest.raises(FrameUnavailable):
        read_frame(locate(str(detector_root.master), 2, 3, roots), roots)


def test_a_cbf_frame_from_its_template(detector_root: DetectorFiles) -> None:
    roots = StorageRoots([StorageRoot(detector_root.root)])
    template = f"{detector_root.cbf.parent}/y01_1_#####.cbf"
    image = _png(render(read_frame(locate(template, 0, 1, roots), roots), 100))
    assert image.size == (97, 100)  # 2463 × 2527 kept in proportion (97.5 rounds to 97)
    assert locate(f"{detector_root.cbf.parent}/y01_1_%05d.cbf", 0, 1, roots).path == detector_root.cbf


def test_a_data_file_linked_from_outside_the_roots_is_refused(detector_root: DetectorFiles, tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    with h5py.File(root / "evil_master.h5", "w") as f:
        f["/entry/data/data_000001"] = h5py.ExternalLink(
            str(detector_root.master.with_name("x01_1_data_000001.h5")), "/entry/data/data"
        )
    roots = StorageRoots([StorageRoot(root)])
    with pytest.raises(FrameUnavailable):
        read_frame(locate(str(root / "evil_master.h5"), 0, 1, roots), roots)


def test_the_etag_follows_the_files_version(detector_root: DetectorFiles) -> None:
    roots = StorageRoots([StorageRoot(detector_root.root)])
    before = ThumbnailKey(locate(str(detector_root.cbf), 0, 1, roots), 256, (0.5, 99.5)).etag
    stat = detector_root.cbf.stat()
    os.utime(detector_root.cbf, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    after = ThumbnailKey(locate(str(detector_root.cbf), 0, 1, roots), 256, (0.5, 99.5)).etag
    assert before != after


def test_the_16m_thumbnail_over_http(files_server: FilesServer) -> None:
    master = files_server.detector.master
    with files_server.client(STAFF) as staff, files_server.client(OWNER) as owner:
        dc = first(owner, "data-collections")
        path = f"/v1/data-collections/{dc['uuid']}"
        current = staff.get(path)
        change = {"imageDirectory": str(master.parent), "fileTemplate": master.name, "startImageNumber": 1}
        patched = staff.patch(
            path,
            json=change,
            headers={"If-Match": current.headers["etag"], "Content-Type": "application/merge-patch+json"},
        )
        assert patched.status_code == 200, patched.text
        response = owner.get(f"{path}/images/2/thumbnail", params={"size": 512})
        assert response.status_code == 200 and response.headers["content-type"] == "image/png"
        assert max(_png(response.content).size) == 512
        again = owner.get(
            f"{path}/images/2/thumbnail", params={"size": 512}, headers={"If-None-Match": response.headers["etag"]}
        )
        assert again.status_code == 304
        assert owner.get(f"{path}/images/0/thumbnail").status_code == 404  # before startImageNumber
        assert owner.get(f"{path}/images/3/thumbnail").status_code == 404  # the files hold 2 frames
        bad = owner.get(f"{path}/images/1/thumbnail", params={"size": 2000})
        assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "/query/size"
