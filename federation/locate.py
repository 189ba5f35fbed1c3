"""Where a UUID lives: remembered answers of "which member holds this record".

Routing a GET, PATCH, PUT or DELETE by UUID asks every member in parallel once, then remembers the member that
answered 200: in this process (bounded LRU), and in Redis when configured, shared by every replica. Only the
location is cached — never a record, a 404, or anything that depends on who asked (the member still decides,
with the caller's own credentials, whether they may read it). A location is forgotten when its member answers
404 (the record was deleted; a new one with the same UUID may live elsewhere).
"""

from __future__ import annotations

import logging
from typing import Any

from federation.lru import Lru

log = logging.getLogger("federation")
TTL_SECONDS = 7 * 24 * 3600


class LocationCache:
    def __init__(self, namespace: str, redis_url: str | None = None, size: int = 100_000) -> None:
        self.namespace = namespace
        self._local: Lru[str, str] = Lru(size)
        self._redis: Any = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=0.2, socket_connect_timeout=0.2)

    def _key(self, uuid: str) -> str:
        return f"ispyb-federation:{self.namespace}:loc:{uuid}"

    def get(self, uuid: str) -> str | None:
        found = self._local.get(uuid)
        if found is not None:
            return found
        if self._redis is None:
            return None
        try:
            raw = self._redis.get(self._key(uuid))
        except Exception as exc:  # the cache is an optimisation: without it, the members are asked
            log.warning("redis unavailable (%s): asking the members", type(exc).__name__)
            return None
        if raw is None:
            return None
        member = raw.decode() if isinstance(raw, bytes) else str(raw)
        self._local.put(uuid, member)
        return member

    def put(self, uuid: str, member: str) -> None:
        self._local.put(uuid, member)
        if self._redis is not None:
            try:
                self._redis.set(self._key(uuid), member, ex=TTL_SECONDS)
            except Exception as exc:
                log.warning("redis unavailable (%s): location kept in this process only", type(exc).__name__)

    def forget(self, uuid: str) -> None:
        self._local.pop(uuid)
        if self._redis is not None:
            try:
                self._redis.delete(self._key(uuid))
            except Exception as exc:
                log.warning("redis unavailable (%s)", type(exc).__name__)

    def clear_local(self) -> None:
        self._local.clear()
