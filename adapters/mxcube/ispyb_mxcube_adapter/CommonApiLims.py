"""The module MXCuBE's XML configuration names: ``<object class="ispyb_mxcube_adapter.CommonApiLims">``.

mxcubecore's XML loader imports the module named by ``class`` and takes the class named like its last component
(``HardwareObjectFileParser``), so the LIMS object needs a module of its own name; YAML configurations may name
``ispyb_mxcube_adapter.lims.CommonApiLims`` directly.
"""

from ispyb_mxcube_adapter.lims import CommonApiLims

__all__ = ["CommonApiLims"]
