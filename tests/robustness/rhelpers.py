"""Helpers for the robustness suite: the real ``kg`` command, a real ``kg serve``, a canary socket.

Everything here goes through kg's public entry points: the ``kg`` executable of the
virtual environment (subprocess), click's CliRunner over ``kg.cli.main``, or the
Python API. Servers bind 127.0.0.1 on a port the OS picks; every loop is bounded.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.mapping import Identities, load_identities
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "data" / "gold"
ENTITIES = ROOT / "data" / "entities.yaml"
KG = str(Path(sys.executable).parent / "kg")

#: A short, well-formed announcement that extracts to a few facts.
GOOD_TEXT = "Netflix has renewed Ballard for a second season, starring Maggie Q as Renee Ballard.\n"


def kg(*args, cwd=None, timeout=120, env=None):
    """Run the real ``kg`` command; returns the CompletedProcess (text mode)."""
    return subprocess.run([KG, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def cli(*args, **kw):
    """Run ``kg`` in-process through click's CliRunner (stderr kept apart)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kw)


def one_line_errors(stderr):
    """The ``error: ...`` lines of a command's stderr; asserts there is no traceback."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def identities():
    return load_identities(ENTITIES) if ENTITIES.exists() else Identities()


@pytest.fixture(scope="session")
def gold_store_dir(tmp_path_factory):
    """An on-disk store holding data/gold; copy it before opening it for writing."""
    location = tmp_path_factory.mktemp("gold") / "store"
    with open_store(location) as store:
        assert not build([GOLD], store, identities=identities()).failed
    return location


def copy_store(src, dst):
    shutil.copytree(src, dst)
    return dst


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


@pytest.fixture(scope="module")
def served(gold_store_dir, tmp_path_factory):
    """A read-only ``kg serve`` subprocess over a copy of the gold store (2 s limit, small answers)."""
    store = copy_store(gold_store_dir, tmp_path_factory.mktemp("served") / "store")
    server = KgServe(store, "--timeout", "2", "--max-rows", "500", "--max-bytes", "200000", "--workers", "2", "--max-connections", "64")
    yield server
    server.stop()


class Canary:
    """A loopback socket that records every connection made to it: proof nothing is fetched."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = []
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
                self.connections.append(conn.recv(4096))
            except OSError:
                self.connections.append(b"")
            conn.close()

    def close(self):
        self._stop = True
        self._thread.join(5)
        self.sock.close()


@pytest.fixture
def canary():
    c = Canary()
    yield c
    c.close()
