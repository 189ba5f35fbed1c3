"""Version policy: a change that breaks clients needs a major bump of ``info.version``.

The reference is the last release: the highest ``vX.Y.Z`` git tag, or a recorded baseline
(``spec/baseline/openapi-X.Y.Z.json``, written by ``ispyb-spec baseline``) when that is higher or there is no
tag, so that the policy holds before the first tag and in checkouts without tags.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from spec_tools.diff import Audience, Change, Impact, diff_specs
from spec_tools.diff.loading import LoadedSpec, load_file, load_ref
from spec_tools.paths import REPO_ROOT

BASELINE_DIR = REPO_ROOT / "spec" / "baseline"
SEMVER = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")
BASELINE_NAME = re.compile(r"^openapi-(\d+\.\d+\.\d+)\.json$")


def parse(version: str) -> tuple[int, int, int]:
    """``1.2.3`` (or ``v1.2.3``) as a tuple; ValueError for anything else."""
    match = SEMVER.match(version.strip())
    if not match:
        raise ValueError(f"not a semantic version X.Y.Z: {version!r}")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


@dataclass(frozen=True)
class Release:
    version: tuple[int, int, int]
    source: str  # a tag name or a baseline file
    is_tag: bool

    @property
    def label(self) -> str:
        """The tag, or the baseline's path relative to the checkout, for messages."""
        path = Path(self.source)
        if self.is_tag or not path.is_relative_to(REPO_ROOT):
            return self.source
        return str(path.relative_to(REPO_ROOT))

    def load(self, repo: Path = REPO_ROOT) -> LoadedSpec:
        doc = load_ref(self.source, repo) if self.is_tag else load_file(Path(self.source))
        return LoadedSpec(self.label, doc)


def release_tags(repo: Path = REPO_ROOT) -> list[Release]:
    out = subprocess.run(["git", "-C", str(repo), "tag", "--list"], capture_output=True, text=True, check=False)
    return [Release(parse(tag), tag, True) for tag in out.stdout.split() if SEMVER.match(tag)]


def baselines(directory: Path = BASELINE_DIR) -> list[Release]:
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = BASELINE_NAME.match(path.name)
        if match:
            found.append(Release(parse(match.group(1)), str(path), False))
    return found


def last_release(repo: Path = REPO_ROOT, directory: Path = BASELINE_DIR) -> Release | None:
    """The highest released version; a tag wins over a baseline of the same version."""
    candidates = [*release_tags(repo), *baselines(directory)]
    return max(candidates, key=lambda r: (r.version, r.is_tag), default=None)


@dataclass
class Verdict:
    ok: bool
    messages: list[str] = field(default_factory=list)
    breaking: list[Change] = field(default_factory=list)


def check(release: LoadedSpec, current: LoadedSpec, audience: Audience = Audience.CLIENTS) -> Verdict:
    """Judge ``current`` against ``release``: breaking changes need a major bump (a minor one below 1.0)."""
    try:
        old_v, new_v = parse(release.version), parse(current.version)
    except ValueError as exc:
        return Verdict(False, [str(exc)])
    changes = diff_specs(release.doc, current.doc)
    breaking = [c for c in changes if c.impact(audience) is Impact.BREAKING]
    wire = [c for c in changes if c.impact(audience) is not Impact.DOCS]
    if new_v < old_v:
        return Verdict(False, [f"info.version {current.version} is lower than the release {release.version}"])
    major_bumped = new_v[0] > old_v[0] or (old_v[0] == 0 and new_v[:2] > old_v[:2])
    if breaking and not major_bumped:
        return Verdict(
            False,
            [
                f"{len(breaking)} change(s) break {audience.value} since {release.version} "
                f"({release.label}) but info.version is {current.version}: bump the major version "
                "or undo them"
            ],
            breaking,
        )
    messages = [
        f"{len(changes)} change(s) since {release.version} ({release.label}), "
        f"{len(breaking)} breaking for {audience.value}; info.version {current.version}: ok"
    ]
    if wire and new_v == old_v:
        messages.append(f"note: the contract changed since {release.version}; bump the minor version on release")
    return Verdict(True, messages, breaking)
