"""Where the specification and the generated artefacts live in a checkout."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SPEC_ROOT = REPO_ROOT / "spec" / "openapi.yaml"
GENERATED_DIR = REPO_ROOT / "generated" / "ispyb_common_models"
BUNDLE_PATH = GENERATED_DIR / "openapi.json"
MODELS_PATH = GENERATED_DIR / "models.py"
CLIENT_COLLECTIONS_PATH = REPO_ROOT / "client" / "ispyb_common_client" / "collections.py"
#: the GraphQL schema generated from the spec (graphql_layer.schema.print_sdl)
GRAPHQL_SDL_PATH = REPO_ROOT / "generated" / "schema.graphql"
