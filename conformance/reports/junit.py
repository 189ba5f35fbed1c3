"""JUnit XML: one test suite per class, one test case per check (not verified = error, not applicable = skipped).

CI systems render JUnit natively, so a site sees which check failed in its usual pipeline view.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from conformance.results import CheckStatus, RunReport


def write_junit(report: RunReport, path: Path) -> Path:
    root = ET.Element("testsuites", name="ispyb-conformance", time=str(report.meta.get("durationSeconds", 0)))
    for verdict in report.verdicts:
        results = [r for r in report.results if r.conformance_class == verdict.name]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"class {verdict.name}",
            tests=str(len(results)),
            failures=str(sum(r.status == CheckStatus.FAILED for r in results)),
            errors=str(sum(r.status == CheckStatus.NOT_VERIFIED for r in results)),
            skipped=str(sum(r.status == CheckStatus.NOT_APPLICABLE for r in results)),
            time=str(round(sum(r.duration_s for r in results), 3)),
        )
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="verdict", value=str(verdict.status))
        for result in results:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"conformance.{verdict.name}",
                name=result.check_id,
                time=str(round(result.duration_s, 3)),
            )
            text = "\n".join(f.message for f in result.findings) or result.reason
            if result.status == CheckStatus.FAILED:
                ET.SubElement(case, "failure", message=result.reason[:500]).text = text
            elif result.status == CheckStatus.NOT_VERIFIED:
                ET.SubElement(case, "error", message=f"not verified: {result.reason[:500]}").text = text
            elif result.status == CheckStatus.NOT_APPLICABLE:
                ET.SubElement(case, "skipped", message=result.reason[:500])
            ET.SubElement(case, "system-out").text = result.requirement
        if not results:
            case = ET.SubElement(suite, "testcase", classname=f"conformance.{verdict.name}", name="class")
            ET.SubElement(case, "skipped", message=f"{verdict.status}: {verdict.reason}")
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path
