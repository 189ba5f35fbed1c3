"""Generate ``client/ispyb_common_client/collections.py``: one typed accessor class per collection of the spec.

The client's behaviour is generic (``ispyb_common_client.collection``); what differs per collection is data of
the spec: its path, conformance class, models, whether it may be deleted, and the filters and orders of its list
operation. Writing that as code (rather than building classes at import) is what lets an editor or mypy
complete ``client.data_collections.list(session_uuid=…)`` and check its argument types. ``ispyb-spec generate``
writes the file; ``ispyb-spec generate --check`` fails when it is stale.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from typing import Any

from spec_tools.paths import CLIENT_COLLECTIONS_PATH, REPO_ROOT

PREFIX = "/v1/"
SKIPPED_PARAMETERS = {"#/components/parameters/Limit", "#/components/parameters/PageToken"}


@dataclass(frozen=True)
class Filter:
    query: str
    python: str
    annotation: str
    description: str


@dataclass(frozen=True)
class CollectionCode:
    attribute: str
    class_name: str
    path: str
    conformance_class: str
    model: str
    page: str
    input: str
    patch: str
    deletable: bool
    summary: str
    filters: tuple[Filter, ...]
    orders: tuple[str, ...]


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _ref_name(schema: dict[str, Any]) -> str:
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def _json_schema(op: dict[str, Any], status: str) -> str:
    return _ref_name(op["responses"][status]["content"]["application/json"]["schema"])


def _body_schema(op: dict[str, Any]) -> str:
    content = op["requestBody"]["content"]
    media = content.get("application/json") or next(iter(content.values()))
    return _ref_name(media["schema"])


def _annotation(schema: dict[str, Any], doc: dict[str, Any]) -> str:
    if schema.get("type") == "array":  # a parameter that may be repeated: one value, or several
        one = _annotation(schema["items"], doc)
        return f"{one} | Sequence[{one}]"
    if "$ref" in schema:
        schema = doc["components"]["schemas"][_ref_name(schema)]
    values = schema.get("enum") or schema.get("x-extensible-enum")
    if values:
        literal = f"Literal[{', '.join(repr(v) for v in values)}]"
        return literal if "enum" in schema else f"{literal} | str"
    if schema.get("format") == "uuid":
        return "UUID | str"
    if schema.get("format") == "date-time":
        return "datetime | str"
    return {"boolean": "bool", "integer": "int", "number": "float"}.get(str(schema.get("type")), "str")


def collections(doc: dict[str, Any]) -> list[CollectionCode]:
    """Every collection of the bundled spec ``doc``: a ``/v1/<name>`` list with a ``/v1/<name>/{uuid}`` item."""
    found = []
    for path, item in doc["paths"].items():
        one = doc["paths"].get(f"{path}/{{uuid}}")
        if not path.startswith(PREFIX) or "/" in path[len(PREFIX) :] or one is None or "get" not in item:
            continue
        listing = item["get"]
        missing = [m for m in ("post",) if m not in item] + [m for m in ("get", "put", "patch") if m not in one]
        if missing:
            raise ValueError(f"{path}: a collection without {', '.join(missing)} (the client expects them)")
        segment = path[len(PREFIX) :]
        filters, orders = [], ()
        for parameter in listing.get("parameters", []):
            if parameter.get("$ref") in SKIPPED_PARAMETERS:
                continue
            if "$ref" in parameter:  # a shared filter (``site``): its declaration in components
                parameter = doc["components"]["parameters"][_ref_name(parameter)]
            if parameter["name"] == "orderBy":
                orders = tuple(parameter["schema"]["enum"])
                continue
            filters.append(
                Filter(
                    query=parameter["name"],
                    python=snake(parameter["name"]),
                    annotation=_annotation(parameter["schema"], doc),
                    description=" ".join(str(parameter.get("description", "")).split()),
                )
            )
        found.append(
            CollectionCode(
                attribute=segment.replace("-", "_"),
                class_name="".join(part.capitalize() for part in segment.split("-")),
                path=path,
                conformance_class=listing["x-conformance-class"],
                model=_json_schema(one["get"], "200"),
                page=_json_schema(listing, "200"),
                input=_body_schema(one["put"]),
                patch=_body_schema(one["patch"]),
                deletable="delete" in one,
                summary=" ".join(str(listing.get("description", listing.get("summary", ""))).split()),
                filters=tuple(filters),
                orders=orders,
            )
        )
    return found


HEADER = '''"""The collections of the ISPyB Common API {version}, one typed class each, generated from the spec.

