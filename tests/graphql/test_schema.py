"""The schema derives from the contract: generated/schema.graphql is what the spec gives, relations go both
ways, vocabularies and orders are typed, every list field is a connection."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLObjectType, get_named_type

from graphql_layer.contract import bundled
from graphql_layer.schema import build, print_sdl
from spec_tools.paths import GRAPHQL_SDL_PATH


def test_the_generated_sdl_is_the_spec_s() -> None:
    assert GRAPHQL_SDL_PATH.read_text(encoding="utf-8") == print_sdl(bundled())


def test_relations_both_ways_and_connections_everywhere() -> None:
    contract = bundled()
    schema = build(contract)
    session = schema.get_type("Session")
    dc = schema.get_type("DataCollection")
    assert isinstance(session, GraphQLObjectType) and isinstance(dc, GraphQLObjectType)
    assert get_named_type(dc.fields["session"].type).name == "Session"
    assert get_named_type(session.fields["dataCollections"].type).name == "DataCollectionConnection"
    assert "sessionUuid" not in session.fields["dataCollections"].args  # the parent is the filter
    query = schema.query_type
    assert query is not None
    for name, c in contract.collections.items():
        listing = get_named_type(
            query.fields[c.segment.split("-")[0] + "".join(w.title() for w in c.segment.split("-")[1:])].type
        )
        assert listing.name == f"{name}Connection"
    for type_ in schema.type_map.values():
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__"):
            for fname, f in type_.fields.items():
                if get_named_type(f.type).name.endswith("Connection"):
                    assert {"first", "after"} <= set(f.args), f"{type_.name}.{fname}"


def test_vocabularies_and_orders() -> None:
    schema = build(bundled())
    order = schema.get_type("DataCollectionOrder")
    assert isinstance(order, GraphQLEnumType)
    assert order.values["START_TIME_DESC"].value == "startTime desc"
    status = schema.get_type("ProcessingProgram").fields["status"]  # type: ignore[union-attr]
    assert get_named_type(status.type).name == "String"  # extensible: a new value must not break clients
    assert "SUCCESS" in (status.description or "")
