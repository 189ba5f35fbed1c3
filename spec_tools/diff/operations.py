"""Compare the operations of two bundled specs: presence, parameters, bodies, responses, security, roles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spec_tools.diff.model import BREAKS_BOTH, BREAKS_CLIENTS, BREAKS_SERVERS, COMPATIBLE, DOCS, Change, Direction
from spec_tools.diff.schemas import SchemaDiff

HTTP_METHODS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")
PARAM = re.compile(r"\{[^}]*\}")


def _deref(doc: dict[str, Any], node: Any) -> Any:
    """Follow local ``$ref`` (a bundle has only local ones)."""
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        seen.add(node["$ref"])
        target: Any = doc
        for token in node["$ref"].lstrip("#/").split("/"):
            target = target.get(token.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
        node = target
    return node


def _operations(doc: dict[str, Any]) -> dict[tuple[str, str], tuple[str, dict[str, Any], dict[str, Any]]]:
    """Operations keyed by (METHOD, path template with parameter names erased)."""
    found = {}
    for path, item in (doc.get("paths") or {}).items():
        item = _deref(doc, item)
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                found[(method.upper(), PARAM.sub("{}", path))] = (path, item, item[method])
    return found


def _security(doc: dict[str, Any], op: dict[str, Any]) -> set[str]:
    """Scheme names the operation may be called with; empty when it is public."""
    requirements = op.get("security", doc.get("security", []))
    if any(not r for r in requirements):  # an empty requirement object makes authentication optional
        return set()
    return {name for requirement in requirements for name in requirement}


class OperationDiff:
    """Walks both specs' operations and records changes in a shared :class:`SchemaDiff`."""

    def __init__(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.old, self.new = old, new
        self.schemas = SchemaDiff(old, new)

    def add(self, kind: str, where: str, message: str, impacts: tuple[Any, Any]) -> None:
        self.schemas.add(kind, where, message, impacts)

    def run(self) -> list[Change]:
        old_ops, new_ops = _operations(self.old), _operations(self.new)
        for key in old_ops:
            if key not in new_ops:
                self.add("operation-removed", f"{key[0]} {old_ops[key][0]}", "operation removed", BREAKS_CLIENTS)
        for key in new_ops:
            if key not in old_ops:
                self.add("operation-added", f"{key[0]} {new_ops[key][0]}", "operation added", BREAKS_SERVERS)
        for key in old_ops:
            if key in new_ops:
                self.operation(key[0], old_ops[key], new_ops[key])
        return self.schemas.changes

    def operation(
        self,
        method: str,
        old: tuple[str, dict[str, Any], dict[str, Any]],
        new: tuple[str, dict[str, Any], dict[str, Any]],
    ) -> None:
        where = f"{method} {new[0]}"
        (old_path, old_item, o), (_, new_item, n) = old, new
        if old_path != new[0]:
            self.add("path-parameter-renamed", where, f"path template was {old_path}", DOCS)
        changed_docs = [k for k in ("summary", "description", "tags") if o.get(k) != n.get(k)]
        if changed_docs:
            self.add("description-changed", where, f"{', '.join(changed_docs)} changed", DOCS)
        if o.get("operationId") != n.get("operationId"):
            self.add(
                "operation-id-changed",
                where,
                f"operationId {o.get('operationId')} → {n.get('operationId')} (SDK method names change)",
                COMPATIBLE,
            )
        if not o.get("deprecated") and n.get("deprecated"):
            self.add("operation-deprecated", where, "operation deprecated", COMPATIBLE)
        self.security(where, o, n)
        self.parameters(where, old_item, o, new_item, n)
        self.request_body(where, o, n)
        self.responses(where, o, n)

    def security(self, where: str, o: dict[str, Any], n: dict[str, Any]) -> None:
        so, sn = _security(self.old, o), _security(self.new, n)
        if so != sn:
            if sn and not so:
                self.add("security-added", where, "authentication now required", BREAKS_CLIENTS)
            elif so and not sn:
                self.add("security-removed", where, "operation now public", BREAKS_SERVERS)
            else:
                self.add("security-changed", where, f"security schemes {sorted(so)} → {sorted(sn)}", BREAKS_BOTH)
        ro, rn = o.get("x-roles") or [], n.get("x-roles") or []
        if lost := [r for r in ro if r not in rn]:
            self.add("role-removed", where, f"role(s) no longer allowed: {', '.join(lost)}", BREAKS_CLIENTS)
        if gained := [r for r in rn if r not in ro]:
            self.add("role-added", where, f"role(s) now allowed: {', '.join(gained)}", BREAKS_SERVERS)
        if o.get("x-conformance-class") != n.get("x-conformance-class"):
            self.add(
                "conformance-class-changed",
                where,
                f"x-conformance-class {o.get('x-conformance-class')} → {n.get('x-conformance-class')}",
                BREAKS_SERVERS,
            )

    def _params(self, doc: dict[str, Any], item: dict[str, Any], op: dict[str, Any]) -> dict[tuple[str, str], Any]:
        """Parameters keyed by (in, name) (header names case-insensitively)."""
        params: dict[tuple[str, str], Any] = {}
        for raw in [*(item.get("parameters") or []), *(op.get("parameters") or [])]:
            param = _deref(doc, raw)
            if isinstance(param, dict) and "name" in param:
                if isinstance(raw, dict) and str(raw.get("$ref", "")).startswith("#/components/parameters/"):
                    param = {**param, "x-component": raw["$ref"].rsplit("/", 1)[-1]}
                params[
                    (param.get("in", ""), str(param["name"]).lower() if param.get("in") == "header" else param["name"])
                ] = param
        return params

    def parameters(
        self, where: str, old_item: dict[str, Any], o: dict[str, Any], new_item: dict[str, Any], n: dict[str, Any]
    ) -> None:
        po, pn = self._params(self.old, old_item, o), self._params(self.new, new_item, n)
        for key in po:
            if key not in pn and key[0] != "path":
                self.add("parameter-removed", where, f"{key[0]} parameter `{key[1]}` removed", BREAKS_CLIENTS)
        for key, param in pn.items():
            if key in po or key[0] == "path":
                continue
            if param.get("required"):
                self.add(
                    "parameter-added-required", where, f"required {key[0]} parameter `{key[1]}` added", BREAKS_BOTH
                )
            else:
                self.add("parameter-added", where, f"optional {key[0]} parameter `{key[1]}` added", BREAKS_SERVERS)
        for key, old_param in po.items():
            new_param = pn.get(key)
            if new_param is None:
                continue
            # A shared parameter component changes once, not once per operation that uses it.
            component = new_param.get("x-component")
            if component and component == old_param.get("x-component"):
                label = f"parameter {component} ({key[0]} {key[1]})"
            else:
                label = f"{where} {key[0]} parameter {key[1]}"
            if new_param.get("required") and not old_param.get("required"):
                self.add(
                    "parameter-became-required", where, f"{key[0]} parameter `{key[1]}` became required", BREAKS_CLIENTS
                )
            elif old_param.get("required") and not new_param.get("required"):
                self.add(
                    "parameter-became-optional", where, f"{key[0]} parameter `{key[1]}` became optional", BREAKS_SERVERS
                )
            if old_param.get("description") != new_param.get("description"):
                self.add("description-changed", label, "description changed", DOCS)
            self.schemas.compare(old_param.get("schema", {}), new_param.get("schema", {}), label, Direction.REQUEST)

    def request_body(self, where: str, o: dict[str, Any], n: dict[str, Any]) -> None:
        bo, bn = _deref(self.old, o.get("requestBody")), _deref(self.new, n.get("requestBody"))
        if not bo and not bn:
            return
        if not bo:
            required = bool(bn.get("required"))
            impacts = BREAKS_BOTH if required else BREAKS_SERVERS
            self.add(
                "request-body-added", where, f"{'required' if required else 'optional'} request body added", impacts
            )
            return
        if not bn:
            self.add("request-body-removed", where, "request body removed", BREAKS_CLIENTS)
            return
        if bn.get("required") and not bo.get("required"):
            self.add("request-body-became-required", where, "request body became required", BREAKS_CLIENTS)
        co, cn = bo.get("content") or {}, bn.get("content") or {}
        for media in co:
            if media not in cn:
                self.add("request-media-type-removed", where, f"request media type {media} removed", BREAKS_CLIENTS)
        for media in cn:
            if media not in co:
                self.add("request-media-type-added", where, f"request media type {media} added", BREAKS_SERVERS)
            else:
                self.schemas.compare(
                    (co[media] or {}).get("schema", {}),
                    (cn[media] or {}).get("schema", {}),
                    f"{where} request body",
                    Direction.REQUEST,
                )

    def responses(self, where: str, o: dict[str, Any], n: dict[str, Any]) -> None:
        ro, rn = o.get("responses") or {}, n.get("responses") or {}
        for code in ro:
            if code not in rn:
                self.add("response-removed", where, f"response {code} removed", BREAKS_SERVERS)
        for code in rn:
            if code not in ro:
                success = str(code).startswith(("1", "2", "3"))
                impacts = BREAKS_CLIENTS if success else COMPATIBLE
                self.add("response-added", where, f"response {code} added", impacts)
        for code in ro:
            if code in rn:
                self.response(f"{where} {code}", _deref(self.old, ro[code]), _deref(self.new, rn[code]))

    def response(self, where: str, o: dict[str, Any], n: dict[str, Any]) -> None:
        if o.get("description") != n.get("description"):
            self.add("description-changed", where, "response description changed", DOCS)
        ho, hn = {k.lower() for k in o.get("headers") or {}}, {k.lower() for k in n.get("headers") or {}}
        for header in sorted(ho - hn):
            self.add("response-header-removed", where, f"response header {header} removed", BREAKS_CLIENTS)
        for header in sorted(hn - ho):
            self.add("response-header-added", where, f"response header {header} added", BREAKS_SERVERS)
        co, cn = o.get("content") or {}, n.get("content") or {}
        for media in co:
            if media not in cn:
                self.add("response-media-type-removed", where, f"response media type {media} removed", BREAKS_CLIENTS)
        for media in cn:
            if media not in co:
                self.add("response-media-type-added", where, f"response media type {media} added", COMPATIBLE)
            else:
                self.schemas.compare(
                    (co[media] or {}).get("schema", {}), (cn[media] or {}).get("schema", {}), where, Direction.RESPONSE
                )


def iter_kinds(changes: list[Change]) -> Iterator[str]:
    """Kinds of ``changes`` in order, without repeats (for summaries)."""
    seen: set[str] = set()
    for change in changes:
        if change.kind not in seen:
            seen.add(change.kind)
            yield change.kind
