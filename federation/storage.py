"""``FederatedStorage``: the site kit's seam, answered by asking the member sites over HTTP.

Reads by UUID go to the member that holds the record: its location is remembered (``federation.locate``),
otherwise every member is asked at once and the one answering 200 is remembered. Lists fan out with the same
filters and merge (``federation.listing``). Writes go to the member holding the record (PATCH, DELETE, a PUT
that replaces) or, for a new record, to the member holding the record it hangs from — its parent first (a
data collection's group, a sample's crystal…), else the first record it refers to; a record that refers to
nothing (a new laboratory, a proposal without its investigator) has no site to go to and is refused (403):
create it at its site. Every request to a member carries the caller's own credentials there.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

import orjson
from pydantic import BaseModel

from federation import cursor, fanout, records
from federation.config import FederationConfig, Identity, token_sha256
from federation.listing import Begin, MemberPage, Stream, merge
from federation.locate import LocationCache
from federation.members import Member, Unavailable
from federation.sizing import FirstPages, shares
from federation.wire import Answer
from site_kit.caller import Caller, unauthorized
from site_kit.paging import listing_identity
from site_kit.problems import ProblemError, not_found, unresolved
from site_kit.resources import PROVENANCE, Resource, registry
from site_kit.seam import Page, PageRequest, Preconditions, Record

JSON = "application/json"
RETRY_AFTER = "5"


def unavailable_problem(missing: Sequence[Unavailable], what: str) -> ProblemError:
    """503: no member that matters answered; the members and why, as in a page's ``unavailableSites``."""
    names = ", ".join(m.member for m in missing)
    return ProblemError(
        503,
        f"{what}: member site(s) {names} did not answer.",
        slug="members-unavailable",
        headers={"Retry-After": RETRY_AFTER},
        members={"unavailableSites": [m.as_document() for m in missing]},
    )


