"""The GraphQL schema, built at run time from the contract (graphql-core): types, relations, connections.

* **Object types** are the record schemas of the collections (``DataCollection``…), their members typed from
  the spec (``UUID``, ``DateTime``, ``Date``, ``JSON``, ``Long`` scalars beside the built-in ones).
* **Vocabularies**: a closed ``enum`` becomes a GraphQL enum; an extensible one (``x-extensible-enum``, every
  vocabulary of this contract) stays a ``String`` whose description lists the documented values — a site may
  answer a value the enum does not know yet, and a GraphQL enum would turn that into an error.
* **Relations** from ``x-references``, both ways: ``DataCollection.session`` (the record its ``sessionUuid``
  names) and ``Session.dataCollections`` (the records whose ``sessionUuid`` names it: the list operation's
  filter), for every reference whose list declares the filter.
* **Connections** on every list field (``edges { cursor node }``, ``nodes``, ``pageInfo``), ``first`` bounded,
  ``after`` a cursor, ``orderBy`` the list's declared orders, and the list's other filters as arguments.

The schema printed (``print_sdl``) is ``generated/schema.graphql``, which ``ispyb-spec generate --check``
keeps current; resolvers (``graphql_layer.resolvers``) read only ``info.context``, so one schema serves every
request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLEnumValue,
    GraphQLField,
    GraphQLFloat,
    GraphQLInputType,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLString,
    print_schema,
)

from graphql_layer import resolvers, scalars
from graphql_layer.contract import Collection, Contract, Property, QueryFilter, camel

#: ``first`` of a connection: default and largest (a page of the upstream list is at most its ``limit`` maximum)
DEFAULT_FIRST = 10
MAX_FIRST = 100
NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*$")


@dataclass(frozen=True)
class Relation:
    """``Session.dataCollections``: the records of ``child`` whose ``via`` member names the parent."""

    parent: str
    name: str
    child: Collection
    via: str


@dataclass(frozen=True)
class Link:
    """``DataCollection.session``: the record of ``target`` the member ``via`` names."""

    name: str
    target: str
    via: str


@dataclass
class Plan:
    """The names chosen for the contract: what the resolvers and the cost rule need to know."""

    contract: Contract
    links: dict[str, list[Link]] = field(default_factory=dict)
    relations: dict[str, list[Relation]] = field(default_factory=dict)
    root_single: dict[str, str] = field(default_factory=dict)  # field name → record
    root_list: dict[str, str] = field(default_factory=dict)  # field name → record


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def plan(contract: Contract) -> Plan:
    """Field names for links, relations and root fields, free of collisions, deterministic."""
    out = Plan(contract)
    for name, c in contract.collections.items():
        taken = {p.name for p in c.properties}
        links = []
        for p in c.properties:
            if p.references in contract.collections and p.kind == "uuid" and p.name.endswith("Uuid"):
                link = p.name.removesuffix("Uuid")
                while link in taken:
                    link += "Record"
                taken.add(link)
                links.append(Link(link, p.references, p.name))
        out.links[name] = links
    for c in contract.collections.values():
        for f in c.filters:
            target = f.references
            member = c.by_name.get(f.name)
            if target not in contract.collections or member is None or member.references != target:
                continue
            out.relations.setdefault(target, []).append(Relation(target, "", c, f.name))
    for target, rels in out.relations.items():
        taken = {p.name for p in contract.collections[target].properties} | {x.name for x in out.links[target]}
        named = []
        for r in rels:
            base = camel(r.child.segment)
            several = sum(1 for o in rels if o.child.record == r.child.record) > 1
            name = (
                base + "By" + r.via.removesuffix("Uuid")[:1].upper() + r.via.removesuffix("Uuid")[1:]
                if several
                else base
            )
            while name in taken:
                name += "List"
            taken.add(name)
            named.append(Relation(target, name, r.child, r.via))
        out.relations[target] = named
    for name, c in contract.collections.items():
        listing = camel(c.segment)
        single = lower_first(name)
        if single == listing:
            single += "Record"
        out.root_single[single] = name
        out.root_list[listing] = name
    return out


class Builder:
    def __init__(self, contract: Contract) -> None:
        self.contract = contract
        self.plan = plan(contract)
        self.objects: dict[str, GraphQLObjectType] = {}
        self.enums: dict[str, GraphQLEnumType] = {}
        self.page_info = GraphQLObjectType(
            "PageInfo",
            {
                "hasNextPage": GraphQLField(GraphQLNonNull(GraphQLBoolean), description="Whether more records follow."),
                "endCursor": GraphQLField(GraphQLString, description="Pass as `after` for the records that follow."),
            },
            description="Where a connection's page ends (Relay cursor connections).",
        )
        self.connections: dict[str, GraphQLObjectType] = {}
        self.extras: dict[str, GraphQLObjectType] = {}

    # ------------------------------------------------------------------ members

    def scalar(self, kind: str) -> GraphQLScalarType:
        return {
            "uuid": scalars.UUID,
            "datetime": scalars.DATETIME,
            "date": scalars.DATE,
            "json": scalars.JSON,
            "long": scalars.LONG,
            "string": GraphQLString,
            "integer": GraphQLInt,
            "number": GraphQLFloat,
            "boolean": GraphQLBoolean,
        }[kind]

    def vocabulary(self, p: Property | QueryFilter, vocab: str | None) -> GraphQLEnumType | None:
        """A closed vocabulary as a GraphQL enum (None: a String, documented)."""
        extensible = getattr(p, "extensible", True)
        if not p.values or extensible or vocab is None or not all(NAME.match(v) for v in p.values):
            return None
        if vocab not in self.enums:
            self.enums[vocab] = GraphQLEnumType(vocab, {v: GraphQLEnumValue(v) for v in p.values})
        return self.enums[vocab]

    def member_type(self, p: Property) -> GraphQLOutputType:
        kind = p.kind
        if kind.startswith("["):
            inner = self.vocabulary(p, p.vocabulary) or self.scalar(kind[1:-1])
            t: Any = GraphQLList(GraphQLNonNull(inner))
        else:
            t = self.vocabulary(p, p.vocabulary) or self.scalar(kind)
        return GraphQLNonNull(t) if p.required else t

    def describe(self, p: Property) -> str:
        text = p.description
        if p.values and (p.extensible or p.vocabulary is None):
            more = " (extensible: other values may appear)" if p.extensible else ""
            text += f" Values: {', '.join(p.values)}{more}."
        return text.strip()

    # ------------------------------------------------------------------ types

    def object(self, name: str) -> GraphQLObjectType:
        if name not in self.objects:
            c = self.contract.collections[name]
            self.objects[name] = GraphQLObjectType(name, lambda: self.fields(c), description=c.description)
        return self.objects[name]

    def fields(self, c: Collection) -> dict[str, GraphQLField]:
        out = {
            p.name: GraphQLField(self.member_type(p), description=self.describe(p) or None, resolve=resolvers.member)
            for p in c.properties
        }
        for link in self.plan.links[c.record]:
            out[link.name] = GraphQLField(
                self.object(link.target),
                description=f"The {link.target} its `{link.via}` names (null: absent or out of the caller's reach).",
                resolve=resolvers.link(link.target, link.via),
            )
        for rel in self.plan.relations.get(c.record, []):
            out[rel.name] = GraphQLField(
                GraphQLNonNull(self.connection(rel.child)),
                args=self.list_args(rel.child, skip=rel.via),
                description=f"The {rel.child.segment} whose `{rel.via}` names this {c.record} (batched per request).",
                resolve=resolvers.relation(rel.child.record, rel.via),
            )
        return out

    def extra(self, c: Collection, name: str) -> GraphQLField | None:
        """A page member beside ``items`` (a federation's ``unavailableSites``) as a list of plain objects."""
        if name in ("nextPageToken", "next"):
            return None
        node = self.contract.schemas.get(c.page, {}).get("properties", {}).get(name, {})
        ref = node.get("items", {}).get("$ref") if node.get("type") == "array" else None
        if ref is None:
            return None
        page_name = str(ref).rsplit("/", 1)[-1]
        if page_name not in self.extras:
            schema = self.contract.schemas[page_name]
            members = {}
            for prop, node in schema.get("properties", {}).items():
                t: GraphQLScalarType = GraphQLString if node.get("type") == "string" or "$ref" in node else scalars.JSON
                members[prop] = GraphQLField(
                    GraphQLNonNull(t) if prop in schema.get("required", ()) else t,
                    description=" ".join(str(node.get("description", "")).split()) or None,
                )
            self.extras[page_name] = GraphQLObjectType(
                page_name, members, description=" ".join(str(schema.get("description", "")).split())
            )
        return GraphQLField(
            GraphQLList(GraphQLNonNull(self.extras[page_name])),
            description="Beside the records of the upstream pages (absent when it said nothing).",
            resolve=resolvers.page_extra(name),
        )

    def connection(self, c: Collection) -> GraphQLObjectType:
        if c.record not in self.connections:
            node = self.object(c.record)
            edge = GraphQLObjectType(
                f"{c.record}Edge",
                {
                    "cursor": GraphQLField(GraphQLNonNull(GraphQLString), resolve=resolvers.member),
                    "node": GraphQLField(GraphQLNonNull(node), resolve=resolvers.member),
                },
                description=f"One {c.record} of a connection and its cursor.",
            )
            members = {
                "edges": GraphQLField(GraphQLNonNull(GraphQLList(GraphQLNonNull(edge))), resolve=resolvers.member),
                "nodes": GraphQLField(GraphQLNonNull(GraphQLList(GraphQLNonNull(node))), resolve=resolvers.member),
                "pageInfo": GraphQLField(GraphQLNonNull(self.page_info), resolve=resolvers.member),
            }
            for extra in c.page_properties:
                found = self.extra(c, extra)
                if found is not None:
                    members[extra] = found
            self.connections[c.record] = GraphQLObjectType(
                f"{c.record}Connection", members, description=f"A page of {c.segment} (cursor connection)."
            )
        return self.connections[c.record]

    def order_enum(self, c: Collection) -> GraphQLEnumType | None:
        if not c.orders:
            return None
        name = f"{c.record}Order"
        if name not in self.enums:
            values = {
                re.sub(r"(?<!^)(?=[A-Z])", "_", o.replace(" desc", "")).upper()
                + ("_DESC" if o.endswith(" desc") else ""): GraphQLEnumValue(o, description=f"orderBy={o}")
                for o in c.orders
            }
            self.enums[name] = GraphQLEnumType(name, values, description=f"The orders of {c.segment} (orderBy).")
        return self.enums[name]

    def filter_type(self, f: QueryFilter) -> GraphQLInputType:
        one = self.scalar(f.kind if not f.kind.startswith("[") else "json")
        return GraphQLList(GraphQLNonNull(one)) if f.many else one

    def list_args(self, c: Collection, skip: str | None = None) -> dict[str, GraphQLArgument]:
        args: dict[str, GraphQLArgument] = {
            "first": GraphQLArgument(
                GraphQLInt, default_value=DEFAULT_FIRST, description=f"How many records (1–{MAX_FIRST})."
            ),
            "after": GraphQLArgument(GraphQLString, description="The `endCursor` (or an edge's cursor) to follow."),
        }
        order = self.order_enum(c)
        if order is not None:
            args["orderBy"] = GraphQLArgument(order, description="The order of the records (the list's orderBy).")
        for f in c.filters:
            if f.name == skip:
                continue
            text = f.description
            if f.values:
                text += f" Values: {', '.join(f.values)}."
            if f.many:
                text += f" At most {f.max_items} values."
            args[f.name] = GraphQLArgument(self.filter_type(f), description=text)
        return args

    def query(self) -> GraphQLObjectType:
        fields: dict[str, GraphQLField] = {}
        for single, record in sorted(self.plan.root_single.items()):
            fields[single] = GraphQLField(
                self.object(record),
                args={"uuid": GraphQLArgument(GraphQLNonNull(scalars.UUID), description="The record's UUID.")},
                description=f"One {record} by UUID (null when absent or out of the caller's reach; batched).",
                resolve=resolvers.single(record),
            )
        for listing, record in sorted(self.plan.root_list.items()):
            c = self.contract.collections[record]
            fields[listing] = GraphQLField(
                GraphQLNonNull(self.connection(c)),
                args=self.list_args(c),
                description=f"{c.segment}: GET {c.path}, a page at a time.",
                resolve=resolvers.listing(record),
            )
        return GraphQLObjectType("Query", fields, description=f"{self.contract.title} {self.contract.version}, read.")


def build(contract: Contract) -> GraphQLSchema:
    """The executable schema of ``contract`` (resolvers attached; they read ``info.context``)."""
    builder = Builder(contract)
    schema = GraphQLSchema(query=builder.query(), types=list(builder.enums.values()))
    schema.extensions = {"plan": builder.plan}
    return schema


def schema_plan(schema: GraphQLSchema) -> Plan:
    return schema.extensions["plan"]  # type: ignore[no-any-return]


def print_sdl(contract: Contract) -> str:
    """The SDL of ``contract``: what ``generated/schema.graphql`` holds."""
    header = (
        f"# {contract.title} {contract.version}: the GraphQL read layer, generated from the spec by graphql_layer.\n"
        "# Do not edit: `ispyb-spec generate` writes this file (`ispyb-spec generate --check` fails when stale).\n\n"
    )
    return header + print_schema(build(contract)) + "\n"


Resolver = Callable[..., Any]
