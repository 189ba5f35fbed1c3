"""Samples and shipping written into DLS's tables, with the columns DLS's own tools expect filled.

* Sample: IN_SAMPLE_CHANGER is ``BLSample.isInSampleChanger = 1`` (the status string before it is kept); any
  other status clears the flag and is written to ``blSampleStatus``.
* SampleImage: ``offsetX``/``offsetY`` are NOT NULL at DLS (default 0): absent offsets are written as 0.
* Shipment: ``creationDate`` is set when the shipment is created (SynchWeb shows it).
* Dewar: ``type`` is NOT NULL at DLS (default ``Dewar``): an absent type is written as ``Dewar``.
* Container: ``containerTypeId`` points at DLS's ``ContainerType`` row of the name written, when there is one
  (the lookup's name wins on reading); a stored type that reads as the value sent is kept (``Puck-16`` stays).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import select

from ispyb_dls_adapter import convert as c
from site_kit.mapped import Repository, ResourceHooks


class SampleHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        current = repo.db.get(d.BLSample, key) if key is not None else None
        if body.get("status") == "IN_SAMPLE_CHANGER":
            values["isInSampleChanger"] = 1
            values["blSampleStatus"] = current.blSampleStatus if current is not None else None
        elif current is not None and current.isInSampleChanger == 1:
            values["isInSampleChanger"] = 0


class SampleImageHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        for column in ("offsetX", "offsetY"):
            if values.get(column) is None:
                values[column] = 0


class ShipmentHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if key is None:
            values["creationDate"] = datetime.now(c.CLOCK.tz).replace(tzinfo=None, microsecond=0)


class DewarHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if values.get("type") is None:
            values["type"] = "Dewar"


class ContainerHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        current = repo.db.get(d.Container, key) if key is not None else None
        lookup = repo.db.get(d.ContainerType, current.containerTypeId) if current and current.containerTypeId else None
        if lookup is not None and c.CONTAINER_TYPE.read(lookup.name) == body["containerType"]:
            values["containerTypeId"] = lookup.containerTypeId
            return
        values["containerTypeId"] = repo.db.execute(
            select(d.ContainerType.containerTypeId)
            .where(d.ContainerType.name == values["containerType"])
            .order_by(d.ContainerType.containerTypeId)
            .limit(1)
        ).scalar()
