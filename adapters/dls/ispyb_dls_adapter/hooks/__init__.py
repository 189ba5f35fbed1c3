"""What DLS records do beyond their main row: one ``ResourceHooks`` object per resource that needs one.

* DataCollection (``ssx.py``): techniqueParameters in SSXDataCollection / EventChain / Event.
* ProcessingJob, ProcessingProgram, Integration, ScalingStatistics (``processing.py``): job parameters, the
  implicit job of a program, the pipeline lookup, QUEUED/RUNNING, AutoProc / AutoProcScaling rows.
* Screening (``screening.py``): strategies, and the first output and lattice.
"""

from __future__ import annotations

from ispyb_dls_adapter.hooks.processing import (
    IntegrationHooks,
    ProcessingJobHooks,
    ProcessingProgramHooks,
    ScalingStatisticsHooks,
)
from ispyb_dls_adapter.hooks.screening import ScreeningHooks
from ispyb_dls_adapter.hooks.ssx import DataCollectionHooks
from site_kit.mapped import ResourceHooks

HOOKS: dict[str, ResourceHooks] = {
    "DataCollection": DataCollectionHooks(),
    "ProcessingJob": ProcessingJobHooks(),
    "ProcessingProgram": ProcessingProgramHooks(),
    "Integration": IntegrationHooks(),
    "ScalingStatistics": ScalingStatisticsHooks(),
    "Screening": ScreeningHooks(),
}
