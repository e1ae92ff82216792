"""Writing files: the one atomic writer, and the checks made before any work is done.

kg never leaves half a file: every output goes to a temporary file in the same folder,
is flushed to disk, then renamed over the target. A set of outputs that belong together
(``kg build``'s graph.trig, graph.json, graph.graphml and graph.html) is written whole
or not at all, so a full disk leaves the previous set as it was. Failures are
:class:`~kg.errors.KGError` with one line naming the file.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "a.txt", "hello")
>>> (folder / "a.txt").read_text()
'hello'
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .errors import KGError


def _reason(e):
    return e.strerror or str(e)


def check_output_dir(path):
    """Make sure ``path`` is (or can be made) a folder kg can write into, before any work.

    ``kg build`` calls this before it touches the store, so that a bad ``--out`` costs
    nothing. The folder is created if missing, and a probe file is written and removed:
    permissions, read-only file systems and a file in the way all show up here.

    Raises:
        KGError: one line, naming the folder and the reason.
    """
    path = Path(path)
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise KGError(f"cannot write outputs to {path}: {existing} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path, prefix=".kg-probe-"):
            pass
    except OSError as e:
        raise KGError(f"cannot write outputs to {path}: {_reason(e)}") from None


def write_atomic(path, data):
    """Write text (UTF-8) or bytes to ``path`` atomically: a reader sees the old file or the new one.

    Raises:
        KGError: when the folder cannot be made or the file cannot be written (a full disk,
            no permission); no temporary file is left behind.
    """
    write_all({path: data})


def write_all(outputs):
    """Write several files so that either all of them are replaced or none is.

    Args:
        outputs: ``{path: text or bytes}``.

    Raises:
        KGError: as :func:`write_atomic`; the files already there are left untouched.
    """
    temps = []
    try:
        for path, data in outputs.items():
            temps.append((_write_temp(Path(path), data), Path(path)))
        for tmp, path in temps:
            os.replace(tmp, path)
    except OSError as e:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        failed = getattr(e, "kg_path", None) or (e.filename or "output")
        raise KGError(f"cannot write {failed}: {_reason(e)}") from None
    except BaseException:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise


def _write_temp(path, data):
    """The name of a complete, synced temporary file beside ``path`` holding ``data``."""
    try:
        if path.parent.exists() and not path.parent.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        e.kg_path = path
        raise
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file 0600; give it the mode a plain open() would have.
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            e.kg_path = path
        raise
    return tmp


def _umask():
    try:  # Linux: read it without changing it (os.umask is process-wide, not thread-safe)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
