"""The HTTP side: the few calls of the ISPyB Common API that MXCuBE's LIMS needs, with httpx.

Why not ``ispyb_common_client``: it needs pydantic >= 2.14 and mxcubecore pins pydantic 2.8.2, so the two cannot
share MXCuBE's environment; httpx is already there (mxcubecore depends on it through FastAPI). What this module
keeps of the client's behaviour: records are plain JSON objects, writes are idempotent ``PUT``s under UUIDs the
adapter chooses (a retried beamline write never duplicates a record), changes are JSON Merge Patches sent with
the ``If-Match`` of the version read (read again once on 412), lists follow ``nextPageToken``, and a class the
site does not declare at ``/conformance`` is never called (``UnservedClass``), so a site without
``beamline-events`` (Diamond's schema) still records collections.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx

#: the conformance class of each collection MXCuBE writes outside the six backbone classes
_OPTIONAL_CLASSES = {
    "images": "beamline-events",
    "robot-actions": "beamline-events",
    "workflows": "beamline-events",
    "workflow-steps": "beamline-events",
}


class ApiError(Exception):
    """A refusal of the site (problem+json): status, and the problem's detail and field pointers."""

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        self.status = status
        self.problem = problem
        pointers = [e.get("pointer") for e in problem.get("errors", []) if isinstance(e, dict)]
        super().__init__(f"{status} {problem.get('title', '')}: {problem.get('detail', '')} {pointers or ''}".strip())


class UnservedClass(ApiError):
    """The site does not declare the conformance class of this collection; nothing was sent."""

    def __init__(self, collection: str, conformance_class: str) -> None:
        super().__init__(404, {"title": "Unserved class", "detail": f"{collection} belongs to {conformance_class}"})
        self.conformance_class = conformance_class


class CommonApi:
    """A bearer-token session with one site (or federation) of the common API."""

    def __init__(
        self, base_url: str, token: str, timeout: float = 10.0, transport: httpx.BaseTransport | None = None
    ) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json, application/problem+json"},
            timeout=timeout,
            transport=transport,
        )
        self._classes: set[str] | None = None

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ what the site is

    def classes(self) -> set[str]:
        """The conformance classes the site declares (read once)."""
        if self._classes is None:
            body = self._json(self._http.get("/conformance"))
            self._classes = {str(c["name"]) for c in body.get("classes", [])}
        return self._classes

    def serves(self, collection: str) -> bool:
        needed = _OPTIONAL_CLASSES.get(collection)
        return needed is None or needed in self.classes()

    def healthy(self) -> bool:
        try:
            return self._http.get("/health").status_code == 200
        except httpx.TransportError:
            return False

    def me(self) -> dict[str, Any]:
        return self._json(self._http.get("/v1/me"))

    # ------------------------------------------------------------------ reading

    def get(self, collection: str, record: str) -> dict[str, Any] | None:
        """The record, or None when it is absent or out of the token's reach (both 404)."""
        found = self.get_versioned(collection, record)
        return found[0] if found is not None else None

    def get_versioned(self, collection: str, record: str) -> tuple[dict[str, Any], str] | None:
        self._require(collection)
        if not _is_uuid(record):
            return None
        response = self._http.get(f"/v1/{collection}/{record}")
        if response.status_code == 404:
            return None
        return self._json(response), response.headers.get("ETag", "*")

    def list(self, collection: str, limit: int = 100, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every record matching ``filters`` (None values are left out), page after page."""
        self._require(collection)
        params: dict[str, Any] = {k: _param(v) for k, v in filters.items() if v is not None}
        params["limit"] = limit
        while True:
            page = self._json(self._http.get(f"/v1/{collection}", params=params))
            yield from page.get("items", [])
            token = page.get("nextPageToken")
            if not token:
                return
            params["pageToken"] = token

    def first(self, collection: str, **filters: Any) -> dict[str, Any] | None:
        return next(iter(self.list(collection, limit=1, **filters)), None)

    # ------------------------------------------------------------------ writing

    def put(self, collection: str, record: str, body: dict[str, Any]) -> dict[str, Any]:
        """Create or replace the record under ``record`` (idempotent: a retry changes nothing more)."""
        self._require(collection)
        return self._json(self._http.put(f"/v1/{collection}/{record}", json=_clean(body)))

    def create(self, collection: str, body: dict[str, Any]) -> dict[str, Any]:
        """A new record under a UUID chosen here (PUT, so that a retried request cannot create two)."""
        return self.put(collection, str(uuid.uuid4()), body)

    def patch(self, collection: str, record: str, change: dict[str, Any]) -> dict[str, Any]:
        """A JSON Merge Patch guarded by the ETag read; on 412 (someone wrote meanwhile) read and send again."""
        for _attempt in range(3):
            found = self.get_versioned(collection, record)
            if found is None:
                raise ApiError(404, {"title": "Not Found", "detail": f"no {collection} {record} within reach"})
            response = self._http.patch(
                f"/v1/{collection}/{record}",
                json=change,
                headers={"Content-Type": "application/merge-patch+json", "If-Match": found[1]},
            )
            if response.status_code != 412:
                return self._json(response)
        raise ApiError(412, {"title": "Precondition Failed", "detail": f"{collection} {record} keeps changing"})

    # ------------------------------------------------------------------ internals

    def _require(self, collection: str) -> None:
        if not self.serves(collection):
            raise UnservedClass(collection, _OPTIONAL_CLASSES[collection])

    @staticmethod
    def _json(response: httpx.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            body = {"title": "Not JSON", "detail": response.text[:200]}
        if response.status_code >= 400:
            raise ApiError(response.status_code, body if isinstance(body, dict) else {"detail": str(body)})
        return body if isinstance(body, dict) else {"items": body}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _param(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _clean(body: dict[str, Any]) -> dict[str, Any]:
    """The body without absent members: the common API's optional fields are left out rather than null."""
    return {k: v for k, v in body.items() if v is not None}
