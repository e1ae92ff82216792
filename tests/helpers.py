"""Helpers the tests call (fixtures live in the conftest.py of each folder, found by pytest).

Everything goes through kg's public entry points: the ``kg`` executable of the
virtual environment (subprocess), click's CliRunner over ``kg.cli.main``, kg's own
server class, or the Python API. Servers bind 127.0.0.1 on a port the OS picks, and
every wait has a deadline.
"""

import http.client as httpclient
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.mapping import load_identities
from kg.server import ServerConfig, SparqlServer, free_port
from kg.store import open_store
from paths import ENTITIES, GOLD

BIN = Path(sys.executable).parent
KG = str(BIN / "kg")
OXIGRAPH = BIN / "oxigraph"

#: A short, well-formed announcement that extracts to a few facts.
GOOD_TEXT = "Netflix has renewed Ballard for a second season, starring Maggie Q as Renee Ballard.\n"




def big_facts_text(n):
    """A valid facts file in which ``n`` people are cast in one series (over 2 MB at 40,000)."""
    people = "".join(f"  p{i}: {{type: Person, name: Person Number {i}}}\n" for i in range(n))
    facts = "".join(f"  - [ballard, castMember, p{i}]\n" for i in range(n))
    return (
        "announcement: {id: big, published: 2025-10-06}\nentities:\n  ballard: {type: Series, name: Ballard}\n"
        f"{people}facts:\n{facts}"
    )


def write_announcements(folder, n, bad_every=1000):
    """Write ``n`` one-sentence announcements into ``folder``; every ``bad_every``-th is not text
    (alternately a PNG header and an empty file). Returns the number of bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:05d}.txt").write_text(f"Netflix has renewed Show{i} for a second season, starring Jane Doe{i} as Ann Bar{i}.\n")
    bad = range(0, n, bad_every)
    for i in bad:
        (folder / f"a{i:05d}.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00" if i % (2 * bad_every) else b"")
    return len(bad)


# --- the kg command ------------------------------------------------------------------


def kg(*args, cwd=None, timeout=120, env=None):
    """Run the real ``kg`` command; returns the CompletedProcess (text mode).

    ``timeout`` only guards against a hang (None: no limit); how fast kg is is measured
    in benchmarks/, never asserted here.
    """
    return subprocess.run([KG, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def cli(*args, **kw):
    """Run ``kg`` in-process through click's CliRunner (stderr kept apart)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


def one_line_errors(stderr):
    """The ``error: ...`` lines of a command's stderr; asserts there is no traceback."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


# --- stores ----------------------------------------------------------------------------


def gold_identities():
    """The curated identities of data/entities.yaml."""
    return load_identities(ENTITIES)


def build_gold_into(store, identities=None):
    """Build data/gold into an open store; returns the store."""
    report = build([GOLD], store, identities=identities or gold_identities())
    assert not report.failed, report.failed
    return store


def build_gold(location, identities=None):
    """Build data/gold into the store at ``location`` (a directory or a URL); returns ``location``."""
    with open_store(location) as store:
        build_gold_into(store, identities)
    return location


def copy_store(src, tmp_path_factory, name="store"):
    """A fresh copy of an on-disk store (a store has one opener); returns its path as a string."""
    dst = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(src, dst)
    return str(dst)


# --- HTTP and servers ----------------------------------------------------------------


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


def wait_until(predicate, timeout=30.0, interval=0.05, what="the condition"):
    """Poll ``predicate`` until it returns a true value, which is returned; fail after ``timeout`` s."""
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(interval)


def start_server(location, **kw):
    """kg's SPARQL server in this process over ``location`` (3 s time limit, 2 workers unless given)."""
    kw.setdefault("timeout", 3.0)
    kw.setdefault("workers", 2)
    return SparqlServer(ServerConfig(store=location, port=0, **kw)).start()


def _answers(url):
    try:
        http("GET", url, timeout=2)
        return True
    except OSError:
        return False


def start_oxigraph(location):
    """Start `oxigraph serve` (the registry package's binary) on a free loopback port."""
    if not OXIGRAPH.exists():
        pytest.fail(f"{OXIGRAPH} not found: the dev extra installs it (pip install -e '.[dev]')")
    port = free_port()
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: _answers(base + "query?query=ASK%7B%7D"), what=f"oxigraph answering at {base}")
    except AssertionError:
        proc.kill()
        raise
    return proc, base


def stop(proc):
    """Terminate a server process, killing it if it does not stop within 10 s."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


class KgServe:
    """``kg serve`` as a subprocess on 127.0.0.1; the port is the one it reports."""

    def __init__(self, store, *args, ready_timeout=90):
        cmd = [KG, "serve", "--store", str(store), "--port", "0", "--quiet", *map(str, args)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.stderr = []
        deadline = time.monotonic() + ready_timeout
        self.url = None
        for line in self.proc.stderr:
            self.stderr.append(line)
            m = re.search(r"kg serve: (http://127\.0\.0\.1:\d+/)", line)
            if m:
                self.url = m.group(1)
                break
            if time.monotonic() > deadline:
                break
        if self.url is None:
            self.stop()
            raise RuntimeError("kg serve did not start: " + "".join(self.stderr))
        # Keep draining stderr so the server never blocks on a full pipe.
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()
        self.sparql = self.url + "sparql"
        self.host, self.port = "127.0.0.1", int(self.url.rsplit(":", 1)[1].strip("/"))

    def rss_kb(self):
        """Resident memory of the server and its worker processes, in kB."""
        total = 0
        for pid in [self.proc.pid, *_children(self.proc.pid)]:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


def _children(pid):
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        found += map(int, kids)
        todo += map(int, kids)
    return found


class Canary:
    """A loopback socket that records every connection made to it: proof nothing is fetched.

    :meth:`received` answers without sleeping: it makes a connection of its own and
    waits (bounded) until the accepting thread has reached it. Connections are
    accepted in the order they were made, so every connection made before the call
    has been recorded by then.
    """

    _MARK = b"kg-canary-mark"

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = []
        self._marked = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                data = conn.recv(4096)
            except OSError:
                data = b""
            conn.close()
            if data == self._MARK:
                self._marked.set()
            else:
                self.connections.append(data)

    def received(self, timeout=10):
        """Every connection made so far (what each sent first); ``[]`` when nothing connected."""
        self._marked.clear()
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            s.sendall(self._MARK)
        assert self._marked.wait(timeout), f"the canary did not see its own mark within {timeout} s"
        return list(self.connections)

    def close(self):
        self._stop = True
        self._thread.join(5)
        self.sock.close()
