"""Acquisition: the SSX technique parameters of a data collection, and the grid scans' inverse pixel sizes."""

from __future__ import annotations

from typing import Any

import ispyb.models as e
from sqlalchemy import delete, select, update

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.side import SideHooks
from site_kit.mapped import Repository, ResourceHooks
from site_kit.mapped.hooks import Meta


class DataCollectionHooks(ResourceHooks):
    def read_extras(self, repo: Repository, keys: list[int], meta: Meta) -> dict[int, dict[str, Any]]:
        return _read_ssx(repo, keys) if keys else {}

    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        group = repo.db.get(e.DataCollectionGroup, values.get("dataCollectionGroupId"))
        values["sessionId"] = group.sessionId if group is not None else None
        values["blSampleId"] = group.blSampleId if group is not None else None

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        _write_ssx(repo, key, body.get("techniqueParameters"))

    def before_delete(self, repo: Repository, key: int) -> None:
        _write_ssx(repo, key, None)


class GridScanHooks(SideHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        super().before_write(repo, body, values, key)
        for axis in ("X", "Y"):
            microns = body.get(f"micronsPerPixel{axis}")
            values[f"pixelspermicron{axis}"] = _inverse_in_float(microns)


#: the largest and the smallest normal magnitude of a FLOAT (single-precision) column
FLOAT_MAX, FLOAT_TINY = 3.4028234e38, 1.1754944e-38


def _inverse_in_float(value: float | None) -> float | None:
    """1/value for ESRF's FLOAT ``pixelspermicron`` column, or NULL when the column cannot hold it (the exact
    ``micronsPerPixel`` is kept beside the row either way: 1/1e-300 is no FLOAT)."""
    if not value:
        return None
    inverse = 1 / value
    return inverse if FLOAT_TINY <= abs(inverse) <= FLOAT_MAX else None


#: the SSX delivery method named by a data collection's own ``experimentType`` (written by the adapter) or its
#: group's
DELIVERY_METHOD = {"ssx-chip": "CHIP", "ssx-jet": "JET"}
DELIVERY_TYPE = {"CHIP": "SSX-Chip", "JET": "SSX-Jet"}
SSX_COLUMNS = (
    "repetitionRate",
    "chipModel",
    "chipPattern",
    "jetSpeed",
    "jetSize",
    "reactionDuration",
    "laserEnergy",
)


def _read_ssx(repo: Repository, keys: list[int]) -> dict[int, dict[str, Any]]:
    db = repo.db
    ssx = {
        r.dataCollectionId: r
        for r in db.execute(select(e.SSXDataCollection).where(e.SSXDataCollection.dataCollectionId.in_(keys))).scalars()
    }
    if not ssx:
        return {}
    kinds = {
        dc_id: (own, group)
        for dc_id, own, group in db.execute(
            select(
                e.DataCollection.dataCollectionId, e.DataCollection.experimentType, e.DataCollectionGroup.experimentType
            )
            .join(
                e.DataCollectionGroup,
                e.DataCollectionGroup.dataCollectionGroupId == e.DataCollection.dataCollectionGroupId,
                isouter=True,
            )
            .where(e.DataCollection.dataCollectionId.in_(list(ssx)))
        )
    }
    events: dict[int, list[dict[str, Any]]] = {
        dc_id: []
        for dc_id in db.execute(
            select(e.EventChain.dataCollectionId).where(e.EventChain.dataCollectionId.in_(list(ssx)))
        ).scalars()
    }
    stmt = (
        select(e.EventChain.dataCollectionId, e.Event, e.EventType.name)
        .join(e.Event, e.Event.eventChainId == e.EventChain.eventChainId)
        .join(e.EventType, e.EventType.eventTypeId == e.Event.eventTypeId)
        .where(e.EventChain.dataCollectionId.in_(list(ssx)))
        .order_by(e.EventChain.eventChainId, e.Event.eventId)
    )
    for dc_id, ev, type_name in db.execute(stmt):
        kind = v.SSX_EVENT_TYPE.read(type_name)
        if kind is None or ev.offset is None:
            continue
        item: dict[str, Any] = {"type": kind, "offset": float(ev.offset)}
        if ev.name is not None:
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
        for column in SSX_COLUMNS:
            value = getattr(row, column)
            if value is not None:
                params[column] = value if isinstance(value, str) else float(value)
        if dc_id in events:
            params["events"] = events[dc_id]
        out[dc_id] = {"techniqueParameters": params}
    return out


def _write_ssx(repo: Repository, key: int, params: dict[str, Any] | None) -> None:
    db = repo.db
    chains = db.execute(select(e.EventChain.eventChainId).where(e.EventChain.dataCollectionId == key)).scalars().all()
    if chains:
        db.execute(delete(e.Event).where(e.Event.eventChainId.in_(chains)))
        db.execute(delete(e.EventChain).where(e.EventChain.eventChainId.in_(chains)))
    db.execute(delete(e.SSXDataCollection).where(e.SSXDataCollection.dataCollectionId == key))
    own = e.DataCollection.experimentType
    if not params:
        db.execute(
            update(e.DataCollection)
            .where(e.DataCollection.dataCollectionId == key, own.in_(list(DELIVERY_TYPE.values())))
            .values(experimentType=None)
        )
        return
    db.execute(
        update(e.DataCollection)
        .where(e.DataCollection.dataCollectionId == key)
        .values(experimentType=DELIVERY_TYPE[params["deliveryMethod"]])
    )
    db.add(e.SSXDataCollection(dataCollectionId=key, **{c: params.get(c) for c in SSX_COLUMNS}))
    events = params.get("events")
    if events is not None:  # an empty sequence is kept as a chain without events
        chain = e.EventChain(dataCollectionId=key, name="common-api")
        db.add(chain)
        db.flush()
        for ev in events:
            db.add(
                e.Event(
                    eventChainId=chain.eventChainId,
                    eventTypeId=_event_type(repo, v.SSX_EVENT_TYPE.write(ev["type"])),
                    name=ev.get("name"),
                    offset=ev["offset"],
                    duration=ev.get("duration"),
                    period=ev.get("period"),
                    repetition=ev.get("repetition"),
                )
            )


def _event_type(repo: Repository, name: str | None) -> int:
    found = repo.db.execute(select(e.EventType.eventTypeId).where(e.EventType.name == name)).scalar()
    if found is None:
        row = e.EventType(name=name)
        repo.db.add(row)
        repo.db.flush()
        found = row.eventTypeId
    return int(found)


# --------------------------------------------------------------------------- processing
