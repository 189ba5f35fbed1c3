"""Which table stores each resource: the reference server's binding of the spec's resources to its ORM classes.

The registry (``site_kit.resources``) is the spec's and knows no storage; every ORM class here carries the
resource's name, so the binding is by name.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from reference_server.db import models
from site_kit.resources import Resource


@cache
def _table(name: str) -> type[Any]:
    table: type[Any] = getattr(models, name)
    return table


def table(resource: Resource) -> type[Any]:
    """The ORM class holding the records of ``resource``."""
    return _table(resource.name)
