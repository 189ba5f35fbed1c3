"""The processing chain over DLS's tables, where a common record spans several of them.

* ProcessingJob.parameters ⇐ ``ProcessingJobParameter`` rows.
* ProcessingProgram: DLS links a program to its data collection only through a ``ProcessingJob``; a program sent
  without ``processingJobUuid`` gets an *implicit* job (hidden from the job list, removed with its last program).
  ``pipeline`` is a name in DLS's ``ProcessingPipeline`` lookup; QUEUED/RUNNING live in ``CommonApiProgramState``.
* Integration.spaceGroup ⇐ ``AutoProc.spaceGroup`` of the integration's program.
* ScalingStatistics: each statistics row written through the API gets its own ``AutoProc`` (per program) →
  ``AutoProcScaling`` → ``AutoProcScaling_has_Int`` (when ``integrationUuid`` is sent).
"""

from __future__ import annotations

from typing import Any

import ispyb.sqlalchemy as d
from sqlalchemy import delete, func, select

from ispyb_dls_adapter.db import CommonApiProgramState
from ispyb_dls_adapter.mapping import IMPLICIT_JOB_COMMENT
from site_kit.mapped import Repository, ResourceHooks
from site_kit.mapped.hooks import Meta
from site_kit.problems import invalid

#: DLS ``ProcessingPipeline.name`` is VARCHAR(20); the spec's ``pipeline`` is at most 20 characters too
PIPELINE_NAME_LENGTH = 20


class ProcessingJobHooks(ResourceHooks):
    def read_extras(self, repo: Repository, keys: list[int], meta: Meta) -> dict[int, dict[str, Any]]:
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

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        self.before_delete(repo, key)
        for k, v in (body.get("parameters") or {}).items():
            repo.db.add(d.ProcessingJobParameter(processingJobId=key, parameterKey=k, parameterValue=v))

    def before_delete(self, repo: Repository, key: int) -> None:
        repo.db.execute(delete(d.ProcessingJobParameter).where(d.ProcessingJobParameter.processingJobId == key))


class ProcessingProgramHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        values["processingPipelineId"] = _pipeline(repo, body.get("pipeline"))
        job_uuid = body.get("processingJobUuid")
        if job_uuid is not None:
            values["processingJobId"] = repo.key_of("ProcessingJob", job_uuid)
            return
        dc = repo.key_of("DataCollection", body["dataCollectionUuid"])
        current = repo.db.get(d.AutoProcProgram, key) if key is not None else None
        job = repo.db.get(d.ProcessingJob, current.processingJobId) if current and current.processingJobId else None
        if job is None or not _implicit(job):
            job = d.ProcessingJob(dataCollectionId=dc, comments=IMPLICIT_JOB_COMMENT, automatic=None)
            repo.db.add(job)
            repo.db.flush()
        job.dataCollectionId = dc
        values["processingJobId"] = job.processingJobId

    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        _write_state(repo, key, body.get("status"))

    def before_delete(self, repo: Repository, key: int) -> None:
        """AutoProc rows the adapter created for the program (spaceGroup, scaling) go with it when unused."""
        autoprocs = repo.db.execute(select(d.AutoProc.autoProcId).where(d.AutoProc.autoProcProgramId == key))
        for autoproc_id in autoprocs.scalars().all():
            _drop_autoproc_if_unused(repo, autoproc_id)
        _write_state(repo, key, None)

    def after_delete(self, repo: Repository, key: int, row: Any) -> None:
        """The implicit job goes with its last program."""
        if row is None or not row.processingJobId:
            return
        db = repo.db
        job = db.get(d.ProcessingJob, row.processingJobId)
        others = db.execute(
            select(func.count()).where(d.AutoProcProgram.processingJobId == row.processingJobId)
        ).scalar()
        if job is not None and _implicit(job) and not others:
            db.delete(job)


