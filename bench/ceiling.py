"""The ceiling: a bare Starlette endpoint returning the same JSON bytes as the server, from memory.

Served by uvicorn with the settings ``ispyb-server serve`` uses (factory app, same workers, log level
``warning``, no access log), it measures what the stack (uvicorn, Starlette routing, the HTTP parser, the
loopback, wrk itself on the same 2 cores) allows on this machine, so every scenario is reported as a
fraction of what no amount of server-side optimisation could exceed.

``python -m bench.ceiling --port P --workers N --body FILE``.
"""

from __future__ import annotations

import argparse
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

BODY_ENV = "BENCH_CEILING_BODY"


def create_app() -> Starlette:
    """An app answering every GET with the file's bytes, read once at start-up."""
    with open(os.environ[BODY_ENV], "rb") as handle:
        body = handle.read()
    headers = {"ETag": '"1"'}

    async def endpoint(request: Request) -> Response:
        return Response(body, media_type="application/json", headers=headers)

    return Starlette(routes=[Route("/{path:path}", endpoint)])


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--body", required=True)
    args = parser.parse_args()
    os.environ[BODY_ENV] = os.path.abspath(args.body)
    uvicorn.run(
        "bench.ceiling:create_app",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
