"""DataCollection.techniqueParameters ⇐ ``SSXDataCollection`` (1:1) + ``EventChain`` → ``Event`` → ``EventType``.

The SSX delivery method is stored where DLS tools look for it: the data collection's own ``experimenttype``
(``SSX-Chip``/``SSX-Jet``), falling back to its group's ``experimentType`` when reading rows DLS wrote.
"""

from __future__ import annotations

from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import delete, select, update

from ispyb_dls_adapter import convert
from site_kit.mapped import Repository, ResourceHooks
from site_kit.mapped.hooks import Meta


class DataCollectionHooks(ResourceHooks):
    def read_extras(self, repo: Repository, keys: list[int], meta: Meta) -> dict[int, dict[str, Any]]:
        return _ssx(repo, keys)

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        _write_ssx(repo, key, body.get("techniqueParameters"))

    def before_delete(self, repo: Repository, key: int) -> None:
        _write_ssx(repo, key, None)


def _ssx(repo: Repository, keys: list[int]) -> dict[int, dict[str, Any]]:
    db = repo.db
    ssx = {
        r.dataCollectionId: r
        for r in db.execute(select(d.SSXDataCollection).where(d.SSXDataCollection.dataCollectionId.in_(keys))).scalars()
    }
    if not ssx:
        return {}
    kinds = {
        dc_id: (own, group)
        for dc_id, own, group in db.execute(
            select(
                d.DataCollection.dataCollectionId,
                d.DataCollection.experimenttype,
                d.DataCollectionGroup.experimentType,
            )
            .join(
                d.DataCollectionGroup,
                d.DataCollectionGroup.dataCollectionGroupId == d.DataCollection.dataCollectionGroupId,
                isouter=True,
            )
            .where(d.DataCollection.dataCollectionId.in_(list(ssx)))
        )
    }
    # a chain without events is an event sequence written empty (`events: []`), not an absent one
    events: dict[int, list[dict[str, Any]]] = {
        dc_id: []
        for dc_id in db.execute(
            select(d.EventChain.dataCollectionId).where(d.EventChain.dataCollectionId.in_(list(ssx)))
        ).scalars()
    }
    stmt = (
        select(d.EventChain.dataCollectionId, d.Event, d.EventType.name)
        .join(d.Event, d.Event.eventChainId == d.EventChain.eventChainId)
        .join(d.EventType, d.EventType.eventTypeId == d.Event.eventTypeId)
        .where(d.EventChain.dataCollectionId.in_(list(ssx)))
        .order_by(d.EventChain.eventChainId, d.Event.eventId)  # as written (the spec asks for time order)
    )
    for dc_id, ev, type_name in db.execute(stmt):
        kind = convert.SSX_EVENT_TYPE.read(type_name)
        if kind is None or ev.offset is None:
            continue
        item: dict[str, Any] = {"type": kind, "offset": float(ev.offset)}
        if ev.name is not None:  # an empty name is a value, not an absence
            item["name"] = ev.name
        if ev.duration is not None:
            item["duration"] = float(ev.duration)
        if ev.period is not None:
            item["period"] = float(ev.period)
        if ev.repetition is not None and float(ev.repetition).is_integer() and ev.repetition >= 1:
            item["repetition"] = int(ev.repetition)
        events.setdefault(dc_id, []).append(item)
    out: dict[int, dict[str, Any]] = {}
    for dc_id, row in ssx.items():
        own, group = kinds.get(dc_id, (None, None))
        method = DELIVERY_METHOD.get(str(own or "").lower()) or DELIVERY_METHOD.get(str(group or "").lower())
        if method is None:
            method = "CHIP" if row.chipModel or row.chipPattern else "JET" if row.jetSpeed or row.jetSize else None
        if method is None:
            continue
        params: dict[str, Any] = {"technique": "SSX", "deliveryMethod": method}
        for api, column in SSX_COLUMNS.items():
            value = getattr(row, column)
            if value is not None:
                params[api] = value if isinstance(value, str) else float(value)
        if dc_id in events:
            params["events"] = events[dc_id]
        out[dc_id] = {"techniqueParameters": params}
    return out


#: DLS experiment types that name the SSX delivery method: the data collection's own ``experimenttype`` (where
#: the adapter writes it) first, then its group's ``experimentType`` (one group may hold chip and jet runs)
DELIVERY_METHOD = {"ssx-chip": "CHIP", "serial fixed": "CHIP", "ssx-jet": "JET", "serial jet": "JET"}
DELIVERY_TYPE = {"CHIP": "SSX-Chip", "JET": "SSX-Jet"}


SSX_COLUMNS = {
    "repetitionRate": "repetitionRate",
    "chipModel": "chipModel",
    "chipPattern": "chipPattern",
    "jetSpeed": "jetSpeed",
    "jetSize": "jetSize",
    "reactionDuration": "reactionDuration",
    "laserEnergy": "laserEnergy",
}


def _write_ssx(repo: Repository, key: int, params: dict[str, Any] | None) -> None:
    db = repo.db
    chains = db.execute(select(d.EventChain.eventChainId).where(d.EventChain.dataCollectionId == key)).scalars().all()
    if chains:
        db.execute(delete(d.Event).where(d.Event.eventChainId.in_(chains)))
        db.execute(delete(d.EventChain).where(d.EventChain.eventChainId.in_(chains)))
    db.execute(delete(d.SSXDataCollection).where(d.SSXDataCollection.dataCollectionId == key))
    own = d.DataCollection.experimenttype
    if not params:
        db.execute(
            update(d.DataCollection)
            .where(d.DataCollection.dataCollectionId == key, own.in_(list(DELIVERY_TYPE.values())))
            .values(experimenttype=None)
        )
        return
    db.execute(
        update(d.DataCollection)
        .where(d.DataCollection.dataCollectionId == key)
        .values(experimenttype=DELIVERY_TYPE[params["deliveryMethod"]])
    )
    db.add(d.SSXDataCollection(dataCollectionId=key, **{c: params.get(a) for a, c in SSX_COLUMNS.items()}))
    events = params.get("events")
    if events is not None:  # an empty sequence is kept as a chain without events
        chain = d.EventChain(dataCollectionId=key, name="common-api")
        db.add(chain)
        db.flush()
        for ev in events:
            db.add(
                d.Event(
                    eventChainId=chain.eventChainId,
                    eventTypeId=_event_type(repo, convert.SSX_EVENT_TYPE.write(ev["type"])),
                    name=ev.get("name"),
                    offset=ev["offset"],
                    duration=ev.get("duration"),
                    period=ev.get("period"),
                    repetition=ev.get("repetition"),
                )
            )


def _event_type(repo: Repository, name: str | None) -> int:
    found = repo.db.execute(select(d.EventType.eventTypeId).where(d.EventType.name == name)).scalar()
    if found is None:
        row = d.EventType(name=name)
        repo.db.add(row)
        repo.db.flush()
        found = row.eventTypeId
    return int(found)