class IntegrationHooks(ResourceHooks):
    def after_write(self, repo: Repository, body: dict[str, Any], key: int) -> None:
        """``spaceGroup`` is the program's ``AutoProc.spaceGroup`` (created only when there is one to keep)."""
        program = repo.key_of("ProcessingProgram", body["processingProgramUuid"])
        has_one = repo.db.execute(
            select(d.AutoProc.autoProcId).where(
                d.AutoProc.autoProcProgramId == program, d.AutoProc.spaceGroup.is_not(None)
            )
        ).first()
        if body.get("spaceGroup") is not None or has_one:
            _autoproc_of(repo, program).spaceGroup = body.get("spaceGroup")


class ScalingStatisticsHooks(ResourceHooks):
    def before_write(self, repo: Repository, body: dict[str, Any], values: dict[str, Any], key: int | None) -> None:
        program = repo.key_of("ProcessingProgram", body["processingProgramUuid"])
        db = repo.db
        current = db.get(d.AutoProcScalingStatistics, key) if key is not None else None
        scaling = (
            db.get(d.AutoProcScaling, current.autoProcScalingId) if current and current.autoProcScalingId else None
        )
        autoproc = db.get(d.AutoProc, scaling.autoProcId) if scaling and scaling.autoProcId else None
        if scaling is None or autoproc is None or autoproc.autoProcProgramId != program:
            autoproc = _autoproc_of(repo, program)
            scaling = d.AutoProcScaling(autoProcId=autoproc.autoProcId)
            db.add(scaling)
            db.flush()
        values["autoProcScalingId"] = scaling.autoProcScalingId
        db.execute(
            delete(d.AutoProcScalingHasInt).where(
                d.AutoProcScalingHasInt.autoProcScalingId == scaling.autoProcScalingId
            )
        )
        if body.get("integrationUuid") is not None:
            integration = repo.key_of("Integration", body["integrationUuid"])
            db.add(
                d.AutoProcScalingHasInt(autoProcScalingId=scaling.autoProcScalingId, autoProcIntegrationId=integration)
            )

    def before_delete(self, repo: Repository, key: int) -> None:
        repo.db.flush()

    def after_delete(self, repo: Repository, key: int, row: Any) -> None:
        """The scaling (and its AutoProc) go with their last statistics row."""
        if row is None or not row.autoProcScalingId:
            return
        db = repo.db
        sid = row.autoProcScalingId
        left = db.execute(select(func.count()).where(d.AutoProcScalingStatistics.autoProcScalingId == sid)).scalar()
        if left:
            return
        scaling = db.get(d.AutoProcScaling, sid)
        db.execute(delete(d.AutoProcScalingHasInt).where(d.AutoProcScalingHasInt.autoProcScalingId == sid))
        if scaling is not None:
            autoproc_id = scaling.autoProcId
            db.delete(scaling)
            db.flush()
            _drop_autoproc_if_unused(repo, autoproc_id)


def _implicit(job: Any) -> bool:
    return bool(job.comments == IMPLICIT_JOB_COMMENT and job.displayName is None)


def _write_state(repo: Repository, key: int, status: str | None) -> None:
    """QUEUED/RUNNING kept beside DLS's NULL ``processingStatus``; SUCCESS/FAILED live in DLS's own column."""
    repo.db.execute(delete(CommonApiProgramState).where(CommonApiProgramState.autoProcProgramId == key))
    if status in ("QUEUED", "RUNNING"):
        repo.db.add(CommonApiProgramState(autoProcProgramId=key, status=status))


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
        raise invalid(
            ["body", "pipeline"],
            f"Longer than this site's pipeline names (DLS ProcessingPipeline.name, {PIPELINE_NAME_LENGTH} characters).",
        )
    row = table(name=name, discipline="MX")
    repo.db.add(row)
    repo.db.flush()
    return int(row.processingPipelineId)


def _autoproc_of(repo: Repository, program: int | None) -> Any:
    row = repo.db.execute(
        select(d.AutoProc).where(d.AutoProc.autoProcProgramId == program).order_by(d.AutoProc.autoProcId).limit(1)
    ).scalar()
    if row is None:
        row = d.AutoProc(autoProcProgramId=program)
        repo.db.add(row)
        repo.db.flush()
    return row
