"""What ``kg serve`` is started with, and the error every layer raises to answer HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ServerConfig:
    """What ``kg serve`` is started with; every limit is configurable.

    Attributes:
        store: the store directory (``":memory:"`` serves a fresh temporary store).
        host, port: where to listen; port 0 picks a free port.
        allow_update: take SPARQL Update and Graph Store writes (403 otherwise).
        timeout: seconds a query or update may run before it is stopped (503).
        max_rows: most solutions or triples in one answer (422 beyond).
        max_bytes: most bytes in one serialised answer (422 beyond).
        max_request_bytes: largest query/update body (413 beyond).
        max_upload_bytes: largest Graph Store payload (413 beyond).
        workers: query worker processes, i.e. queries evaluated at once.
        max_memory: bytes of address space a query worker may use (503 beyond); None
            for no bound.
        max_wait: seconds a request waits for a free query worker (503 beyond).
        max_connections: connections served at once (503 beyond).
        cors_origins: origins allowed by CORS, ``("*",)`` for any; empty = no CORS.
            Writes from a browser page are taken from these origins and the server's own.
        allowed_hosts: names besides loopback and ``host`` that the Host header may give.
    """

    store: str
    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    timeout: float = 30.0
    max_rows: int = 100_000
    max_bytes: int = 64_000_000
    max_request_bytes: int = 1_000_000
    max_upload_bytes: int = 256_000_000
    workers: int = 2
    max_memory: int | None = 2_000_000_000
    max_wait: float = 10.0
    max_connections: int = 64
    cors_origins: tuple = field(default_factory=tuple)
    allowed_hosts: tuple = field(default_factory=tuple)


class ProtocolError(Exception):
    """An HTTP error answer: status code and a message a person can act on."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = int(status)
        self.message = message
        self.headers = headers or {}

