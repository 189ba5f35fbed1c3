"""Records that span several DLS tables: what the generic column mapping cannot do alone.

* DataCollection.techniqueParameters ⇐ ``SSXDataCollection`` (1:1) + ``EventChain`` → ``Event`` → ``EventType``.
* ProcessingJob.parameters ⇐ ``ProcessingJobParameter`` rows.
* Screening.strategies ⇐ ``ScreeningStrategy`` → ``ScreeningStrategyWedge`` → ``ScreeningStrategySubWedge`` of the
  first ``ScreeningOutput``; the output and lattice fields of Screening are written to the first output/lattice.
* ProcessingProgram.dataCollectionUuid: DLS links a program to its data collection only through a
  ``ProcessingJob``; a program sent without ``processingJobUuid`` gets an *implicit* job (hidden from the job list).
* Integration.spaceGroup ⇐ ``AutoProc.spaceGroup`` of the integration's program.
* ScalingStatistics: each statistics row written through the API gets its own ``AutoProc`` (per program) →
  ``AutoProcScaling`` → ``AutoProcScaling_has_Int`` (when ``integrationUuid`` is sent).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import ispyb.sqlalchemy as d
from sqlalchemy import delete, func, select, update

from ispyb_dls_adapter import convert

if TYPE_CHECKING:
    from ispyb_dls_adapter.db import CommonApiRecord
    from ispyb_dls_adapter.mapping import Mapping
    from ispyb_dls_adapter.repository import Repository


# --------------------------------------------------------------------------- reading


def read_extras(
    repo: Repository, m: Mapping, keys: list[int], meta: dict[tuple[str, int], CommonApiRecord]
) -> dict[int, dict[str, Any]]:
    if not keys:
        return {}
    if m.name == "DataCollection":
        return _ssx(repo, keys)
    if m.name == "ProcessingJob":
        return _parameters(repo, keys)
    if m.name == "Screening":
        return _strategies(repo, keys)
    return {}


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


def _parameters(repo: Repository, keys: list[int]) -> dict[int, dict[str, Any]]:
    """Every job has a (possibly empty) set of ``ProcessingJobParameter`` rows: none reads as ``{}``."""
    out: dict[int, dict[str, Any]] = {key: {"parameters": {}} for key in keys}
    stmt = (
        select(d.ProcessingJobParameter)
        .where(d.ProcessingJobParameter.processingJobId.in_(keys))
        .order_by(d.ProcessingJobParameter.processingJobParameterId)
    )
    for p in repo.db.execute(stmt).scalars():
        if p.parameterKey:
            out[p.processingJobId]["parameters"][p.parameterKey] = p.parameterValue or ""
    return out


def _strategies(repo: Repository, keys: list[int]) -> dict[int, dict[str, Any]]:
    db = repo.db
    first = dict(
        db.execute(
            select(d.ScreeningOutput.screeningId, func.min(d.ScreeningOutput.screeningOutputId))
            .where(d.ScreeningOutput.screeningId.in_(keys))
            .group_by(d.ScreeningOutput.screeningId)
        ).all()
    )
    if not first:
        return {}
    by_output = {v: k for k, v in first.items()}
    # a screening's first output without strategies reads `strategies: []` (the adapter writes one output always)
    out: dict[int, dict[str, Any]] = {screening: {"strategies": []} for screening in first}
    strategies = (
        db.execute(
            select(d.ScreeningStrategy)
            .where(d.ScreeningStrategy.screeningOutputId.in_(list(by_output)))
            .order_by(d.ScreeningStrategy.screeningStrategyId)
        )
        .scalars()
        .all()
    )
    wedges: dict[int, list[Any]] = defaultdict(list)
    subwedges: dict[int, Any] = {}
    ids = [s.screeningStrategyId for s in strategies]
    if ids:
        for w in db.execute(
            select(d.ScreeningStrategyWedge)
            .where(d.ScreeningStrategyWedge.screeningStrategyId.in_(ids))
            .order_by(d.ScreeningStrategyWedge.screeningStrategyWedgeId)
        ).scalars():
            wedges[w.screeningStrategyId].append(w)
        wedge_ids = [w.screeningStrategyWedgeId for ws in wedges.values() for w in ws]
        if wedge_ids:
            for sw in db.execute(
                select(d.ScreeningStrategySubWedge)
                .where(d.ScreeningStrategySubWedge.screeningStrategyWedgeId.in_(wedge_ids))
                .order_by(d.ScreeningStrategySubWedge.screeningStrategySubWedgeId.desc())
            ).scalars():
                subwedges[sw.screeningStrategyWedgeId] = sw  # the first by pk wins (descending order)
    for s in strategies:
        screening = by_output[s.screeningOutputId]
        items = out[screening]["strategies"]
        item: dict[str, Any] = {"rank": len(items) + 1}
        if s.program is not None:  # an empty program name is a value, not an absence
            item["program"] = s.program
        for api, column in STRATEGY_COLUMNS.items():
            value = getattr(s, column)
            if value is not None:
                item[api] = float(value)
        ws = wedges.get(s.screeningStrategyId, [])
        images = [w.numberOfImages for w in ws if w.numberOfImages is not None]
        if images:
            item["numberOfImages"] = int(sum(images))
        sub = next((subwedges[w.screeningStrategyWedgeId] for w in ws if w.screeningStrategyWedgeId in subwedges), None)
        if sub is not None and sub.oscillationRange is not None:
            item["oscillationRange"] = float(sub.oscillationRange)
        items.append(item)
    return dict(out)


STRATEGY_COLUMNS = {
    "phiStart": "phiStart",
    "phiEnd": "phiEnd",
    "exposureTime": "exposureTime",
    "transmission": "transmission",
    "resolution": "resolution",
    "completeness": "completeness",
    "multiplicity": "multiplicity",
}


# --------------------------------------------------------------------------- writing


def before_write(repo: Repository, m: Mapping, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
    """Fill main-table columns that come from other tables (called before the main row is written)."""
    if m.name == "ProcessingProgram":
        values["processingPipelineId"] = _pipeline(repo, body.get("pipeline"))
        dc = repo.key_of("DataCollection", body["dataCollectionUuid"])
        job_uuid = body.get("processingJobUuid")
        if job_uuid is not None:
            values["processingJobId"] = repo.key_of("ProcessingJob", job_uuid)
            return
        current = repo.db.get(d.AutoProcProgram, key) if key is not None else None
        job = repo.db.get(d.ProcessingJob, current.processingJobId) if current and current.processingJobId else None
        if job is None or job.comments != IMPLICIT or job.displayName is not None:
            job = d.ProcessingJob(dataCollectionId=dc, comments=IMPLICIT, automatic=None)
            repo.db.add(job)
            repo.db.flush()
        job.dataCollectionId = dc
        values["processingJobId"] = job.processingJobId
    elif m.name == "ScalingStatistics":
        program = repo.key_of("ProcessingProgram", body["processingProgramUuid"])
        current = repo.db.get(d.AutoProcScalingStatistics, key) if key is not None else None
        scaling = (
            repo.db.get(d.AutoProcScaling, current.autoProcScalingId) if current and current.autoProcScalingId else None
        )
        autoproc = repo.db.get(d.AutoProc, scaling.autoProcId) if scaling and scaling.autoProcId else None
        if autoproc is None or autoproc.autoProcProgramId != program:
            autoproc = _autoproc_of(repo, program)
            scaling = d.AutoProcScaling(autoProcId=autoproc.autoProcId)
            repo.db.add(scaling)
            repo.db.flush()
        assert scaling is not None
        values["autoProcScalingId"] = scaling.autoProcScalingId
        repo.db.execute(
            delete(d.AutoProcScalingHasInt).where(
                d.AutoProcScalingHasInt.autoProcScalingId == scaling.autoProcScalingId
            )
        )
        if body.get("integrationUuid") is not None:
            integration = repo.key_of("Integration", body["integrationUuid"])
            repo.db.add(
                d.AutoProcScalingHasInt(autoProcScalingId=scaling.autoProcScalingId, autoProcIntegrationId=integration)
            )


def after_write(repo: Repository, m: Mapping, body: dict[str, Any], key: int) -> None:
    """Write the rows of the other tables a record spans (called after the main row exists)."""
    db = repo.db
    if m.name == "ProcessingJob":
        db.execute(delete(d.ProcessingJobParameter).where(d.ProcessingJobParameter.processingJobId == key))
        for k, v in (body.get("parameters") or {}).items():
            db.add(d.ProcessingJobParameter(processingJobId=key, parameterKey=k, parameterValue=v))
    elif m.name == "Integration":
        program = repo.key_of("ProcessingProgram", body["processingProgramUuid"])
        if (
            body.get("spaceGroup") is not None
            or db.execute(
                select(d.AutoProc.autoProcId).where(
                    d.AutoProc.autoProcProgramId == program, d.AutoProc.spaceGroup.is_not(None)
                )
            ).first()
        ):
            _autoproc_of(repo, program).spaceGroup = body.get("spaceGroup")
    elif m.name == "Screening":
        _write_screening(repo, key, body)
    elif m.name == "DataCollection":
        _write_ssx(repo, key, body.get("techniqueParameters"))
    elif m.name == "ProcessingProgram":
        _write_state(repo, key, body.get("status"))
    db.flush()


def _write_state(repo: Repository, key: int, status: str | None) -> None:
    """QUEUED/RUNNING kept beside DLS's NULL ``processingStatus``; SUCCESS/FAILED live in DLS's own column."""
    from ispyb_dls_adapter.db import CommonApiProgramState

    repo.db.execute(delete(CommonApiProgramState).where(CommonApiProgramState.autoProcProgramId == key))
    if status in ("QUEUED", "RUNNING"):
        repo.db.add(CommonApiProgramState(autoProcProgramId=key, status=status))


def before_delete(repo: Repository, m: Mapping, key: int) -> None:
    db = repo.db
    if m.name == "ProcessingJob":
        db.execute(delete(d.ProcessingJobParameter).where(d.ProcessingJobParameter.processingJobId == key))
    elif m.name == "Screening":
        _delete_screening_children(repo, key)
    elif m.name == "DataCollection":
        _write_ssx(repo, key, None)
    elif m.name == "ScalingStatistics":
        repo.db.flush()
    elif m.name == "ProcessingProgram":
        _write_state(repo, key, None)


def after_delete(repo: Repository, m: Mapping, key: int, row: Any) -> None:
    """Remove the helper rows only the deleted record used."""
    db = repo.db
    if m.name == "ProcessingProgram" and row is not None and row.processingJobId:
        job = db.get(d.ProcessingJob, row.processingJobId)
        others = db.execute(
            select(func.count()).where(d.AutoProcProgram.processingJobId == row.processingJobId)
        ).scalar()
        if job is not None and job.comments == IMPLICIT and job.displayName is None and not others:
            db.delete(job)
    elif m.name == "ScalingStatistics" and row is not None and row.autoProcScalingId:
        sid = row.autoProcScalingId
        left = db.execute(select(func.count()).where(d.AutoProcScalingStatistics.autoProcScalingId == sid)).scalar()
        if not left:
            scaling = db.get(d.AutoProcScaling, sid)
            db.execute(delete(d.AutoProcScalingHasInt).where(d.AutoProcScalingHasInt.autoProcScalingId == sid))
            if scaling is not None:
                autoproc_id = scaling.autoProcId
                db.delete(scaling)
                db.flush()
                _drop_autoproc_if_unused(repo, autoproc_id)


def before_program_delete(repo: Repository, key: int) -> None:
    """AutoProc rows the adapter created for a program (spaceGroup, scaling) go with it when nothing uses them."""
    for autoproc_id in (
        repo.db.execute(select(d.AutoProc.autoProcId).where(d.AutoProc.autoProcProgramId == key)).scalars().all()
    ):
        _drop_autoproc_if_unused(repo, autoproc_id)


def _drop_autoproc_if_unused(repo: Repository, autoproc_id: int | None) -> None:
    if autoproc_id is None:
        return
    used = repo.db.execute(select(func.count()).where(d.AutoProcScaling.autoProcId == autoproc_id)).scalar()
    if not used:
        repo.db.execute(delete(d.AutoProc).where(d.AutoProc.autoProcId == autoproc_id))


def _pipeline(repo: Repository, name: str | None) -> int | None:
    """``ProcessingPipeline`` is a DLS lookup table: a name it lacks is added to it (any name the spec allows).

    The lookup compares exactly (DLS collations ignore case and trailing spaces, which would read back another
    name); a name longer than the lookup's ``VARCHAR(20)`` answers 422 naming ``pipeline``.
    """
    if name is None:
        return None
    table = d.ProcessingPipeline
    rows = repo.db.execute(
        select(table.processingPipelineId, table.name).where(table.name == name).order_by(table.processingPipelineId)
    ).all()
    found = next((row[0] for row in rows if row[1] == name), None)
    if found is not None:
        return int(found)
    if len(name) > PIPELINE_NAME_LENGTH:
        from site_kit.problems import invalid

        raise invalid(
            ["body", "pipeline"],
            f"Longer than this site's pipeline names (DLS ProcessingPipeline.name, {PIPELINE_NAME_LENGTH} characters).",
        )
    row = table(name=name, discipline="MX")
    repo.db.add(row)
    repo.db.flush()
    return int(row.processingPipelineId)


PIPELINE_NAME_LENGTH = 20


def _autoproc_of(repo: Repository, program: int | None) -> Any:
    row = repo.db.execute(
        select(d.AutoProc).where(d.AutoProc.autoProcProgramId == program).order_by(d.AutoProc.autoProcId).limit(1)
    ).scalar()
    if row is None:
        row = d.AutoProc(autoProcProgramId=program)
        repo.db.add(row)
        repo.db.flush()
    return row


IMPLICIT = "common-api: implicit job of a processing program"

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


def _delete_screening_children(repo: Repository, key: int) -> None:
    db = repo.db
    outputs = (
        db.execute(select(d.ScreeningOutput.screeningOutputId).where(d.ScreeningOutput.screeningId == key))
        .scalars()
        .all()
    )
    if not outputs:
        return
    strategies = (
        db.execute(
            select(d.ScreeningStrategy.screeningStrategyId).where(d.ScreeningStrategy.screeningOutputId.in_(outputs))
        )
        .scalars()
        .all()
    )
    if strategies:
        wedges = (
            db.execute(
                select(d.ScreeningStrategyWedge.screeningStrategyWedgeId).where(
                    d.ScreeningStrategyWedge.screeningStrategyId.in_(strategies)
                )
            )
            .scalars()
            .all()
        )
        if wedges:
            db.execute(
                delete(d.ScreeningStrategySubWedge).where(
                    d.ScreeningStrategySubWedge.screeningStrategyWedgeId.in_(wedges)
                )
            )
        db.execute(delete(d.ScreeningStrategyWedge).where(d.ScreeningStrategyWedge.screeningStrategyId.in_(strategies)))
        db.execute(delete(d.ScreeningStrategy).where(d.ScreeningStrategy.screeningStrategyId.in_(strategies)))
    db.execute(delete(d.ScreeningOutputLattice).where(d.ScreeningOutputLattice.screeningOutputId.in_(outputs)))
    db.execute(delete(d.ScreeningOutput).where(d.ScreeningOutput.screeningOutputId.in_(outputs)))


def _write_screening(repo: Repository, key: int, body: dict[str, Any]) -> None:
    """Rewrite the first output, its first lattice and its strategies (other outputs are left alone)."""
    db = repo.db
    _delete_screening_children(repo, key)
    db.flush()
    output = d.ScreeningOutput(screeningId=key)
    for api, column in OUTPUT_FIELDS.items():
        value = body.get(api)
        setattr(output, column, int(value) if isinstance(value, bool) else value)
    if output.indexingSuccess is None:
        output.indexingSuccess = 0
    if output.strategySuccess is None:
        output.strategySuccess = 0
    db.add(output)
    db.flush()
    if any(body.get(api) is not None for api in LATTICE_FIELDS):
        db.add(
            d.ScreeningOutputLattice(
                screeningOutputId=output.screeningOutputId, **{c: body.get(a) for a, c in LATTICE_FIELDS.items()}
            )
        )
    for item in body.get("strategies") or []:  # written best first: the order is the ranking
        strategy = d.ScreeningStrategy(
            screeningOutputId=output.screeningOutputId,
            program=item.get("program"),
            **{column: item.get(api) for api, column in STRATEGY_COLUMNS.items()},
        )
        db.add(strategy)
        db.flush()
        if item.get("numberOfImages") is not None or item.get("oscillationRange") is not None:
            wedge = d.ScreeningStrategyWedge(
                screeningStrategyId=strategy.screeningStrategyId,
                wedgeNumber=1,
                numberOfImages=item.get("numberOfImages"),
            )
            db.add(wedge)
            db.flush()
            if item.get("oscillationRange") is not None:
                db.add(
                    d.ScreeningStrategySubWedge(
                        screeningStrategyWedgeId=wedge.screeningStrategyWedgeId,
                        subWedgeNumber=1,
                        oscillationRange=item.get("oscillationRange"),
                    )
                )


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
