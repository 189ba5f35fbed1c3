"""The README's "Python in ten lines" runs, as written, against a served demo database and prints the table.

The snippet is read from README.md (the block after the ``python-in-ten-lines`` marker) and run in a fresh
interpreter; only the URL is changed to the test's server. Its rows are checked against the same data read with
plain httpx. ~1.5 s.
"""

from __future__ import annotations

import re
import subprocess
import sys

import httpx

from spec_tools.paths import REPO_ROOT
from tests.client.sites import OWNER


def readme_snippet() -> str:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- python-in-ten-lines:[^>]*-->\n```python\n(.*?)```", text, re.S)
    assert found, "README.md lost its Python in ten lines section"
    return found.group(1)


def test_python_in_ten_lines_prints_the_table(site: str) -> None:
    code = readme_snippet()
    assert len([line for line in code.splitlines() if line.strip()]) <= 11
    assert '"http://127.0.0.1:8000"' in code and f'"{OWNER}"' in code
    done = subprocess.run(
        [sys.executable, "-c", code.replace("http://127.0.0.1:8000", site)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd="/",
    )
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["data", "collection", "start", "best", "d", "(Å)", "CC½"]

    with httpx.Client(base_url=site, headers={"Authorization": f"Bearer {OWNER}"}) as http:
        session = http.get("/v1/sessions", params={"beamlineName": "i03", "limit": 1}).json()["items"][0]
        dcs = http.get("/v1/data-collections", params={"sessionUuid": session["uuid"], "orderBy": "startTime"})
        expected = []
        for dc in dcs.json()["items"]:
            stats = [
                s
                for i in http.get("/v1/integrations", params={"dataCollectionUuid": dc["uuid"]}).json()["items"]
                for s in http.get(
                    "/v1/scaling-statistics", params={"integrationUuid": i["uuid"], "shell": "OVERALL"}
                ).json()["items"]
            ]
            best = min(stats, key=lambda s: s["resolutionLimitHigh"], default=None)
            expected.append(
                [dc["imagePrefix"], f"{best['resolutionLimitHigh']:.2f}", f"{best['ccHalf']:.3f}"]
                if best
                else [dc["imagePrefix"], "-", "-"]
            )
    assert [[r.split()[0], *r.split()[-2:]] for r in rows] == expected
    assert any(row[1] != "-" for row in expected)  # the table shows real statistics, not only dashes
