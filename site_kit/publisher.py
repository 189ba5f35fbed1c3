"""The publisher: drains a site's outbox (``site_kit.outbox``) to RabbitMQ as CloudEvents 1.0, at least once.

Why a separate drain and not a publish in the request: a write's change row commits with the record, so the
outbox holds exactly what happened; publishing from it afterwards can be retried until the broker confirms,
whatever crashes in between. The cursor (``published_through`` in the state table) moves only after the broker
confirmed every event up to it, so a publisher killed or cut off from the broker sends the unconfirmed tail
again: consumers de-duplicate on the event ``id`` (the change's ``sequence``, unique within ``source``).
While the broker is unreachable nothing is lost: the rows stay in the outbox (for the feed's retention) and are
drained when it answers again.

Messages (structured content mode of the CloudEvents AMQP binding): body ``application/cloudevents+json``,
persistent, ``message_id`` = event id, on a durable topic exchange (default ``ispyb.changes``) with the routing
key ``<resource>.<kind>[.<statusField>.<VALUE>]``, e.g. ``dataCollection.created``, ``proteins`` →
``protein.deleted``, and a data collection whose ``runStatus`` became SUCCESSFUL: ``dataCollection.updated.
runStatus.SUCCESSFUL`` (bind ``dataCollection.*.runStatus.SUCCESSFUL``; ``dataCollection.#`` for everything of
data collections). Event ``type`` is ``org.ispyb.commonapi.<resource>.<kind>``, ``subject`` the record's UUID,
``data`` the feed's entry (``Change`` schema of the spec).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from site_kit.outbox import entry_document, mark_published, pending_events
from site_kit.resources import registry

log = logging.getLogger("site_kit.publisher")
DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
DEFAULT_EXCHANGE = "ispyb.changes"
EVENT_TYPE = "org.ispyb.commonapi.{resource}.{kind}"


@dataclass(frozen=True)
class PublisherOptions:
    amqp_url: str = DEFAULT_URL
    exchange: str = DEFAULT_EXCHANGE
    #: CloudEvents ``source``: names this service (ids are unique within it)
    source: str = "urn:ispyb-common-api:reference-server"
    #: a durable queue to declare and bind (``#``) so that nothing published is dropped before a consumer binds
    queue: str | None = None
    batch: int = 500
    #: seconds between polls of an empty outbox
    idle: float = 0.2
    #: seconds between reconnection attempts while the broker or the database is unreachable
    retry: float = 1.0


@cache
def _resource_names() -> dict[str, str]:
    return {r.collection: r.name for r in registry().values()}


def resource_of(collection: str) -> str:
    """``data-collections`` → ``dataCollection`` (the schema name, camelCase)."""
    name = _resource_names().get(collection, collection)
    return name[0].lower() + name[1:]


def routing_key(doc: dict[str, Any]) -> str:
    key = f"{resource_of(doc['collection'])}.{doc['kind'].lower()}"
    status = doc.get("status")
    if status:
        field, _, value = str(status).partition("=")
        key += f".{field}.{value}"
    return key


def cloud_event(doc: dict[str, Any], source: str) -> tuple[str, bytes]:
    """The event id and the structured CloudEvent (JSON bytes) of one feed entry, built with the cloudevents SDK."""
    from cloudevents.conversion import to_structured
    from cloudevents.http import CloudEvent

    event = CloudEvent(
        {
            "id": str(doc["sequence"]),
            "source": source,
            "type": EVENT_TYPE.format(resource=resource_of(doc["collection"]), kind=doc["kind"].lower()),
            "subject": doc["uuid"],
            "time": doc["committedAt"],
            "datacontenttype": "application/json",
            "sequence": str(doc["sequence"]),
        },
        doc,
    )
    _, body = to_structured(event)
    return str(doc["sequence"]), body if isinstance(body, bytes) else json.dumps(body).encode()


class Publisher:
    """One drain loop over ``engine``'s outbox (run one per database)."""

    def __init__(self, engine: Engine, options: PublisherOptions | None = None) -> None:
        self.engine = engine
        self.options = options or PublisherOptions()
        self.published = 0

    def _connect(self) -> Any:
        import pika

        params = pika.URLParameters(self.options.amqp_url)
        params.socket_timeout = params.socket_timeout or 5.0  # a broker cut off mid-frame must not hang the drain
        params.heartbeat = 10
        connection = pika.BlockingConnection(params)
        channel = connection.channel()
        channel.exchange_declare(self.options.exchange, exchange_type="topic", durable=True)
        if self.options.queue:
            channel.queue_declare(self.options.queue, durable=True)
            channel.queue_bind(self.options.queue, self.options.exchange, routing_key="#")
        channel.confirm_delivery()  # basic_publish returns once the broker has the message (or raises)
        return connection, channel

    def _publish(self, channel: Any, rows: Sequence[Any]) -> None:
        import pika

        for row in rows:
            doc = entry_document(row)
            event_id, body = cloud_event(doc, self.options.source)
            channel.basic_publish(
                self.options.exchange,
                routing_key(doc),
                body,
                pika.BasicProperties(
                    content_type="application/cloudevents+json",
                    delivery_mode=pika.DeliveryMode.Persistent,
                    message_id=event_id,
                ),
            )
        mark_published(self.engine, int(rows[-1].sequence))  # only after every confirm of the batch
        self.published += len(rows)

    def run(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Drain until ``stop()``; survives the broker and the database going away and coming back."""
        import pika.exceptions

        connection = channel = None
        while not stop():
            try:
                if connection is None or not connection.is_open:
                    connection, channel = self._connect()
                    log.info(
                        "connected to %s, exchange %s", self.options.amqp_url.split("@")[-1], self.options.exchange
                    )
                rows = pending_events(self.engine, self.options.batch)
                if rows:
                    self._publish(channel, rows)
                else:
                    connection.process_data_events(time_limit=self.options.idle)  # heartbeats while idle
            except (pika.exceptions.AMQPError, OSError) as exc:
                log.warning("broker unreachable (%s); the outbox keeps everything, retrying", type(exc).__name__)
                connection = channel = None
                time.sleep(self.options.retry)
            except SQLAlchemyError as exc:
                log.warning("database unreachable (%s); retrying", type(exc).__name__)
                time.sleep(self.options.retry)
        if connection is not None and connection.is_open:
            connection.close()
