"""The check families; importing this package registers them all."""

from conformance.checks import core, errors, isolation, lifecycle, reads, stateless, writes

__all__ = ["core", "errors", "isolation", "lifecycle", "reads", "stateless", "writes"]
