"""Beamline events: image quality indicators hang off one hidden program per data collection."""

from __future__ import annotations

from typing import Any

import ispyb.models as e
from sqlalchemy import delete, func, select

from ispyb_esrf_adapter.mapping import IMPLICIT_PROGRAM
from ispyb_esrf_adapter.side import SideHooks
from site_kit.mapped import Repository


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
