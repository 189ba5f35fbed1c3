"""The ISPyB Common API over Diamond's own ISPyB schema (DLS-DB 5.2.0 via PyPI ``ispyb`` 12.1.x).

A second, independent implementation of the spec: it reads and writes Diamond's real tables through
``ispyb.sqlalchemy`` and maps them to the common records (``docs/site-mapping.md``, "What the DLS adapter does").
"""

__version__ = "0.1.0"
