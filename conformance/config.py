"""The site configuration (site.yaml): loaded, validated against the published JSON Schema, and typed.

The schema lives at `conformance/schemas/site.schema.json` so that sites (and `ispyb-server site-config`) can
produce and validate the file without this code; errors name the offending field by its dotted path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).with_name("schemas") / "site.schema.json"
IDENTITIES = ("owner", "otherUser", "staff", "service")


class SiteConfigError(Exception):
    """The site configuration is missing, unreadable or invalid; the message names each bad field."""


@dataclass(frozen=True)
class Identity:
    """A caller the suite acts as: a bearer token, plus the beamlines of a service token."""

    name: str
    token: str
    beamlines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Writes:
    """Whether (and where) the suite may write."""

    allowed: bool
    sandbox_proposal: str | None = None
    sandbox_session: str | None = None
    beamline: str | None = None
    cleanup: bool = True
    #: classes whose write checks run (None: every claimed class); the others are certified read-only
    classes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SiteConfig:
    """A validated site configuration."""

    base_url: str
    identities: dict[str, Identity]
    writes: Writes
    fixtures: dict[str, str] = field(default_factory=dict)

    def tokens(self) -> list[str]:
        """Every secret in the configuration, for masking in reports."""
        return [identity.token for identity in self.identities.values()]


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validation_errors(data: Any) -> list[str]:
    """Human-readable errors, each prefixed by the dotted path of the field it concerns."""
    validator = Draft202012Validator(load_schema())
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        message = error.message
        if error.validator == "additionalProperties":
            message = f"unknown field: {message}"
        errors.append(f"{where}: {message}")
    return errors


def parse_site_config(data: Any, base_url: str | None = None) -> SiteConfig:
    """Validate a parsed site.yaml and build the typed configuration; `base_url` overrides `baseUrl`."""
    errors = validation_errors(data)
    if errors:
        raise SiteConfigError("invalid site configuration:\n  " + "\n  ".join(errors))
    url = base_url or data.get("baseUrl")
    if not url:
        raise SiteConfigError("baseUrl: missing (give it in site.yaml or with --base-url)")
    identities = {
        name: Identity(name, spec["token"], tuple(spec.get("beamlines", ())))
        for name, spec in data["identities"].items()
    }
    writes_data = data["writes"]
    writes = Writes(
        allowed=writes_data["allowed"],
        sandbox_proposal=writes_data.get("sandboxProposalUuid"),
        sandbox_session=writes_data.get("sandboxSessionUuid"),
        beamline=writes_data.get("beamline"),
        cleanup=writes_data.get("cleanup", True),
        classes=tuple(writes_data["classes"]) if "classes" in writes_data else None,
    )
    return SiteConfig(url.rstrip("/"), identities, writes, dict(data.get("fixtures") or {}))


def load_site_config(path: Path, base_url: str | None = None) -> SiteConfig:
    """Read and validate a site.yaml file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SiteConfigError(f"cannot read {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise SiteConfigError(f"{path} is not valid YAML: {exc}") from exc
    return parse_site_config(data, base_url)
