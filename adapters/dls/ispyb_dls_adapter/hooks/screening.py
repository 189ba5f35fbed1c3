"""Screening.strategies ⇐ ``ScreeningStrategy`` → ``ScreeningStrategyWedge`` → ``ScreeningStrategySubWedge`` of
the first ``ScreeningOutput``; the output and lattice fields of Screening are written to the first output/lattice
(mapping.py reads them from there).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import delete, func, select

from site_kit.mapped import Repository, ResourceHooks
from site_kit.mapped.hooks import Meta


class ScreeningHooks(ResourceHooks):
    def read_extras(self, repo: Repository, keys: list[int], meta: Meta) -> dict[int, dict[str, Any]]:
        return _strategies(repo, keys)

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        _write_screening(repo, key, body)

    def before_delete(self, repo: Repository, key: int) -> None:
        _delete_screening_children(repo, key)


def _strategies(repo: Repository, keys: list[int]) -> dict[int, dict[str, Any]]:
    db = repo.db
    first: dict[int, int] = dict(
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
