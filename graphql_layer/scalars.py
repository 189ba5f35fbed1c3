"""Scalars for the contract's formats: ``UUID`` (RFC 9562), ``DateTime`` (RFC 3339), ``Date``, ``Long``, ``JSON``.

Values pass through as the REST API wrote them (strings for UUIDs and instants), so a GraphQL answer compares
equal to the REST one; inputs are checked so that a malformed UUID is a GraphQL error naming the argument, not
an upstream 422.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from graphql import GraphQLError, GraphQLScalarType, ValueNode
from graphql.language import IntValueNode, StringValueNode
from graphql.utilities import value_from_ast_untyped

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _uuid(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise GraphQLError(f"not a UUID (RFC 9562): {value!r}") from None


def _uuid_literal(node: ValueNode, _variables: Any = None) -> str:
    if not isinstance(node, StringValueNode):
        raise GraphQLError("a UUID is a string")
    return _uuid(node.value)


def _matching(pattern: re.Pattern[str], what: str) -> Any:
    def parse(value: Any) -> str:
        if not isinstance(value, str) or not pattern.match(value):
            raise GraphQLError(f"not {what}: {value!r}")
        return value

    def literal(node: ValueNode, _variables: Any = None) -> str:
        if not isinstance(node, StringValueNode):
            raise GraphQLError(f"{what} is a string")
        return parse(node.value)

    return parse, literal


def _long_literal(node: ValueNode, _variables: Any = None) -> int:
    if not isinstance(node, IntValueNode):
        raise GraphQLError("a Long is an integer")
    return int(node.value)


UUID = GraphQLScalarType(
    "UUID",
    serialize=str,
    parse_value=_uuid,
    parse_literal=_uuid_literal,
    description="A UUID (RFC 9562), as text: every record's identifier and every reference.",
    specified_by_url="https://www.rfc-editor.org/rfc/rfc9562",
)
_dt_parse, _dt_literal = _matching(RFC3339, "an RFC 3339 date-time with a time zone")
DATETIME = GraphQLScalarType(
    "DateTime",
    serialize=str,
    parse_value=_dt_parse,
    parse_literal=_dt_literal,
    description="An instant, RFC 3339 with a time zone (as the REST API writes it).",
    specified_by_url="https://www.rfc-editor.org/rfc/rfc3339",
)
_day_parse, _day_literal = _matching(DAY, "a date (YYYY-MM-DD)")
DATE = GraphQLScalarType(
    "Date", serialize=str, parse_value=_day_parse, parse_literal=_day_literal, description="A day, YYYY-MM-DD."
)
LONG = GraphQLScalarType(
    "Long", serialize=int, parse_value=int, parse_literal=_long_literal, description="An integer beyond 32 bits."
)
JSON = GraphQLScalarType(
    "JSON",
    serialize=lambda v: v,
    parse_value=lambda v: v,
    parse_literal=value_from_ast_untyped,
    description="A JSON value as the REST API answers it (nested objects such as technique parameters).",
)
