"""The collections of the ISPyB Common API 1.0.0, one typed class each, generated from the spec.

Do not edit: ``ispyb-spec generate`` writes this file from spec/ (``ispyb-spec generate --check`` fails when it
is stale). The behaviour is shared, in ``ispyb_common_client.collection``; this file holds what the spec says of
each collection (path, conformance class, models, filters, orders) as code, so that editors and type checkers
know every accessor, filter and model.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal
from uuid import UUID

from ispyb_common_models import models as m

from ispyb_common_client.collection import (
    AsyncCollection,
    AsyncDeletableCollection,
    AsyncPager,
    Collection,
    CollectionSpec,
    DeletableCollection,
    Pager,
)
from ispyb_common_client.transport import AsyncTransport, SyncTransport

#: The version of the specification this module was generated from.
SPEC_VERSION = "1.0.0"


_PROPOSALS = CollectionSpec(
    name="proposals",
    path="/v1/proposals",
    conformance_class="proposals",
    model=m.Proposal,
    page=m.ProposalPage,
)


class Proposals(Collection[m.Proposal, m.ProposalInput, m.ProposalPatch]):
    """/v1/proposals (conformance class ``proposals``)."""

    spec = _PROPOSALS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_code: str | None = None,
        proposal_number: str | None = None,
        name: str | None = None,
        proposal_type: Literal["MX", "SAXS", "EM", "XPDF", "SPECTROSCOPY", "OTHER"] | str | None = None,
        state: Literal["OPEN", "CLOSED", "CANCELLED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Proposal]:
        """Lists proposals visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they are
        members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_code: Only proposals whose `proposalCode` equals this value.
            proposal_number: Only proposals whose `proposalNumber` equals this value.
            name: Only proposals whose `name` equals this value.
            proposal_type: Only proposals whose `proposalType` equals this value.
            state: Only proposals whose `state` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalCode": proposal_code,
                "proposalNumber": proposal_number,
                "name": name,
                "proposalType": proposal_type,
                "state": state,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncProposals(AsyncCollection[m.Proposal, m.ProposalInput, m.ProposalPatch]):
    """/v1/proposals (conformance class ``proposals``), async."""

    spec = _PROPOSALS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_code: str | None = None,
        proposal_number: str | None = None,
        name: str | None = None,
        proposal_type: Literal["MX", "SAXS", "EM", "XPDF", "SPECTROSCOPY", "OTHER"] | str | None = None,
        state: Literal["OPEN", "CLOSED", "CANCELLED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Proposal]:
        """Lists proposals visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they are
        members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_code: Only proposals whose `proposalCode` equals this value.
            proposal_number: Only proposals whose `proposalNumber` equals this value.
            name: Only proposals whose `name` equals this value.
            proposal_type: Only proposals whose `proposalType` equals this value.
            state: Only proposals whose `state` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalCode": proposal_code,
                "proposalNumber": proposal_number,
                "name": name,
                "proposalType": proposal_type,
                "state": state,
                "orderBy": order_by,
            },
            page_size,
        )


_SESSIONS = CollectionSpec(
    name="sessions",
    path="/v1/sessions",
    conformance_class="proposals",
    model=m.Session,
    page=m.SessionPage,
)


class Sessions(Collection[m.Session, m.SessionInput, m.SessionPatch]):
    """/v1/sessions (conformance class ``proposals``)."""

    spec = _SESSIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        name: str | None = None,
        beamline_name: str | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        ended_after: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Session]:
        """Lists sessions visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they are
        members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only sessions whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            name: Only sessions whose `name` equals this value.
            beamline_name: Only sessions whose `beamlineName` equals this value.
            started_after: Only sessions whose `startTime` is at or after this instant (RFC 3339 with time zone).
            started_before: Only sessions whose `startTime` is strictly before this instant (RFC 3339 with time
                zone).
            ended_after: Only sessions whose `endTime` is at or after this instant (RFC 3339 with time zone). With
                `startedBefore` it selects the sessions running at some time of an interval, e.g. a beamline's sessions
                of today (what MXCuBE asks for when a user logs in).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalUuid": proposal_uuid,
                "name": name,
                "beamlineName": beamline_name,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "endedAfter": ended_after,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncSessions(AsyncCollection[m.Session, m.SessionInput, m.SessionPatch]):
    """/v1/sessions (conformance class ``proposals``), async."""

    spec = _SESSIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        name: str | None = None,
        beamline_name: str | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        ended_after: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Session]:
        """Lists sessions visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they are
        members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only sessions whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            name: Only sessions whose `name` equals this value.
            beamline_name: Only sessions whose `beamlineName` equals this value.
            started_after: Only sessions whose `startTime` is at or after this instant (RFC 3339 with time zone).
            started_before: Only sessions whose `startTime` is strictly before this instant (RFC 3339 with time
                zone).
            ended_after: Only sessions whose `endTime` is at or after this instant (RFC 3339 with time zone). With
                `startedBefore` it selects the sessions running at some time of an interval, e.g. a beamline's sessions
                of today (what MXCuBE asks for when a user logs in).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalUuid": proposal_uuid,
                "name": name,
                "beamlineName": beamline_name,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "endedAfter": ended_after,
                "orderBy": order_by,
            },
            page_size,
        )


_PERSONS = CollectionSpec(
    name="persons",
    path="/v1/persons",
    conformance_class="proposals",
    model=m.Person,
    page=m.PersonPage,
)


class Persons(Collection[m.Person, m.PersonInput, m.PersonPatch]):
    """/v1/persons (conformance class ``proposals``)."""

    spec = _PERSONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        login: str | None = None,
        laboratory_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Person]:
        """Lists persons visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they are
        members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            login: Only persons whose `login` equals this value.
            laboratory_uuid: Only persons whose `laboratoryUuid` is one of these values (repeat the parameter for
                several, `laboratoryUuid=a&laboratoryUuid=b`, at most 100; more answers 422 naming
                `/query/laboratoryUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "login": login, "laboratoryUuid": laboratory_uuid, "orderBy": order_by},
            page_size,
        )


class AsyncPersons(AsyncCollection[m.Person, m.PersonInput, m.PersonPatch]):
    """/v1/persons (conformance class ``proposals``), async."""

    spec = _PERSONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        login: str | None = None,
        laboratory_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Person]:
        """Lists persons visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they are
        members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            login: Only persons whose `login` equals this value.
            laboratory_uuid: Only persons whose `laboratoryUuid` is one of these values (repeat the parameter for
                several, `laboratoryUuid=a&laboratoryUuid=b`, at most 100; more answers 422 naming
                `/query/laboratoryUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "login": login, "laboratoryUuid": laboratory_uuid, "orderBy": order_by},
            page_size,
        )


_PROPOSAL_MEMBERS = CollectionSpec(
    name="proposal_members",
    path="/v1/proposal-members",
    conformance_class="proposals",
    model=m.ProposalMember,
    page=m.ProposalMemberPage,
)


class ProposalMembers(DeletableCollection[m.ProposalMember, m.ProposalMemberInput, m.ProposalMemberPatch]):
    """/v1/proposal-members (conformance class ``proposals``)."""

    spec = _PROPOSAL_MEMBERS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        person_uuid: UUID | str | Sequence[UUID | str] | None = None,
        role: Literal["PRINCIPAL_INVESTIGATOR", "CO_INVESTIGATOR", "ALTERNATE_CONTACT", "ASSOCIATE", "ERA_ADMIN"]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.ProposalMember]:
        """Lists proposal members visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals
        they are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only proposal members whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            person_uuid: Only proposal members whose `personUuid` is one of these values (repeat the parameter for
                several, `personUuid=a&personUuid=b`, at most 100; more answers 422 naming `/query/personUuid`).
            role: Only proposal members whose `role` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalUuid": proposal_uuid,
                "personUuid": person_uuid,
                "role": role,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncProposalMembers(AsyncDeletableCollection[m.ProposalMember, m.ProposalMemberInput, m.ProposalMemberPatch]):
    """/v1/proposal-members (conformance class ``proposals``), async."""

    spec = _PROPOSAL_MEMBERS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        person_uuid: UUID | str | Sequence[UUID | str] | None = None,
        role: Literal["PRINCIPAL_INVESTIGATOR", "CO_INVESTIGATOR", "ALTERNATE_CONTACT", "ASSOCIATE", "ERA_ADMIN"]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.ProposalMember]:
        """Lists proposal members visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals
        they are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only proposal members whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            person_uuid: Only proposal members whose `personUuid` is one of these values (repeat the parameter for
                several, `personUuid=a&personUuid=b`, at most 100; more answers 422 naming `/query/personUuid`).
            role: Only proposal members whose `role` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalUuid": proposal_uuid,
                "personUuid": person_uuid,
                "role": role,
                "orderBy": order_by,
            },
            page_size,
        )


_SESSION_MEMBERS = CollectionSpec(
    name="session_members",
    path="/v1/session-members",
    conformance_class="proposals",
    model=m.SessionMember,
    page=m.SessionMemberPage,
)


