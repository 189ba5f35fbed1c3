"""The client as a package: its collections are the spec's (up to date), typed for editors and mypy, and it
depends on nothing but httpx, pydantic and the generated models (no server, kit or suite code). ~3 s.
"""

from __future__ import annotations

import ast
import inspect
import json
import subprocess
import sys
from collections.abc import Sequence
from typing import Literal, get_args, get_type_hints
from uuid import UUID

import pytest

from spec_tools import client_codegen
from spec_tools.bundle import bundle
from spec_tools.paths import CLIENT_COLLECTIONS_PATH, REPO_ROOT, SPEC_ROOT

PACKAGE = CLIENT_COLLECTIONS_PATH.parent
ALLOWED = {"httpx", "pydantic", "pydantic_core", "ispyb_common_models", "ispyb_common_client"}


def test_collections_module_is_generated_from_the_current_spec() -> None:
    assert CLIENT_COLLECTIONS_PATH.read_text(encoding="utf-8") == client_codegen.render(bundle(SPEC_ROOT)), (
        "client/ispyb_common_client/collections.py is stale: run `ispyb-spec generate`"
    )


def test_one_accessor_per_collection_of_the_spec() -> None:
    from ispyb_common_client.collections import SPECS

    paths = json.loads((REPO_ROOT / "generated/ispyb_common_models/openapi.json").read_text())["paths"]
    collections = {p for p in paths if p.startswith("/v1/") and f"{p}/{{uuid}}" in paths}
    assert {s.path for s in SPECS} == collections


def test_imports_only_httpx_pydantic_and_the_models() -> None:
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in ALLOWED or top in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_an_editor_knows_every_accessor_filter_and_model() -> None:
    """The annotations an editor or mypy reads resolve to the spec's filters and the generated models.

    (``mypy`` on a probe script reports ``DataCollection`` for the loop variable, flags ``sesion_uuid=`` and
    ``order_by="resolution"`` and finds no ``delete`` on proposals; that run costs ~10 s of CI, so this test reads
    the same annotations at run time instead.)
    """
    from ispyb_common_client import AsyncClient, Client, Pager
    from ispyb_common_client.collections import AsyncDataCollections, Collections, DataCollections
    from ispyb_common_models import models as m

    client = Client("https://ispyb.example.org", "token")
    assert isinstance(client, Collections) and isinstance(client.data_collections, DataCollections)
    assert isinstance(AsyncClient("https://ispyb.example.org").data_collections, AsyncDataCollections)
    hints = get_type_hints(DataCollections.list)
    assert hints["return"] == Pager[m.DataCollection]
    # a reference filter takes one value or several (the parameter repeated: the spec's array, maxItems 100)
    assert hints["session_uuid"] == UUID | str | Sequence[UUID | str] | None
    assert get_args(hints["order_by"])[0] == Literal["createdAt", "createdAt desc", "startTime", "startTime desc"]
    assert hints["run_status"] == Literal["RUNNING", "SUCCESSFUL", "FAILED", "ABORTED"] | str | None
    parameters = inspect.signature(DataCollections.list).parameters
    assert all(p.kind is p.KEYWORD_ONLY for name, p in parameters.items() if name != "self")
    with pytest.raises(TypeError):
        client.data_collections.list(sesion_uuid="x")  # type: ignore[call-arg]
    assert not hasattr(client.proposals, "delete") and hasattr(client.data_collections, "put")
    assert hasattr(client.proposal_members, "delete")


def test_imports_no_server_code() -> None:
    code = (
        "import sys, ispyb_common_client; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'reference_server', 'site_kit', 'conformance', 'ispyb_dls_adapter', 'spec_tools'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert done.stdout.strip() == "[]"
