"""Fixtures for the endpoint tests: stores with data, kg serve, a real Oxigraph server.

Import what a test module needs: ``from conftest_server import served, http, ...``.
Every server binds 127.0.0.1 on a free port and is stopped at teardown.
"""

import http.client as httpclient

import shutil
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.build import build
from kg.mapping import Identities, load_identities
from kg.server import ServerConfig, SparqlServer, free_port
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "gold"
ENTITIES = ROOT / "data" / "entities.yaml"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def ctype(self):
        return (self.headers.get("content-type") or "").split(";")[0].strip()

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def http(method, url, body=None, headers=None, timeout=30):
    """One raw HTTP request (http.client: nothing added but Host and Content-Length)."""
    parts = urllib.parse.urlsplit(url)
    conn = httpclient.HTTPConnection(parts.netloc, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def gold_identities():
    return load_identities(ENTITIES) if ENTITIES.exists() else Identities()


def build_gold(location):
    """Build data/gold into a store (directory or URL)."""
    with open_store(location) as store:
        report = build([GOLD], store, identities=gold_identities())
        assert not report.failed
    return location


@pytest.fixture(scope="session")
def gold_dir(tmp_path_factory):
    """An on-disk store holding data/gold; copy it before serving (a store has one opener)."""
    return build_gold(str(tmp_path_factory.mktemp("gold") / "store"))


def copy_store(src, tmp_path_factory, name="store"):
    dst = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(src, dst)
    return str(dst)


def start_server(location, **kw):
    kw.setdefault("timeout", 3.0)
    kw.setdefault("workers", 2)
    return SparqlServer(ServerConfig(store=location, port=0, **kw)).start()


@pytest.fixture(scope="module")
def served(gold_dir, tmp_path_factory):
    """A read-only kg serve over data/gold (3 s time limit, 2 workers)."""
    server = start_server(copy_store(gold_dir, tmp_path_factory, "served"))
    yield server
    server.close()


@pytest.fixture
def rw_server(tmp_path):
    """kg serve --allow-update over a fresh, empty store."""
    (tmp_path / "store").mkdir()
    server = start_server(str(tmp_path / "store"), allow_update=True)
    yield server
    server.close()


def wait_http(url, deadline=30.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            http("GET", url, timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {deadline} s")


def start_oxigraph(location):
    """Start `oxigraph serve` (the registry package's binary) on a free loopback port."""
    if not OXIGRAPH.exists():
        pytest.skip(f"{OXIGRAPH} not found (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_http(base + "query?query=ASK%7B%7D")
    except RuntimeError:
        proc.kill()
        raise
    return proc, base


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory):
    """The base URL of a real, empty Oxigraph server (module-wide)."""
    proc, base = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "db")
    yield base
    stop(proc)


__all__ = ["Response", "http", "gold_dir", "served", "rw_server", "oxigraph_url", "build_gold", "start_server", "start_oxigraph", "stop", "copy_store", "GOLD", "gold_identities"]

