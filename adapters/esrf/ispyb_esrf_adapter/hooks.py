"""Records that span several ESRF tables, one hooks object per resource (what the column mapping cannot do).

* Every resource with values kept beside its rows (``mapping.SIDE``) writes them through ``SideHooks``.
* DataCollection.techniqueParameters ⇐ ``SSXDataCollection`` (1:1) + ``EventChain`` → ``Event`` → ``EventType``;
  ESRF's own ``DataCollection.sessionId``/``blSampleId`` are written from the group, as MXCuBE fills them.
* GridScan.micronsPerPixelX/Y: ESRF keeps the inverse (``GridInfo.pixelspermicronX/Y``), written as such.
* ProcessingJob.parameters ⇐ ``CommonApiProcessingJobParameter`` rows.
* Integration.spaceGroup ⇐ ``AutoProc.spaceGroup`` of the integration's program.
* ScalingStatistics: each statistics row written through the API gets an ``AutoProc`` (per program) →
  ``AutoProcScaling`` → ``AutoProcScaling_has_Int`` (when ``integrationUuid`` is sent).
* Screening: ``dataCollectionGroupId`` from the data collection (ESRF reads screenings by group); the first
  ``ScreeningOutput``, its first lattice and its strategies (→ wedge → sub-wedge) are rewritten on each write.
* ImageQualityIndicators: ESRF's ``autoProcProgramId`` is NOT NULL; indicators written through the API hang off
  one hidden program per data collection (``mapping.IMPLICIT_PROGRAM``), removed with the last of them.
* Proposal: ``personId`` is NOT NULL and refers to Person: a proposal needs a principal investigator (422).
* ProposalMember: ESRF's ``ProposalHasPerson`` has no role column: a member is the proposal's PI (its
  ``personId``) or a co-investigator, and a written role must say which; one membership per person.
* SessionMember: ``Session_has_Person`` is keyed by (session, person): neither changes on a replace.
* LabContact ``dewarAvgCustomsValue``, Dewar ``type``: NOT NULL at ESRF (defaults 0, ``Dewar``) when absent.
* Sample: IN_SAMPLE_CHANGER is ``BLSample.isInSampleChanger = 1``; Shipment: ``creationDate`` set on creation.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

import ispyb.models as e
from sqlalchemy import delete, func, select, update

from ispyb_esrf_adapter import vocabularies as v
from ispyb_esrf_adapter.db import CommonApiProcessingJobParameter
from ispyb_esrf_adapter.mapping import IMPLICIT_PROGRAM, SIDE
from ispyb_esrf_adapter.side import SideHooks
from site_kit.mapped import Repository, ResourceHooks
from site_kit.mapped.hooks import Meta
from site_kit.problems import invalid, unresolved

TABLES = {
    "Person": "Person",
    "Laboratory": "Laboratory",
    "SessionMember": "Session_has_Person",
    "SampleImage": "BLSampleImage",
    "Dewar": "Dewar",
    "DataCollectionGroup": "DataCollectionGroup",
    "GridScan": "GridInfo",
    "BeamlineSetup": "BeamLineSetup",
    "Detector": "Detector",
    "ProcessingProgram": "AutoProcProgram",
    "ProcessingAttachment": "AutoProcProgramAttachment",
    "Screening": "Screening",
    "RobotAction": "RobotAction",
    "Image": "Image",
    "ImageQualityIndicators": "ImageQualityIndicators",
    "DataCollectionAttachment": "DataCollectionFileAttachment",
    "Workflow": "Workflow",
    "WorkflowStep": "WorkflowStep",
}


def _side(name: str) -> tuple[str, Any]:
    return TABLES[name], SIDE.get(name, ())


# --------------------------------------------------------------------------- proposals, samples, shipping


class ProposalHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if values.get("personId") is not None:
            return
        current = repo.db.get(e.Proposal, key) if key is not None else None
        if current is None or current.personId != 0:
            raise invalid(
                ["body", "principalInvestigatorUuid"],
                "ESRF requires a principal investigator: Proposal.personId is NOT NULL and refers to a Person.",
            )
        values["personId"] = 0  # a proposal ESRF stored without one (0) may stay so


class ProposalMemberHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        php = e.ProposalHasPerson
        proposal = repo.db.get(e.Proposal, values["proposalId"])
        is_pi = proposal is not None and proposal.personId == values["personId"]
        if body["role"] != ("PRINCIPAL_INVESTIGATOR" if is_pi else "CO_INVESTIGATOR"):
            raise invalid(
                ["body", "role"],
                "ESRF's ProposalHasPerson has no role: a member is the proposal's principal investigator "
                "(Proposal.personId) or a co-investigator, "
                + ("and this person is its PI." if is_pi else "and this person is not its PI."),
            )
        taken = repo.db.execute(
            select(php.proposalHasPersonId).where(
                php.proposalId == values["proposalId"],
                php.personId == values["personId"],
                php.proposalHasPersonId != (key or 0),
            )
        ).first()
        if taken is not None:
            raise unresolved(["body", "personUuid"], "This person is already a member of the proposal.")


class SessionMemberHooks(SideHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        super().before_write(repo, body, values, key)
        if key is None:
            return
        for field, column, stored in (
            ("sessionUuid", "sessionId", key >> 32),
            ("personUuid", "personId", key & 0xFFFFFFFF),
        ):
            if values.get(column) != stored:
                raise unresolved(
                    ["body", field],
                    "ESRF keys a session member by its session and person: neither can change "
                    "(delete the membership and create another).",
                )


class LabContactHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if values.get("dewarAvgCustomsValue") is None:
            values["dewarAvgCustomsValue"] = 0


class SampleHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        current = repo.db.get(e.BLSample, key) if key is not None else None
        if body.get("status") == "IN_SAMPLE_CHANGER":
            values["isInSampleChanger"] = 1
            values["blSampleStatus"] = current.blSampleStatus if current is not None else None
        elif current is not None and current.isInSampleChanger == 1:
            values["isInSampleChanger"] = 0


class ShipmentHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        if key is None:
            values["creationDate"] = datetime.now(v.CLOCK.tz).replace(tzinfo=None, microsecond=0)


class DewarHooks(SideHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        super().before_write(repo, body, values, key)
        if values.get("type") is None:
            values["type"] = "Dewar"


# --------------------------------------------------------------------------- acquisition


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


class ProcessingJobHooks(ResourceHooks):
    """A job without parameter rows reads ``{}``."""

    def read_extras(self, repo: Repository, keys: list[int], meta: Meta) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {key: {"parameters": {}} for key in keys}
        table = CommonApiProcessingJobParameter
        stmt = select(table).where(table.processingJobId.in_(keys)).order_by(table.processingJobParameterId)
        for p in repo.db.execute(stmt).scalars():
            out[p.processingJobId]["parameters"][p.parameterKey] = p.parameterValue
        return out if keys else {}

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        self.before_delete(repo, key)
        for k, value in (body.get("parameters") or {}).items():
            repo.db.add(CommonApiProcessingJobParameter(processingJobId=key, parameterKey=k, parameterValue=value))

    def before_delete(self, repo: Repository, key: int) -> None:
        table = CommonApiProcessingJobParameter
        repo.db.execute(delete(table).where(table.processingJobId == key))


class IntegrationHooks(ResourceHooks):
    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        program = repo.key_of("ProcessingProgram", body["processingProgramUuid"])
        has_group = repo.db.execute(
            select(e.AutoProc.autoProcId).where(
                e.AutoProc.autoProcProgramId == program, e.AutoProc.spaceGroup.is_not(None)
            )
        ).first()
        if body.get("spaceGroup") is not None or has_group:
            _autoproc_of(repo, program).spaceGroup = body.get("spaceGroup")


class ScalingStatisticsHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        db = repo.db
        program = repo.key_of("ProcessingProgram", body["processingProgramUuid"])
        current = db.get(e.AutoProcScalingStatistics, key) if key is not None else None
        scaling = (
            db.get(e.AutoProcScaling, current.autoProcScalingId) if current and current.autoProcScalingId else None
        )
        autoproc = db.get(e.AutoProc, scaling.autoProcId) if scaling and scaling.autoProcId else None
        if autoproc is None or autoproc.autoProcProgramId != program:
            autoproc = _autoproc_of(repo, program)
            scaling = e.AutoProcScaling(autoProcId=autoproc.autoProcId)
            db.add(scaling)
            db.flush()
        assert scaling is not None
        values["autoProcScalingId"] = scaling.autoProcScalingId
        db.execute(
            delete(e.AutoProcScalingHasInt).where(
                e.AutoProcScalingHasInt.autoProcScalingId == scaling.autoProcScalingId
            )
        )
        if body.get("integrationUuid") is not None:
            integration = repo.key_of("Integration", body["integrationUuid"])
            db.add(
                e.AutoProcScalingHasInt(autoProcScalingId=scaling.autoProcScalingId, autoProcIntegrationId=integration)
            )

    def after_delete(self, repo: Repository, key: int, row: Any) -> None:
        db = repo.db
        if row is None or not row.autoProcScalingId:
            return
        sid = row.autoProcScalingId
        left = db.execute(select(func.count()).where(e.AutoProcScalingStatistics.autoProcScalingId == sid)).scalar()
        if not left:
            scaling = db.get(e.AutoProcScaling, sid)
            db.execute(delete(e.AutoProcScalingHasInt).where(e.AutoProcScalingHasInt.autoProcScalingId == sid))
            if scaling is not None:
                autoproc_id = scaling.autoProcId
                db.delete(scaling)
                db.flush()
                used = db.execute(select(func.count()).where(e.AutoProcScaling.autoProcId == autoproc_id)).scalar()
                if not used and autoproc_id is not None:
                    db.execute(delete(e.AutoProc).where(e.AutoProc.autoProcId == autoproc_id))


def _autoproc_of(repo: Repository, program: int | None) -> Any:
    row = repo.db.execute(
        select(e.AutoProc).where(e.AutoProc.autoProcProgramId == program).order_by(e.AutoProc.autoProcId).limit(1)
    ).scalar()
    if row is None:
        row = e.AutoProc(autoProcProgramId=program)
        repo.db.add(row)
        repo.db.flush()
    return row


OUTPUT_FIELDS = {
    "indexingSuccess": "indexingSuccess",
    "strategySuccess": "strategySuccess",
    "mosaicity": "mosaicity",
    "resolutionObtained": "resolutionObtained",
    "spotsFound": "numSpotsFound",
}
LATTICE_FIELDS = {
    "spaceGroup": "spaceGroup",
    "cellA": "unitCell_a",
    "cellB": "unitCell_b",
    "cellC": "unitCell_c",
    "cellAlpha": "unitCell_alpha",
    "cellBeta": "unitCell_beta",
    "cellGamma": "unitCell_gamma",
}
STRATEGY_COLUMNS = ("phiStart", "phiEnd", "exposureTime", "transmission", "resolution", "completeness", "multiplicity")


class ScreeningHooks(SideHooks):
    def read_extras(self, repo: Repository, keys: list[int], meta: Meta) -> dict[int, dict[str, Any]]:
        return _read_strategies(repo, keys) if keys else {}

    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        super().before_write(repo, body, values, key)
        dc = repo.db.get(e.DataCollection, values.get("dataCollectionId"))
        values["dataCollectionGroupId"] = dc.dataCollectionGroupId if dc is not None else None

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        super().after_write(repo, body, key)
        _write_screening(repo, key, body)

    def before_delete(self, repo: Repository, key: int) -> None:
        super().before_delete(repo, key)
        _delete_screening_children(repo, key)


def _read_strategies(repo: Repository, keys: list[int]) -> dict[int, dict[str, Any]]:
    db = repo.db
    first: dict[int, int] = dict(
        db.execute(
            select(e.ScreeningOutput.screeningId, func.min(e.ScreeningOutput.screeningOutputId))
            .where(e.ScreeningOutput.screeningId.in_(keys))
            .group_by(e.ScreeningOutput.screeningId)
        ).all()
    )
    if not first:
        return {}
    by_output = {out: scr for scr, out in first.items()}
    out: dict[int, dict[str, Any]] = {scr: {"strategies": []} for scr in first}
    strategies = (
        db.execute(
            select(e.ScreeningStrategy)
            .where(e.ScreeningStrategy.screeningOutputId.in_(list(by_output)))
            .order_by(e.ScreeningStrategy.screeningStrategyId)
        )
        .scalars()
        .all()
    )
    wedges: dict[int, list[Any]] = defaultdict(list)
    subwedges: dict[int, Any] = {}
    ids = [s.screeningStrategyId for s in strategies]
    if ids:
        for w in db.execute(
            select(e.ScreeningStrategyWedge)
            .where(e.ScreeningStrategyWedge.screeningStrategyId.in_(ids))
            .order_by(e.ScreeningStrategyWedge.screeningStrategyWedgeId)
        ).scalars():
            wedges[w.screeningStrategyId].append(w)
        wedge_ids = [w.screeningStrategyWedgeId for ws in wedges.values() for w in ws]
        if wedge_ids:
            for sw in db.execute(
                select(e.ScreeningStrategySubWedge)
                .where(e.ScreeningStrategySubWedge.screeningStrategyWedgeId.in_(wedge_ids))
                .order_by(e.ScreeningStrategySubWedge.screeningStrategySubWedgeId.desc())
            ).scalars():
                subwedges[sw.screeningStrategyWedgeId] = sw  # the first by key wins (descending order)
    from site_kit.mapped import float32

    for s in strategies:
        items = out[by_output[s.screeningOutputId]]["strategies"]
        item: dict[str, Any] = {"rank": len(items) + 1}
        if s.program is not None:
            item["program"] = s.program
        for column in STRATEGY_COLUMNS:
            value = getattr(s, column)
            if value is not None:
                item[column] = float32(value)
        ws = wedges.get(s.screeningStrategyId, [])
        images = [w.numberOfImages for w in ws if w.numberOfImages is not None]
        if images:
            item["numberOfImages"] = int(sum(images))
        sub = next((subwedges[w.screeningStrategyWedgeId] for w in ws if w.screeningStrategyWedgeId in subwedges), None)
        if sub is not None and sub.oscillationRange is not None:
            item["oscillationRange"] = float32(sub.oscillationRange)
        items.append(item)
    return out


def _delete_screening_children(repo: Repository, key: int) -> None:
    db = repo.db
    outputs = (
        db.execute(select(e.ScreeningOutput.screeningOutputId).where(e.ScreeningOutput.screeningId == key))
        .scalars()
        .all()
    )
    if not outputs:
        return
    strategies = (
        db.execute(
            select(e.ScreeningStrategy.screeningStrategyId).where(e.ScreeningStrategy.screeningOutputId.in_(outputs))
        )
        .scalars()
        .all()
    )
    if strategies:
        wedges = (
            db.execute(
                select(e.ScreeningStrategyWedge.screeningStrategyWedgeId).where(
                    e.ScreeningStrategyWedge.screeningStrategyId.in_(strategies)
                )
            )
            .scalars()
            .all()
        )
        if wedges:
            db.execute(
                delete(e.ScreeningStrategySubWedge).where(
                    e.ScreeningStrategySubWedge.screeningStrategyWedgeId.in_(wedges)
                )
            )
        db.execute(delete(e.ScreeningStrategyWedge).where(e.ScreeningStrategyWedge.screeningStrategyId.in_(strategies)))
        db.execute(delete(e.ScreeningStrategy).where(e.ScreeningStrategy.screeningStrategyId.in_(strategies)))
    db.execute(delete(e.ScreeningOutputLattice).where(e.ScreeningOutputLattice.screeningOutputId.in_(outputs)))
    db.execute(delete(e.ScreeningOutput).where(e.ScreeningOutput.screeningOutputId.in_(outputs)))


def _write_screening(repo: Repository, key: int, body: dict[str, Any]) -> None:
    """Rewrite the first output, its first lattice and its strategies."""
    db = repo.db
    _delete_screening_children(repo, key)
    db.flush()
    output = e.ScreeningOutput(screeningId=key)
    for api, column in OUTPUT_FIELDS.items():
        value = body.get(api)
        setattr(output, column, int(value) if isinstance(value, bool) else value)
    output.indexingSuccess = output.indexingSuccess or 0
    output.strategySuccess = output.strategySuccess or 0
    output.mosaicityEstimated = 1 if body.get("mosaicity") is not None else 0
    db.add(output)
    db.flush()
    if any(body.get(api) is not None for api in LATTICE_FIELDS):
        db.add(
            e.ScreeningOutputLattice(
                screeningOutputId=output.screeningOutputId, **{c: body.get(a) for a, c in LATTICE_FIELDS.items()}
            )
        )
    for item in body.get("strategies") or []:  # written best first: the order is the ranking
        strategy = e.ScreeningStrategy(
            screeningOutputId=output.screeningOutputId,
            program=item.get("program"),
            anomalous=0,
            **{column: item.get(column) for column in STRATEGY_COLUMNS},
        )
        db.add(strategy)
        db.flush()
        if item.get("numberOfImages") is not None or item.get("oscillationRange") is not None:
            wedge = e.ScreeningStrategyWedge(
                screeningStrategyId=strategy.screeningStrategyId,
                wedgeNumber=1,
                numberOfImages=item.get("numberOfImages"),
            )
            db.add(wedge)
            db.flush()
            if item.get("oscillationRange") is not None:
                db.add(
                    e.ScreeningStrategySubWedge(
                        screeningStrategyWedgeId=wedge.screeningStrategyWedgeId,
                        subWedgeNumber=1,
                        oscillationRange=item.get("oscillationRange"),
                    )
                )


# --------------------------------------------------------------------------- beamline events


class ImageQualityHooks(SideHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        super().before_write(repo, body, values, key)
        dc = values.get("dataCollectionId")
        program = repo.db.execute(
            select(e.AutoProcProgram.autoProcProgramId)
            .where(e.AutoProcProgram.dataCollectionId == dc, e.AutoProcProgram.processingPrograms == IMPLICIT_PROGRAM)
            .limit(1)
        ).scalar()
        if program is None:
            row = e.AutoProcProgram(dataCollectionId=dc, processingPrograms=IMPLICIT_PROGRAM)
            repo.db.add(row)
            repo.db.flush()
            program = row.autoProcProgramId
        values["autoProcProgramId"] = program

    def after_delete(self, repo: Repository, key: int, row: Any) -> None:
        program = getattr(row, "autoProcProgramId", None)
        db = repo.db
        left = db.execute(select(func.count()).where(e.ImageQualityIndicators.autoProcProgramId == program)).scalar()
        if not left:
            db.execute(
                delete(e.AutoProcProgram).where(
                    e.AutoProcProgram.autoProcProgramId == program,
                    e.AutoProcProgram.processingPrograms == IMPLICIT_PROGRAM,
                )
            )


def hooks() -> dict[str, ResourceHooks]:
    """The hooks object of every resource that needs one."""
    made: dict[str, ResourceHooks] = {name: SideHooks(*_side(name)) for name in SIDE}
    made.update(
        Proposal=ProposalHooks(),
        ProposalMember=ProposalMemberHooks(),
        SessionMember=SessionMemberHooks(*_side("SessionMember")),
        LabContact=LabContactHooks(),
        Sample=SampleHooks(),
        Shipment=ShipmentHooks(),
        Dewar=DewarHooks(*_side("Dewar")),
        DataCollection=DataCollectionHooks(),
        GridScan=GridScanHooks(*_side("GridScan")),
        ProcessingJob=ProcessingJobHooks(),
        Integration=IntegrationHooks(),
        ScalingStatistics=ScalingStatisticsHooks(),
        Screening=ScreeningHooks(*_side("Screening")),
        ImageQualityIndicators=ImageQualityHooks(*_side("ImageQualityIndicators")),
    )
    return made
