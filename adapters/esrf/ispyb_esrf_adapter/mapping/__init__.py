"""Each common resource as a query over ESRF's tables (``ispyb.models``): one declaration per resource.

The declarations are data (``site_kit.mapped``): field name → the SQL expression read and the ESRF column written,
so that docs/site-mapping.md can be generated from them. Where ESRF differs from Diamond:

* the processing chain starts at ``AutoProcProgram.dataCollectionId`` (ESRF has no ProcessingJob tables);
  ``processing-jobs`` are requests kept by the adapter (``CommonApiProcessingJob``), and program messages are
  kept by it too (ESRF has no ``AutoProcProgramMessage``);
* ``processingStatus`` is ENUM('RUNNING','FAILED','SUCCESS','0','1'); NULL is a program not started (QUEUED);
* workflows (``Workflow``/``WorkflowStep``) serve ``beamline-events``; a workflow's session is that of its groups
  (``DataCollectionGroup.workflowId``), grid scans may hang off a workflow's mesh (``WorkflowMesh``);
* Screening hangs off the group (``Screening.dataCollectionGroupId``), its data collection read from it when
  ``Screening.dataCollectionId`` is empty;
* values an ESRF column cannot hold are kept beside the row (``side.py``).
"""

from __future__ import annotations

from functools import cache

from ispyb_esrf_adapter.mapping.acquisition import _acquisition
from ispyb_esrf_adapter.mapping.common import IMPLICIT_PROGRAM, SIDE, program_dc
from ispyb_esrf_adapter.mapping.events import _events
from ispyb_esrf_adapter.mapping.processing import _processing
from ispyb_esrf_adapter.mapping.proposals import _proposals, _samples, _shipping
from site_kit.mapped import Mapping

__all__ = ["IMPLICIT_PROGRAM", "SIDE", "mappings", "program_dc"]


@cache
def mappings() -> list[Mapping]:
    """Every resource ESRF serves: all 34 of the spec's."""
    return [*_proposals(), *_samples(), *_shipping(), *_acquisition(), *_processing(), *_events()]
