"""A Range request into a multi-gigabyte file costs the range's chunks, not the file: the server's peak RSS.

The file is sparse (4 GiB of apparent size, no disk), which is all that matters to a server that must never read it
whole; the peak resident set (VmHWM) of the serving process is read from /proc before and after.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.files.conftest import OWNER, STAFF, FilesServer, first

GIB = 1024**3
#: the range read: 256 MiB at the end of a 4 GiB file (bench/ reads more)
RANGE = 256 * 1024**2


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_range_of_a_4_gib_file_keeps_memory_bounded(files_server: FilesServer) -> None:
    big = files_server.detector.root / "big" / "x99_1_data_000001.h5"
    big.parent.mkdir(exist_ok=True)
    with big.open("wb") as f:
        f.truncate(4 * GIB)
        f.seek(4 * GIB - 16)
        f.write(b"END-OF-THE-FILE!")
    with files_server.client(STAFF) as staff, files_server.client(OWNER) as owner:
        record = first(owner, "processing-attachments")
        path = f"/v1/processing-attachments/{record['uuid']}"
        etag = staff.get(path).headers["etag"]
        patched = staff.patch(
            path,
            json={"filePath": str(big.parent), "fileName": big.name},
            headers={"If-Match": etag, "Content-Type": "application/merge-patch+json"},
        )
        assert patched.status_code == 200
        owner.get(f"{path}/content", headers={"Range": "bytes=0-0"})  # warm up
        before = _peak_rss(files_server.pid)
        received = 0
        with owner.stream("GET", f"{path}/content", headers={"Range": f"bytes={4 * GIB - RANGE}-"}) as response:
            assert response.status_code == 206
            assert response.headers["content-range"] == f"bytes {4 * GIB - RANGE}-{4 * GIB - 1}/{4 * GIB}"
            tail = b""
            for chunk in response.iter_bytes():
                received += len(chunk)
                tail = (tail + chunk)[-16:]
        grown = _peak_rss(files_server.pid) - before
        staff.patch(
            path,
            json={"filePath": record["filePath"], "fileName": record["fileName"]},
            headers={"If-Match": patched.headers["etag"], "Content-Type": "application/merge-patch+json"},
        )
    assert received == RANGE and tail == b"END-OF-THE-FILE!"
    assert grown < 48 * 1024**2, f"peak RSS grew by {grown / 1024**2:.0f} MiB for a {RANGE // 1024**2} MiB range"
