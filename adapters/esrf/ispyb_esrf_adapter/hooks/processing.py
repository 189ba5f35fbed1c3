"""Processing: job parameters, an integration's space group, the AutoProc chain of scaling statistics, screenings."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import ispyb.models as e
from sqlalchemy import delete, func, select

from ispyb_esrf_adapter.db import CommonApiProcessingJobParameter
from ispyb_esrf_adapter.side import SideHooks
from site_kit.mapped import Repository, ResourceHooks
from site_kit.mapped.hooks import Meta


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
