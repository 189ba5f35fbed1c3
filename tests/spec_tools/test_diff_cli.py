"""``ispyb-spec diff`` on the real spec: exit codes, formats, git refs and usage errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.spec_tools.conftest import edit

PROPOSAL_REQUIRED = "      - uuid\n      - proposalCode\n      - proposalNumber\n      x-unique:\n"
PROPOSAL_NUMBER = """        proposalNumber:
          type: string
          description: Proposal number within its code (DLS `proposalNumber`).
          minLength: 1
          maxLength: 45
          pattern: ^[A-Za-z0-9-]+$
        name:
          type: string
          description: 'Human-readable identifier: code followed by number, as users type it. Read-only.'"""
OPTIONAL_FIELD = """        beamlineHint:
          type: string
          description: Beamline the proposal mostly uses.
"""


def _remove_required_response_field(root: Path) -> None:
    """Proposal (a response schema) loses its required `proposalNumber`."""
    module = root.parent / "modules/proposals.yaml"
    edit(module, PROPOSAL_REQUIRED, PROPOSAL_REQUIRED.replace("      - proposalNumber\n", ""))
    edit(
        module,
        PROPOSAL_NUMBER,
        PROPOSAL_NUMBER.split("        name:\n", 1)[0].rsplit("        proposalNumber:", 1)[0]
        + "        name:\n"
        + PROPOSAL_NUMBER.split("        name:\n", 1)[1],
    )


def _add_optional_response_field(root: Path) -> None:
    module = root.parent / "modules/proposals.yaml"
    edit(module, PROPOSAL_NUMBER, PROPOSAL_NUMBER + "\n" + OPTIONAL_FIELD.rstrip("\n"))


def test_removed_required_response_field_fails_on_breaking(spec_copy: Path, run_cli: Any) -> None:
    _remove_required_response_field(spec_copy)
    result = run_cli("diff", "spec/openapi.yaml", str(spec_copy), "--fail-on", "breaking")
    assert result.exit_code == 1, result.stdout
    assert "clients:breaking" in result.stdout
    assert "response-property-removed" in result.stdout
    assert "Proposal [response]: response property `proposalNumber` removed" in result.stdout


def test_new_optional_response_field_passes_breaking_but_not_any(spec_copy: Path, run_cli: Any) -> None:
    _add_optional_response_field(spec_copy)
    result = run_cli("diff", "spec/openapi.yaml", str(spec_copy), "--fail-on", "breaking")
    assert result.exit_code == 0, result.stdout
    assert "response-property-added" in result.stdout
    assert "0 breaking for clients" in result.stdout
    assert run_cli("diff", "spec/openapi.yaml", str(spec_copy), "--fail-on", "any").exit_code == 1


def test_json_and_markdown_formats(spec_copy: Path, run_cli: Any) -> None:
    _remove_required_response_field(spec_copy)
    report = json.loads(run_cli("diff", "spec/openapi.yaml", str(spec_copy), "--format", "json").stdout)
    assert report["worst"] == {"clients": "breaking", "servers": "compatible", "both": "breaking"}
    assert report["summary"]["breakingForClients"] >= 1
    assert {"kind", "where", "message", "client", "server"} <= set(report["changes"][0])
    markdown = run_cli("diff", "spec/openapi.yaml", str(spec_copy), "--format", "markdown").stdout
    assert markdown.startswith("## 1.0.0\n")
    assert "### Breaking changes for clients" in markdown
    assert (
        "- `Proposal [response]`: response property `proposalNumber` removed (`response-property-removed`)" in markdown
    )


def test_servers_audience_counts_what_sites_must_implement(spec_copy: Path, run_cli: Any) -> None:
    module = spec_copy.parent / "modules/proposals.yaml"
    edit(
        module,
        "      - name: proposalType\n        in: query\n",
        "      - name: title\n        in: query\n        required: false\n        description: Only this title.\n"
        "        schema:\n          type: string\n      - name: proposalType\n        in: query\n",
    )
    assert run_cli("diff", "spec/openapi.yaml", str(spec_copy)).exit_code == 0
    result = run_cli("diff", "spec/openapi.yaml", str(spec_copy), "--for", "servers")
    assert result.exit_code == 1
    assert "parameter-added" in result.stdout


def test_git_refs_are_read_from_the_repository(run_cli: Any) -> None:
    result = run_cli("diff", "HEAD", "HEAD", "--fail-on", "any")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.startswith("HEAD (")
    assert "0 change(s)" in result.stdout


def test_bundled_json_and_root_yaml_compare_equal(run_cli: Any, tmp_path: Path) -> None:
    bundled = tmp_path / "bundle.json"
    assert run_cli("bundle", "-o", str(bundled)).exit_code == 0
    assert run_cli("diff", str(bundled), "spec/openapi.yaml", "--fail-on", "any").exit_code == 0


def test_usage_errors_exit_2(run_cli: Any) -> None:
    assert run_cli("diff", "no-such-file-or-ref", "spec/openapi.yaml").exit_code == 2
    assert run_cli("diff", "spec/openapi.yaml").exit_code == 2
    assert run_cli("diff", "spec/openapi.yaml", "spec/openapi.yaml", "--fail-on", "sometimes").exit_code == 2