class SessionMembers(DeletableCollection[m.SessionMember, m.SessionMemberInput, m.SessionMemberPatch]):
    """/v1/session-members (conformance class ``proposals``)."""

    spec = _SESSION_MEMBERS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        person_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        role: Literal[
            "PRINCIPAL_INVESTIGATOR",
            "CO_INVESTIGATOR",
            "LOCAL_CONTACT",
            "LOCAL_CONTACT_2",
            "STAFF",
            "TEAM_LEADER",
            "TEAM_MEMBER",
            "ALTERNATE_CONTACT",
            "DATA_ACCESS",
            "ASSOCIATE",
            "ERA_ADMIN",
        ]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.SessionMember]:
        """Lists session members visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals
        they are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only session members whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            person_uuid: Only session members whose `personUuid` is one of these values (repeat the parameter for
                several, `personUuid=a&personUuid=b`, at most 100; more answers 422 naming `/query/personUuid`).
            proposal_uuid: Only session members whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            role: Only session members whose `role` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "personUuid": person_uuid,
                "proposalUuid": proposal_uuid,
                "role": role,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncSessionMembers(AsyncDeletableCollection[m.SessionMember, m.SessionMemberInput, m.SessionMemberPatch]):
    """/v1/session-members (conformance class ``proposals``), async."""

    spec = _SESSION_MEMBERS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        person_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        role: Literal[
            "PRINCIPAL_INVESTIGATOR",
            "CO_INVESTIGATOR",
            "LOCAL_CONTACT",
            "LOCAL_CONTACT_2",
            "STAFF",
            "TEAM_LEADER",
            "TEAM_MEMBER",
            "ALTERNATE_CONTACT",
            "DATA_ACCESS",
            "ASSOCIATE",
            "ERA_ADMIN",
        ]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.SessionMember]:
        """Lists session members visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals
        they are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only session members whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            person_uuid: Only session members whose `personUuid` is one of these values (repeat the parameter for
                several, `personUuid=a&personUuid=b`, at most 100; more answers 422 naming `/query/personUuid`).
            proposal_uuid: Only session members whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            role: Only session members whose `role` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "personUuid": person_uuid,
                "proposalUuid": proposal_uuid,
                "role": role,
                "orderBy": order_by,
            },
            page_size,
        )


_LAB_CONTACTS = CollectionSpec(
    name="lab_contacts",
    path="/v1/lab-contacts",
    conformance_class="proposals",
    model=m.LabContact,
    page=m.LabContactPage,
)


