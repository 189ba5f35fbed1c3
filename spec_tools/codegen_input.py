"""The bundle as datamodel-codegen must see it: strict vocabularies in requests, open ones in responses.

The contract's vocabularies are extensible (``x-extensible-enum``, Zalando guideline 112): a client must accept
any string in a response, while a server accepts in a request only the listed values. datamodel-codegen knows
nothing of the extension (it would generate a bare ``str``), so :func:`transform` rewrites a copy of the bundle
before generation:

* every vocabulary component becomes ``type: string, enum: [...]`` (a strict ``Literal`` in the models);
* request schemas (``*Input``, ``*Patch`` and what only they use) keep referring to it, so request models
  refuse an unknown value (422 in the reference server);
* every other reference to a vocabulary becomes ``anyOf: [vocabulary, string]``, so response models parse
  an unknown value as a plain ``str`` and a known one as the ``Literal``;
* a nested object used by both sides (e.g. ``SsxParameters``) is copied for the request side as
  ``<Name>Input``, so each side gets its own strictness.

The served ``/openapi.json`` and ``generated/ispyb_common_models/openapi.json`` stay the untransformed bundle:
this copy exists only as the generator's input.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

SCHEMA_PREFIX = "#/components/schemas/"
REQUEST_SUFFIXES = ("Input", "Patch")


def _refs(node: Any) -> Iterator[str]:
    """Names of the component schemas ``node`` refers to, at any depth."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
            yield ref.removeprefix(SCHEMA_PREFIX)
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(schemas: dict[str, Any], roots: set[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(_refs(schemas[name]))
    return seen


def vocabularies(schemas: dict[str, Any]) -> set[str]:
    """Component schemas that are extensible vocabularies."""
    return {name for name, s in schemas.items() if isinstance(s, dict) and "x-extensible-enum" in s}


def _rewrite(node: Any, rename: dict[str, str], open_vocab: dict[str, list[str]]) -> Any:
    """Point references through ``rename``; replace references to ``open_vocab`` by ``anyOf: [enum, string]``.

    The enum is inlined (not a ``$ref``) so that the models say ``Literal[...] | str``: a known value still
    compares equal to its string, where a referenced root model would not.
    """
    if isinstance(node, list):
        return [_rewrite(v, rename, open_vocab) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _rewrite(v, rename, open_vocab) for k, v in node.items() if k not in ("examples", "example")}
    for key in ("examples", "example"):
        if key in node:
            out[key] = node[key]
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
        name = ref.removeprefix(SCHEMA_PREFIX)
        name = rename.get(name, name)
        out["$ref"] = SCHEMA_PREFIX + name
        if name in open_vocab:
            siblings = {k: v for k, v in out.items() if k != "$ref"}
            known = {"type": "string", "enum": open_vocab[name]}
            return {**siblings, "anyOf": [known, {"type": "string"}]}
    mapping = out.get("discriminator", {}).get("mapping") if isinstance(out.get("discriminator"), dict) else None
    if isinstance(mapping, dict):
        for value, target in list(mapping.items()):
            name = str(target).removeprefix(SCHEMA_PREFIX)
            mapping[value] = SCHEMA_PREFIX + rename.get(name, name)
    return out


def transform(bundle: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``bundle`` for datamodel-codegen (see the module docstring); ``bundle`` is left untouched."""
    doc = copy.deepcopy(bundle)
    schemas: dict[str, Any] = doc.get("components", {}).get("schemas", {})
    vocab = vocabularies(schemas)
    request = _closure(schemas, {n for n in schemas if n.endswith(REQUEST_SUFFIXES)})
    response = _closure(schemas, {n for n in schemas if n not in request})
    # objects used on both sides that lead to a vocabulary get a request-side copy
    both = (request & response) - vocab
    shared = {n for n in both if not n.endswith(REQUEST_SUFFIXES) and vocab & _closure(schemas, {n})}
    rename = {n: f"{n}Input" for n in shared}
    clash = [new for new in rename.values() if new in schemas]
    if clash:
        raise ValueError(f"request copies would clash with existing schemas: {clash}")
    known = {name: list(schemas[name]["x-extensible-enum"]) for name in vocab}
    out: dict[str, Any] = {}
    for name, schema in schemas.items():
        if name in vocab:
            # the enum bounds the length: a maxLength beside it only stops the generator collapsing the alias
            strict = {("enum" if k == "x-extensible-enum" else k): v for k, v in schema.items() if k != "maxLength"}
            out[name] = strict
        elif (name in request and name not in response) or name.endswith(REQUEST_SUFFIXES):
            out[name] = _rewrite(schema, rename, {})
        else:
            out[name] = _rewrite(schema, {}, known)
        if name in shared:
            out[rename[name]] = _rewrite(schema, rename, {})
    doc["components"]["schemas"] = out
    return doc
