"""Real SPARQL servers for tests and benchmarks: Oxigraph server and Virtuoso, on loopback.

Each server gets a fresh database in a temporary folder and a free loopback port,
and is killed at the end of the session. Virtuoso is Debian's
``virtuoso-opensource`` package; kg writes to it as a SQL user with the
SPARQL_UPDATE role through Digest authentication (``/sparql-auth``), and the
anonymous ``/sparql`` endpoint keeps its read-only default. One Virtuoso runs with
``ResultSetMaxRows = 10`` so that a store that trusts a server's row cap is caught, and
``MaxSortedTopRows = 10``, so that paging with ``ORDER BY ... OFFSET`` past 10 rows is
refused there as it is past 10,000 rows on a default Virtuoso (error SR353).

Used by the store matrix (tests/stores/conftest.py) and by
benchmarks/bench_remote.py.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path


OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "kg", "kg-test-secret"
VSP_ROOT = "/var/lib/virtuoso-opensource-7/vsp"


@dataclass
class Server:
    """A running SPARQL server: how kg reaches it and how to stop it."""

    name: str
    url: str
    layout: str
    proc: subprocess.Popen
    user: str | None = None
    password: str | None = None

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MissingServer(RuntimeError):
    """The program of a server is not installed."""


def _missing(program, package):
    raise MissingServer(f"{program} not found (install {package})")


def _wait(url, proc, log, deadline=120.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}): {Path(log).read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{url} did not answer in {deadline} s")


def start_oxigraph(folder):
    if not OXIGRAPH.exists():
        _missing(OXIGRAPH, "the oxigraph package: pip install -e '.[dev]'")
    port = free_port()
    Path(folder).mkdir(parents=True, exist_ok=True)
    log = Path(folder) / "oxigraph.log"
    proc = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(Path(folder) / "db"), "--bind", f"127.0.0.1:{port}"], stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    _wait(url + "query?query=ASK%7B%7D", proc, log)
    return Server("oxigraph", url, "oxigraph", proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
DirsAllowed = .
CheckpointInterval = 0
MaxSortedTopRows = {max_rows}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


def start_virtuoso(folder, *, max_rows=10000):
    """A fresh Virtuoso with a SPARQL_UPDATE user for Digest authentication.

    ``max_rows`` caps both the rows of a result (ResultSetMaxRows) and the rows an
    ``ORDER BY`` with ``LIMIT``/``OFFSET`` may sort (MaxSortedTopRows), each 10,000 in
    Debian's configuration.
    """
    if not VIRTUOSO or not ISQL:
        _missing("virtuoso-t", "Debian's virtuoso-opensource: apt-get install virtuoso-opensource")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port, vsp=VSP_ROOT if Path(VSP_ROOT).is_dir() else folder, max_rows=max_rows))
    log = folder / "virtuoso.out"
    proc = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"], cwd=folder, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}/"
    _wait(url + "sparql?query=ASK%7B%7D", proc, log)
    # A fresh database's dba password is "dba"; it only listens on loopback.
    grant = f"DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}'); GRANT SPARQL_UPDATE TO \"{VIRTUOSO_USER}\";"
    done = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        proc.kill()
        raise RuntimeError(f"cannot create the Virtuoso user: {done.stdout}{done.stderr}")
    name = "virtuoso" if max_rows == 10000 else "virtuoso-capped"  # the kind's name, as in servers.json
    return Server(name, url, "virtuoso", proc, VIRTUOSO_USER, VIRTUOSO_PASSWORD)




KINDS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso, "virtuoso-capped": lambda folder: start_virtuoso(folder, max_rows=10)}


def start(kind, folder):
    """Start a server of one of KINDS in a fresh folder."""
    return KINDS[kind](Path(folder))


def main(argv):
    """``servers.py start FOLDER``: start every kind, write FOLDER/servers.json, wait until killed.

    .ci/run uses this so that CI starts the servers the tests use (the tests find them
    through ``$KG_TEST_SERVERS``, that file) and kills them at the end.
    """
    import json
    import signal

    if len(argv) != 3 or argv[1] != "start":
        raise SystemExit("usage: servers.py start FOLDER")
    folder = Path(argv[2])
    running = {}
    try:
        for kind in KINDS:
            running[kind] = start(kind, folder / kind)
        described = {k: {"url": s.url, "layout": s.layout, "user": s.user, "password": s.password, "pid": s.proc.pid} for k, s in running.items()}
        tmp = folder / "servers.json.tmp"
        tmp.write_text(json.dumps(described, indent=2))
        tmp.replace(folder / "servers.json")
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    finally:
        for server in running.values():
            server.stop()


if __name__ == "__main__":
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main(sys.argv)