class LabContacts(DeletableCollection[m.LabContact, m.LabContactInput, m.LabContactPatch]):
    """/v1/lab-contacts (conformance class ``proposals``)."""

    spec = _LAB_CONTACTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        person_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.LabContact]:
        """Lists lab contacts visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they
        are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only lab contacts whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            person_uuid: Only lab contacts whose `personUuid` is one of these values (repeat the parameter for
                several, `personUuid=a&personUuid=b`, at most 100; more answers 422 naming `/query/personUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "proposalUuid": proposal_uuid, "personUuid": person_uuid, "orderBy": order_by},
            page_size,
        )


class AsyncLabContacts(AsyncDeletableCollection[m.LabContact, m.LabContactInput, m.LabContactPatch]):
    """/v1/lab-contacts (conformance class ``proposals``), async."""

    spec = _LAB_CONTACTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        person_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.LabContact]:
        """Lists lab contacts visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they
        are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only lab contacts whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            person_uuid: Only lab contacts whose `personUuid` is one of these values (repeat the parameter for
                several, `personUuid=a&personUuid=b`, at most 100; more answers 422 naming `/query/personUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "proposalUuid": proposal_uuid, "personUuid": person_uuid, "orderBy": order_by},
            page_size,
        )


_LABORATORIES = CollectionSpec(
    name="laboratories",
    path="/v1/laboratories",
    conformance_class="proposals",
    model=m.Laboratory,
    page=m.LaboratoryPage,
)


class Laboratories(Collection[m.Laboratory, m.LaboratoryInput, m.LaboratoryPatch]):
    """/v1/laboratories (conformance class ``proposals``)."""

    spec = _LABORATORIES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        name: str | None = None,
        country: str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Laboratory]:
        """Lists laboratories visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they
        are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            name: Only laboratories whose `name` equals this value.
            country: Only laboratories whose `country` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "name": name, "country": country, "orderBy": order_by}, page_size
        )


class AsyncLaboratories(AsyncCollection[m.Laboratory, m.LaboratoryInput, m.LaboratoryPatch]):
    """/v1/laboratories (conformance class ``proposals``), async."""

    spec = _LABORATORIES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        name: str | None = None,
        country: str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Laboratory]:
        """Lists laboratories visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of the proposals they
        are members of; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            name: Only laboratories whose `name` equals this value.
            country: Only laboratories whose `country` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "name": name, "country": country, "orderBy": order_by}, page_size
        )


_PROTEINS = CollectionSpec(
    name="proteins",
    path="/v1/proteins",
    conformance_class="samples",
    model=m.Protein,
    page=m.ProteinPage,
)


class Proteins(DeletableCollection[m.Protein, m.ProteinInput, m.ProteinPatch]):
    """/v1/proteins (conformance class ``samples``)."""

    spec = _PROTEINS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        acronym: str | None = None,
        safety_level: Literal["GREEN", "YELLOW", "RED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Protein]:
        """Lists proteins visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only proteins whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            acronym: Only proteins whose `acronym` equals this value.
            safety_level: Only proteins whose `safetyLevel` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalUuid": proposal_uuid,
                "acronym": acronym,
                "safetyLevel": safety_level,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncProteins(AsyncDeletableCollection[m.Protein, m.ProteinInput, m.ProteinPatch]):
    """/v1/proteins (conformance class ``samples``), async."""

    spec = _PROTEINS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        acronym: str | None = None,
        safety_level: Literal["GREEN", "YELLOW", "RED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Protein]:
        """Lists proteins visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only proteins whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            acronym: Only proteins whose `acronym` equals this value.
            safety_level: Only proteins whose `safetyLevel` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proposalUuid": proposal_uuid,
                "acronym": acronym,
                "safetyLevel": safety_level,
                "orderBy": order_by,
            },
            page_size,
        )


_CRYSTALS = CollectionSpec(
    name="crystals",
    path="/v1/crystals",
    conformance_class="samples",
    model=m.Crystal,
    page=m.CrystalPage,
)


class Crystals(DeletableCollection[m.Crystal, m.CrystalInput, m.CrystalPatch]):
    """/v1/crystals (conformance class ``samples``)."""

    spec = _CRYSTALS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        protein_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Crystal]:
        """Lists crystals visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            protein_uuid: Only crystals whose `proteinUuid` is one of these values (repeat the parameter for
                several, `proteinUuid=a&proteinUuid=b`, at most 100; more answers 422 naming `/query/proteinUuid`).
            proposal_uuid: Only crystals whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proteinUuid": protein_uuid,
                "proposalUuid": proposal_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncCrystals(AsyncDeletableCollection[m.Crystal, m.CrystalInput, m.CrystalPatch]):
    """/v1/crystals (conformance class ``samples``), async."""

    spec = _CRYSTALS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        protein_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Crystal]:
        """Lists crystals visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            protein_uuid: Only crystals whose `proteinUuid` is one of these values (repeat the parameter for
                several, `proteinUuid=a&proteinUuid=b`, at most 100; more answers 422 naming `/query/proteinUuid`).
            proposal_uuid: Only crystals whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "proteinUuid": protein_uuid,
                "proposalUuid": proposal_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


_SAMPLES = CollectionSpec(
    name="samples",
    path="/v1/samples",
    conformance_class="samples",
    model=m.Sample,
    page=m.SamplePage,
)


class Samples(DeletableCollection[m.Sample, m.SampleInput, m.SamplePatch]):
    """/v1/samples (conformance class ``samples``)."""

    spec = _SAMPLES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        crystal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        container_uuid: UUID | str | Sequence[UUID | str] | None = None,
        barcode: str | None = None,
        status: Literal["REGISTERED", "IN_SAMPLE_CHANGER", "QUEUED", "COLLECTED", "FAILED", "RETURNED"]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Sample]:
        """Lists samples visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            crystal_uuid: Only samples whose `crystalUuid` is one of these values (repeat the parameter for several,
                `crystalUuid=a&crystalUuid=b`, at most 100; more answers 422 naming `/query/crystalUuid`).
            proposal_uuid: Only samples whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            container_uuid: Only samples whose `containerUuid` is one of these values (repeat the parameter for
                several, `containerUuid=a&containerUuid=b`, at most 100; more answers 422 naming
                `/query/containerUuid`).
            barcode: Only samples whose `barcode` equals this value.
            status: Only samples whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "crystalUuid": crystal_uuid,
                "proposalUuid": proposal_uuid,
                "containerUuid": container_uuid,
                "barcode": barcode,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncSamples(AsyncDeletableCollection[m.Sample, m.SampleInput, m.SamplePatch]):
    """/v1/samples (conformance class ``samples``), async."""

    spec = _SAMPLES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        crystal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        container_uuid: UUID | str | Sequence[UUID | str] | None = None,
        barcode: str | None = None,
        status: Literal["REGISTERED", "IN_SAMPLE_CHANGER", "QUEUED", "COLLECTED", "FAILED", "RETURNED"]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Sample]:
        """Lists samples visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            crystal_uuid: Only samples whose `crystalUuid` is one of these values (repeat the parameter for several,
                `crystalUuid=a&crystalUuid=b`, at most 100; more answers 422 naming `/query/crystalUuid`).
            proposal_uuid: Only samples whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            container_uuid: Only samples whose `containerUuid` is one of these values (repeat the parameter for
                several, `containerUuid=a&containerUuid=b`, at most 100; more answers 422 naming
                `/query/containerUuid`).
            barcode: Only samples whose `barcode` equals this value.
            status: Only samples whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "crystalUuid": crystal_uuid,
                "proposalUuid": proposal_uuid,
                "containerUuid": container_uuid,
                "barcode": barcode,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


_SAMPLE_IMAGES = CollectionSpec(
    name="sample_images",
    path="/v1/sample-images",
    conformance_class="samples",
    model=m.SampleImage,
    page=m.SampleImagePage,
)


class SampleImages(DeletableCollection[m.SampleImage, m.SampleImageInput, m.SampleImagePatch]):
    """/v1/sample-images (conformance class ``samples``)."""

    spec = _SAMPLE_IMAGES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.SampleImage]:
        """Lists sample images visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            sample_uuid: Only sample images whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            proposal_uuid: Only sample images whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "sampleUuid": sample_uuid, "proposalUuid": proposal_uuid, "orderBy": order_by},
            page_size,
        )


class AsyncSampleImages(AsyncDeletableCollection[m.SampleImage, m.SampleImageInput, m.SampleImagePatch]):
    """/v1/sample-images (conformance class ``samples``), async."""

    spec = _SAMPLE_IMAGES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.SampleImage]:
        """Lists sample images visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            sample_uuid: Only sample images whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            proposal_uuid: Only sample images whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "sampleUuid": sample_uuid, "proposalUuid": proposal_uuid, "orderBy": order_by},
            page_size,
        )


_SHIPMENTS = CollectionSpec(
    name="shipments",
    path="/v1/shipments",
    conformance_class="shipping",
    model=m.Shipment,
    page=m.ShipmentPage,
)


class Shipments(DeletableCollection[m.Shipment, m.ShipmentInput, m.ShipmentPatch]):
    """/v1/shipments (conformance class ``shipping``)."""

    spec = _SHIPMENTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        status: Literal[
            "OPENED",
            "READY_TO_GO",
            "PICKUP_BOOKED",
            "SENT_TO_FACILITY",
            "AT_FACILITY",
            "PROCESSING",
            "SENT_TO_USER",
            "CLOSED",
            "CANCELLED",
        ]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Shipment]:
        """Lists shipments visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only shipments whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            status: Only shipments whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "proposalUuid": proposal_uuid, "status": status, "orderBy": order_by},
            page_size,
        )


class AsyncShipments(AsyncDeletableCollection[m.Shipment, m.ShipmentInput, m.ShipmentPatch]):
    """/v1/shipments (conformance class ``shipping``), async."""

    spec = _SHIPMENTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        status: Literal[
            "OPENED",
            "READY_TO_GO",
            "PICKUP_BOOKED",
            "SENT_TO_FACILITY",
            "AT_FACILITY",
            "PROCESSING",
            "SENT_TO_USER",
            "CLOSED",
            "CANCELLED",
        ]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Shipment]:
        """Lists shipments visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            proposal_uuid: Only shipments whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            status: Only shipments whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {"uuid": uuid, "site": site, "proposalUuid": proposal_uuid, "status": status, "orderBy": order_by},
            page_size,
        )


_DEWARS = CollectionSpec(
    name="dewars",
    path="/v1/dewars",
    conformance_class="shipping",
    model=m.Dewar,
    page=m.DewarPage,
)


class Dewars(DeletableCollection[m.Dewar, m.DewarInput, m.DewarPatch]):
    """/v1/dewars (conformance class ``shipping``)."""

    spec = _DEWARS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        shipment_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        barcode: str | None = None,
        type: Literal["DEWAR", "TOOLBOX", "PARCEL"] | str | None = None,
        status: Literal[
            "OPENED",
            "READY_TO_GO",
            "SENT_TO_FACILITY",
            "AT_FACILITY",
            "PROCESSING",
            "UNPROCESSING",
            "SENT_TO_USER",
            "DISPOSED",
            "CLOSED",
        ]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Dewar]:
        """Lists dewars visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            shipment_uuid: Only dewars whose `shipmentUuid` is one of these values (repeat the parameter for
                several, `shipmentUuid=a&shipmentUuid=b`, at most 100; more answers 422 naming `/query/shipmentUuid`).
            proposal_uuid: Only dewars whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            barcode: Only dewars whose `barcode` equals this value.
            type: Only dewars whose `type` equals this value.
            status: Only dewars whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "shipmentUuid": shipment_uuid,
                "proposalUuid": proposal_uuid,
                "barcode": barcode,
                "type": type,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncDewars(AsyncDeletableCollection[m.Dewar, m.DewarInput, m.DewarPatch]):
    """/v1/dewars (conformance class ``shipping``), async."""

    spec = _DEWARS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        shipment_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        barcode: str | None = None,
        type: Literal["DEWAR", "TOOLBOX", "PARCEL"] | str | None = None,
        status: Literal[
            "OPENED",
            "READY_TO_GO",
            "SENT_TO_FACILITY",
            "AT_FACILITY",
            "PROCESSING",
            "UNPROCESSING",
            "SENT_TO_USER",
            "DISPOSED",
            "CLOSED",
        ]
        | str
        | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Dewar]:
        """Lists dewars visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            shipment_uuid: Only dewars whose `shipmentUuid` is one of these values (repeat the parameter for
                several, `shipmentUuid=a&shipmentUuid=b`, at most 100; more answers 422 naming `/query/shipmentUuid`).
            proposal_uuid: Only dewars whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            barcode: Only dewars whose `barcode` equals this value.
            type: Only dewars whose `type` equals this value.
            status: Only dewars whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "shipmentUuid": shipment_uuid,
                "proposalUuid": proposal_uuid,
                "barcode": barcode,
                "type": type,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


_CONTAINERS = CollectionSpec(
    name="containers",
    path="/v1/containers",
    conformance_class="shipping",
    model=m.Container,
    page=m.ContainerPage,
)


class Containers(DeletableCollection[m.Container, m.ContainerInput, m.ContainerPatch]):
    """/v1/containers (conformance class ``shipping``)."""

    spec = _CONTAINERS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        dewar_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        barcode: str | None = None,
        container_type: Literal["PUCK", "UNIPUCK", "SPINE_PUCK", "BASKET", "CANE", "PLATE", "CHIP", "CASSETTE", "OTHER"]
        | str
        | None = None,
        status: Literal["OPENED", "IN_STORAGE", "AT_FACILITY", "IN_SAMPLE_CHANGER", "PROCESSING", "RETURNED"]
        | str
        | None = None,
        beamline_location: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Container]:
        """Lists containers visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            dewar_uuid: Only containers whose `dewarUuid` is one of these values (repeat the parameter for several,
                `dewarUuid=a&dewarUuid=b`, at most 100; more answers 422 naming `/query/dewarUuid`).
            proposal_uuid: Only containers whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            barcode: Only containers whose `barcode` equals this value.
            container_type: Only containers whose `containerType` equals this value.
            status: Only containers whose `status` equals this value.
            beamline_location: Only containers whose `beamlineLocation` equals this value.
            session_uuid: Only containers whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dewarUuid": dewar_uuid,
                "proposalUuid": proposal_uuid,
                "barcode": barcode,
                "containerType": container_type,
                "status": status,
                "beamlineLocation": beamline_location,
                "sessionUuid": session_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncContainers(AsyncDeletableCollection[m.Container, m.ContainerInput, m.ContainerPatch]):
    """/v1/containers (conformance class ``shipping``), async."""

    spec = _CONTAINERS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        dewar_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        barcode: str | None = None,
        container_type: Literal["PUCK", "UNIPUCK", "SPINE_PUCK", "BASKET", "CANE", "PLATE", "CHIP", "CASSETTE", "OTHER"]
        | str
        | None = None,
        status: Literal["OPENED", "IN_STORAGE", "AT_FACILITY", "IN_SAMPLE_CHANGER", "PROCESSING", "RETURNED"]
        | str
        | None = None,
        beamline_location: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Container]:
        """Lists containers visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens read all records of this module.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            dewar_uuid: Only containers whose `dewarUuid` is one of these values (repeat the parameter for several,
                `dewarUuid=a&dewarUuid=b`, at most 100; more answers 422 naming `/query/dewarUuid`).
            proposal_uuid: Only containers whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            barcode: Only containers whose `barcode` equals this value.
            container_type: Only containers whose `containerType` equals this value.
            status: Only containers whose `status` equals this value.
            beamline_location: Only containers whose `beamlineLocation` equals this value.
            session_uuid: Only containers whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dewarUuid": dewar_uuid,
                "proposalUuid": proposal_uuid,
                "barcode": barcode,
                "containerType": container_type,
                "status": status,
                "beamlineLocation": beamline_location,
                "sessionUuid": session_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


_DATA_COLLECTION_GROUPS = CollectionSpec(
    name="data_collection_groups",
    path="/v1/data-collection-groups",
    conformance_class="acquisition",
    model=m.DataCollectionGroup,
    page=m.DataCollectionGroupPage,
)


class DataCollectionGroups(
    DeletableCollection[m.DataCollectionGroup, m.DataCollectionGroupInput, m.DataCollectionGroupPatch]
):
    """/v1/data-collection-groups (conformance class ``acquisition``)."""

    spec = _DATA_COLLECTION_GROUPS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        experiment_type: Literal[
            "SAD",
            "MAD",
            "OSC",
            "HELICAL",
            "MULTI_POSITIONAL",
            "MESH",
            "MESH_3D",
            "CHARACTERIZATION",
            "SCREENING",
            "BURN",
            "DEHYDRATION",
            "STILL",
            "SSX_CHIP",
            "SSX_JET",
            "ENERGY_SCAN",
            "XRF_SPECTRUM",
            "XRF_MAP",
            "EM",
            "TOMOGRAPHY",
            "TIME_RESOLVED",
            "METAL_ID",
            "OTHER",
        ]
        | str
        | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.DataCollectionGroup]:
        """Lists data collection groups visible to the caller, oldest first, one page at a time (keyset pagination:
        follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only data collection groups whose `sessionUuid` is one of these values (repeat the
                parameter for several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming
                `/query/sessionUuid`).
            proposal_uuid: Only data collection groups whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only data collection groups whose `beamlineName` equals this value.
            sample_uuid: Only data collection groups whose `sampleUuid` is one of these values (repeat the parameter
                for several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            experiment_type: Only data collection groups whose `experimentType` equals this value.
            started_after: Only data collection groups whose `startTime` is at or after this instant (RFC 3339 with
                time zone).
            started_before: Only data collection groups whose `startTime` is strictly before this instant (RFC 3339
                with time zone).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "experimentType": experiment_type,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncDataCollectionGroups(
    AsyncDeletableCollection[m.DataCollectionGroup, m.DataCollectionGroupInput, m.DataCollectionGroupPatch]
):
    """/v1/data-collection-groups (conformance class ``acquisition``), async."""

    spec = _DATA_COLLECTION_GROUPS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        experiment_type: Literal[
            "SAD",
            "MAD",
            "OSC",
            "HELICAL",
            "MULTI_POSITIONAL",
            "MESH",
            "MESH_3D",
            "CHARACTERIZATION",
            "SCREENING",
            "BURN",
            "DEHYDRATION",
            "STILL",
            "SSX_CHIP",
            "SSX_JET",
            "ENERGY_SCAN",
            "XRF_SPECTRUM",
            "XRF_MAP",
            "EM",
            "TOMOGRAPHY",
            "TIME_RESOLVED",
            "METAL_ID",
            "OTHER",
        ]
        | str
        | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.DataCollectionGroup]:
        """Lists data collection groups visible to the caller, oldest first, one page at a time (keyset pagination:
        follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only data collection groups whose `sessionUuid` is one of these values (repeat the
                parameter for several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming
                `/query/sessionUuid`).
            proposal_uuid: Only data collection groups whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only data collection groups whose `beamlineName` equals this value.
            sample_uuid: Only data collection groups whose `sampleUuid` is one of these values (repeat the parameter
                for several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            experiment_type: Only data collection groups whose `experimentType` equals this value.
            started_after: Only data collection groups whose `startTime` is at or after this instant (RFC 3339 with
                time zone).
            started_before: Only data collection groups whose `startTime` is strictly before this instant (RFC 3339
                with time zone).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "experimentType": experiment_type,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "orderBy": order_by,
            },
            page_size,
        )


_DATA_COLLECTIONS = CollectionSpec(
    name="data_collections",
    path="/v1/data-collections",
    conformance_class="acquisition",
    model=m.DataCollection,
    page=m.DataCollectionPage,
)


class DataCollections(DeletableCollection[m.DataCollection, m.DataCollectionInput, m.DataCollectionPatch]):
    """/v1/data-collections (conformance class ``acquisition``)."""

    spec = _DATA_COLLECTIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_group_uuid: UUID | str | Sequence[UUID | str] | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        run_status: Literal["RUNNING", "SUCCESSFUL", "FAILED", "ABORTED"] | str | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.DataCollection]:
        """Lists data collections visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_group_uuid: Only data collections whose `dataCollectionGroupUuid` is one of these values
                (repeat the parameter for several, `dataCollectionGroupUuid=a&dataCollectionGroupUuid=b`, at most 100;
                more answers 422 naming `/query/dataCollectionGroupUuid`).
            session_uuid: Only data collections whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only data collections whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only data collections whose `beamlineName` equals this value.
            sample_uuid: Only data collections whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            run_status: Only data collections whose `runStatus` equals this value.
            started_after: Only data collections whose `startTime` is at or after this instant (RFC 3339 with time
                zone).
            started_before: Only data collections whose `startTime` is strictly before this instant (RFC 3339 with
                time zone).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionGroupUuid": data_collection_group_uuid,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "runStatus": run_status,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncDataCollections(AsyncDeletableCollection[m.DataCollection, m.DataCollectionInput, m.DataCollectionPatch]):
    """/v1/data-collections (conformance class ``acquisition``), async."""

    spec = _DATA_COLLECTIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_group_uuid: UUID | str | Sequence[UUID | str] | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        run_status: Literal["RUNNING", "SUCCESSFUL", "FAILED", "ABORTED"] | str | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.DataCollection]:
        """Lists data collections visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_group_uuid: Only data collections whose `dataCollectionGroupUuid` is one of these values
                (repeat the parameter for several, `dataCollectionGroupUuid=a&dataCollectionGroupUuid=b`, at most 100;
                more answers 422 naming `/query/dataCollectionGroupUuid`).
            session_uuid: Only data collections whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only data collections whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only data collections whose `beamlineName` equals this value.
            sample_uuid: Only data collections whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            run_status: Only data collections whose `runStatus` equals this value.
            started_after: Only data collections whose `startTime` is at or after this instant (RFC 3339 with time
                zone).
            started_before: Only data collections whose `startTime` is strictly before this instant (RFC 3339 with
                time zone).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionGroupUuid": data_collection_group_uuid,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "runStatus": run_status,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "orderBy": order_by,
            },
            page_size,
        )


_GRID_SCANS = CollectionSpec(
    name="grid_scans",
    path="/v1/grid-scans",
    conformance_class="acquisition",
    model=m.GridScan,
    page=m.GridScanPage,
)


class GridScans(DeletableCollection[m.GridScan, m.GridScanInput, m.GridScanPatch]):
    """/v1/grid-scans (conformance class ``acquisition``)."""

    spec = _GRID_SCANS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_group_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.GridScan]:
        """Lists grid scans visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_group_uuid: Only grid scans whose `dataCollectionGroupUuid` is one of these values
                (repeat the parameter for several, `dataCollectionGroupUuid=a&dataCollectionGroupUuid=b`, at most 100;
                more answers 422 naming `/query/dataCollectionGroupUuid`).
            proposal_uuid: Only grid scans whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only grid scans whose `beamlineName` equals this value.
            data_collection_uuid: Only grid scans whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionGroupUuid": data_collection_group_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "dataCollectionUuid": data_collection_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncGridScans(AsyncDeletableCollection[m.GridScan, m.GridScanInput, m.GridScanPatch]):
    """/v1/grid-scans (conformance class ``acquisition``), async."""

    spec = _GRID_SCANS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_group_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.GridScan]:
        """Lists grid scans visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_group_uuid: Only grid scans whose `dataCollectionGroupUuid` is one of these values
                (repeat the parameter for several, `dataCollectionGroupUuid=a&dataCollectionGroupUuid=b`, at most 100;
                more answers 422 naming `/query/dataCollectionGroupUuid`).
            proposal_uuid: Only grid scans whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only grid scans whose `beamlineName` equals this value.
            data_collection_uuid: Only grid scans whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionGroupUuid": data_collection_group_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "dataCollectionUuid": data_collection_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


_ENERGY_SCANS = CollectionSpec(
    name="energy_scans",
    path="/v1/energy-scans",
    conformance_class="acquisition",
    model=m.EnergyScan,
    page=m.EnergyScanPage,
)


class EnergyScans(DeletableCollection[m.EnergyScan, m.EnergyScanInput, m.EnergyScanPatch]):
    """/v1/energy-scans (conformance class ``acquisition``)."""

    spec = _ENERGY_SCANS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.EnergyScan]:
        """Lists energy scans visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only energy scans whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only energy scans whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only energy scans whose `beamlineName` equals this value.
            sample_uuid: Only energy scans whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncEnergyScans(AsyncDeletableCollection[m.EnergyScan, m.EnergyScanInput, m.EnergyScanPatch]):
    """/v1/energy-scans (conformance class ``acquisition``), async."""

    spec = _ENERGY_SCANS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.EnergyScan]:
        """Lists energy scans visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only energy scans whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only energy scans whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only energy scans whose `beamlineName` equals this value.
            sample_uuid: Only energy scans whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


_XRF_SPECTRA = CollectionSpec(
    name="xrf_spectra",
    path="/v1/xrf-spectra",
    conformance_class="acquisition",
    model=m.XrfSpectrum,
    page=m.XrfSpectrumPage,
)


class XrfSpectra(DeletableCollection[m.XrfSpectrum, m.XrfSpectrumInput, m.XrfSpectrumPatch]):
    """/v1/xrf-spectra (conformance class ``acquisition``)."""

    spec = _XRF_SPECTRA

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.XrfSpectrum]:
        """Lists XRF spectra visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only XRF spectra whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only XRF spectra whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only XRF spectra whose `beamlineName` equals this value.
            sample_uuid: Only XRF spectra whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncXrfSpectra(AsyncDeletableCollection[m.XrfSpectrum, m.XrfSpectrumInput, m.XrfSpectrumPatch]):
    """/v1/xrf-spectra (conformance class ``acquisition``), async."""

    spec = _XRF_SPECTRA

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.XrfSpectrum]:
        """Lists XRF spectra visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only XRF spectra whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only XRF spectra whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only XRF spectra whose `beamlineName` equals this value.
            sample_uuid: Only XRF spectra whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


_BEAMLINE_SETUPS = CollectionSpec(
    name="beamline_setups",
    path="/v1/beamline-setups",
    conformance_class="acquisition",
    model=m.BeamlineSetup,
    page=m.BeamlineSetupPage,
)


class BeamlineSetups(Collection[m.BeamlineSetup, m.BeamlineSetupInput, m.BeamlineSetupPatch]):
    """/v1/beamline-setups (conformance class ``acquisition``)."""

    spec = _BEAMLINE_SETUPS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        beamline_name: str | None = None,
        detector_uuid: UUID | str | Sequence[UUID | str] | None = None,
        active: bool | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.BeamlineSetup]:
        """Lists beamline setups visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            beamline_name: Only beamline setups whose `beamlineName` equals this value.
            detector_uuid: Only beamline setups whose `detectorUuid` is one of these values (repeat the parameter
                for several, `detectorUuid=a&detectorUuid=b`, at most 100; more answers 422 naming
                `/query/detectorUuid`).
            active: Only beamline setups whose `active` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "beamlineName": beamline_name,
                "detectorUuid": detector_uuid,
                "active": active,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncBeamlineSetups(AsyncCollection[m.BeamlineSetup, m.BeamlineSetupInput, m.BeamlineSetupPatch]):
    """/v1/beamline-setups (conformance class ``acquisition``), async."""

    spec = _BEAMLINE_SETUPS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        beamline_name: str | None = None,
        detector_uuid: UUID | str | Sequence[UUID | str] | None = None,
        active: bool | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.BeamlineSetup]:
        """Lists beamline setups visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            beamline_name: Only beamline setups whose `beamlineName` equals this value.
            detector_uuid: Only beamline setups whose `detectorUuid` is one of these values (repeat the parameter
                for several, `detectorUuid=a&detectorUuid=b`, at most 100; more answers 422 naming
                `/query/detectorUuid`).
            active: Only beamline setups whose `active` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "beamlineName": beamline_name,
                "detectorUuid": detector_uuid,
                "active": active,
                "orderBy": order_by,
            },
            page_size,
        )


_DETECTORS = CollectionSpec(
    name="detectors",
    path="/v1/detectors",
    conformance_class="acquisition",
    model=m.Detector,
    page=m.DetectorPage,
)


class Detectors(Collection[m.Detector, m.DetectorInput, m.DetectorPatch]):
    """/v1/detectors (conformance class ``acquisition``)."""

    spec = _DETECTORS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        manufacturer: str | None = None,
        model: str | None = None,
        serial_number: str | None = None,
        detector_type: str | None = None,
        detector_mode: str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Detector]:
        """Lists detectors visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            manufacturer: Only detectors whose `manufacturer` equals this value.
            model: Only detectors whose `model` equals this value.
            serial_number: Only detectors whose `serialNumber` equals this value.
            detector_type: Only detectors whose `detectorType` equals this value.
            detector_mode: Only detectors whose `detectorMode` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "manufacturer": manufacturer,
                "model": model,
                "serialNumber": serial_number,
                "detectorType": detector_type,
                "detectorMode": detector_mode,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncDetectors(AsyncCollection[m.Detector, m.DetectorInput, m.DetectorPatch]):
    """/v1/detectors (conformance class ``acquisition``), async."""

    spec = _DETECTORS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        manufacturer: str | None = None,
        model: str | None = None,
        serial_number: str | None = None,
        detector_type: str | None = None,
        detector_mode: str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Detector]:
        """Lists detectors visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            manufacturer: Only detectors whose `manufacturer` equals this value.
            model: Only detectors whose `model` equals this value.
            serial_number: Only detectors whose `serialNumber` equals this value.
            detector_type: Only detectors whose `detectorType` equals this value.
            detector_mode: Only detectors whose `detectorMode` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "manufacturer": manufacturer,
                "model": model,
                "serialNumber": serial_number,
                "detectorType": detector_type,
                "detectorMode": detector_mode,
                "orderBy": order_by,
            },
            page_size,
        )


_PROCESSING_JOBS = CollectionSpec(
    name="processing_jobs",
    path="/v1/processing-jobs",
    conformance_class="processing",
    model=m.ProcessingJob,
    page=m.ProcessingJobPage,
)


class ProcessingJobs(DeletableCollection[m.ProcessingJob, m.ProcessingJobInput, m.ProcessingJobPatch]):
    """/v1/processing-jobs (conformance class ``processing``)."""

    spec = _PROCESSING_JOBS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        recipe: str | None = None,
        automatic: bool | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.ProcessingJob]:
        """Lists processing jobs visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only processing jobs whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            proposal_uuid: Only processing jobs whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing jobs whose `beamlineName` equals this value.
            recipe: Only processing jobs whose `recipe` equals this value.
            automatic: Only processing jobs whose `automatic` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "recipe": recipe,
                "automatic": automatic,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncProcessingJobs(AsyncDeletableCollection[m.ProcessingJob, m.ProcessingJobInput, m.ProcessingJobPatch]):
    """/v1/processing-jobs (conformance class ``processing``), async."""

    spec = _PROCESSING_JOBS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        recipe: str | None = None,
        automatic: bool | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.ProcessingJob]:
        """Lists processing jobs visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only processing jobs whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            proposal_uuid: Only processing jobs whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing jobs whose `beamlineName` equals this value.
            recipe: Only processing jobs whose `recipe` equals this value.
            automatic: Only processing jobs whose `automatic` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "recipe": recipe,
                "automatic": automatic,
                "orderBy": order_by,
            },
            page_size,
        )


_PROCESSING_PROGRAMS = CollectionSpec(
    name="processing_programs",
    path="/v1/processing-programs",
    conformance_class="processing",
    model=m.ProcessingProgram,
    page=m.ProcessingProgramPage,
)


class ProcessingPrograms(DeletableCollection[m.ProcessingProgram, m.ProcessingProgramInput, m.ProcessingProgramPatch]):
    """/v1/processing-programs (conformance class ``processing``)."""

    spec = _PROCESSING_PROGRAMS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        processing_job_uuid: UUID | str | Sequence[UUID | str] | None = None,
        programs: str | None = None,
        pipeline: str | None = None,
        status: Literal["QUEUED", "RUNNING", "SUCCESS", "FAILED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.ProcessingProgram]:
        """Lists processing programs visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only processing programs whose `dataCollectionUuid` is one of these values (repeat
                the parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422
                naming `/query/dataCollectionUuid`).
            proposal_uuid: Only processing programs whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing programs whose `beamlineName` equals this value.
            processing_job_uuid: Only processing programs whose `processingJobUuid` is one of these values (repeat
                the parameter for several, `processingJobUuid=a&processingJobUuid=b`, at most 100; more answers 422
                naming `/query/processingJobUuid`).
            programs: Only processing programs whose `programs` equals this value.
            pipeline: Only processing programs whose `pipeline` equals this value.
            status: Only processing programs whose `status` equals this value.
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "processingJobUuid": processing_job_uuid,
                "programs": programs,
                "pipeline": pipeline,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncProcessingPrograms(
    AsyncDeletableCollection[m.ProcessingProgram, m.ProcessingProgramInput, m.ProcessingProgramPatch]
):
    """/v1/processing-programs (conformance class ``processing``), async."""

    spec = _PROCESSING_PROGRAMS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        processing_job_uuid: UUID | str | Sequence[UUID | str] | None = None,
        programs: str | None = None,
        pipeline: str | None = None,
        status: Literal["QUEUED", "RUNNING", "SUCCESS", "FAILED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.ProcessingProgram]:
        """Lists processing programs visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only processing programs whose `dataCollectionUuid` is one of these values (repeat
                the parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422
                naming `/query/dataCollectionUuid`).
            proposal_uuid: Only processing programs whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing programs whose `beamlineName` equals this value.
            processing_job_uuid: Only processing programs whose `processingJobUuid` is one of these values (repeat
                the parameter for several, `processingJobUuid=a&processingJobUuid=b`, at most 100; more answers 422
                naming `/query/processingJobUuid`).
            programs: Only processing programs whose `programs` equals this value.
            pipeline: Only processing programs whose `pipeline` equals this value.
            status: Only processing programs whose `status` equals this value.
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "processingJobUuid": processing_job_uuid,
                "programs": programs,
                "pipeline": pipeline,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


_PROCESSING_MESSAGES = CollectionSpec(
    name="processing_messages",
    path="/v1/processing-messages",
    conformance_class="processing",
    model=m.ProcessingMessage,
    page=m.ProcessingMessagePage,
)


class ProcessingMessages(DeletableCollection[m.ProcessingMessage, m.ProcessingMessageInput, m.ProcessingMessagePatch]):
    """/v1/processing-messages (conformance class ``processing``)."""

    spec = _PROCESSING_MESSAGES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        severity: Literal["ERROR", "WARNING", "INFO"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.ProcessingMessage]:
        """Lists processing messages visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only processing messages whose `processingProgramUuid` is one of these values
                (repeat the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more
                answers 422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only processing messages whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing messages whose `beamlineName` equals this value.
            severity: Only processing messages whose `severity` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "severity": severity,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncProcessingMessages(
    AsyncDeletableCollection[m.ProcessingMessage, m.ProcessingMessageInput, m.ProcessingMessagePatch]
):
    """/v1/processing-messages (conformance class ``processing``), async."""

    spec = _PROCESSING_MESSAGES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        severity: Literal["ERROR", "WARNING", "INFO"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.ProcessingMessage]:
        """Lists processing messages visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only processing messages whose `processingProgramUuid` is one of these values
                (repeat the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more
                answers 422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only processing messages whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing messages whose `beamlineName` equals this value.
            severity: Only processing messages whose `severity` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "severity": severity,
                "orderBy": order_by,
            },
            page_size,
        )


_PROCESSING_ATTACHMENTS = CollectionSpec(
    name="processing_attachments",
    path="/v1/processing-attachments",
    conformance_class="processing",
    model=m.ProcessingAttachment,
    page=m.ProcessingAttachmentPage,
)


class ProcessingAttachments(
    DeletableCollection[m.ProcessingAttachment, m.ProcessingAttachmentInput, m.ProcessingAttachmentPatch]
):
    """/v1/processing-attachments (conformance class ``processing``)."""

    spec = _PROCESSING_ATTACHMENTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        file_type: Literal["LOG", "RESULT", "GRAPH", "DEBUG", "INPUT"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.ProcessingAttachment]:
        """Lists processing attachments visible to the caller, oldest first, one page at a time (keyset pagination:
        follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only processing attachments whose `processingProgramUuid` is one of these
                values (repeat the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most
                100; more answers 422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only processing attachments whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing attachments whose `beamlineName` equals this value.
            file_type: Only processing attachments whose `fileType` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "fileType": file_type,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncProcessingAttachments(
    AsyncDeletableCollection[m.ProcessingAttachment, m.ProcessingAttachmentInput, m.ProcessingAttachmentPatch]
):
    """/v1/processing-attachments (conformance class ``processing``), async."""

    spec = _PROCESSING_ATTACHMENTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        file_type: Literal["LOG", "RESULT", "GRAPH", "DEBUG", "INPUT"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.ProcessingAttachment]:
        """Lists processing attachments visible to the caller, oldest first, one page at a time (keyset pagination:
        follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only processing attachments whose `processingProgramUuid` is one of these
                values (repeat the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most
                100; more answers 422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only processing attachments whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only processing attachments whose `beamlineName` equals this value.
            file_type: Only processing attachments whose `fileType` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "fileType": file_type,
                "orderBy": order_by,
            },
            page_size,
        )


_INTEGRATIONS = CollectionSpec(
    name="integrations",
    path="/v1/integrations",
    conformance_class="processing",
    model=m.Integration,
    page=m.IntegrationPage,
)


class Integrations(DeletableCollection[m.Integration, m.IntegrationInput, m.IntegrationPatch]):
    """/v1/integrations (conformance class ``processing``)."""

    spec = _INTEGRATIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Integration]:
        """Lists integrations visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only integrations whose `processingProgramUuid` is one of these values (repeat
                the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more answers
                422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only integrations whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only integrations whose `beamlineName` equals this value.
            data_collection_uuid: Only integrations whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "dataCollectionUuid": data_collection_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncIntegrations(AsyncDeletableCollection[m.Integration, m.IntegrationInput, m.IntegrationPatch]):
    """/v1/integrations (conformance class ``processing``), async."""

    spec = _INTEGRATIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Integration]:
        """Lists integrations visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only integrations whose `processingProgramUuid` is one of these values (repeat
                the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more answers
                422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only integrations whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only integrations whose `beamlineName` equals this value.
            data_collection_uuid: Only integrations whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "dataCollectionUuid": data_collection_uuid,
                "orderBy": order_by,
            },
            page_size,
        )


_SCALING_STATISTICS = CollectionSpec(
    name="scaling_statistics",
    path="/v1/scaling-statistics",
    conformance_class="processing",
    model=m.ScalingStatistics,
    page=m.ScalingStatisticsPage,
)


class ScalingStatistics(DeletableCollection[m.ScalingStatistics, m.ScalingStatisticsInput, m.ScalingStatisticsPatch]):
    """/v1/scaling-statistics (conformance class ``processing``)."""

    spec = _SCALING_STATISTICS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        integration_uuid: UUID | str | Sequence[UUID | str] | None = None,
        shell: Literal["OVERALL", "INNER_SHELL", "OUTER_SHELL"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.ScalingStatistics]:
        """Lists scaling statistics visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only scaling statistics whose `processingProgramUuid` is one of these values
                (repeat the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more
                answers 422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only scaling statistics whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only scaling statistics whose `beamlineName` equals this value.
            integration_uuid: Only scaling statistics whose `integrationUuid` is one of these values (repeat the
                parameter for several, `integrationUuid=a&integrationUuid=b`, at most 100; more answers 422 naming
                `/query/integrationUuid`).
            shell: Only scaling statistics whose `shell` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "integrationUuid": integration_uuid,
                "shell": shell,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncScalingStatistics(
    AsyncDeletableCollection[m.ScalingStatistics, m.ScalingStatisticsInput, m.ScalingStatisticsPatch]
):
    """/v1/scaling-statistics (conformance class ``processing``), async."""

    spec = _SCALING_STATISTICS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        integration_uuid: UUID | str | Sequence[UUID | str] | None = None,
        shell: Literal["OVERALL", "INNER_SHELL", "OUTER_SHELL"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.ScalingStatistics]:
        """Lists scaling statistics visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            processing_program_uuid: Only scaling statistics whose `processingProgramUuid` is one of these values
                (repeat the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more
                answers 422 naming `/query/processingProgramUuid`).
            proposal_uuid: Only scaling statistics whose `proposalUuid` is one of these values (repeat the parameter
                for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only scaling statistics whose `beamlineName` equals this value.
            integration_uuid: Only scaling statistics whose `integrationUuid` is one of these values (repeat the
                parameter for several, `integrationUuid=a&integrationUuid=b`, at most 100; more answers 422 naming
                `/query/integrationUuid`).
            shell: Only scaling statistics whose `shell` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "processingProgramUuid": processing_program_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "integrationUuid": integration_uuid,
                "shell": shell,
                "orderBy": order_by,
            },
            page_size,
        )


_SCREENINGS = CollectionSpec(
    name="screenings",
    path="/v1/screenings",
    conformance_class="processing",
    model=m.Screening,
    page=m.ScreeningPage,
)


class Screenings(DeletableCollection[m.Screening, m.ScreeningInput, m.ScreeningPatch]):
    """/v1/screenings (conformance class ``processing``)."""

    spec = _SCREENINGS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        indexing_success: bool | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Screening]:
        """Lists screenings visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only screenings whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            proposal_uuid: Only screenings whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only screenings whose `beamlineName` equals this value.
            processing_program_uuid: Only screenings whose `processingProgramUuid` is one of these values (repeat
                the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more answers
                422 naming `/query/processingProgramUuid`).
            indexing_success: Only screenings whose `indexingSuccess` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "processingProgramUuid": processing_program_uuid,
                "indexingSuccess": indexing_success,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncScreenings(AsyncDeletableCollection[m.Screening, m.ScreeningInput, m.ScreeningPatch]):
    """/v1/screenings (conformance class ``processing``), async."""

    spec = _SCREENINGS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        processing_program_uuid: UUID | str | Sequence[UUID | str] | None = None,
        indexing_success: bool | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Screening]:
        """Lists screenings visible to the caller, oldest first, one page at a time (keyset pagination: follow `next`
        or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals;
        staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only screenings whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            proposal_uuid: Only screenings whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only screenings whose `beamlineName` equals this value.
            processing_program_uuid: Only screenings whose `processingProgramUuid` is one of these values (repeat
                the parameter for several, `processingProgramUuid=a&processingProgramUuid=b`, at most 100; more answers
                422 naming `/query/processingProgramUuid`).
            indexing_success: Only screenings whose `indexingSuccess` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "processingProgramUuid": processing_program_uuid,
                "indexingSuccess": indexing_success,
                "orderBy": order_by,
            },
            page_size,
        )


_ROBOT_ACTIONS = CollectionSpec(
    name="robot_actions",
    path="/v1/robot-actions",
    conformance_class="beamline-events",
    model=m.RobotAction,
    page=m.RobotActionPage,
)


class RobotActions(DeletableCollection[m.RobotAction, m.RobotActionInput, m.RobotActionPatch]):
    """/v1/robot-actions (conformance class ``beamline-events``)."""

    spec = _ROBOT_ACTIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        action_type: Literal["LOAD", "UNLOAD", "DISPOSE", "STORE", "WASH", "ANNEAL", "MOSAIC"] | str | None = None,
        status: Literal["SUCCESS", "ERROR", "CRITICAL", "WARNING", "EPICS_FAIL", "COMMAND_NOT_SENT"]
        | str
        | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.RobotAction]:
        """Lists robot actions visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only robot actions whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only robot actions whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only robot actions whose `beamlineName` equals this value.
            sample_uuid: Only robot actions whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            action_type: Only robot actions whose `actionType` equals this value.
            status: Only robot actions whose `status` equals this value.
            started_after: Only robot actions whose `startTime` is at or after this instant (RFC 3339 with time
                zone).
            started_before: Only robot actions whose `startTime` is strictly before this instant (RFC 3339 with time
                zone).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "actionType": action_type,
                "status": status,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncRobotActions(AsyncDeletableCollection[m.RobotAction, m.RobotActionInput, m.RobotActionPatch]):
    """/v1/robot-actions (conformance class ``beamline-events``), async."""

    spec = _ROBOT_ACTIONS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        sample_uuid: UUID | str | Sequence[UUID | str] | None = None,
        action_type: Literal["LOAD", "UNLOAD", "DISPOSE", "STORE", "WASH", "ANNEAL", "MOSAIC"] | str | None = None,
        status: Literal["SUCCESS", "ERROR", "CRITICAL", "WARNING", "EPICS_FAIL", "COMMAND_NOT_SENT"]
        | str
        | None = None,
        started_after: datetime | str | None = None,
        started_before: datetime | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.RobotAction]:
        """Lists robot actions visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only robot actions whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only robot actions whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only robot actions whose `beamlineName` equals this value.
            sample_uuid: Only robot actions whose `sampleUuid` is one of these values (repeat the parameter for
                several, `sampleUuid=a&sampleUuid=b`, at most 100; more answers 422 naming `/query/sampleUuid`).
            action_type: Only robot actions whose `actionType` equals this value.
            status: Only robot actions whose `status` equals this value.
            started_after: Only robot actions whose `startTime` is at or after this instant (RFC 3339 with time
                zone).
            started_before: Only robot actions whose `startTime` is strictly before this instant (RFC 3339 with time
                zone).
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "sampleUuid": sample_uuid,
                "actionType": action_type,
                "status": status,
                "startedAfter": started_after,
                "startedBefore": started_before,
                "orderBy": order_by,
            },
            page_size,
        )


_IMAGES = CollectionSpec(
    name="images",
    path="/v1/images",
    conformance_class="beamline-events",
    model=m.Image,
    page=m.ImagePage,
)


class Images(DeletableCollection[m.Image, m.ImageInput, m.ImagePatch]):
    """/v1/images (conformance class ``beamline-events``)."""

    spec = _IMAGES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        image_number: int | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Image]:
        """Lists images visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only images whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            proposal_uuid: Only images whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only images whose `beamlineName` equals this value.
            image_number: Only images whose `imageNumber` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "imageNumber": image_number,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncImages(AsyncDeletableCollection[m.Image, m.ImageInput, m.ImagePatch]):
    """/v1/images (conformance class ``beamline-events``), async."""

    spec = _IMAGES

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        image_number: int | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Image]:
        """Lists images visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only images whose `dataCollectionUuid` is one of these values (repeat the
                parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more answers 422 naming
                `/query/dataCollectionUuid`).
            proposal_uuid: Only images whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only images whose `beamlineName` equals this value.
            image_number: Only images whose `imageNumber` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "imageNumber": image_number,
                "orderBy": order_by,
            },
            page_size,
        )


_IMAGE_QUALITY_INDICATORS = CollectionSpec(
    name="image_quality_indicators",
    path="/v1/image-quality-indicators",
    conformance_class="beamline-events",
    model=m.ImageQualityIndicators,
    page=m.ImageQualityIndicatorsPage,
)


class ImageQualityIndicators(
    DeletableCollection[m.ImageQualityIndicators, m.ImageQualityIndicatorsInput, m.ImageQualityIndicatorsPatch]
):
    """/v1/image-quality-indicators (conformance class ``beamline-events``)."""

    spec = _IMAGE_QUALITY_INDICATORS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        image_number: int | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.ImageQualityIndicators]:
        """Lists image quality indicators visible to the caller, oldest first, one page at a time (keyset pagination:
        follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only image quality indicators whose `dataCollectionUuid` is one of these values
                (repeat the parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more
                answers 422 naming `/query/dataCollectionUuid`).
            proposal_uuid: Only image quality indicators whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only image quality indicators whose `beamlineName` equals this value.
            image_number: Only image quality indicators whose `imageNumber` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "imageNumber": image_number,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncImageQualityIndicators(
    AsyncDeletableCollection[m.ImageQualityIndicators, m.ImageQualityIndicatorsInput, m.ImageQualityIndicatorsPatch]
):
    """/v1/image-quality-indicators (conformance class ``beamline-events``), async."""

    spec = _IMAGE_QUALITY_INDICATORS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        image_number: int | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.ImageQualityIndicators]:
        """Lists image quality indicators visible to the caller, oldest first, one page at a time (keyset pagination:
        follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only image quality indicators whose `dataCollectionUuid` is one of these values
                (repeat the parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more
                answers 422 naming `/query/dataCollectionUuid`).
            proposal_uuid: Only image quality indicators whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only image quality indicators whose `beamlineName` equals this value.
            image_number: Only image quality indicators whose `imageNumber` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "imageNumber": image_number,
                "orderBy": order_by,
            },
            page_size,
        )


_DATA_COLLECTION_ATTACHMENTS = CollectionSpec(
    name="data_collection_attachments",
    path="/v1/data-collection-attachments",
    conformance_class="beamline-events",
    model=m.DataCollectionAttachment,
    page=m.DataCollectionAttachmentPage,
)


class DataCollectionAttachments(
    DeletableCollection[m.DataCollectionAttachment, m.DataCollectionAttachmentInput, m.DataCollectionAttachmentPatch]
):
    """/v1/data-collection-attachments (conformance class ``beamline-events``)."""

    spec = _DATA_COLLECTION_ATTACHMENTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        file_type: Literal["SNAPSHOT", "LOG", "XY", "RECIPROCAL", "PIA", "WARNING", "PARAMETERS"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.DataCollectionAttachment]:
        """Lists data collection attachments visible to the caller, oldest first, one page at a time (keyset
        pagination: follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see
        records of their proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only data collection attachments whose `dataCollectionUuid` is one of these values
                (repeat the parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more
                answers 422 naming `/query/dataCollectionUuid`).
            proposal_uuid: Only data collection attachments whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only data collection attachments whose `beamlineName` equals this value.
            file_type: Only data collection attachments whose `fileType` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "fileType": file_type,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncDataCollectionAttachments(
    AsyncDeletableCollection[
        m.DataCollectionAttachment, m.DataCollectionAttachmentInput, m.DataCollectionAttachmentPatch
    ]
):
    """/v1/data-collection-attachments (conformance class ``beamline-events``), async."""

    spec = _DATA_COLLECTION_ATTACHMENTS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        data_collection_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        file_type: Literal["SNAPSHOT", "LOG", "XY", "RECIPROCAL", "PIA", "WARNING", "PARAMETERS"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.DataCollectionAttachment]:
        """Lists data collection attachments visible to the caller, oldest first, one page at a time (keyset
        pagination: follow `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see
        records of their proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            data_collection_uuid: Only data collection attachments whose `dataCollectionUuid` is one of these values
                (repeat the parameter for several, `dataCollectionUuid=a&dataCollectionUuid=b`, at most 100; more
                answers 422 naming `/query/dataCollectionUuid`).
            proposal_uuid: Only data collection attachments whose `proposalUuid` is one of these values (repeat the
                parameter for several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming
                `/query/proposalUuid`).
            beamline_name: Only data collection attachments whose `beamlineName` equals this value.
            file_type: Only data collection attachments whose `fileType` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "dataCollectionUuid": data_collection_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "fileType": file_type,
                "orderBy": order_by,
            },
            page_size,
        )


