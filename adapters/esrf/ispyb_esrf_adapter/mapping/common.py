"""What every mapping module uses: column helpers that know ispyb.models, the chains to a session, and ``SIDE``."""

from __future__ import annotations

from typing import Any

import ispyb.models as e
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ispyb_esrf_adapter.side import Beside, beside
from site_kit.mapped import Expr, Field
from site_kit.mapped import col as col  # re-exported: the mapping modules take their helpers from here
from site_kit.mapped import stamp as stamp

#: an AutoProcProgram the adapter creates for image quality indicators written through the API (ESRF's
#: ``ImageQualityIndicators.autoProcProgramId`` is NOT NULL): hidden from ``/v1/processing-programs``
IMPLICIT_PROGRAM = "common-api: image quality indicators"

#: ``Beside`` declarations by resource (the hooks write them): see side.py
SIDE: dict[str, tuple[Beside, ...]] = {}


def expr_of(f: Field) -> Expr:
    """The expression a field is read from (fields of ``beside`` always have one)."""
    assert f.expr is not None
    return f.expr


def present(f: Field) -> Expr:
    """SQL: the field has a value (a ``served`` condition)."""
    return expr_of(f).is_not(None)


def steps(value: Any) -> int | None:
    if value is None or float(value) != int(float(value)) or int(float(value)) < 1:
        return None
    return int(float(value))


def location(value: Any) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() and 1 <= int(text) <= 1000 else None


def side_fields(
    name: str, table: Any, key: Expr, specs: tuple[tuple[Beside, Expr | None], ...]
) -> tuple[list[Field], list]:
    """Fields and joins of ``specs`` (each kept beside ``table``), recorded in SIDE for the hooks."""
    SIDE[name] = tuple(s for s, _ in specs)
    fields: list[Field] = []
    joins: list[tuple[Any, Expr]] = []
    for spec, native in specs:
        f, j = beside(table.__tablename__, key, spec, native)
        fields.append(f)
        joins.append(j)
    return fields, joins


def program_dc(program_id: Expr) -> Expr:
    """The data collection of a program: ``AutoProcProgram.dataCollectionId``, else its first integration's."""
    app, api = aliased(e.AutoProcProgram), aliased(e.AutoProcIntegration)
    direct = select(app.dataCollectionId).where(app.autoProcProgramId == program_id).scalar_subquery()
    via_integration = (
        select(func.min(api.dataCollectionId)).where(api.autoProcProgramId == program_id).scalar_subquery()
    )
    return func.coalesce(direct, via_integration)


def session_chain(dc_id: Expr) -> tuple[tuple[tuple[Any, Expr], ...], Any]:
    """Joins DataCollection → DataCollectionGroup → BLSession from a data collection id expression."""
    dc, dcg, s = aliased(e.DataCollection), aliased(e.DataCollectionGroup), aliased(e.BLSession)
    joins = (
        (dc, dc.dataCollectionId == dc_id),
        (dcg, dcg.dataCollectionGroupId == dc.dataCollectionGroupId),
        (s, s.sessionId == dcg.sessionId),
    )
    return joins, s


def workflow_session(workflow_id: Expr) -> Expr:
    """ESRF's Workflow has no session: it is that of the groups the workflow ran (``DCG.workflowId``)."""
    g = aliased(e.DataCollectionGroup)
    return select(func.min(g.sessionId)).where(g.workflowId == workflow_id).scalar_subquery()