Do not edit: ``ispyb-spec generate`` writes this file from spec/ (``ispyb-spec generate --check`` fails when it
is stale). The behaviour is shared, in ``ispyb_common_client.collection``; this file holds what the spec says of
each collection (path, conformance class, models, filters, orders) as code, so that editors and type checkers
know every accessor, filter and model.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal
from uuid import UUID

from ispyb_common_models import models as m

from ispyb_common_client.collection import (
    AsyncCollection,
    AsyncDeletableCollection,
    AsyncPager,
    Collection,
    CollectionSpec,
    DeletableCollection,
    Pager,
)
from ispyb_common_client.transport import AsyncTransport, SyncTransport

#: The version of the specification this module was generated from.
SPEC_VERSION = {version!r}

'''


def _list_method(c: CollectionCode, pager: str) -> list[str]:
    params = [f"        {f.python}: {f.annotation} | None = None," for f in c.filters]
    if c.orders:
        params.append(f"        order_by: Literal[{', '.join(repr(o) for o in c.orders)}] | None = None,")
    params.append("        page_size: int | None = None,")
    args = [f'"{f.query}": {f.python}' for f in c.filters]
    if c.orders:
        args.append('"orderBy": order_by')
    summary = textwrap.wrap(c.summary, 108)
    doc = [f'        """{summary[0]}', *(f"        {line}" for line in summary[1:])]
    doc += ["", "        Lazy: no page is fetched before iteration needs it.", "", "        Args:"]
    for f in c.filters:
        text = textwrap.wrap(f"{f.python}: {f.description}", 104)
        doc += [f"            {text[0]}", *(f"                {line}" for line in text[1:])]
    if c.orders:
        text = textwrap.wrap(f"order_by: one of {', '.join(c.orders)} (default: creation order, oldest first).", 104)
        doc += [f"            {text[0]}", *(f"                {line}" for line in text[1:])]
    doc.append("            page_size: records per page (the site's default when None; at most 1000).")
    doc.append('        """')
    return [
        "    def list(",
        "        self,",
        "        *,",
        *params,
        f"    ) -> {pager}[m.{c.model}]:",
        *doc,
        f"        return self._list({{{', '.join(args)}}}, page_size)",
    ]


def render(doc: dict[str, Any]) -> str:
    """The text of ``collections.py`` for the bundled spec ``doc`` (formatted with ruff, deterministic)."""
    found = collections(doc)
    lines = [HEADER.format(version=doc["info"]["version"])]
    for c in found:
        lines += [
            "",
            f"_{c.attribute.upper()} = CollectionSpec(",
            f'    name="{c.attribute}",',
            f'    path="{c.path}",',
            f'    conformance_class="{c.conformance_class}",',
            f"    model=m.{c.model},",
            f"    page=m.{c.page},",
            ")",
        ]
        for sync in (True, False):
            base = ("" if sync else "Async") + ("DeletableCollection" if c.deletable else "Collection")
            name = c.class_name if sync else f"Async{c.class_name}"
            lines += [
                "",
                "",
                f"class {name}({base}[m.{c.model}, m.{c.input}, m.{c.patch}]):",
                f'    """{c.path} (conformance class ``{c.conformance_class}``){"" if sync else ", async"}."""',
                "",
                f"    spec = _{c.attribute.upper()}",
                "",
                *_list_method(c, "Pager" if sync else "AsyncPager"),
            ]
    lines += ["", "", "#: Every collection of the spec, in the spec's order."]
    lines.append("SPECS: tuple[CollectionSpec, ...] = (" + ", ".join(f"_{c.attribute.upper()}" for c in found) + ")")
    for sync in (True, False):
        transport = "SyncTransport" if sync else "AsyncTransport"
        lines += [
            "",
            "",
            f"class {'Collections' if sync else 'AsyncCollections'}:",
            f'    """Every collection of the spec as an attribute{"" if sync else " (async)"}."""',
            "",
            f"    def __init__(self, transport: {transport}) -> None:",
        ]
        for c in found:
            lines.append(f"        self.{c.attribute} = {'' if sync else 'Async'}{c.class_name}(transport)")
    return _format("\n".join(lines) + "\n")


def _format(text: str) -> str:
    """ruff's formatting (and import sorting), so the file reads as hand-written code and passes lint."""
    for args in (["check", "--select", "I", "--fix-only", "--quiet"], ["format", "--quiet"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(CLIENT_COLLECTIONS_PATH), "-"],
            cwd=REPO_ROOT,
            input=text,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"ruff {args[0]} failed on the generated client module:\n{done.stderr}")
        text = done.stdout
    return text