class FederatedStorage:
    """The seam over the members of ``config`` (see the module docstring)."""

    #: the kit passes the ``site`` filter through: the federation answers it (``site_kit.routes``)
    states_sites = True

    def __init__(self, config: FederationConfig) -> None:
        self.config = config
        self.members = {m.name: Member(m, config.breaker) for m in config.members}
        self.names = [m.name for m in config.members]
        self.locations = LocationCache(cursor.fingerprint(self.names), config.redis_url)
        self.first_pages = FirstPages()

    # ------------------------------------------------------------------ who

    def resolve_caller(self, token: str) -> Caller:
        digest = token_sha256(token)
        identity = self.config.callers.get(digest)
        if identity is None:
            raise unauthorized("Unknown or revoked federation token.")
        # the kit carries ``person`` back to us: the federation's key of the caller is their token's digest
        return Caller(identity.subject, identity.role, beamlines=identity.beamlines, person=digest)

    def _identity(self, caller: Caller) -> Identity:
        return self.config.callers[str(caller.person)]

    def _targets(self, identity: Identity) -> list[str]:
        """The members this caller is known at, in the members file's order."""
        return [n for n in self.names if n in identity.credentials]

    def _timeout(self, names: Iterable[str]) -> float:
        return max((self.members[n].config.timeout for n in names), default=0.0)

    def _ask(
        self, identity: Identity, names: Sequence[str], call: Callable[[Member, str], Awaitable[Answer]]
    ) -> dict[str, Answer | Unavailable]:
        """Ask ``names`` at once with the caller's credentials there (from the worker thread of a seam method)."""
        calls = {n: (lambda m=self.members[n], t=identity.credentials[n]: call(m, t)) for n in names}
        return fanout.ask(calls, self._timeout(names))

    # ------------------------------------------------------------------ where a record lives

    def _locate(self, identity: Identity, resource: Resource, uid: uuid.UUID) -> tuple[str, Answer] | None:
        """The member holding the record for this caller and its answer; None when no member has it.

        503 when no member has it but some did not answer (the record may be there: a write must not guess).
        """
        path = f"/v1/{resource.collection}/{uid}"
        targets = self._targets(identity)
        known = self.locations.get(str(uid))
        if known in targets:
            answer = self._ask(identity, [known], lambda m, t: m.request("GET", path, t))[known]
            if isinstance(answer, Answer) and answer.status_code == 200:
                return known, answer
            if isinstance(answer, Unavailable):
                raise unavailable_problem([answer], f"The {resource.name} is held by {known}")
            self.locations.forget(str(uid))
            targets = [n for n in targets if n != known]
        answers = self._ask(identity, targets, lambda m, t: m.request("GET", path, t))
        missing = []
        for name in targets:
            answer = answers[name]
            if isinstance(answer, Unavailable):
                missing.append(answer)
            elif answer.status_code == 200:
                self.locations.put(str(uid), name)
                return name, answer
            elif answer.status_code in (401, 403):  # the federation's credentials for this caller are refused
                missing.append(Unavailable(name, "FAILING", f"refused the caller's credentials ({answer.status_code})"))
        if missing:
            raise unavailable_problem(missing, f"No answering member holds this {resource.name}")
        return None

    # ------------------------------------------------------------------ reads

    def get(self, caller: Caller, resource: Resource, uuid: uuid.UUID) -> Record:
        found = self._locate(self._identity(caller), resource, uuid)
        if found is None:
            raise not_found(resource.name)
        name, response = found
        return records.record(response, name)

    async def page(self, caller: Caller, resource: Resource, request: PageRequest) -> Page:
        """A federated page, on the event loop (the kit awaits a coroutine ``page``: ``site_kit.seam``)."""
        identity = self._identity(caller)
        cursors = cursor.decode(self.names, request.after)
        site = request.filters.get(PROVENANCE)
        listing = [n for n in self._targets(identity) if site is None or n == site]
        asked = [n for n in listing if cursors.get(n) is not None]
        finished = len(asked) < len(listing)  # some member of the listing already gave all its records
        for name in self.names:  # members outside this listing (no credentials, another site) are done with
            if name not in asked:
                cursors[name] = cursor.DONE
        params = [*records.query_params(request.filters), ("orderBy", request.order.value)]
        path = f"/v1/{resource.collection}"

        field = request.order.field or "createdAt"
        kind = "datetime" if field == "createdAt" else resource.field_index[field].kind

        def asker(name: str) -> Begin:
            member, token = self.members[name], identity.credentials[name]

            async def read(page_token: str | None, limit: int) -> MemberPage:
                query = [*params, ("limit", str(limit))] + ([("pageToken", page_token)] if page_token else [])
                response = await member.request("GET", path, token, params=query)
                if response.status_code != 200:
                    reason = "its page token is no longer valid" if response.status_code == 400 else "refused"
                    raise Unavailable(name, "FAILING", f"{reason} ({response.status_code})")
                doc = orjson.loads(response.content)
                return records.entries(doc["items"], name, field, kind), doc.get("nextPageToken")

            return read

        streams = [Stream(n, i, asker(n), cursors[n] or cursor.START) for i, n in enumerate(self.names) if n in asked]

        # a first page is sized from the last first page of the same listing (``federation.sizing``)
        # the listing as page tokens name it, for this caller and these members
        listed = listing_identity(resource.collection, request.filters, request.order.value)
        listing_key = (caller.person, listed, *asked)
        seen = self.first_pages.get(listing_key) if request.after is None else None
        if seen is not None:
            sizes = shares(request.limit, list(seen.taken), seen.spread)
        else:
            sizes = shares(request.limit, [s.cursor.taken for s in streams])
        # every request leaves before any answer is read (``wire.Wire.request``)
        loads = {s.name: (lambda s=s, size=size: s.load(size)) for s, size in zip(streams, sizes, strict=True)}
        loaded = await fanout.run(loads, self._timeout(asked))
        for s in streams:
            outcome = loaded.get(s.name)
            if isinstance(outcome, Unavailable):
                s.failed = outcome
        if streams and not finished and all(s.failed is not None for s in streams):
            raise unavailable_problem([s.failed for s in streams if s.failed], "No member site answered")
        items = await merge(streams, request.limit, request.order.descending)
        if request.after is None and all(s.failed is None for s in streams):
            self.first_pages.note(listing_key, request.limit, [s.taken for s in streams], seen)
        for s in streams:
            cursors[s.name] = s.cursor_after()
        more = any(c is not None for c in cursors.values())
        missing = tuple(s.failed.as_document() for s in streams if s.failed is not None)
        return Page([], cursor.encode(self.names, cursors) if more else None, missing, documents=items)

    # ------------------------------------------------------------------ writes

    def _owner_of_new(self, identity: Identity, resource: Resource, doc: dict[str, Any]) -> str:
        """The member a new record goes to: the one holding its parent, else the first record it refers to."""
        fields: list[str] = []
        for link in (resource.parent, resource.consistent_with):
            if link is not None:
                fields.append(link.field)
        fields += [r.field for r in resource.references if r.field not in fields]
        targets = {r.field: r.target for r in resource.references}
        tried = []
        for name in fields:
            value = doc.get(name)
            if not value or name not in targets:
                continue
            tried.append(name)
            try:
                ref = uuid.UUID(str(value))
            except ValueError:
                continue
            found = self._locate(identity, registry()[targets[name]], ref)
            if found is not None:
                return found[0]
        if tried:
            raise unresolved(["body", tried[0]], f"No member site holds a {targets[tried[0]]} with this UUID for you.")
        raise ProblemError(
            403,
            f"A new {resource.name} refers to no record, so it belongs to no member site: create it at its site "
            "(the federation routes a new record to the site of the record it hangs from).",
            slug="no-owning-site",
        )

    def _answer(self, response: Answer, name: str, ok: Sequence[int]) -> Answer:
        if response.status_code not in ok:
            raise records.problem(response, name)
        return response

    def _write(
        self, identity: Identity, name: str, method: str, path: str, body: Any, headers: dict[str, str]
    ) -> Answer | Unavailable:
        return self._ask(identity, [name], lambda m, t: m.request(method, path, t, json=body, headers=headers))[name]

    def _sent(self, name: str, answer: Answer | Unavailable, ok: Sequence[int]) -> Answer:
        if isinstance(answer, Unavailable):
            raise unavailable_problem([answer], f"The write's site {name}")
        return self._answer(answer, name, ok)

    def create(self, caller: Caller, resource: Resource, body: BaseModel) -> Record:
        identity = self._identity(caller)
        doc = body.model_dump(mode="json", exclude_unset=True)
        name = self._owner_of_new(identity, resource, doc)
        answer = self._write(identity, name, "POST", f"/v1/{resource.collection}", doc, {})
        made = records.record(self._sent(name, answer, (201,)), name)
        self.locations.put(str(made.uuid), name)
        return made

    def put(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, body: BaseModel, pre: Preconditions
    ) -> tuple[Record, bool]:
        identity = self._identity(caller)
        doc = body.model_dump(mode="json", exclude_unset=True)
        found = self._locate(identity, resource, uuid)
        name = found[0] if found is not None else self._owner_of_new(identity, resource, doc)
        headers = _conditions(pre)
        answer = self._write(identity, name, "PUT", f"/v1/{resource.collection}/{uuid}", doc, headers)
        response = self._sent(name, answer, (200, 201))
        self.locations.put(str(uuid), name)
        return records.record(response, name), response.status_code == 201

    def patch(
        self, caller: Caller, resource: Resource, uuid: uuid.UUID, patch: dict[str, Any], pre: Preconditions
    ) -> Record:
        identity = self._identity(caller)
        found = self._locate(identity, resource, uuid)
        if found is None:
            raise not_found(resource.name)
        name = found[0]
        headers = {"Content-Type": "application/merge-patch+json", **_conditions(pre)}
        path = f"/v1/{resource.collection}/{uuid}"
        answer = self._ask(
            identity, [name], lambda m, t: m.request("PATCH", path, t, content=orjson.dumps(patch), headers=headers)
        )[name]
        return records.record(self._sent(name, answer, (200,)), name)

    def delete(self, caller: Caller, resource: Resource, uuid: uuid.UUID, pre: Preconditions) -> None:
        identity = self._identity(caller)
        found = self._locate(identity, resource, uuid)
        if found is None:
            raise not_found(resource.name)
        name = found[0]
        answer = self._write(identity, name, "DELETE", f"/v1/{resource.collection}/{uuid}", None, _conditions(pre))
        self._sent(name, answer, (204,))
        self.locations.forget(str(uuid))

    # ------------------------------------------------------------------ the caller, health

    def me(self, caller: Caller) -> dict[str, Any]:
        """The caller as the members see them: proposals and beamlines of every member that answers."""
        identity = self._identity(caller)
        targets = self._targets(identity)
        answers = self._ask(identity, targets, lambda m, t: m.request("GET", "/v1/me", t))
        proposals: dict[str, dict[str, Any]] = {}
        beamlines: set[str] = set(identity.beamlines)
        person = None
        for name in targets:
            answer = answers[name]
            if not isinstance(answer, Answer) or answer.status_code != 200:
                continue
            doc = orjson.loads(answer.content)
            for proposal in doc.get("proposals") or ():
                proposals.setdefault(str(proposal.get("uuid")), proposal)
            beamlines.update(doc.get("beamlines") or ())
            person = person or doc.get("personUuid")
        out: dict[str, Any] = {
            "subject": identity.subject,
            "role": identity.role,
            "proposals": list(proposals.values()),
            "beamlines": sorted(beamlines),
        }
        if person:
            out["personUuid"] = person
        return out

    def healthy(self) -> bool:
        """Up while at least one member answers its /health."""
        calls = {n: (lambda m=m: m.request("GET", "/health", "-")) for n, m in self.members.items()}
        answers = fanout.ask(calls, self._timeout(self.names))
        return any(isinstance(a, Answer) and a.status_code == 200 for a in answers.values())

    def close(self) -> None:
        for member in self.members.values():
            member.close()


def _conditions(pre: Preconditions) -> dict[str, str]:
    headers = {}
    if pre.if_match is not None:
        headers["If-Match"] = pre.if_match
    if pre.if_none_match is not None:
        headers["If-None-Match"] = pre.if_none_match
    return headers
