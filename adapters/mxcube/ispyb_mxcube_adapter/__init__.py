"""MXCuBE's LIMS over the ISPyB Common API.

``CommonApiDataAdapter`` (``data_adapter``) answers the 22 public methods of mxcubecore's ``PyISPyBDataAdapter``
with the structures MXCuBE's code expects; ``CommonApiLims`` (``lims``) is the hardware object a beamline
configures. ``api`` is the HTTP side (httpx) and ``convert`` the pure translation between MXCuBE's dictionaries
and the common API's records, so each can be read without the other.
"""

__version__ = "0.1.0"
