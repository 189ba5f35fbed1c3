"""The project's lint rules, one module per concern; importing this package registers them all."""

from spec_tools.lint.rules import contract, documentation, naming, operations, pagination, schemas, structure

__all__ = ["contract", "documentation", "naming", "operations", "pagination", "schemas", "structure"]
