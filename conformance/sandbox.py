"""Records the suite creates in the sandbox proposal, their dependencies, and their removal.

A check asks for "a dewar" and the sandbox creates the shipment it needs first (as setup), as the identity the
spec's `x-roles` allow (owner for user-writable records, the service for beamline records, staff otherwise).
Everything created is deleted at the end of the class (when the site's config allows cleanup), newest first.
Collections that change who may see what (proposal and session memberships) are never written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from conformance.constraints import unique_groups
from conformance.payloads import (
    first_concrete,
    next_integer,
    patchable_field,
    reference_field_map,
    synthesize,
    unique_text,
    writable_fields,
)
from conformance.results import Exchange
from conformance.spec import Collection

if TYPE_CHECKING:
    from conformance.context import RunContext

SANDBOX_FIELDS = frozenset({"proposalUuid", "sessionUuid", "beamlineName", "personUuid"})

#: (collection, unique group, the group's values in the body)
SlotKey = tuple[str, tuple[str, ...], tuple[str, ...]]


class SetupFailed(Exception):
    """A prerequisite record could not be created, so the check cannot verify what it is about."""


@dataclass
class Created:
    """A record the suite created."""

    collection: str
    uuid: str
    identity: str
    sent: dict[str, Any]
    body: dict[str, Any]
    etag: str | None
    exchange: Exchange


class Sandbox:
    """Creates records inside the sandbox proposal and session, and cleans them up."""

    def __init__(self, run: RunContext, conformance_class: str = "") -> None:
        self.run = run
        self.spec = run.spec
        self.references = reference_field_map(run.spec)
        self.records: list[Created] = []
        self.counter = 0
        self.conformance_class = conformance_class
        #: numbers already given to a unique group, by (collection, group, the group's other values)
        self.used: dict[tuple[str, tuple[str, ...], tuple[str, ...]], set[int]] = {}
        #: the live record of this run holding each fixed group's values (a group of references only): a second
        #: record with the same values would collide, so setup reuses it and a check needing a new one frees it
        self.slots: dict[SlotKey, Created] = {}
        #: slots whose record was a read subject (`world`) when it was deleted: the next holder takes its place
        self.world_slots: set[SlotKey] = set()
        #: the person each fixed group with `personUuid` uses, by (collection, group): the owner's, unless the
        #: site already holds that person's record there (then a visible person without one), looked up once
        self.persons: dict[tuple[str, tuple[str, ...]], str | None] = {}

    # --- what may be written -------------------------------------------------------------------------------
    def writer_for(self, collection: Collection) -> str | None:
        """The identity that writes this collection in the sandbox, per the operation's `x-roles`."""
        roles = collection.write_roles()
        service = self.run.config.identities["service"]
        if "USER" in roles:
            return "owner"
        if "SERVICE" in roles and self.run.config.writes.beamline in service.beamlines:
            return "service"
        if "STAFF" in roles:
            return "staff"
        return None

    def is_sandboxable(self, collection: Collection) -> bool:
        """Whether the suite may create (and delete again) records of this collection inside the sandbox."""
        if not self.run.writes_allowed_in(collection.conformance_class):
            return False  # read-only class (writes.classes): its records are never created, even as parents
        if "put" not in collection.operations or not collection.has_delete:
            return False
        fields = writable_fields(self.spec, collection)
        if "personUuid" in fields and "role" in fields:
            return False  # memberships change who sees the sandbox; never written
        required = self.spec.schema(collection.input_schema).get("required", [])
        return self.writer_for(collection) is not None and all(self._resolvable(name) for name in required)

    def _resolvable(self, name: str) -> bool:
        if name in ("proposalUuid", "sessionUuid", "beamlineName"):
            return True
        if name == "personUuid":
            return bool(self.run.callers.get("owner", {}).get("personUuid"))
        if name in self.references:
            target = self.spec.collections[self.references[name]]
            return self.is_sandboxable(target)
        return not name.endswith("Uuid")

    # --- payloads ------------------------------------------------------------------------------------------
    def tag(self) -> str:
        """A text no record of the site has: seed, class and a counter (the same for a seed)."""
        self.counter += 1
        classes = self.spec.classes()
        index = classes.index(self.conformance_class) if self.conformance_class in classes else len(classes)
        return f"cf{self.run.seed % 100000}c{index}n{self.counter}"

    def payload(self, collection: Collection, parents: dict[str, str], tag: str | None = None) -> dict[str, Any]:
        """A valid `*Input` body: required fields, the patchable field, and references to `parents`."""
        schema = self.spec.schema(collection.input_schema)
        props = writable_fields(self.spec, collection)
        required = set(schema.get("required", []))
        patch = patchable_field(self.spec, collection)
        tag = tag or self.tag()
        body: dict[str, Any] = {}
        for name, node in props.items():
            value = self.reference_value(name, parents)
            if value is not None:
                body[name] = value
            elif name in required or (patch and name == patch[0]):
                if name.endswith("Uuid"):
                    raise SetupFailed(f"{collection.name}: no record to refer to in required field {name}")
                body[name] = synthesize(self.spec, node, tag)
        if patch and patch[0] in body:
            body[patch[0]] = patch[1]
        return self.make_unique(collection, body, tag)

    def reference_value(self, name: str, parents: dict[str, str]) -> Any:
        writes = self.run.config.writes
        if name == "proposalUuid":
            return writes.sandbox_proposal
        if name == "sessionUuid":
            return writes.sandbox_session
        if name == "beamlineName":
            return writes.beamline
        if name == "personUuid":
            return self.run.callers.get("owner", {}).get("personUuid")
        if name in self.references:
            return parents.get(self.references[name])
        return None

    def make_unique(self, collection: Collection, body: dict[str, Any], tag: str | None = None) -> dict[str, Any]:
        """Give each `x-unique` group of the collection values no other record has (in place; returns `body`).

        In each group whose fields are all set, the first field that is not a reference is changed: a text gets
        the tag (unique by construction, also against the site's own records), a number the smallest allowed
        value this run has not used with the same other values (e.g. a sample's position in the suite's own
        container). A group without such a field (references only, e.g. a lab contact's proposal and person) is
        a fixed group: its `personUuid` is a person the site holds no such record for (`person_for`), and
        `create` reuses the one record of this run that holds its values instead of creating a second.
        """
        if not collection.record_schema:
            return body
        props = self.spec.schema(collection.input_schema).get("properties", {}) if collection.input_schema else {}
        for group in unique_groups(self.spec.schema(collection.record_schema)):
            if not all(body.get(f) is not None for f in group):
                continue
            free = next((f for f in group if f not in self.references and f not in SANDBOX_FIELDS), None)
            if free is None:
                if "personUuid" in group and "personUuid" in props:
                    body["personUuid"] = self.person_for(collection, group, body) or body["personUuid"]
                continue
            if free not in props:
                continue
            node = first_concrete(self.spec, props[free])
            if isinstance(body[free], str):
                body[free] = unique_text(node, tag or self.tag(), body[free])
            elif isinstance(body[free], int) and not isinstance(body[free], bool):
                others = tuple(str(body[f]) for f in group if f != free)
                used = self.used.setdefault((collection.name, group, others), set())
                body[free] = next_integer(node, used)
        return body

    # --- fixed groups (references only) ---------------------------------------------------------------------
    def fixed_groups(self, collection: Collection) -> list[tuple[str, ...]]:
        """The `x-unique` groups the suite cannot vary by a value of its own: every field is a reference."""
        if not collection.record_schema:
            return []
        groups = unique_groups(self.spec.schema(collection.record_schema))
        return [g for g in groups if all(f in self.references or f in SANDBOX_FIELDS for f in g)]

    def slot_keys(self, collection: Collection, body: dict[str, Any]) -> list[SlotKey]:
        return [
            (collection.name, group, tuple(str(body[f]) for f in group))
            for group in self.fixed_groups(collection)
            if all(body.get(f) is not None for f in group)
        ]

    def person_for(self, collection: Collection, group: tuple[str, ...], body: dict[str, Any]) -> str | None:
        """The person the suite's records of a fixed group name: the owner's, unless the site itself holds a
        record with the owner's person and the group's other values (the suite never touches it); then the
        first visible person (by UUID) the site holds none for. Looked up once per class, so a seed's requests
        stay the same."""
        key = (collection.name, group)
        if key in self.persons:
            return self.persons[key]
        owner = self.run.callers.get("owner", {}).get("personUuid")
        identity = self.writer_for(collection) or "staff"
        others = {f: str(body[f]) for f in group if f != "personUuid"}
        held = self._held_persons(collection, identity, others)
        chosen = owner
        if owner is not None and str(owner) in held:
            persons = self._same_site("/v1/persons", identity, body)
            chosen = next((p for p in sorted(persons) if p not in held), owner)
        self.persons[key] = chosen
        return chosen

    def _held_persons(self, collection: Collection, identity: str, filters: dict[str, str]) -> set[str]:
        names = {f.name for f in collection.filters}
        query = {k: v for k, v in filters.items() if k in names}
        ours = {r.uuid for r in self.records}
        return {
            str(item.get("personUuid"))
            for item in self._items(collection.path, identity, query)
            if item.get("uuid") not in ours and all(str(item.get(k)) == v for k, v in filters.items())
        }

    def _same_site(self, path: str, identity: str, body: dict[str, Any]) -> set[str]:
        """UUIDs of the list's records held by the site of the body's proposal (or session) when records state
        their ``site`` (provenance: in a federation of sites a record refers only to records of its own site)."""
        site = None
        for field, collection in (("proposalUuid", "proposals"), ("sessionUuid", "sessions")):
            if body.get(field):
                url = f"/v1/{collection}/{body[field]}"
                response, _exchange = self.run.client.request("GET", url, identity=identity)
                site = _json(response).get("site") if response.status_code == 200 else None
                break
        items = self._items(path, identity, {})
        return {str(i["uuid"]) for i in items if i.get("uuid") and (site is None or i.get("site") == site)}

    def _uuids(self, path: str, identity: str, query: dict[str, str]) -> set[str]:
        return {str(item["uuid"]) for item in self._items(path, identity, query) if item.get("uuid")}

    def _items(self, path: str, identity: str, query: dict[str, str]) -> list[dict[str, Any]]:
        """Every item of a list (following `nextPageToken`); empty when the site does not answer 200."""
        items: list[dict[str, Any]] = []
        params: dict[str, Any] = {**query, "limit": 1000}
        for _ in range(100):
            response, _exchange = self.run.client.request("GET", path, identity=identity, params=params)
            data = _json(response) if response.status_code == 200 else {}
            items += [i for i in data.get("items", []) if isinstance(i, dict)]
            token = data.get("nextPageToken")
            if not token:
                break
            params = {**query, "limit": 1000, "pageToken": token}
        return items

    def holder(self, collection: Collection, body: dict[str, Any]) -> Created | None:
        """The live record of this run that holds one of the body's fixed groups, if any."""
        return next((self.slots[k] for k in self.slot_keys(collection, body) if k in self.slots), None)

    def vacate(self, collection: Collection, body: dict[str, Any]) -> None:
        """Delete the record of this run holding one of the body's fixed groups, so that a check can create a
        new one (201) without colliding with the suite's own record; a read subject is replaced by the next."""
        record = self.holder(collection, body)
        if record is None:
            return
        path = collection.item_path.replace("{uuid}", record.uuid)
        response, _ = self.run.client.request("DELETE", path, identity=record.identity)
        if response.status_code in (204, 404):
            self.forget(record.uuid)

    def keep(self, record: Created) -> None:
        """Note a record the suite created (cleanup deletes it) and the fixed groups it holds."""
        self.records.append(record)
        collection = self.spec.collections[record.collection]
        world = self._world()
        for key in self.slot_keys(collection, record.sent):
            self.slots[key] = record
            if key in self.world_slots:
                self.world_slots.discard(key)
                world.setdefault(record.collection, []).append(record.uuid)

    def _world(self) -> dict[str, list[str]]:
        state = getattr(self.run, "state", None)
        world = getattr(state, "world", None)
        return world if isinstance(world, dict) else {}

    # --- creating ------------------------------------------------------------------------------------------
    def parents_for(
        self, collection: Collection, parents: dict[str, str] | None = None, *, optional: bool = False
    ) -> dict[str, str]:
        """Create (as setup) the records `collection` refers to, reusing those in `parents`.

        With `optional`, optional references into claimed classes are filled too, so that a chain such as
        shipment → dewar → container → sample → data collection group → … is linked end to end.
        """
        parents = dict(parents or {})
        schema = self.spec.schema(collection.input_schema)
        required = schema.get("required", [])
        names = list(required) + ([n for n in schema.get("properties", {}) if n not in required] if optional else [])
        for name in names:
            target = self.references.get(name)
            if target is None or target in parents or name in SANDBOX_FIELDS or target == collection.name:
                continue
            parent = self.spec.collections[target]
            if not self.is_sandboxable(parent):
                if name in required:
                    raise SetupFailed(f"cannot create a {target} record in the sandbox for {collection.name}.{name}")
                continue
            if name not in required and parent.conformance_class not in self.run.claimed:
                continue
            parents.update(self.parents_for(parent, parents, optional=optional))
            created = self.create(parent, parents)
            parents[target] = created.uuid
        return parents

    def create(
        self,
        collection: Collection,
        parents: dict[str, str],
        *,
        body: dict[str, Any] | None = None,
        via: str = "PUT",
        record_uuid: str | None = None,
    ) -> Created:
        """Create one record (PUT with a client UUID, or POST); raises SetupFailed unless the site stores it."""
        identity = self.writer_for(collection) or "staff"
        body = body if body is not None else self.payload(collection, parents)
        held = self.holder(collection, body)
        if held is not None:
            return held  # get-or-create: a second record with the same references would collide
        if via == "POST":
            response, exchange = self.run.client.request("POST", collection.path, identity=identity, json_body=body)
        else:
            record_uuid = record_uuid or self.run.mint()
            path = collection.item_path.replace("{uuid}", record_uuid)
            response, exchange = self.run.client.request("PUT", path, identity=identity, json_body=body)
        if response.status_code not in (200, 201):
            raise SetupFailed(
                f"creating a {collection.name} record answered {response.status_code}: {_short(response)}"
            )
        data = _json(response)
        created_uuid = str(data.get("uuid") or record_uuid or "")
        if not created_uuid:
            raise SetupFailed(f"creating a {collection.name} record returned no uuid")
        record = Created(collection.name, created_uuid, identity, body, data, response.headers.get("etag"), exchange)
        self.keep(record)
        return record

    def chain(self, collections: list[Collection]) -> list[Collection]:
        """The sandboxable ones among `collections`, parents before children (depth of required references)."""

        def depth(collection: Collection, seen: frozenset[str] = frozenset()) -> int:
            required = self.spec.schema(collection.input_schema).get("required", [])
            parents = [self.references[n] for n in required if n in self.references]
            parents = [p for p in parents if p not in seen and p != collection.name and p in self.spec.collections]
            return 1 + max((depth(self.spec.collections[p], seen | {collection.name}) for p in parents), default=0)

        usable = [c for c in collections if self.is_sandboxable(c)]
        return sorted(usable, key=lambda c: (depth(c), c.name))

    def populate(self, collections: list[Collection], count: int = 2) -> tuple[dict[str, list[str]], list[str]]:
        """Create `count` records of each sandboxable collection (subjects for read checks); returns them and errors."""
        world: dict[str, list[str]] = {}
        try:
            for collection in self.chain(collections):
                parents = self.parents_for(collection)
                made = [self.create(collection, parents).uuid for _ in range(count)]
                world[collection.name] = list(dict.fromkeys(made))  # a fixed group yields one record
        except (SetupFailed, httpx.HTTPError) as exc:
            return world, [str(exc)]
        return world, []

    def forget(self, record_uuid: str) -> None:
        """Drop a record deleted during the class: from cleanup, from the slots it held and from the subjects."""
        self.records = [r for r in self.records if r.uuid != record_uuid]
        world = self._world()
        for key, record in list(self.slots.items()):
            if record.uuid == record_uuid:
                del self.slots[key]
                if record_uuid in world.get(key[0], []):
                    world[key[0]].remove(record_uuid)
                    self.world_slots.add(key)

    def cleanup(self) -> list[str]:
        """Delete what was created, newest first; returns what could not be deleted."""
        leftovers: list[str] = []
        if not self.run.config.writes.cleanup:
            self.records.clear()
            return leftovers
        for record in reversed(self.records):
            collection = self.spec.collections[record.collection]
            path = collection.item_path.replace("{uuid}", record.uuid)
            try:
                response, _ = self.run.client.request("DELETE", path, identity=record.identity)
            except httpx.HTTPError:
                leftovers.append(path)
                continue
            if response.status_code not in (204, 404):
                leftovers.append(f"{path} ({response.status_code})")
        self.records.clear()
        self.slots.clear()
        return leftovers


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _short(response: httpx.Response) -> str:
    return response.text[:300]
