"""Realistic synthetic detector files, written the way the detectors write them: for the demo, tests and bench.

``write_eiger`` writes a Dectris-style master file (``/entry/data/data_NNNNNN`` external links, the detector's
``pixel_mask`` and count cutoff) and its data files (frames chunked one per chunk, bitshuffle/LZ4 compressed by
``hdf5plugin``, as an Eiger's own writer does); ``write_cbf`` writes a CBF frame (byte-offset compressed, fabio).
Frames have a Poisson-like background, Bragg-like spots and the module gaps of a real detector (all ones in
Eiger data, -1 in CBF), at any size: ``EIGER_16M`` is the 4148 × 4362 pixels of an Eiger2 X 16M.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

#: (height, width) of an Eiger2 X 16M frame (4148 × 4362 pixels, width × height as Dectris states it)
EIGER_16M = (4362, 4148)
#: module size and gaps of Eiger2 X detectors, in pixels
_MODULE = (514, 1028)
_GAP = (38, 12)


def frame(shape: tuple[int, int] = EIGER_16M, *, seed: int = 0, spots: int = 400, gap: int | None = None) -> np.ndarray:
    """A uint32 diffraction-like frame: background of 0–3 counts, ``spots`` 3×3 spots, gaps filled with ``gap``."""
    rng = np.random.default_rng(seed)
    height, width = shape
    data = rng.integers(0, 4, size=shape, dtype=np.uint32)
    ys = rng.integers(2, height - 2, size=spots)
    xs = rng.integers(2, width - 2, size=spots)
    peaks = rng.integers(200, 20000, size=spots).astype(np.uint32)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            data[ys + dy, xs + dx] += peaks // (1 + 3 * (abs(dy) + abs(dx)))
    fill = np.iinfo(np.uint32).max if gap is None else gap
    for y in range(_MODULE[0], height, _MODULE[0] + _GAP[0]):
        data[y : y + _GAP[0], :] = fill
    for x in range(_MODULE[1], width, _MODULE[1] + _GAP[1]):
        data[:, x : x + _GAP[1]] = fill
    return data


def write_eiger(
    directory: Path,
    prefix: str,
    *,
    frames: int = 2,
    per_file: int = 1,
    shape: tuple[int, int] = EIGER_16M,
    seed: int = 0,
) -> Path:
    """Write ``{prefix}_master.h5`` and its ``{prefix}_data_NNNNNN.h5`` files; returns the master's path."""
    import h5py
    import hdf5plugin

    directory.mkdir(parents=True, exist_ok=True)
    base = frame(shape, seed=seed)
    compression = hdf5plugin.Bitshuffle(cname="lz4")
    master = directory / f"{prefix}_master.h5"
    with h5py.File(master, "w") as m:
        data_group = m.create_group("/entry/data")
        written = 0
        number = 1
        while written < frames:
            count = min(per_file, frames - written)
            name = f"{prefix}_data_{number:06d}.h5"
            with h5py.File(directory / name, "w") as d:
                dataset = d.create_dataset(
                    "/entry/data/data", shape=(count, *shape), dtype=np.uint32, chunks=(1, *shape), **compression
                )
                for i in range(count):
                    dataset[i] = np.roll(base, (written + i) * 7, axis=1) if written + i else base
            data_group[f"data_{number:06d}"] = h5py.ExternalLink(name, "/entry/data/data")
            written += count
            number += 1
        specific = m.create_group("/entry/instrument/detector/detectorSpecific")
        mask = np.zeros(shape, dtype=np.uint32)
        mask[base == np.iinfo(np.uint32).max] = 1
        specific.create_dataset("pixel_mask", data=mask, chunks=shape, **compression)
        specific.create_dataset("countrate_correction_count_cutoff", data=np.uint32(1_000_000))
        specific.create_dataset("nimages", data=np.uint32(frames))
    return master


def write_cbf(path: Path, shape: tuple[int, int] = (2527, 2463), *, seed: int = 0) -> Path:
    """A Pilatus-6M-sized CBF frame (int32, gaps -1), byte-offset compressed."""
    from fabio.cbfimage import CbfImage

    path.parent.mkdir(parents=True, exist_ok=True)
    data = frame(shape, seed=seed, gap=0).astype(np.int32)
    data[frame(shape, seed=seed) == np.iinfo(np.uint32).max] = -1
    CbfImage(data=data).write(str(path))
    return path


def write_png(path: Path, shape: tuple[int, int] = (480, 640), *, seed: int = 0) -> Path:
    """An optical-snapshot-like PNG (a grey gradient with a bright crystal-like blob)."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    height, width = shape
    y, x = np.mgrid[0:height, 0:width]
    rng = np.random.default_rng(seed)
    cy, cx = rng.integers(height // 4, 3 * height // 4), rng.integers(width // 4, 3 * width // 4)
    blob = np.exp(-(((y - cy) / 30.0) ** 2 + ((x - cx) / 50.0) ** 2)) * 180
    grey = np.clip(40 + 60 * x / width + blob, 0, 255).astype(np.uint8)
    Image.fromarray(grey, mode="L").save(path, format="PNG")
    return path
