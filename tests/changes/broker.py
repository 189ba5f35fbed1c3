"""RabbitMQ helpers of the change-feed probes: a TCP proxy to cut the broker off, and a consumer process.

The RabbitMQ service of the machine is shared, so a probe never stops it: the publisher reaches it through
``TcpProxy``, a real TCP relay on a loopback port that ``cut()`` closes (listening socket and every relayed
connection) and ``restore()`` opens again on the same port. To the publisher that is the broker going away.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
from pathlib import Path

BROKER = ("127.0.0.1", 5672)


class TcpProxy:
    """Relays a loopback port to the broker until ``cut()``; ``restore()`` listens again on the same port."""

    def __init__(self, target: tuple[str, int] = BROKER) -> None:
        self.target = target
        self.port = 0
        self._server: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self.restore()

    def restore(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(16)
        self.port = server.getsockname()[1]
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            server, self._server = self._server, None
            conns, self._conns = self._conns, []
        if server is not None:
            server.close()
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return  # cut
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._server is not server:
                    client.close()
                    upstream.close()
                    return
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)


CONSUMER = """
import os, sys, pika
queue, out = sys.argv[1], sys.argv[2]
connection = pika.BlockingConnection(pika.URLParameters("amqp://guest:guest@127.0.0.1:5672/%2F"))
channel = connection.channel()
channel.queue_declare(queue, durable=True)
channel.basic_qos(prefetch_count=50)
fh = open(out, "a", buffering=1)

def on_message(ch, method, properties, body):
    fh.write(f"{properties.message_id} {method.routing_key}\\n")
    fh.flush()
    os.fsync(fh.fileno())
    ch.basic_ack(method.delivery_tag)  # after the id is on disk: a crash before the ack means a redelivery

channel.basic_consume(queue, on_message)
channel.start_consuming()
"""


class Consumer:
    """A consumer process appending ``<event id> <routing key>`` per delivery to ``out`` (acks after fsync)."""

    def __init__(self, queue: str, out: Path) -> None:
        self.queue = queue
        self.out = out
        self.process: subprocess.Popen[bytes] | None = None
        self.started: list[subprocess.Popen[bytes]] = []
        self.restarts = 0

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", CONSUMER, self.queue, str(self.out)])
        self.started.append(self.process)

    def kill(self) -> None:
        """kill -9 (every consumer process this one started): unacknowledged deliveries come again to the next."""
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)

    def restart(self) -> None:
        self.kill()
        self.restarts += 1
        self.start()

    def received(self) -> list[tuple[str, str]]:
        if not self.out.exists():
            return []
        lines = self.out.read_text().splitlines()
        return [(line.split(" ")[0], line.split(" ")[1]) for line in lines if " " in line]


def declare_queue(queue: str, exchange: str) -> None:
    """The durable queue bound (``#``) to the probe's own exchange, before anything is published."""
    import pika

    connection = pika.BlockingConnection(pika.URLParameters("amqp://guest:guest@127.0.0.1:5672/%2F"))
    channel = connection.channel()
    channel.exchange_declare(exchange, exchange_type="topic", durable=True)
    channel.queue_declare(queue, durable=True)
    channel.queue_bind(queue, exchange, routing_key="#")
    connection.close()


def delete_queue(queue: str, exchange: str) -> None:
    import pika

    connection = pika.BlockingConnection(pika.URLParameters("amqp://guest:guest@127.0.0.1:5672/%2F"))
    channel = connection.channel()
    channel.queue_delete(queue)
    channel.exchange_delete(exchange)
    connection.close()
