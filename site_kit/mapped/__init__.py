"""Storage over a schema the site does not own (Diamond's DLS-DB, the ESRF's ispyb-database…).

A site declares, as data, how each common resource sits in its tables (``Mapping`` of ``Field``s made with
``col``/``ref``/``derived``), its vocabularies (``vocab``/``upper``), its local clock (``SiteClock``), who its
people reach (``Membership``) and what a resource does beyond its main row (``ResourceHooks``); ``MappedSite``
holds that declaration and ``MappedStorage`` implements ``site_kit.seam.Storage`` over it: visibility, scope,
references, ETags by hash, ``SELECT … FOR UPDATE`` for conditional writes, idempotent PUT with client UUIDs
(``CommonApiRecord``), reversible UUIDs (``UuidCodec``), tokens (``CommonApiToken``). The public API and an
example are in /work/plan/mapped-api.md and the README section "Implement the API over your own database".
"""

from site_kit.mapped.db import (
    AdapterBase,
    CommonApiRecord,
    CommonApiToken,
    create_adapter_tables,
    make_engine,
    make_sessionmaker,
    normalise_url,
)
from site_kit.mapped.fields import Expr, Field, Mapping, as_bool, col, derived, float32, ref, stamp
from site_kit.mapped.hooks import Meta, ResourceHooks
from site_kit.mapped.repository import Repository, Row
from site_kit.mapped.service import RecordService, etag
from site_kit.mapped.site import MappedSite, Membership
from site_kit.mapped.storage import MappedStorage
from site_kit.mapped.tokens import issue_token, resolve_token
from site_kit.mapped.uuids import UuidCodec
from site_kit.mapped.vocabulary import SiteClock, Vocabulary, upper, vocab

__all__ = [
    "AdapterBase",
    "CommonApiRecord",
    "CommonApiToken",
    "Expr",
    "Field",
    "MappedSite",
    "MappedStorage",
    "Mapping",
    "Membership",
    "Meta",
    "RecordService",
    "Repository",
    "ResourceHooks",
    "Row",
    "SiteClock",
    "UuidCodec",
    "Vocabulary",
    "as_bool",
    "col",
    "create_adapter_tables",
    "derived",
    "etag",
    "float32",
    "issue_token",
    "make_engine",
    "make_sessionmaker",
    "normalise_url",
    "ref",
    "resolve_token",
    "stamp",
    "upper",
    "vocab",
]
