"""The ISPyB Common API over ESRF's ISPyB schema (``ispyb-models``, ispyb/ispyb-database 1.1.0), on MariaDB."""

import warnings

from sqlalchemy.exc import SADeprecationWarning, SAWarning

__version__ = "0.1.0"

# ispyb.models declares overlapping relationships (GridInfo ↔ DataCollection through the group…) and replaces some
# of its own attributes at import; the adapter never uses relationships (db.py makes them read-only), so these
# warnings of SQLAlchemy, once per process, are only noise in a server's log
warnings.filterwarnings("ignore", r"relationship '.*' will copy column", SAWarning)
warnings.filterwarnings("ignore", r"User-placed attribute .* is replacing an existing ORM-mapped", SADeprecationWarning)
