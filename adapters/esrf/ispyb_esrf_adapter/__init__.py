"""The ISPyB Common API over ESRF's ISPyB schema (``ispyb-models``, ispyb/ispyb-database 1.1.0), on MariaDB."""

__version__ = "0.1.0"