_WORKFLOWS = CollectionSpec(
    name="workflows",
    path="/v1/workflows",
    conformance_class="beamline-events",
    model=m.Workflow,
    page=m.WorkflowPage,
)


class Workflows(DeletableCollection[m.Workflow, m.WorkflowInput, m.WorkflowPatch]):
    """/v1/workflows (conformance class ``beamline-events``)."""

    spec = _WORKFLOWS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        workflow_type: str | None = None,
        status: Literal["STARTED", "RUNNING", "SUCCESS", "FAILURE", "ABORTED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.Workflow]:
        """Lists workflows visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only workflows whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only workflows whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only workflows whose `beamlineName` equals this value.
            workflow_type: Only workflows whose `workflowType` equals this value.
            status: Only workflows whose `status` equals this value.
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "workflowType": workflow_type,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncWorkflows(AsyncDeletableCollection[m.Workflow, m.WorkflowInput, m.WorkflowPatch]):
    """/v1/workflows (conformance class ``beamline-events``), async."""

    spec = _WORKFLOWS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        session_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        workflow_type: str | None = None,
        status: Literal["STARTED", "RUNNING", "SUCCESS", "FAILURE", "ABORTED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc", "startTime", "startTime desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.Workflow]:
        """Lists workflows visible to the caller, oldest first, one page at a time (keyset pagination: follow `next` or
        pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their proposals; staff
        see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            session_uuid: Only workflows whose `sessionUuid` is one of these values (repeat the parameter for
                several, `sessionUuid=a&sessionUuid=b`, at most 100; more answers 422 naming `/query/sessionUuid`).
            proposal_uuid: Only workflows whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only workflows whose `beamlineName` equals this value.
            workflow_type: Only workflows whose `workflowType` equals this value.
            status: Only workflows whose `status` equals this value.
            order_by: one of createdAt, createdAt desc, startTime, startTime desc (default: creation order, oldest
                first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "sessionUuid": session_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "workflowType": workflow_type,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


_WORKFLOW_STEPS = CollectionSpec(
    name="workflow_steps",
    path="/v1/workflow-steps",
    conformance_class="beamline-events",
    model=m.WorkflowStep,
    page=m.WorkflowStepPage,
)


class WorkflowSteps(DeletableCollection[m.WorkflowStep, m.WorkflowStepInput, m.WorkflowStepPatch]):
    """/v1/workflow-steps (conformance class ``beamline-events``)."""

    spec = _WORKFLOW_STEPS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        workflow_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        type: str | None = None,
        status: Literal["STARTED", "RUNNING", "SUCCESS", "FAILURE", "ABORTED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> Pager[m.WorkflowStep]:
        """Lists workflow steps visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            workflow_uuid: Only workflow steps whose `workflowUuid` is one of these values (repeat the parameter for
                several, `workflowUuid=a&workflowUuid=b`, at most 100; more answers 422 naming `/query/workflowUuid`).
            proposal_uuid: Only workflow steps whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only workflow steps whose `beamlineName` equals this value.
            type: Only workflow steps whose `type` equals this value.
            status: Only workflow steps whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "workflowUuid": workflow_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "type": type,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


class AsyncWorkflowSteps(AsyncDeletableCollection[m.WorkflowStep, m.WorkflowStepInput, m.WorkflowStepPatch]):
    """/v1/workflow-steps (conformance class ``beamline-events``), async."""

    spec = _WORKFLOW_STEPS

    def list(
        self,
        *,
        uuid: UUID | str | Sequence[UUID | str] | None = None,
        site: str | None = None,
        workflow_uuid: UUID | str | Sequence[UUID | str] | None = None,
        proposal_uuid: UUID | str | Sequence[UUID | str] | None = None,
        beamline_name: str | None = None,
        type: str | None = None,
        status: Literal["STARTED", "RUNNING", "SUCCESS", "FAILURE", "ABORTED"] | str | None = None,
        order_by: Literal["createdAt", "createdAt desc"] | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[m.WorkflowStep]:
        """Lists workflow steps visible to the caller, oldest first, one page at a time (keyset pagination: follow
        `next` or pass `nextPageToken` as `pageToken`). Filters combine with AND. Users see records of their
        proposals; staff see all; service tokens see and write records of their own beamlines only.

        Lazy: no page is fetched before iteration needs it.

        Args:
            uuid: Only the records whose `uuid` is one of these values: a batch read (AIP-231), the parameter
                repeated (`uuid=a&uuid=b`), at most 100 values; more answers 422 naming `/query/uuid`. Records the
                caller cannot read are left out, like records that do not exist (never an error), so the page holds
                exactly the readable ones among them, in the list's order and paginated as any list. Combines with the
                other filters (AND); each reference filter (`…Uuid`) likewise accepts up to 100 values, any of which
                matches, so a client reads the children of many records in one request.
            site: Only records held by this site (the `site` its records state). A federation lists that member
                only; a single-site server answers its records for its own `siteName` (landing page) and an empty page
                for any other.
            workflow_uuid: Only workflow steps whose `workflowUuid` is one of these values (repeat the parameter for
                several, `workflowUuid=a&workflowUuid=b`, at most 100; more answers 422 naming `/query/workflowUuid`).
            proposal_uuid: Only workflow steps whose `proposalUuid` is one of these values (repeat the parameter for
                several, `proposalUuid=a&proposalUuid=b`, at most 100; more answers 422 naming `/query/proposalUuid`).
            beamline_name: Only workflow steps whose `beamlineName` equals this value.
            type: Only workflow steps whose `type` equals this value.
            status: Only workflow steps whose `status` equals this value.
            order_by: one of createdAt, createdAt desc (default: creation order, oldest first).
            page_size: records per page (the site's default when None; at most 1000).
        """
        return self._list(
            {
                "uuid": uuid,
                "site": site,
                "workflowUuid": workflow_uuid,
                "proposalUuid": proposal_uuid,
                "beamlineName": beamline_name,
                "type": type,
                "status": status,
                "orderBy": order_by,
            },
            page_size,
        )


#: Every collection of the spec, in the spec's order.
SPECS: tuple[CollectionSpec, ...] = (
    _PROPOSALS,
    _SESSIONS,
    _PERSONS,
    _PROPOSAL_MEMBERS,
    _SESSION_MEMBERS,
    _LAB_CONTACTS,
    _LABORATORIES,
    _PROTEINS,
    _CRYSTALS,
    _SAMPLES,
    _SAMPLE_IMAGES,
    _SHIPMENTS,
    _DEWARS,
    _CONTAINERS,
    _DATA_COLLECTION_GROUPS,
    _DATA_COLLECTIONS,
    _GRID_SCANS,
    _ENERGY_SCANS,
    _XRF_SPECTRA,
    _BEAMLINE_SETUPS,
    _DETECTORS,
    _PROCESSING_JOBS,
    _PROCESSING_PROGRAMS,
    _PROCESSING_MESSAGES,
    _PROCESSING_ATTACHMENTS,
    _INTEGRATIONS,
    _SCALING_STATISTICS,
    _SCREENINGS,
    _ROBOT_ACTIONS,
    _IMAGES,
    _IMAGE_QUALITY_INDICATORS,
    _DATA_COLLECTION_ATTACHMENTS,
    _WORKFLOWS,
    _WORKFLOW_STEPS,
)


class Collections:
    """Every collection of the spec as an attribute."""

    def __init__(self, transport: SyncTransport) -> None:
        self.proposals = Proposals(transport)
        self.sessions = Sessions(transport)
        self.persons = Persons(transport)
        self.proposal_members = ProposalMembers(transport)
        self.session_members = SessionMembers(transport)
        self.lab_contacts = LabContacts(transport)
        self.laboratories = Laboratories(transport)
        self.proteins = Proteins(transport)
        self.crystals = Crystals(transport)
        self.samples = Samples(transport)
        self.sample_images = SampleImages(transport)
        self.shipments = Shipments(transport)
        self.dewars = Dewars(transport)
        self.containers = Containers(transport)
        self.data_collection_groups = DataCollectionGroups(transport)
        self.data_collections = DataCollections(transport)
        self.grid_scans = GridScans(transport)
        self.energy_scans = EnergyScans(transport)
        self.xrf_spectra = XrfSpectra(transport)
        self.beamline_setups = BeamlineSetups(transport)
        self.detectors = Detectors(transport)
        self.processing_jobs = ProcessingJobs(transport)
        self.processing_programs = ProcessingPrograms(transport)
        self.processing_messages = ProcessingMessages(transport)
        self.processing_attachments = ProcessingAttachments(transport)
        self.integrations = Integrations(transport)
        self.scaling_statistics = ScalingStatistics(transport)
        self.screenings = Screenings(transport)
        self.robot_actions = RobotActions(transport)
        self.images = Images(transport)
        self.image_quality_indicators = ImageQualityIndicators(transport)
        self.data_collection_attachments = DataCollectionAttachments(transport)
        self.workflows = Workflows(transport)
        self.workflow_steps = WorkflowSteps(transport)


class AsyncCollections:
    """Every collection of the spec as an attribute (async)."""

    def __init__(self, transport: AsyncTransport) -> None:
        self.proposals = AsyncProposals(transport)
        self.sessions = AsyncSessions(transport)
        self.persons = AsyncPersons(transport)
        self.proposal_members = AsyncProposalMembers(transport)
        self.session_members = AsyncSessionMembers(transport)
        self.lab_contacts = AsyncLabContacts(transport)
        self.laboratories = AsyncLaboratories(transport)
        self.proteins = AsyncProteins(transport)
        self.crystals = AsyncCrystals(transport)
        self.samples = AsyncSamples(transport)
        self.sample_images = AsyncSampleImages(transport)
        self.shipments = AsyncShipments(transport)
        self.dewars = AsyncDewars(transport)
        self.containers = AsyncContainers(transport)
        self.data_collection_groups = AsyncDataCollectionGroups(transport)
        self.data_collections = AsyncDataCollections(transport)
        self.grid_scans = AsyncGridScans(transport)
        self.energy_scans = AsyncEnergyScans(transport)
        self.xrf_spectra = AsyncXrfSpectra(transport)
        self.beamline_setups = AsyncBeamlineSetups(transport)
        self.detectors = AsyncDetectors(transport)
        self.processing_jobs = AsyncProcessingJobs(transport)
        self.processing_programs = AsyncProcessingPrograms(transport)
        self.processing_messages = AsyncProcessingMessages(transport)
        self.processing_attachments = AsyncProcessingAttachments(transport)
        self.integrations = AsyncIntegrations(transport)
        self.scaling_statistics = AsyncScalingStatistics(transport)
        self.screenings = AsyncScreenings(transport)
        self.robot_actions = AsyncRobotActions(transport)
        self.images = AsyncImages(transport)
        self.image_quality_indicators = AsyncImageQualityIndicators(transport)
        self.data_collection_attachments = AsyncDataCollectionAttachments(transport)
        self.workflows = AsyncWorkflows(transport)
        self.workflow_steps = AsyncWorkflowSteps(transport)
