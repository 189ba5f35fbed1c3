"""One demo site for every client test module (started once: ~3 s), through the server's command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.client.sites import demo_server


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(Path(tmp_path_factory.mktemp("client-site"))) as base_url:
        yield base_url
