"""The files class at detector scale: thumbnail latency of an Eiger2 X 16M frame, memory of a multi-GB Range.

    .venv/bin/python -m bench.files [--renders 15] [--range-gib 2] [-o bench/results/files.json]

1. **Thumbnail** — an Eiger2 X 16M master with two data files (4148 × 4362 uint32 frames, bitshuffle/LZ4, written
   by ``site_kit.files.synthetic``) is rendered to a 256-pixel PNG ``--renders`` times in process (locate, read,
   render; no cache), then fetched over HTTP from ``ispyb-server serve`` with a distinct ``size`` each time (so the
   thumbnail cache never answers): p50/p90 wall time, and the CPU time of the in-process renders (the machine may
   be shared: the load average is recorded beside).
2. **Range memory** — an 8 GiB sparse file is served as a processing attachment; ``--range-gib`` GiB at its end are
   read through one Range request, and the serving process's peak RSS (VmHWM) is read before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.procs import free_port
from site_kit.files import StorageRoot, StorageRoots, synthetic
from site_kit.files.frames import locate, read_frame
from site_kit.files.thumbnails import render

GIB = 1024**3


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def in_process(master: Path, root: Path, renders: int) -> dict[str, Any]:
    roots = StorageRoots([StorageRoot(root)])
    walls, cpus = [], []
    for i in range(renders):
        number = 1 + i % 2
        wall, cpu = time.perf_counter(), time.process_time()
        render(read_frame(locate(str(master), number - 1, number, roots), roots), 256)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {
        "renders": renders,
        "wallMsP50": round(statistics.median(walls), 1),
        "wallMsP90": round(_percentile(walls, 0.9), 1),
        "cpuMsP50": round(statistics.median(cpus), 1),
    }


def _serve(work: Path, root: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cli = Path(sys.executable).with_name("ispyb-server")
    db = f"sqlite:///{work / 'bench.sqlite'}"
    log = (work / "server.log").open("wb")
    args = [str(cli), "serve", "--demo", "--db", db, "--port", str(port), "--files-root", str(root)]
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600  # the demo is seeded first (minutes on a loaded machine)
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def _patch(staff: httpx.Client, path: str, change: dict[str, Any]) -> None:
    etag = staff.get(path).headers["etag"]
    response = staff.patch(
        path, json=change, headers={"If-Match": etag, "Content-Type": "application/merge-patch+json"}
    )
    response.raise_for_status()


def over_http(url: str, master: Path, big: Path, renders: int, range_gib: int, pid: int) -> dict[str, Any]:
    staff = httpx.Client(base_url=url, headers={"Authorization": "Bearer demo-staff"}, timeout=120)
    owner = httpx.Client(base_url=url, headers={"Authorization": "Bearer demo-owner"}, timeout=120)
    dc = owner.get("/v1/data-collections", params={"limit": 1}).json()["items"][0]["uuid"]
    _patch(staff, f"/v1/data-collections/{dc}", {"imageDirectory": str(master.parent), "fileTemplate": master.name})
    walls = []
    for i in range(renders):
        started = time.perf_counter()
        response = owner.get(f"/v1/data-collections/{dc}/images/{1 + i % 2}/thumbnail", params={"size": 200 + i})
        walls.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    attachment = owner.get("/v1/processing-attachments", params={"limit": 1}).json()["items"][0]["uuid"]
    _patch(staff, f"/v1/processing-attachments/{attachment}", {"filePath": str(big.parent), "fileName": big.name})
    content = f"/v1/processing-attachments/{attachment}/content"
    owner.get(content, headers={"Range": "bytes=0-0"}).raise_for_status()
    before = _peak_rss(pid)
    size = big.stat().st_size
    received, started = 0, time.perf_counter()
    with owner.stream("GET", content, headers={"Range": f"bytes={size - range_gib * GIB}-"}) as response:
        for chunk in response.iter_bytes():
            received += len(chunk)
    seconds = time.perf_counter() - started
    after = _peak_rss(pid)
    return {
        "thumbnail": {
            "requests": renders,
            "wallMsP50": round(statistics.median(walls), 1),
            "wallMsP90": round(_percentile(walls, 0.9), 1),
        },
        "range": {
            "fileBytes": size,
            "rangeBytes": received,
            "seconds": round(seconds, 2),
            "peakRssBeforeMiB": round(before / 1024**2, 1),
            "peakRssAfterMiB": round(after / 1024**2, 1),
            "peakRssGrowthMiB": round((after - before) / 1024**2, 1),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=15)
    parser.add_argument("--range-gib", type=int, default=2)
    parser.add_argument("-o", "--output", type=Path, default=Path("bench/results/files.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-files-") as tmp:
        work = Path(tmp)
        root = work / "root"
        master = synthetic.write_eiger(root / "x01", "x01_1", frames=2, per_file=1)
        big = root / "big" / "huge_data_000001.h5"
        big.parent.mkdir()
        with big.open("wb") as f:
            f.truncate(8 * GIB)
        result: dict[str, Any] = {
            "scenario": "files",
            "frame": {"shape": list(synthetic.EIGER_16M), "dtype": "uint32", "compression": "bitshuffle/LZ4"},
            "loadAverage": list(os.getloadavg()),
            "cpus": os.cpu_count(),
            "inProcess": in_process(master, root, args.renders),
        }
        process, url = _serve(work, root)
        try:
            result["http"] = over_http(url, master, big, args.renders, args.range_gib, process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)
        result["loadAverageAfter"] = list(os.getloadavg())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
