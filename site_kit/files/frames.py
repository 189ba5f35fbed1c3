"""Reading one diffraction frame from the files a data collection records: Eiger/Dectris HDF5 or CBF.

* **HDF5** (``fileTemplate`` ``…_master.h5``): the master file holds the detector's metadata and, under
  ``/entry/data``, either external links ``data_000001``, ``data_000002``… to data files of a few hundred
  frames each (Dectris' writer) or one dataset ``data`` (possibly virtual, DLS' writers). Frame *i* of the
  collection is read alone (Eiger datasets are chunked one frame per chunk, bitshuffle/LZ4 compressed: the
  ``hdf5plugin`` filters decode it). Every data file a master leads to must lie inside the storage roots too:
  an external link is resolved by us, never followed by HDF5.
* **CBF** (``fileTemplate`` with ``#`` or ``%0Nd`` for the image number): one file per frame, read by fabio.

Invalid pixels — the detector's ``pixel_mask`` (read once per master version), values at or above its count
cutoff, the all-ones value Eiger writes into gaps, negative CBF values (Pilatus gaps) — are set to 0 in place,
so that the rendering's block maximum and percentiles never see them.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from site_kit.files.content import FileVersion
from site_kit.files.roots import StorageRoots

_HASHES = re.compile(r"#+")
_PRINTF = re.compile(r"%0?(\d*)d")
_DATA_LINK = re.compile(r"^data_\d{6}$")
_DETECTOR = "/entry/instrument/detector/detectorSpecific"
HDF5_SUFFIXES = (".h5", ".hdf5", ".nxs")


class FrameUnavailable(Exception):
    """The frame cannot be read: no such image, a file missing or outside the roots, or an unknown format."""


@dataclass(frozen=True)
class FrameSource:
    """The file(s) one frame is read from, and the versions that identify it (for the thumbnail's ETag)."""

    path: Path
    #: index of the frame within ``path`` (HDF5 collection index; 0 for a CBF file)
    index: int
    versions: tuple[FileVersion, ...]

    @property
    def is_hdf5(self) -> bool:
        return self.path.suffix.lower() in HDF5_SUFFIXES


@dataclass(frozen=True)
class Frame:
    """One frame's intensities, invalid pixels (masked, gaps, saturated) already set to 0."""

    data: np.ndarray


def frame_file(template: str, number: int) -> str:
    """The recorded name of image ``number``'s file: the template with its digits placeholder filled in."""
    if _HASHES.search(template):
        return _HASHES.sub(lambda m: str(number).zfill(len(m.group(0))), template, count=1)
    if _PRINTF.search(template):
        return _PRINTF.sub(lambda m: str(number).zfill(int(m.group(1) or 0)), template, count=1)
    return template


def locate(recorded: str, index: int, number: int, roots: StorageRoots) -> FrameSource:
    """Where frame ``index`` (0-based in the collection; image ``number``) is, inside the roots."""
    directory, _, template = recorded.rpartition("/")
    if template.lower().endswith(HDF5_SUFFIXES) and not (_HASHES.search(template) or _PRINTF.search(template)):
        master = roots.resolve(recorded, what="image")
        if master is None:
            raise FrameUnavailable("file")
        return FrameSource(master, index, (FileVersion.of(master),))
    path = roots.resolve(f"{directory}/{frame_file(template, number)}", what="image")
    if path is None:
        raise FrameUnavailable("file")
    return FrameSource(path, 0, (FileVersion.of(path),))


def read_frame(source: FrameSource, roots: StorageRoots) -> Frame:
    if source.is_hdf5:
        return _read_hdf5(source.path, source.index, roots)
    return _read_cbf(source.path)


def _read_cbf(path: Path) -> Frame:
    import fabio

    try:
        data = np.asarray(fabio.open(str(path)).data)
    except Exception as exc:  # fabio raises many kinds for a file that is not an image it knows
        raise FrameUnavailable("format") from exc
    if data.ndim != 2:
        raise FrameUnavailable("format")
    if np.issubdtype(data.dtype, np.signedinteger):
        np.putmask(data, data < 0, 0)  # Pilatus gaps and dead pixels
    return Frame(data)


def _read_hdf5(master: Path, index: int, roots: StorageRoots) -> Frame:
    import h5py
    import hdf5plugin  # noqa: F401 - registers the bitshuffle/LZ4 filters Eiger data are compressed with

    try:
        with h5py.File(master, "r") as f:
            data = _hdf5_frame(f, master, index, roots)
            cutoff = _cutoff(f)
            mask = _MASKS.get(master, f)
    except FrameUnavailable:
        raise
    except (OSError, KeyError, ValueError, TypeError) as exc:
        raise FrameUnavailable("format") from exc
    _zero_invalid(data, mask, cutoff)
    return Frame(data)


def _hdf5_frame(f: object, master: Path, index: int, roots: StorageRoots) -> np.ndarray:
    import h5py

    assert isinstance(f, h5py.File)
    group = f.get("/entry/data")
    if not isinstance(group, h5py.Group):
        raise FrameUnavailable("format")
    links = sorted(name for name in group if _DATA_LINK.match(name))
    if links:
        for name in links:
            link = group.get(name, getlink=True)
            if isinstance(link, h5py.ExternalLink):
                target = roots.inside(master.parent / link.filename)
                if target is None:
                    raise FrameUnavailable("file")
                with h5py.File(target, "r") as data_file:
                    found = _take(data_file[link.path], index)
            else:
                found = _take(group[name], index)
            if isinstance(found, np.ndarray):
                return found
            index -= found
        raise FrameUnavailable("image")
    dataset = group.get("data")
    if not isinstance(dataset, h5py.Dataset):
        raise FrameUnavailable("format")
    if dataset.is_virtual:
        for source in dataset.virtual_sources():
            name = source.file_name
            if name != "." and roots.inside(name if os.path.isabs(name) else master.parent / name) is None:
                raise FrameUnavailable("file")
    found = _take(dataset, index)
    if not isinstance(found, np.ndarray):
        raise FrameUnavailable("image")
    return found


def _take(dataset: object, index: int) -> np.ndarray | int:
    """Frame ``index`` of a (frames, y, x) dataset, or how many frames it holds when ``index`` is beyond them."""
    import h5py

    if not isinstance(dataset, h5py.Dataset) or dataset.ndim != 3:
        raise FrameUnavailable("format")
    count = int(dataset.shape[0])
    if index >= count:
        return count
    return np.asarray(dataset[index])


def _cutoff(f: object) -> float | None:
    import h5py

    assert isinstance(f, h5py.File)
    for name in ("countrate_correction_count_cutoff", "saturation_value"):
        value = f.get(f"{_DETECTOR}/{name}")
        if isinstance(value, h5py.Dataset):
            return float(value[()])
    return None


class _MaskCache:
    """The last few masters' pixel masks (bool, one byte a pixel), by file version: read once per master."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Path, FileVersion], np.ndarray | None] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, master: Path, f: object) -> np.ndarray | None:
        import h5py

        assert isinstance(f, h5py.File)
        key = (master, FileVersion.of(master))
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        dataset = f.get(f"{_DETECTOR}/pixel_mask")
        mask = np.asarray(dataset[()]) != 0 if isinstance(dataset, h5py.Dataset) else None
        if mask is not None and not mask.any():
            mask = None
        with self._lock:
            self._items[key] = mask
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return mask


_MASKS = _MaskCache()


def _zero_invalid(data: np.ndarray, mask: np.ndarray | None, cutoff: float | None) -> None:
    """Set masked, gap and saturated pixels to 0, in place (one comparison pass over the frame for each rule)."""
    if np.issubdtype(data.dtype, np.unsignedinteger):
        limit = np.iinfo(data.dtype).max  # Eiger writes all ones into gaps and dead pixels
        if cutoff is not None and cutoff < limit:
            limit = int(cutoff)
        np.putmask(data, data >= limit, 0)
    elif np.issubdtype(data.dtype, np.signedinteger):
        np.putmask(data, data < 0, 0)
        if cutoff is not None:
            np.putmask(data, data >= cutoff, 0)
    if mask is not None and mask.shape == data.shape:
        np.putmask(data, mask, 0)
