"""Generate ``generated/`` from the specification: the bundle and the pydantic v2 models.

``generated/`` is never edited by hand. ``ispyb-spec generate`` rewrites it; ``ispyb-spec generate --check``
regenerates into a temporary directory and fails when any file differs, which CI runs so that the models
can never drift from the spec.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from spec_tools import codegen_input
from spec_tools.bundle import bundle, dumps

#: datamodel-code-generator flags, each chosen for a reason:
CODEGEN_FLAGS = [
    "--input-file-type",
    "openapi",
    "--output-model-type",
    "pydantic_v2.BaseModel",
    "--target-python-version",
    "3.11",
    "--target-pydantic-version",
    "2.14",
    # An optional field that is not nullable must be *absent*, never null: pydantic's MISSING sentinel
    # keeps `"field": null` out of requests and responses (schemathesis ST108/ST201 otherwise).
    "--use-missing-sentinel",
    # Constraints (maxLength, minimum…) stay on the fields, so the models validate exactly as the spec does.
    "--use-annotated",
    "--field-constraints",
    "--use-standard-collections",
    "--use-union-operator",
    # Enums as Literal: values serialise as plain strings and compare equal to the spec's strings.
    "--enum-field-as-literal",
    "all",
    "--collapse-root-models",
    # Descriptions of the spec become docstrings, so the models document themselves.
    "--use-schema-description",
    "--use-field-description",
    "--use-double-quotes",
    # Deterministic output: no timestamp, and the builtin formatter (no black/isort version drift).
    "--disable-timestamp",
    "--formatters",
    "builtin",
]

INIT_TEXT = '''"""Pydantic v2 models of the ISPyB Common API, generated from the specification.

Do not edit: run ``ispyb-spec generate``. ``openapi.json`` beside this file is the bundled specification.
"""

from pathlib import Path

BUNDLE_PATH = Path(__file__).with_name("openapi.json")
'''


@dataclass(frozen=True)
class Outputs:
    bundle_json: str
    models_py: str
    init_py: str

    def files(self) -> dict[str, str]:
        # py.typed (PEP 561): type checkers of an installed ispyb_common_models (e.g. in the client's wheel) read
        # the models' annotations instead of treating the package as untyped
        return {
            "openapi.json": self.bundle_json,
            "models.py": self.models_py,
            "__init__.py": self.init_py,
            "py.typed": "",
        }


def render(spec_root: Path) -> Outputs:
    """Produce the contents of every generated file from the spec rooted at ``spec_root``."""
    doc = bundle(spec_root)
    bundle_json = dumps(doc, ".json")
    with tempfile.TemporaryDirectory() as tmp:
        # The generator records the input's file name in its header: keep it fixed. It reads the transformed
        # bundle (strict vocabularies in requests, open ones in responses); the published bundle is untouched.
        source = Path(tmp) / "openapi.json"
        source.write_text(dumps(codegen_input.transform(doc), ".json"), encoding="utf-8")
        target = Path(tmp) / "models.py"
        cmd = [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(source),
            "--output",
            str(target),
            *CODEGEN_FLAGS,
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"datamodel-codegen failed:\n{result.stderr}")
        models_py = target.read_text(encoding="utf-8")
    return Outputs(bundle_json=bundle_json, models_py=models_py, init_py=INIT_TEXT)


def write(outputs: Outputs, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.files().items():
        (out_dir / name).write_text(text, encoding="utf-8")


def stale_files(outputs: Outputs, out_dir: Path) -> list[str]:
    """Names of the generated files that differ from (or are missing in) ``out_dir``."""
    stale = []
    for name, text in outputs.files().items():
        path = out_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
