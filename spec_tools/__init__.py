"""Tooling for the ISPyB Common API specification: bundle, validate, generate models, lint and diff.

The specification in ``spec/`` is the single source of truth; everything here reads it and derives from it.
"""
