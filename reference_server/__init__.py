"""Reference implementation of the ISPyB Common API.

A FastAPI application that implements every operation of the specification on SQLite (default), PostgreSQL
or MariaDB. Requests flow route → service → repository:

* ``api/`` turns HTTP into calls (the generated pydantic models validate bodies);
* ``services/`` holds the rules: authorization, scope derivation, ETags, idempotent PUT, merge patch;
* ``repositories/`` holds the SQL (keyset pages, optimistic versioned updates).
"""

__version__ = "0.1.0"
