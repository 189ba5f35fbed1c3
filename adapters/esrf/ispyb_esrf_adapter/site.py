"""ESRF's schema as the site kit serves it: the mappings, the hooks, the clock, the membership, the profile.

Every conformance class of the spec is declared and written: ``proposals`` (what a user-office sync writes),
``samples`` and ``shipping`` (what users register), ``acquisition``, ``processing`` and ``beamline-events`` (what
MXCuBE and the ESRF pipelines write). ``beamline-events`` is the class DLS
cannot serve: ESRF still has ``Workflow``/``WorkflowStep``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import ispyb.models as e
from fastapi import FastAPI
from sqlalchemy import Select, select, union

from ispyb_esrf_adapter import __version__
from ispyb_esrf_adapter.db import make_engine
from ispyb_esrf_adapter.hooks import hooks
from ispyb_esrf_adapter.mapping import mappings
from ispyb_esrf_adapter.vocabularies import CLOCK
from site_kit import spec
from site_kit.app import KitOptions, create_app
from site_kit.files import ROOTS_ENV, FilesOptions, roots_from_env
from site_kit.mapped import MappedSite, MappedStorage, Membership
from site_kit.profile import SiteProfile

DEFAULT_SITE = "esrf.fr"
IMPLEMENTATION = f"ispyb-esrf-adapter {__version__}"
#: `files` has no writes of its own (served with --files-root: the files the written records point to)
READ_ONLY_CLASSES: frozenset[str] = frozenset({"files"})
#: `changes` has no writes of its own: listed so that the suite writes a probe when it certifies the feed
WRITE_CLASSES = ("proposals", "samples", "shipping", "acquisition", "processing", "beamline-events", "changes")


def _proposals_of(person: int) -> Select[Any]:
    """A person reaches the proposals they are a member of, lead, or hold a session of."""
    return select(
        union(
            select(e.ProposalHasPerson.proposalId).where(e.ProposalHasPerson.personId == person),
            select(e.Proposal.proposalId).where(e.Proposal.personId == person),
            select(e.BLSession.proposalId)
            .join(e.SessionHasPerson, e.SessionHasPerson.sessionId == e.BLSession.sessionId)
            .where(e.SessionHasPerson.personId == person),
        ).subquery()
    )


def _people_of(proposals: Sequence[int]) -> list[Select[Any]]:
    return [
        select(e.ProposalHasPerson.personId).where(e.ProposalHasPerson.proposalId.in_(proposals)),
        select(e.Proposal.personId).where(e.Proposal.proposalId.in_(proposals)),
        select(e.SessionHasPerson.personId)
        .join(e.BLSession, e.BLSession.sessionId == e.SessionHasPerson.sessionId)
        .where(e.BLSession.proposalId.in_(proposals)),
    ]


def esrf_site() -> MappedSite:
    """The declaration of ESRF's schema (the mappings before the hooks: they read ``mapping.SIDE``)."""
    declared = mappings()
    return MappedSite(
        implementation=IMPLEMENTATION,
        mappings=declared,
        clock=CLOCK,
        membership=Membership(proposals_of=_proposals_of, people_of=_people_of),
        hooks=hooks(),
        token_prefix="esrf_",
    )


def profile(site_name: str = DEFAULT_SITE) -> SiteProfile:
    """Every class of the spec, every one written."""
    return SiteProfile(
        site_name=site_name,
        implementation=IMPLEMENTATION,
        classes=frozenset(spec.conformance_classes()),
        read_only=READ_ONLY_CLASSES,
        description="ISPyB Common API over ESRF's ISPyB schema (ispyb-database 1.1.0, ispyb-models)",
    )


def storage(db_url: str, site_name: str = DEFAULT_SITE) -> MappedStorage:
    return MappedStorage(esrf_site(), make_engine(db_url), site_name)


def create_esrf_app(db_url: str, *, site: str = DEFAULT_SITE, strict: bool = False) -> FastAPI:
    store = storage(db_url, site)
    options = KitOptions(
        title="ISPyB Common API (ESRF adapter)",
        strict=strict,
        page_token_secret=os.environ.get("ISPYB_ESRF_PAGE_TOKEN_SECRET") or None,
        on_shutdown=store.engine.dispose,
        # the files class, over the paths ESRF's tables record, within ISPYB_FILES_ROOTS (serve --files-root)
        files=FilesOptions.from_texts(roots_from_env(os.environ.get(ROOTS_ENV))),
    )
    return create_app(store, profile(site), options)


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` (settings from the environment)."""
    return create_esrf_app(
        os.environ["ISPYB_ESRF_DB_URL"],
        site=os.environ.get("ISPYB_ESRF_SITE", DEFAULT_SITE),
        strict=bool(os.environ.get("ISPYB_ESRF_STRICT")),
    )
