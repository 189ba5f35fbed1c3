"""PNG thumbnails of diffraction frames: binned by maximum, contrast by percentile clipping, cached by version.

A 16-megapixel Eiger frame becomes a 256-pixel thumbnail in four steps, each vectorised in numpy: invalid pixels
(mask, gaps, saturation) are zeroed by the reader (``frames``); the frame is binned by the integer factor that
brings its longer side to at most ``size``, keeping each block's *maximum* (a diffraction spot is a few pixels: a
mean would wash it out); the intensities between the ``lowPercentile`` and ``highPercentile`` of the binned frame
(the spec's ``x-thumbnail``) are spread over the grey levels (zeroed blocks sit at the low end: white), dark spots
on white as crystallographers read them; Pillow resizes to the exact size and writes an 8-bit greyscale PNG.
Percentiles are taken on the binned image (tens of thousands of values, not millions), which keeps the whole under
the 300 ms budget bench/ measures.

Thumbnails are cached in memory (``ThumbnailCache``, bounded in bytes) under the versions of the files they were
read from, so a rewritten file is never answered from a stale entry, and their ETag derives from the same key.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from site_kit.files.frames import Frame, FrameSource

#: bumped when the rendering changes, so that clients holding an old thumbnail's ETag get the new one
RENDERING = 1
DEFAULT_PERCENTILES = (0.5, 99.5)


@dataclass(frozen=True)
class ThumbnailKey:
    source: FrameSource
    size: int
    percentiles: tuple[float, float]

    @property
    def etag(self) -> str:
        versions = ",".join(f"{v.size}:{v.mtime_ns}:{v.inode}" for v in self.source.versions)
        text = f"{RENDERING}|{self.source.path}|{self.source.index}|{versions}|{self.size}|{self.percentiles}"
        return '"' + hashlib.blake2b(text.encode(), digest_size=16).hexdigest() + '"'


def _block_max(data: np.ndarray, factor: int) -> np.ndarray:
    """Maximum of each ``factor`` × ``factor`` block (edges that do not fill a block are padded with zeros)."""
    if factor == 1:
        return data
    height, width = data.shape
    rows, cols = math.ceil(height / factor), math.ceil(width / factor)
    if rows * factor != height or cols * factor != width:
        padded = np.zeros((rows * factor, cols * factor), dtype=data.dtype)
        padded[:height, :width] = data
        data = padded
    return data.reshape(rows, factor, cols * factor).max(axis=1).reshape(rows, cols, factor).max(axis=2)


def render(frame: Frame, size: int, percentiles: tuple[float, float] = DEFAULT_PERCENTILES) -> bytes:
    """The PNG of ``frame`` whose longer side is ``size`` pixels (or the frame's own, when smaller)."""
    from PIL import Image

    data = frame.data
    if np.issubdtype(data.dtype, np.floating):
        data = np.nan_to_num(data, nan=0.0, posinf=0.0, neginf=0.0)
    height, width = data.shape
    longest = max(height, width)
    factor = max(1, math.ceil(longest / size))
    binned = _block_max(data, factor).astype(np.float32)
    low, high = np.percentile(binned, percentiles)
    if high <= low:
        high = low + 1.0
    scaled = np.clip((binned - low) / (high - low), 0.0, 1.0)
    grey = (255.0 - scaled * 255.0).astype(np.uint8)
    image = Image.fromarray(grey, mode="L")
    target = min(size, longest)
    scale = target / longest
    shape = (max(1, round(width * scale)), max(1, round(height * scale)))
    if image.size != shape:
        image = image.resize(shape, Image.Resampling.BILINEAR)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


class ThumbnailCache:
    """A thread-safe LRU of rendered thumbnails, bounded by their total size in bytes."""

    def __init__(self, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[ThumbnailKey, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: ThumbnailKey) -> bytes | None:
        with self._lock:
            png = self._items.get(key)
            if png is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return png

    def put(self, key: ThumbnailKey, png: bytes) -> None:
        if len(png) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._items[key] = png
            self._bytes += len(png)
            while self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= len(evicted)
