"""generated/ is derived from the spec: up to date, importable, and round-trips every example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, RootModel

from spec_tools import generate as gen
from spec_tools.paths import GENERATED_DIR, SPEC_ROOT


def test_generated_is_up_to_date() -> None:
    assert gen.stale_files(gen.render(SPEC_ROOT), GENERATED_DIR) == []


def test_check_fails_after_a_schema_is_added_without_regenerating(tmp_path: Path) -> None:
    spec_copy = tmp_path / "spec"
    shutil.copytree(SPEC_ROOT.parent, spec_copy)
    root = spec_copy / "openapi.yaml"
    doc = yaml.safe_load(root.read_text())
    doc["components"]["schemas"] = {
        "BeamlineNote": {
            "type": "object",
            "description": "A note.",
            "properties": {"text": {"type": "string"}},
            "examples": [{"text": "hello"}],
        }
    }
    root.write_text(yaml.safe_dump(doc, sort_keys=False))
    assert gen.stale_files(gen.render(root), GENERATED_DIR) == ["openapi.json", "models.py"]


def test_generation_is_deterministic() -> None:
    assert gen.render(SPEC_ROOT) == gen.render(SPEC_ROOT)


def test_models_round_trip_every_example(spec: dict[str, Any]) -> None:
    import ispyb_common_models.models as models

    checked = 0
    for name, schema in spec["components"]["schemas"].items():
        model = getattr(models, name, None)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            continue  # plain enums and strings are Literal aliases
        for example in schema["examples"]:
            instance = model.model_validate(example)
            dumped = instance.model_dump(mode="json", by_alias=True)
            if isinstance(instance, RootModel):
                dumped = instance.model_dump(mode="json")
            assert _normal(dumped) == _normal(example), name
            checked += 1
    assert checked >= 100


def _normal(value: Any) -> Any:
    return json.loads(json.dumps(value))


def test_response_models_parse_an_unknown_vocabulary_value_and_request_models_refuse_it() -> None:
    """x-extensible-enum: a value added by a site (or a later version) parses in a record; a request is strict."""
    import ispyb_common_models.models as models
    from pydantic import ValidationError

    record = {"uuid": "0b8f3e0e-6c1d-4f7e-9a51-3f5d7a1c2b01", "proposalCode": "mx", "proposalNumber": "1"}
    parsed = models.Proposal.model_validate({**record, "proposalType": "NEUTRON_IMAGING", "state": "OPEN"})
    assert parsed.proposalType == "NEUTRON_IMAGING" and parsed.state == "OPEN"
    assert parsed.model_dump(mode="json")["proposalType"] == "NEUTRON_IMAGING"
    page = models.ProposalPage.model_validate({"items": [{**record, "proposalType": "NEUTRON_IMAGING"}]})
    assert page.items[0].proposalType == "NEUTRON_IMAGING"
    # nested vocabularies too: a new SSX delivery method in a data collection's technique parameters
    ssx = models.SsxParameters.model_validate({"technique": "SSX", "deliveryMethod": "TAPE"})
    assert ssx.deliveryMethod == "TAPE"
    for model, body in (
        (models.ProposalInput, {"proposalCode": "mx", "proposalNumber": "1", "proposalType": "NEUTRON_IMAGING"}),
        (models.ProposalPatch, {"proposalType": "NEUTRON_IMAGING"}),
        (models.SsxParametersInput, {"technique": "SSX", "deliveryMethod": "TAPE"}),
    ):
        with pytest.raises(ValidationError):
            model.model_validate(body)
    assert models.ProposalInput.model_validate({"proposalCode": "mx", "proposalNumber": "1", "proposalType": "MX"})
