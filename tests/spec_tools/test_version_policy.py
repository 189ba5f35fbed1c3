"""Version policy (``check-version``, ``baseline``) and the changelog produced by the diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.spec_tools.conftest import edit

VERSION_LINE = "  version: 1.0.0\n"


def _bump(root: Path, version: str) -> None:
    edit(root, VERSION_LINE, f"  version: {version}\n")


def _break_clients(root: Path) -> None:
    """Remove the GET /health operation (a client-breaking change)."""
    edit(root, "  '/health':\n    $ref: './modules/core.yaml#/paths/~1health'\n", "")


def _add_operation(root: Path) -> None:
    """A second path to an existing path item: a new operation, compatible for clients."""
    edit(root, "  '/v1/me':\n", "  '/v1/health':\n    $ref: './modules/core.yaml#/paths/~1health'\n  '/v1/me':\n")


def test_the_last_release_is_the_highest_baseline(spec_copy: Path, run_cli: Any, tmp_path: Path) -> None:
    from spec_tools.version import last_release

    directory = tmp_path / "baseline"
    assert run_cli("baseline", "--spec", str(spec_copy), "--dir", str(directory)).exit_code == 0
    _bump(spec_copy, "1.2.0")
    assert run_cli("baseline", "--spec", str(spec_copy), "--dir", str(directory)).exit_code == 0
    release = last_release(tmp_path, directory)  # tmp_path is no git repository: no tags
    assert release is not None and release.version == (1, 2, 0) and not release.is_tag
    assert release.load().version == "1.2.0"


def test_breaking_change_without_major_bump_fails(spec_copy: Path, run_cli: Any) -> None:
    _break_clients(spec_copy)
    result = run_cli("check-version", "--spec", str(spec_copy), "--against", "spec/openapi.yaml")
    assert result.exit_code == 1
    assert "breaking: GET /health: operation removed (operation-removed)" in result.stdout
    assert "bump the major version" in result.stderr


def test_breaking_change_with_major_bump_passes(spec_copy: Path, run_cli: Any) -> None:
    _break_clients(spec_copy)
    _bump(spec_copy, "2.0.0")
    assert run_cli("check-version", "--spec", str(spec_copy), "--against", "spec/openapi.yaml").exit_code == 0


def test_compatible_change_needs_no_major_bump(spec_copy: Path, run_cli: Any) -> None:
    _add_operation(spec_copy)
    _bump(spec_copy, "1.1.0")
    result = run_cli("check-version", "--spec", str(spec_copy), "--against", "spec/openapi.yaml")
    assert result.exit_code == 0, result.stderr
    assert "0 breaking for clients" in result.stderr


def test_version_going_backwards_fails(spec_copy: Path, run_cli: Any) -> None:
    _bump(spec_copy, "0.9.0")
    assert run_cli("check-version", "--spec", str(spec_copy), "--against", "spec/openapi.yaml").exit_code == 1


def test_baseline_is_written_once_per_version(spec_copy: Path, run_cli: Any, tmp_path: Path) -> None:
    directory = tmp_path / "baseline"
    assert run_cli("baseline", "--spec", str(spec_copy), "--dir", str(directory)).exit_code == 0
    written = directory / "openapi-1.0.0.json"
    assert json.loads(written.read_text())["info"]["version"] == "1.0.0"
    assert run_cli("baseline", "--spec", str(spec_copy), "--dir", str(directory)).exit_code == 0  # unchanged
    _add_operation(spec_copy)
    result = run_cli("baseline", "--spec", str(spec_copy), "--dir", str(directory))
    assert result.exit_code == 1
    assert "immutable" in result.stderr


def test_committed_baseline_matches_its_version() -> None:
    baseline = Path(__file__).resolve().parents[2] / "spec" / "baseline" / "openapi-1.0.0.json"
    assert json.loads(baseline.read_text())["info"]["version"] == "1.0.0"


def test_changelog_entry_lists_breaking_changes_first(spec_copy: Path, run_cli: Any, tmp_path: Path) -> None:
    _break_clients(spec_copy)
    _add_operation(spec_copy)
    _bump(spec_copy, "2.0.0")
    result = run_cli("changelog", "--from", "spec/openapi.yaml", "--spec", str(spec_copy))
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("## 2.0.0\n")
    assert text.index("### Breaking changes for clients") < text.index("### Breaking changes for servers")
    assert "- `GET /health`: operation removed (`operation-removed`)" in text
    assert "- `GET /v1/health`: operation added (`operation-added`)" in text
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text((Path(__file__).resolve().parents[2] / "CHANGELOG.md").read_text())
    for _ in range(2):  # writing twice replaces the entry, it does not duplicate it
        assert (
            run_cli(
                "changelog", "--from", "spec/openapi.yaml", "--spec", str(spec_copy), "--write", str(changelog)
            ).exit_code
            == 0
        )
    written = changelog.read_text()
    assert written.count("## 2.0.0\n") == 1
    assert written.index("## 2.0.0") < written.index("## 1.0.0")


def test_committed_changelog_is_the_generated_initial_entry(run_cli: Any) -> None:
    result = run_cli("changelog", "--from", "none")
    assert result.exit_code == 0
    committed = (Path(__file__).resolve().parents[2] / "CHANGELOG.md").read_text()
    assert result.stdout.strip() in committed
    assert "Initial version: " in result.stdout
