"""Shared fixtures: the bundled specification, read once per session."""

from __future__ import annotations

from typing import Any

import pytest

from spec_tools.bundle import bundle
from spec_tools.paths import SPEC_ROOT


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return bundle(SPEC_ROOT)
