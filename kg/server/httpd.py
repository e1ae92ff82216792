"""The transport: reads HTTP requests off connections, hands them to the protocol handler.

Why the standard library: the protocol is a handful of routes with exact status
codes, and ``http.server.ThreadingHTTPServer`` plus ``multiprocessing`` give all of
it with no dependency; the work that needs isolation (evaluation) happens in worker
processes anyway, so a web framework would add nothing but a dependency.

The transport owns framing: it reads the whole body (within ``body_limit``) before
the handler runs, so that an answer never leaves part of a body on the connection
to be read as the next request; a body it did not read is drained or the
connection closed after the answer.
"""

from __future__ import annotations

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .config import ProtocolError
from .protocol import App, Request, body_limit, cors_headers, error_response, handle
from .workers import Backend

#: Bytes of an over-limit body read and dropped so that the client gets its answer, not a reset.
DRAIN_BYTES = 16_000_000
_DIGITS = re.compile(r"[0-9]{1,19}")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms delayed-ACK stall
    timeout = 60  # seconds a client may stay silent on its connection

    # http.server calls do_<METHOD>; every method goes through one dispatcher.
    def do_GET(self):
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = do_GET

    def log_message(self, fmt, *args):
        if self.server.config_log:
            super().log_message(fmt, *args)

    def _dispatch(self):
        app = self.server.app
        headers = {}
        for name, value in self.headers.items():
            headers.setdefault(name.lower(), value)
        request = Request(self.command, self.path, headers, client=self.client_address[0])
        unread = 0
        try:
            limit = body_limit(app.config, self.command, request.path)
            request.body, request.length = self._read_body(limit)
            unread = request.length if request.body is None else 0
        except ProtocolError as e:
            response = error_response(e)
            response.headers = {**cors_headers(app.config, request), **response.headers}
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
            return
        else:
            response = handle(app, request)
        if unread:
            self.close_connection = True
        try:
            self._write(response)
            if unread and unread <= DRAIN_BYTES:
                self._drain(unread)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the client left before its answer

    def _read_body(self, limit):
        """(body, declared length); body is None when it is larger than ``limit`` (left unread)."""
        coding = self.headers.get("Transfer-Encoding")
        if coding is not None:
            if coding.strip().lower() != "chunked":
                self.close_connection = True
                raise ProtocolError(400, f"Transfer-Encoding {coding} is not supported: send the body with Content-Length or chunked")
            return self._chunked(limit), 0
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            return b"", 0
        if len(set(v.strip() for v in lengths)) != 1 or not _DIGITS.fullmatch(lengths[0].strip()):
            # The body's end is unknown: nothing more can be read from this connection.
            self.close_connection = True
            raise ProtocolError(400, f"bad Content-Length: {', '.join(lengths)!r} (give one length, in decimal digits)")
        n = int(lengths[0])
        if n > limit:
            return None, n
        return self.rfile.read(n), n

    def _chunked(self, limit):
        data = bytearray()
        while True:
            line = self.rfile.readline(1024)
            try:
                size = int(line.split(b";")[0].strip(), 16)
                if size < 0:
                    raise ValueError
            except ValueError:
                self.close_connection = True
                raise ProtocolError(400, "bad chunked encoding") from None
            if size == 0:
                while self.rfile.readline(1024).strip():
                    pass
                return bytes(data)
            if len(data) + size > limit:
                self.close_connection = True
                raise ProtocolError(413, f"the request body is larger than {limit} bytes")
            data += self.rfile.read(size)
            self.rfile.readline(1024)

    def _drain(self, left):
        while left > 0:
            chunk = self.rfile.read(min(left, 1 << 16))
            if not chunk:
                break
            left -= len(chunk)

    def _write(self, response):
        if response.close:
            self.close_connection = True
        self.send_response(response.status)
        if response.content_type:
            self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in response.headers.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and response.body:
            self.wfile.write(response.body)


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server of ``kg serve``.

    >>> # with SparqlServer(ServerConfig(store=":memory:", port=0)) as server:
    >>> #     server.serve_forever()
    """

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: a burst of clients overflows it and
    # their connects stall for seconds in SYN retries instead of getting an answer
    # (a 503 past max_connections at worst).
    request_queue_size = 1024

    def __init__(self, config, *, log=False):
        self.config = config
        self.config_log = log
        self.backend = Backend(config)
        self._slots = threading.BoundedSemaphore(config.max_connections)
        try:
            super().__init__((config.host, config.port), _Handler)
        except OSError:
            self.backend.close()
            raise
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}/"
        self.base_url = self.url + "sparql"
        self.app = App(config, self.backend, self.base_url)

    def process_request(self, request, client_address):
        if not self._slots.acquire(blocking=False):
            try:
                msg = b"503 Service Unavailable: too many connections; try again\n"
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(msg), msg))
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def start(self):
        """Serve from a background thread (for tests and notebooks); returns self."""
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def close(self):
        """Stop serving, stop the workers and release the store."""
        if getattr(self, "_thread", None):
            self.shutdown()
            self._thread.join(10)
        self.server_close()
        self.backend.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def serve(config, *, log=True, ready=None):
    """Run ``kg serve`` until interrupted.

    Args:
        config: a ServerConfig.
        log: print one line per request to stderr.
        ready: called with the server once it listens (the CLI prints the URL).
    """
    server = SparqlServer(config, log=log)
    if threading.current_thread() is threading.main_thread():
        import signal

        # Stop cleanly on SIGTERM too (workers, the store lock, the snapshots).
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        if ready:
            ready(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.backend.close()


def get(config, target, headers=None, *, method="GET", body=b""):
    """Run one request through the handler without opening a socket (``kg serve --get``).

    Starts the workers on ``config.store``, answers the request and stops them, so
    that scripts and tests can call the endpoint as a client would.

    Args:
        config: a ServerConfig (host and port only name the endpoint's base IRI).
        target: the request target, e.g. ``/sparql?query=ASK%7B%7D``.
        headers: request headers, e.g. ``{"Accept": "text/csv"}``.
        method: the HTTP method.
        body: the request body.

    Returns:
        The Response.
    """
    backend = Backend(config)
    try:
        shown = f"[{config.host}]" if ":" in config.host else config.host
        app = App(config, backend, f"http://{shown}:{config.port}/sparql")
        request = Request(method, target, {k.lower(): v for k, v in (headers or {}).items()}, body, len(body))
        return handle(app, request)
    finally:
        backend.close()


def free_port():
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

