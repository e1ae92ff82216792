"""Processes that cannot reach the network: where kg evaluates SPARQL.

Oxigraph evaluates ``SERVICE`` and ``LOAD`` by opening HTTP connections. kg refuses
both before evaluation, but a refusal that rests on reading the query text is only
as good as the reader's agreement with Oxigraph's parser (comments ended by a lone
carriage return, ``\\u`` escapes and the like have fooled such readers). So the
guarantee is made by the operating system instead: SPARQL runs in worker processes
that install a seccomp filter refusing ``socket()`` for every address family but
``AF_UNIX`` (the worker's pipe to its parent) before they take any work. No query
text can open a connection from such a process.

The filter is a dozen classic-BPF instructions written here and installed with the
``seccomp`` system call through ctypes: no dependency, and nothing to configure.
It is never installed on a caller's threads (a Jupyter kernel needs its sockets):
only in processes kg starts for the purpose (``kg.server.workers`` and the
``SandboxedReader`` below, which ``kg query`` and ``EmbeddedStore.query`` use), and
on one thread kg starts in the caller's process for updates (``run_confined``):
a store on disk has one read-write opener, the caller, so its updates run there, on
a thread whose filter (installed without TSYNC) binds that thread alone.

>>> filter_program("x86_64")[:2]  # load the architecture, compare with x86-64
[(32, 0, 0, 4), (21, 1, 0, 3221225534)]
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import queue
import socket
import struct
import subprocess
import sys
import threading
from concurrent.futures import Future
from multiprocessing.connection import Connection
from pathlib import Path

from .errors import StoreError

# Linux UAPI numbers (linux/filter.h, linux/seccomp.h, linux/audit.h, asm/unistd.h).
_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JGE_K = 0x35
_BPF_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_RET_KILL_PROCESS = 0x80000000
_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_AF_UNIX = 1
_X32_SYSCALL_BIT = 0x40000000

#: Per architecture: (AUDIT_ARCH value, seccomp, socket, io_uring_setup system call numbers).
_ARCHES = {
    "x86_64": (0xC000003E, 317, 41, 425),
    "aarch64": (0xC00000B7, 277, 198, 425),
}


class SandboxError(StoreError):
    """The network filter cannot be installed on this system."""


def filter_program(machine=None):
    """The BPF program: (code, jt, jf, k) instructions.

    socket() with any family but AF_UNIX fails with EACCES; io_uring_setup (which can
    create sockets without socket()) fails with EACCES; a foreign architecture or the
    x32 ABI (other system call numbers) kills the process; everything else runs.

    Args:
        machine: ``platform.machine()`` value; this machine's when None.

    Raises:
        SandboxError: on an architecture kg has no system call numbers for.
    """
    if machine is None and not sys.platform.startswith("linux"):
        raise SandboxError(f"kg cannot confine SPARQL evaluation on {sys.platform} (seccomp is Linux's)")
    machine = machine or platform.machine()
    if machine not in _ARCHES:
        raise SandboxError(f"kg cannot confine SPARQL evaluation on {machine} (supported: {', '.join(_ARCHES)})")
    arch, _, nr_socket, nr_io_uring = _ARCHES[machine]
    refuse = _RET_ERRNO | errno.EACCES
    return [
        (_BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_BPF_JEQ_K, 1, 0, arch),
        (_BPF_RET_K, 0, 0, _RET_KILL_PROCESS),
        (_BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (_BPF_JGE_K, 0, 1, _X32_SYSCALL_BIT),
        (_BPF_RET_K, 0, 0, _RET_KILL_PROCESS),
        (_BPF_JEQ_K, 2, 0, nr_socket),
        (_BPF_JEQ_K, 0, 4, nr_io_uring),
        (_BPF_RET_K, 0, 0, refuse),
        (_BPF_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0], low 32 bits: the family
        (_BPF_JEQ_K, 1, 0, _AF_UNIX),
        (_BPF_RET_K, 0, 0, refuse),
        (_BPF_RET_K, 0, 0, _RET_ALLOW),
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install_network_filter(all_threads=True):
    """Make this process (all its threads, and whatever it starts) unable to open network sockets.

    Irreversible: call it only in a process started to evaluate SPARQL, or with
    ``all_threads=False`` on a thread started for it (the filter then binds the
    calling thread and the threads it starts; the process's other threads keep their
    sockets).

    Raises:
        SandboxError: when the kernel refuses the filter.
    """
    program = filter_program()
    raw = b"".join(struct.pack("HBBI", *ins) for ins in program)
    buf = ctypes.create_string_buffer(raw, len(raw))
    prog = _SockFprog(len(program), ctypes.cast(buf, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxError(f"prctl(PR_SET_NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}")
    nr_seccomp = _ARCHES[platform.machine()][1]
    libc.syscall.restype = ctypes.c_long
    rc = libc.syscall(ctypes.c_long(nr_seccomp), ctypes.c_long(_SECCOMP_SET_MODE_FILTER), ctypes.c_long(_SECCOMP_FILTER_FLAG_TSYNC if all_threads else 0), ctypes.byref(prog))
    if rc != 0:
        raise SandboxError(f"seccomp(SET_MODE_FILTER) failed: {os.strerror(ctypes.get_errno()) if rc < 0 else f'thread {rc} not synchronised'}")


def limit_memory(max_bytes):
    """Bound this process's address space (RLIMIT_AS); allocations past it fail."""
    if max_bytes:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


