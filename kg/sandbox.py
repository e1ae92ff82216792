"""Threads and processes that cannot reach the network: where kg evaluates SPARQL.

Oxigraph evaluates ``SERVICE`` and ``LOAD`` by opening HTTP connections. kg refuses
both before evaluation, but a refusal that rests on reading the query text is only
as good as the reader's agreement with Oxigraph's parser (comments ended by a lone
carriage return, ``\\u`` escapes and the like have fooled such readers). So the
guarantee is made by the operating system instead: SPARQL is evaluated only where a
seccomp filter refuses ``socket()`` for every address family but ``AF_UNIX``. No
query text can open a connection from there.

The filter is a dozen classic-BPF instructions written here and installed with the
``seccomp`` system call through ctypes: no dependency, and nothing to configure.
It is never installed on a caller's threads (a Jupyter kernel needs its sockets):
only in processes kg starts for the purpose (``kg.server.workers``, all threads),
and on one thread kg starts in the caller's process (``run_confined``), whose
filter (installed without TSYNC) binds that thread and the threads it starts. The
embedded store runs every query and update there, on its own handle: no copy of
the data, no second process, no serialisation of the answers.

>>> filter_program("x86_64")[:2]  # load the architecture, compare with x86-64
[(32, 0, 0, 4), (21, 1, 0, 3221225534)]
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import queue
import struct
import sys
import threading
import traceback
from concurrent.futures import Future

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


#: glibc's mallopt parameter for the number of malloc arenas.
_M_ARENA_MAX = -8


def limit_memory(max_bytes):
    """Bound this process's address space (RLIMIT_AS); allocations past it fail.

    glibc reserves 64 MB of address space for each malloc arena, and makes a new arena
    whenever a thread finds the others busy: how many a process holds depends on timing.
    Opening a store starts RocksDB's threads, so a worker's address space could be 200 MB or
    500 MB for the same work, and under a limit a thread could fail to start only when the
    machine was busy. Two arenas make the limit measure what the query allocates."""
    if max_bytes:
        import resource

        try:
            ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 2)
        except (OSError, AttributeError):
            pass  # not glibc: its allocator keeps no such reserve
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
                    future.set_exception(_detached(e))
            # Hold nothing between calls: a bound method would keep its store open.
            del fn, args, kwargs, future

    def call(self, fn, args, kwargs):
        future = Future()
        self.tasks.put((fn, args, kwargs, future))
        return future.result()


def _detached(error):
    """The error without its frames, which die here: they may hold pyoxigraph objects
    that must be dropped on the thread that made them. Where it came from stays
    readable, as a note."""
    tb = "".join(traceback.format_tb(error.__traceback__))
    for e in (error, error.__context__, error.__cause__):
        if e is not None:
            e.__traceback__ = None
    error.add_note(f"(raised on kg's confined thread)\n{tb.rstrip()}")
    return error


_confined = None
_confined_lock = threading.Lock()


def run_confined(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` on this process's confined thread, which cannot open network sockets.

    For work that must run in the caller's process: ``EmbeddedStore`` queries and
    updates its own handle here (a store on disk has one read-write opener, so its
    data cannot be handed to another process without a copy). ``fn`` must do all its
    evaluation before it returns (no lazy iterators). Calls run one at a time, in
    order; a call made from the confined thread itself runs at once.

    Raises:
        SandboxError: when the filter cannot be installed; otherwise what ``fn`` raises.
    """
    global _confined
    with _confined_lock:
        if _confined is None or _confined.pid != os.getpid():  # a forked child has no such thread
            _confined = _ConfinedThread()
        worker = _confined
    if threading.current_thread() is worker.thread:
        return fn(*args, **kwargs)
    return worker.call(fn, args, kwargs)
