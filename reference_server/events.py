"""``ispyb-server publish`` and ``ispyb-server prune-changes``: the outbox's drain to RabbitMQ and its retention.

The publisher is ``site_kit.publisher`` over the server's database (the mapped adapters can run the same loop over
theirs); every hour it also removes the changes older than the spec's retention (``x-change-feed``), after which
a feed token older than them answers 410.
"""

# No `from __future__ import annotations`: typer reads the options' annotations at runtime.

import logging
import signal
import time
from typing import Annotated, Any

import typer

from reference_server.db.engine import make_engine, migrate
from site_kit import changes
from site_kit.outbox import ChangeFeed
from site_kit.publisher import DEFAULT_EXCHANGE, DEFAULT_URL, Publisher, PublisherOptions

PRUNE_EVERY = 3600.0


DbOption = Annotated[
    str,
    typer.Option(
        "--db", help="SQLAlchemy database URL (sqlite, postgresql+psycopg, mysql+pymysql).", envvar="ISPYB_DB_URL"
    ),
]


def register(app: typer.Typer) -> None:
    """Add the two commands to the server's CLI."""

    @app.command("publish")
    def publish(
        db: DbOption,
        amqp_url: Annotated[
            str, typer.Option("--amqp-url", help="RabbitMQ URL.", envvar="ISPYB_AMQP_URL")
        ] = DEFAULT_URL,
        exchange: Annotated[str, typer.Option(help="Topic exchange (declared durable).")] = DEFAULT_EXCHANGE,
        source: Annotated[
            str, typer.Option(help="CloudEvents source of this service (event ids are unique within it).")
        ] = "urn:ispyb-common-api:reference-server",
        queue: Annotated[
            str | None, typer.Option(help="Also declare this durable queue, bound to every routing key (#).")
        ] = None,
    ) -> None:
        """Drain the outbox to RabbitMQ as CloudEvents 1.0 (at least once; consumers de-duplicate on the id)."""
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        logging.getLogger("pika").setLevel(logging.WARNING)
        engine = make_engine(db)
        migrate(engine)
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        publisher = Publisher(engine, PublisherOptions(amqp_url, exchange, source, queue))
        feed = ChangeFeed(engine, changes.retention())
        next_prune = 0.0

        def done() -> bool:
            nonlocal next_prune
            if time.monotonic() >= next_prune:
                next_prune = time.monotonic() + PRUNE_EVERY
                try:
                    feed.prune()
                except Exception as exc:  # the database is down: the publisher says so and retries
                    logging.warning("pruning failed: %s", exc)
            return stopping

        typer.echo(f"publishing the outbox to {exchange} at {amqp_url.split('@')[-1]}", err=True)
        publisher.run(done)
        typer.echo(f"published {publisher.published} events", err=True)

    @app.command("prune-changes")
    def prune_changes(db: DbOption) -> None:
        """Delete the changes older than the retention the spec states (x-change-feed.retentionSeconds)."""
        engine = make_engine(db)
        typer.echo(f"{ChangeFeed(engine, changes.retention()).prune()} changes pruned")
