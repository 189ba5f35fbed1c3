"""A typed Python client of the ISPyB Common API, for any site that serves it.

Built from the specification: one accessor per collection (``client.data_collections``, ``client.sessions``…),
typed with the generated models of ``ispyb_common_models``; lists iterate lazily across pages; writes send
If-Match where the spec intends; problem+json answers become typed exceptions; 429/503 on idempotent requests
are retried honouring ``Retry-After``. Sync (``Client``) and async (``AsyncClient``).
"""

from ispyb_common_client.client import AsyncClient, Client
from ispyb_common_client.collection import AsyncPager, Pager, Versioned
from ispyb_common_client.collections import SPEC_VERSION
from ispyb_common_client.errors import (
    ApiError,
    BadRequest,
    ClientError,
    Conflict,
    FieldProblem,
    Forbidden,
    MethodNotAllowed,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    ServerError,
    ServiceUnavailable,
    TooManyRequests,
    Unauthorized,
    UnprocessableContent,
    UnservedClass,
)
from ispyb_common_client.retry import NO_RETRY, RetryPolicy

__all__ = [
    "NO_RETRY",
    "SPEC_VERSION",
    "ApiError",
    "AsyncClient",
    "AsyncPager",
    "BadRequest",
    "Client",
    "ClientError",
    "Conflict",
    "FieldProblem",
    "Forbidden",
    "MethodNotAllowed",
    "NotFound",
    "Pager",
    "PayloadTooLarge",
    "PreconditionFailed",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailable",
    "TooManyRequests",
    "Unauthorized",
    "UnprocessableContent",
    "UnservedClass",
    "Versioned",
]
