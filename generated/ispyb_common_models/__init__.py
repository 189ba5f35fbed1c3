"""Pydantic v2 models of the ISPyB Common API, generated from the specification.

Do not edit: run ``ispyb-spec generate``. ``openapi.json`` beside this file is the bundled specification.
"""

from pathlib import Path

BUNDLE_PATH = Path(__file__).with_name("openapi.json")
