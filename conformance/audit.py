"""``ispyb-conformance audit``: dangling references across granular services, from the spec and HTTP alone.

A site may serve each module from its own service and database; a reference into another service is stored
without being resolved (``Sample.containerUuid`` "may live in the shipping service"), so nothing stops it from
naming a record that does not exist there, or no longer does. The audit walks every record of every collection
each service declares (``/conformance``), reads every reference field (``x-references`` in the spec) and looks
the UUID up in the collection of the target schema, wherever it is served. It reports, as JSON:

* ``dangling``: references whose target collection is served by one of the services but holds no such record;
* ``unchecked``: reference fields whose target no listed service serves (nothing to look in).

Incremental (``--state FILE``): the first run walks everything and keeps the index (each service's records and
their references) with each service's change-feed position (``startAt=LATEST`` read before the walk). A later
run reads only the feeds since (created/updated: the record is read again; deleted: dropped) and walks in full
only the services that do not serve ``changes`` or whose position is gone (410).

``services.yaml``::

    services:
      - name: proposals-service
        baseUrl: http://127.0.0.1:8001
        token: <a staff token of that service>
      - name: acquisition-service
        baseUrl: http://127.0.0.1:8002
        token: <…>
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from conformance.spec import SpecIndex

FEED = "/v1/changes"


@dataclass(frozen=True)
class Service:
    name: str
    base_url: str
    token: str


@dataclass
class Index:
    """What the audit knows: per service, collection → uuid → its references (field → UUID)."""

    records: dict[str, dict[str, dict[str, dict[str, str]]]] = field(default_factory=dict)
    positions: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"records": self.records, "positions": self.positions}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Index:
        return cls(doc.get("records", {}), doc.get("positions", {}))


def load_services(path: Path) -> list[Service]:
    doc = yaml.safe_load(path.read_text())
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, list) or not services:
        raise ValueError(f"{path}: expected a list `services` of {{name, baseUrl, token}}")
    return [Service(str(s["name"]), str(s["baseUrl"]).rstrip("/"), str(s["token"])) for s in services]


def reference_fields(spec: SpecIndex) -> dict[str, dict[str, str]]:
    """Collection → {field → target collection} of every `x-references` member of its record schema."""
    by_schema = {c.record_schema: c.name for c in spec.collections.values()}
    out: dict[str, dict[str, str]] = {}
    for collection in spec.collections.values():
        props = spec.schema(collection.record_schema).get("properties", {}) if collection.record_schema else {}
        refs = {}
        for name, prop in props.items():
            target = prop.get("x-references")
            if target and target in by_schema:
                refs[name] = by_schema[target]
        out[collection.name] = refs
    return out


class Auditor:
    def __init__(self, spec: SpecIndex, services: list[Service], timeout: float = 30.0) -> None:
        self.spec = spec
        self.services = services
        self.refs = reference_fields(spec)
        self.http = {s.name: httpx.Client(base_url=s.base_url, timeout=timeout) for s in services}
        self.headers = {s.name: {"Authorization": f"Bearer {s.token}"} for s in services}
        self.requests = 0

    def close(self) -> None:
        for client in self.http.values():
            client.close()

    def _get(self, service: str, path: str, params: dict[str, Any] | None = None) -> httpx.Response:
        self.requests += 1
        return self.http[service].get(path, params=params, headers=self.headers[service])

    def served(self, service: str) -> tuple[list[str], bool]:
        """The collections a service declares it serves, and whether it serves the change feed."""
        answer = self._get(service, "/conformance")
        answer.raise_for_status()
        classes = {c["name"] for c in answer.json().get("classes", [])}
        names = [c.name for c in self.spec.collections.values() if c.conformance_class in classes]
        return names, "changes" in classes

    def _refs_of(self, collection: str, record: dict[str, Any]) -> dict[str, str]:
        return {f: str(record[f]).lower() for f in self.refs.get(collection, {}) if isinstance(record.get(f), str)}

    def walk(self, service: str, collections: list[str]) -> dict[str, dict[str, dict[str, str]]]:
        out: dict[str, dict[str, dict[str, str]]] = {}
        for name in collections:
            path = self.spec.collections[name].path
            records: dict[str, dict[str, str]] = {}
            token = None
            while True:
                params: dict[str, Any] = {"limit": 1000, **({"pageToken": token} if token else {})}
                answer = self._get(service, path, params)
                answer.raise_for_status()
                page = answer.json()
                for record in page.get("items", []):
                    records[str(record["uuid"]).lower()] = self._refs_of(name, record)
                token = page.get("nextPageToken")
                if not token:
                    break
            out[name] = records
        return out

    def head(self, service: str) -> str | None:
        answer = self._get(service, FEED, {"startAt": "LATEST"})
        return str(answer.json()["nextPageToken"]) if answer.status_code == 200 else None

    def follow(self, service: str, index: Index) -> int | None:
        """Apply the feed since the kept position; the number of changes, or None when the position is gone."""
        token = index.positions.get(service)
        records = index.records.setdefault(service, {})
        applied = 0
        while token:
            answer = self._get(service, FEED, {"pageToken": token, "limit": 1000})
            if answer.status_code in (400, 410):
                return None  # too old (or another server secret): walk again
            answer.raise_for_status()
            page = answer.json()
            for change in page["items"]:
                name, uuid = change["collection"], str(change["uuid"]).lower()
                applied += 1
                if change["kind"] == "DELETED":
                    records.get(name, {}).pop(uuid, None)
                    continue
                got = self._get(service, f"{self.spec.collections[name].path}/{uuid}")
                if got.status_code == 200:
                    records.setdefault(name, {})[uuid] = self._refs_of(name, got.json())
                elif got.status_code == 404:
                    records.get(name, {}).pop(uuid, None)
            index.positions[service] = page["nextPageToken"]
            if not page["items"]:
                break
            token = page["nextPageToken"]
        return applied

    def run(self, index: Index | None) -> tuple[dict[str, Any], Index]:
        """The report and the index to keep (for ``--state``)."""
        index = index or Index()
        where: dict[str, str] = {}  # collection → the service holding it
        walked, followed = [], {}
        for service in self.services:
            collections, has_feed = self.served(service.name)
            for name in collections:
                where.setdefault(name, service.name)
            position = self.head(service.name) if has_feed else None
            applied = self.follow(service.name, index) if has_feed and service.name in index.positions else None
            if applied is None:
                index.records[service.name] = self.walk(service.name, collections)
                walked.append(service.name)
                if position is not None:
                    index.positions[service.name] = position
                else:
                    index.positions.pop(service.name, None)
            else:
                followed[service.name] = applied
        present = {name: set(index.records.get(svc, {}).get(name, {})) for name, svc in where.items()}
        dangling, unchecked, checked = [], set(), 0
        for holder, held in index.records.items():
            for name, records in held.items():
                for uuid, refs in records.items():
                    for field_name, value in refs.items():
                        target = self.refs[name][field_name]
                        if target not in present:
                            unchecked.add(f"{name}.{field_name} → {target}")
                            continue
                        checked += 1
                        if value not in present[target]:
                            dangling.append(
                                {
                                    "service": holder,
                                    "collection": name,
                                    "uuid": uuid,
                                    "field": field_name,
                                    "target": target,
                                    "targetService": where[target],
                                    "value": value,
                                }
                            )
        report = {
            "services": [s.name for s in self.services],
            "walked": walked,
            "followedChanges": followed,
            "records": sum(len(r) for c in index.records.values() for r in c.values()),
            "referencesChecked": checked,
            "dangling": sorted(dangling, key=lambda d: (d["service"], d["collection"], d["uuid"], d["field"])),
            "unchecked": sorted(unchecked),
            "requests": self.requests,
        }
        return report, index


def audit(services_file: Path, state: Path | None, spec_path: Path | None = None) -> dict[str, Any]:
    """One audit run (``state``: the index of the previous run, read and written back)."""
    spec = SpecIndex.load(spec_path)
    auditor = Auditor(spec, load_services(services_file))
    previous = Index.from_json(json.loads(state.read_text())) if state is not None and state.exists() else None
    try:
        report, index = auditor.run(previous)
    finally:
        auditor.close()
    if state is not None:
        state.write_text(json.dumps(index.to_json()))
    return report
