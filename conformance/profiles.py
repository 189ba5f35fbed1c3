"""Run profiles: certification (deterministic, bounded in time) and explore (longer fuzzing, never certifies).

The certification budget is sized so that all six classes finish within five minutes on a 2-core machine against
the reference server; explore multiplies the example counts, lets schemathesis shrink and vary its phases, and
takes a fresh seed per run (printed; the suite's own draws and UUIDs come from it in both profiles).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Profile:
    """Bounds of one run."""

    name: str
    certifies: bool
    deterministic: bool
    schemathesis_examples: int
    property_examples: int
    page_limit: int
    max_pages: int
    max_filter_values: int
    max_subjects: int


CERTIFICATION = Profile(
    name="certification",
    certifies=True,
    deterministic=True,
    schemathesis_examples=8,
    property_examples=4,
    page_limit=3,
    max_pages=40,
    max_filter_values=2,
    max_subjects=3,
)

EXPLORE = Profile(
    name="explore",
    certifies=False,
    deterministic=False,
    schemathesis_examples=60,
    property_examples=25,
    page_limit=2,
    max_pages=200,
    max_filter_values=6,
    max_subjects=10,
)

PROFILES = {p.name: p for p in (CERTIFICATION, EXPLORE)}


def get_profile(name: str, max_examples: int | None = None) -> Profile:
    """The named profile, with `--max-examples` (when given) bounding both generators."""
    profile = PROFILES[name]
    if max_examples is not None:
        profile = replace(
            profile,
            schemathesis_examples=max_examples,
            property_examples=max(1, min(max_examples, profile.property_examples * 4)),
        )
    return profile
