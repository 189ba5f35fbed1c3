"""One GraphQL request, end to end: parse, validate, limits, execute over the site with the caller's token.

Only queries: this is a read layer (a mutation or subscription is refused with 400 before anything runs).
``extensions.upstreamRequests`` in every answer says how many REST requests the query cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from graphql import (
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    execute,
    parse,
    validate,
)

from graphql_layer.context import RequestContext
from graphql_layer.contract import Contract
from graphql_layer.limits import Limits, check
from graphql_layer.schema import build
from graphql_layer.upstream import Upstream


def _error(message: str, status: int = 400) -> dict[str, Any]:
    return {"message": message, "extensions": {"status": status}}


@dataclass
class GraphQLService:
    contract: Contract
    client: httpx.AsyncClient
    limits: Limits
    schema: GraphQLSchema | None = None

    def __post_init__(self) -> None:
        if self.schema is None:
            self.schema = build(self.contract)

    async def run(self, body: Any, authorization: str | None) -> tuple[int, dict[str, Any]]:
        """(HTTP status, GraphQL response) for a request body ``{query, variables, operationName}``."""
        assert self.schema is not None
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return 400, {"errors": [_error("the request needs a `query` string (and optional `variables`)")]}
        variables = body.get("variables") or {}
        if not isinstance(variables, dict):
            return 400, {"errors": [_error("`variables` must be an object")]}
        try:
            document = parse(body["query"])
        except GraphQLError as exc:
            return 400, {"errors": [exc.formatted]}
        errors = validate(self.schema, document)
        if errors:
            return 400, {"errors": [e.formatted for e in errors]}
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        name = body.get("operationName")
        chosen = [o for o in operations if name is None or (o.name is not None and o.name.value == name)]
        if len(chosen) != 1:
            return 400, {"errors": [_error("name the operation to run (`operationName`)")]}
        operation = chosen[0]
        if operation.operation != OperationType.QUERY:
            return 400, {"errors": [_error("this layer reads only: queries, no mutations or subscriptions")]}
        fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        refused = check(self.schema, operation, fragments, variables, self.limits)
        if refused:
            return 400, {"errors": [e.formatted for e in refused]}
        upstream = Upstream(self.client, authorization)
        context = RequestContext(self.contract, upstream)
        result = execute(self.schema, document, context_value=context, variable_values=variables, operation_name=name)
        if not isinstance(result, dict) and hasattr(result, "__await__"):
            result = await result  # type: ignore[misc]
        out: dict[str, Any] = {"data": result.data}  # type: ignore[union-attr]
        if result.errors:  # type: ignore[union-attr]
            out["errors"] = [e.formatted for e in result.errors]  # type: ignore[union-attr]
        out["extensions"] = {"upstreamRequests": upstream.requests}
        return (200 if result.data is not None else 400), out  # type: ignore[union-attr]