# --- a confined thread in the caller's process ------------------------------------------


class _ConfinedThread:
    """One thread, filtered before it takes work, that runs the calls given to it in turn."""

    def __init__(self):
        self.pid = os.getpid()
        self.tasks = queue.SimpleQueue()
        self.failure = None
        started = threading.Event()
        self.thread = threading.Thread(target=self._main, args=(started,), name="kg-confined-sparql", daemon=True)
        self.thread.start()
        started.wait()
        if self.failure is not None:
            raise SandboxError(f"cannot confine SPARQL evaluation: {self.failure}")

    def _main(self, started):
        try:
            install_network_filter(all_threads=False)
        except Exception as e:  # whatever it is, the caller must hear of it, not wait
            self.failure = e
            started.set()
            return
        started.set()
        while True:
            fn, args, kwargs, future = self.tasks.get()
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as e:  # handed to the caller, who raises it
                    future.set_exception(e)
            # Hold nothing between calls: a bound method would keep its store open.
            del fn, args, kwargs, future

    def call(self, fn, args, kwargs):
        future = Future()
        self.tasks.put((fn, args, kwargs, future))
        return future.result()


_confined = None
_confined_lock = threading.Lock()


def run_confined(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` on this process's confined thread, which cannot open network sockets.

    For work that must run in the caller's process: ``EmbeddedStore.update`` holds the
    store's one read-write handle. ``fn`` must do all its evaluation before it returns
    (no lazy iterators). Calls run one at a time, in order.

    Raises:
        SandboxError: when the filter cannot be installed; otherwise what ``fn`` raises.
    """
    global _confined
    with _confined_lock:
        if _confined is None or _confined.pid != os.getpid():  # a forked child has no such thread
            _confined = _ConfinedThread()
        worker = _confined
    return worker.call(fn, args, kwargs)


# --- a sandboxed reader for the embedded store ----------------------------------------


def _reader_main(conn):
    """Confine this process, then open stores read-only (or load data) and answer queries."""
    import pyoxigraph as ox

    try:
        install_network_filter()
    except (OSError, SandboxError) as e:
        conn.send(("failed", str(e)))
        return
    conn.send(("ready",))
    store = ox.Store()
    while True:
        try:
            op, *args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if op == "open":
                store = None
                store = ox.Store.read_only(args[0])
                reply = ("ok",)
            elif op == "load":
                store = ox.Store()
                store.bulk_load(args[0], format=ox.RdfFormat.N_QUADS)
                reply = ("ok",)
            else:
                reply = ("ok", *_run(ox, store, *args))
        except SyntaxError as e:
            reply = ("syntax", str(e).splitlines()[0] if str(e) else "invalid query")
        except Exception as e:  # OSError from evaluation, MemoryError, ...
            reply = ("failed", str(e) if isinstance(e, OSError) else f"{type(e).__name__}: {e}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


def _run(ox, store, sparql, prefixes, union, substitutions):
    answer = store.query(sparql, prefixes=prefixes, use_default_graph_as_union=union, substitutions=substitutions)
    if isinstance(answer, ox.QueryBoolean):
        return "boolean", bool(answer)
    if isinstance(answer, ox.QuerySolutions):
        # pyoxigraph's own SPARQL-JSON writer: fast, and exact for every term.
        return "solutions", answer.serialize(format=ox.QueryResultsFormat.JSON)
    return "triples", ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) or b""


class SandboxedReader:
    """One confined worker process that evaluates queries on the data it was given.

    The process is started once and kept; ``open`` points it at a store directory
    (opened read-only), ``load`` gives it data to hold in memory, ``query`` runs a
    query there. ``kg.store.EmbeddedStore.query`` uses one per Python process
    (``shared_reader``).
    """

    def __init__(self):
        # A fresh interpreter (python -m kg.sandbox), not multiprocessing's spawn: spawn
        # re-imports the caller's __main__, which breaks scripts without a main guard.
        parent, child = socket.socketpair()
        package_root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        try:
            self.proc = subprocess.Popen([sys.executable, "-m", "kg.sandbox", str(child.fileno())], pass_fds=[child.fileno()], stdin=subprocess.DEVNULL, env=env)
        finally:
            child.close()
        self.conn = Connection(parent.detach())
        self.holding = None  # what the worker has open: a key chosen by the caller
        message = self.conn.recv() if self.conn.poll(120) else ("failed", "the query process did not start in time")
        if message[0] != "ready":
            self.close()
            raise SandboxError(f"cannot start a confined query process: {message[1]}")

    def open(self, path, key):
        """Make the worker read the store directory ``path`` (read-only)."""
        self._call(("open", str(path)))
        self.holding = key

    def load(self, nquads, key):
        """Make the worker hold these N-Quads in memory."""
        self._call(("load", nquads))
        self.holding = key

    def query(self, sparql, *, prefixes=None, union=True, substitutions=None):
        """Evaluate in the worker.

        Returns:
            ("boolean", bool), ("solutions", SPARQL-JSON bytes) or ("triples", N-Triples bytes).

        Raises:
            SyntaxError: on a SPARQL syntax error.
            OSError: when evaluation fails (a refused connection among others).
        """
        return self._call(("query", sparql, prefixes, union, substitutions))

    def _call(self, message):
        try:
            self.conn.send(message)
            reply = self.conn.recv()
        except (EOFError, OSError):
            self.close()
            raise OSError("the query process died") from None
        if reply[0] == "syntax":
            raise SyntaxError(reply[1])
        if reply[0] == "failed":
            self.holding = None
            raise OSError(reply[1])
        return reply[1:]

    @property
    def alive(self):
        return self.proc.poll() is None

    def close(self):
        self.holding = None
        try:
            self.conn.close()
        finally:
            try:
                self.proc.wait(5)  # it leaves on EOF
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


_shared = None
_shared_lock = threading.Lock()


def sandboxed_query(key, provide, sparql, **kwargs):
    """Run a query in this process's confined reader (started on first use, again if it died).

    Args:
        key: what the query must see, e.g. (store number, generation); when the reader
            holds something else, ``provide(reader, key)`` gives it the data first.
        provide: calls ``reader.open(path, key)`` or ``reader.load(nquads, key)``.
        sparql, kwargs: as SandboxedReader.query.
    """
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.alive:
            _shared = SandboxedReader()
        if _shared.holding != key:
            provide(_shared, key)
        return _shared.query(sparql, **kwargs)


if __name__ == "__main__":
    # python -m kg.sandbox FD: the confined reader on the socket FD (see SandboxedReader).
    _reader_main(Connection(int(sys.argv[1])))
