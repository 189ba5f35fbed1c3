"""Turn a diff argument into a bundled spec: a file (multi-file root or bundle) or a git ref.

Comparing against a git ref (``HEAD~1``, ``v1.0.0``) needs the whole ``spec/`` tree of that commit, since the
root document refers to module files: ``git archive`` extracts it into a temporary directory, which is bundled.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from spec_tools.bundle import BundleError, bundle
from spec_tools.paths import REPO_ROOT

#: The spec's root inside a commit.
SPEC_IN_REPO = "spec/openapi.yaml"
#: A spec with no operation, to diff against when there is no previous version (the first changelog entry).
EMPTY = "none"


class SpecLoadError(ValueError):
    """The argument names neither a readable spec file nor a git ref holding ``spec/openapi.yaml``."""


@dataclass(frozen=True)
class LoadedSpec:
    label: str  # what the user passed (a path or a ref), for messages and changelogs
    doc: dict[str, Any]

    @property
    def version(self) -> str:
        return str((self.doc.get("info") or {}).get("version", "?"))


def empty_spec() -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "(none)", "version": "0.0.0"}, "paths": {}}


def load_file(path: Path) -> dict[str, Any]:
    """Bundle a root document (external refs are followed), which is a no-op for an already bundled one."""
    try:
        doc = bundle(path) if path.suffix in (".yaml", ".yml") else json.loads(path.read_text(encoding="utf-8"))
        if path.suffix == ".json" and _has_external_refs(doc):
            doc = bundle(path)
    except (BundleError, json.JSONDecodeError, yaml.YAMLError, OSError) as exc:
        raise SpecLoadError(f"{path}: {exc}") from exc
    if not isinstance(doc, dict) or "openapi" not in doc:
        raise SpecLoadError(f"{path}: not an OpenAPI document")
    return doc


def _has_external_refs(node: Any) -> bool:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            return True
        return any(_has_external_refs(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_external_refs(v) for v in node)
    return False


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def is_git_ref(ref: str, repo: Path = REPO_ROOT) -> bool:
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0


def load_ref(ref: str, repo: Path = REPO_ROOT) -> dict[str, Any]:
    """Bundle ``spec/`` as it is at commit ``ref``."""
    archive = _git(repo, "archive", "--format=tar", ref, "spec")
    if archive.returncode != 0:
        raise SpecLoadError(f"{ref}: no spec/ at that ref ({archive.stderr.decode().strip()})")
    with tempfile.TemporaryDirectory(prefix="ispyb-spec-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        root = Path(tmp) / SPEC_IN_REPO
        if not root.is_file():
            raise SpecLoadError(f"{ref}: {SPEC_IN_REPO} does not exist at that ref")
        return load_file(root)


def load(arg: str, repo: Path = REPO_ROOT) -> LoadedSpec:
    """A path if one exists, else a git ref, else ``none`` (the empty spec); :class:`SpecLoadError` otherwise."""
    path = Path(arg)
    if path.is_file():
        return LoadedSpec(arg, load_file(path))
    if path.is_dir() and (path / "openapi.yaml").is_file():
        return LoadedSpec(arg, load_file(path / "openapi.yaml"))
    if arg == EMPTY:
        return LoadedSpec(arg, empty_spec())
    if is_git_ref(arg, repo):
        return LoadedSpec(arg, load_ref(arg, repo))
    raise SpecLoadError(f"{arg!r} is neither a spec file nor a git ref")
