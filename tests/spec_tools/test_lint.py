"""``ispyb-spec lint``: clean on spec/, and each broken rule reported at its line in the source YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.spec_tools.conftest import edit, line_of

PROPOSAL_NUMBER = """        proposalNumber:
          type: string
          description: Proposal number within its code (DLS `proposalNumber`).
          minLength: 1"""


def test_lint_is_clean_on_the_spec(run_cli: Any) -> None:
    result = run_cli("lint")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert "0 error(s)" in result.stderr


def test_list_rules_gives_every_rule_a_rationale(run_cli: Any) -> None:
    result = run_cli("lint", "--list-rules")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 15
    for expected in (
        "property-camel-case",
        "path-kebab-plural",
        "enum-upper-snake",
        "schema-description",
        "property-description",
        "operation-description",
        "schema-example",
        "problem-json",
        "list-pagination",
        "operation-conformance-class",
        "operation-security",
        "operation-roles",
        "number-unit",
        "body-schema-ref",
        "no-inline-object",
        "references-declared",
        "vocabulary-extensible",
        "failures-declared",
        "array-bounded",
        "input-string-bounded",
        "instant-naming",
    ):
        assert any(line.startswith(f"{expected} (error): ") and len(line) > len(expected) + 30 for line in lines)


def _findings(stdout: str) -> list[tuple[str, int, str]]:
    found = []
    for line in stdout.strip().splitlines():
        place, rule, _ = line.split(" ", 2)
        file, number = place.rsplit(":", 1)
        found.append((file, int(number), rule))
    return found


@pytest.mark.parametrize(
    ("file", "old", "new", "rule", "anchor"),
    [
        (
            "modules/proposals.yaml",
            PROPOSAL_NUMBER,
            PROPOSAL_NUMBER.replace("proposalNumber:", "proposal_number:", 1),
            "property-camel-case",
            "proposal_number:",
        ),
        (
            "modules/proposals.yaml",
            PROPOSAL_NUMBER,
            PROPOSAL_NUMBER.replace(
                "          description: Proposal number within its code (DLS `proposalNumber`).\n", ""
            ),
            "property-description",
            "proposalNumber:",
        ),
        (
            "modules/proposals.yaml",
            "      - CANCELLED\n",
            "      - cancelled\n",
            "enum-upper-snake",
            "      x-extensible-enum:",
        ),
        ("modules/acquisition.yaml", "          x-unit: Å\n", "", "number-unit", "wavelength:"),
        (
            "modules/proposals.yaml",
            "      x-conformance-class: proposals\n",
            "",
            "operation-conformance-class",
            "    get:",
        ),
        ("modules/proposals.yaml", "      x-roles:\n      - STAFF\n", "", "operation-roles", "    post:"),
        (
            "modules/proposals.yaml",
            "      - $ref: ../components/common.yaml#/components/parameters/PageToken\n",
            "",
            "list-pagination",
            "    get:",
        ),
        (
            "modules/proposals.yaml",
            "              $ref: '#/components/schemas/ProposalInput'\n",
            "              type: object\n",
            "body-schema-ref",
            "            schema:",
        ),
        (
            "components/common.yaml",
            "the connection after this answer).\n      content:\n        application/problem+json:",
            "the connection after this answer).\n      content:\n        application/json:",
            "problem-json",
            "    BadRequest:",
        ),
        (
            "modules/core.yaml",
            "      examples:\n        - status: UP\n          database: UP\n",
            "",
            "schema-example",
            "    Health:",
        ),
        # contract rules (issue 10)
        (
            "modules/proposals.yaml",
            "          description: The person who leads the proposal.\n          x-references: Person\n",
            "          description: The person who leads the proposal.\n",
            "references-declared",
            "principalInvestigatorUuid:",
        ),
        (
            "modules/proposals.yaml",
            "          description: The person who leads the proposal.\n          x-references: Person\n",
            "          description: The person who leads the proposal.\n          x-references: Human\n",
            "references-declared",
            "principalInvestigatorUuid:",
        ),
        (
            "modules/proposals.yaml",
            "      description: Life-cycle state of a proposal (DLS `Proposal.state`).\n      x-extensible-enum:\n",
            "      description: Life-cycle state of a proposal (DLS `Proposal.state`).\n      enum:\n",
            "vocabulary-extensible",
            "      enum:",
        ),
        (
            "modules/core.yaml",
            "        '429':\n          $ref: '../components/common.yaml#/components/responses/TooManyRequests'\n"
            "        '500':\n          $ref: '../components/common.yaml#/components/responses/ServerError'\n"
            "        '503':",
            "        '500':\n          $ref: '../components/common.yaml#/components/responses/ServerError'\n"
            "        '503':",
            "failures-declared",
            "      responses:",
        ),
        (
            "modules/proposals.yaml",
            "          description: The proposals of this page.\n          maxItems: 1000\n",
            "          description: The proposals of this page.\n          maxItems: 5000\n",
            "array-bounded",
            "        items:",
        ),
        (
            "modules/core.yaml",
            "          maxItems: 100000\n",
            "",
            "array-bounded",
            "        proposals:",
        ),
        (
            "modules/proposals.yaml",
            "        description: Only proposals whose `name` equals this value.\n        schema:\n"
            "          type: string\n          maxLength: 255\n",
            "        description: Only proposals whose `name` equals this value.\n        schema:\n"
            "          type: string\n",
            "input-string-bounded",
            "        schema:",
        ),
        (
            "modules/shipping.yaml",
            "        shippingDate:\n          type: string\n          format: date\n",
            "        shippingDate:\n          type: string\n          format: date-time\n",
            "instant-naming",
            "        shippingDate:",
        ),
        (
            "modules/beamline-events.yaml",
            "        endTime:\n          type: string\n          format: date-time\n"
            "          description: When the step ended.\n",
            "        finishedTime:\n          type: string\n          format: date-time\n"
            "          description: When the step ended.\n",
            "instant-naming",
            "        finishedTime:",
        ),
    ],
)
def test_a_broken_rule_is_reported_at_its_source_line(
    spec_copy: Path, run_cli: Any, file: str, old: str, new: str, rule: str, anchor: str
) -> None:
    target = spec_copy.parent / file
    edit(target, old, new)
    result = run_cli("lint", str(spec_copy), "--rule", rule)
    assert result.exit_code == 1, result.stdout
    findings = _findings(result.stdout)
    assert findings, result.stdout
    assert {r for _, _, r in findings} == {rule}
    source = target.read_text(encoding="utf-8").splitlines()
    at_anchor = [n for f, n, _ in findings if Path(f).resolve() == target.resolve() and anchor in source[n - 1]]
    assert at_anchor, result.stdout


def test_inline_nested_object_is_reported(spec_copy: Path, run_cli: Any) -> None:
    target = spec_copy.parent / "modules/core.yaml"
    edit(
        target,
        "        database:\n          type: string\n          description: State of the database connection.\n"
        "          x-extensible-enum: [UP, DOWN]\n          maxLength: 16\n",
        "        database:\n          type: object\n          description: State of the database connection.\n"
        "          properties:\n            state:\n              type: string\n"
        "              description: UP or DOWN.\n",
    )
    result = run_cli("lint", str(spec_copy), "--rule", "no-inline-object")
    assert result.exit_code == 1
    assert f"core.yaml:{line_of(target, '        database:')} no-inline-object Health.database" in result.stdout


def test_kebab_plural_paths(spec_copy: Path, run_cli: Any) -> None:
    edit(spec_copy, "  '/v1/laboratories':\n", "  '/v1/labOratory':\n")
    result = run_cli("lint", str(spec_copy), "--rule", "path-kebab-plural")
    assert result.exit_code == 1
    assert "path-kebab-plural /v1/labOratory: segment 'labOratory' is not kebab-case" in result.stdout


def test_a_waiver_needs_the_rule_id(spec_copy: Path, run_cli: Any) -> None:
    edit(
        spec_copy.parent / "modules/core.yaml",
        "x-lint-ignore:\n            enum-upper-snake:",
        "x-lint-ignore:\n            number-unit:",
    )
    result = run_cli("lint", str(spec_copy), "--rule", "enum-upper-snake")
    assert result.exit_code == 1
    assert "enum-upper-snake ConformanceClass.name" in result.stdout


def test_unknown_file_or_rule_is_a_usage_error(run_cli: Any, tmp_path: Path) -> None:
    assert run_cli("lint", str(tmp_path / "missing.yaml")).exit_code == 2
    assert run_cli("lint", "--rule", "no-such-rule").exit_code == 2
