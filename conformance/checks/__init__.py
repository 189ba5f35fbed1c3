"""The check families; importing this package registers them all.

The modules are imported in `MODULES` order, which is the order their families run in within a class (unless a
family declares `after` or `reviews_class`, see `conformance.registry`): the site's own description first, then
schemathesis's stateless phases, the write life cycle, reads, errors and authorization.
"""

from importlib import import_module

MODULES = ("core", "stateless", "lifecycle", "writes", "reads", "queries", "errors", "isolation", "changes", "files")

for _name in MODULES:
    import_module(f"conformance.checks.{_name}")
