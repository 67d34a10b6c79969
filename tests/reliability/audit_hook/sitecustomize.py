"""Loaded by every Python process of a build when this folder is on PYTHONPATH (chancery and the
dbt it starts): logs each file opened for writing, and each open of the watched paths, to
$CHANCERY_AUDIT_LOG (one JSON line per event). Used by the bad-input test to prove that a build
writes only where it should and never reads the canary file an XXE entity points at."""

import json
import os
import sys

_LOG = os.environ.get("CHANCERY_AUDIT_LOG")
_WATCH = tuple(p for p in os.environ.get("CHANCERY_AUDIT_WATCH", "").split(os.pathsep) if p)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _hook(event, args):
    if event != "open" or not _LOG:
        return
    path, mode, flags = args
    if not isinstance(path, (str, bytes, os.PathLike)):
        return  # an fd
    path = os.fsdecode(path)
    if path == _LOG:
        return
    writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & _WRITE_FLAGS)
    watched = any(os.path.abspath(path) == w for w in _WATCH)
    if writing or watched:
        line = json.dumps({"pid": os.getpid(), "path": os.path.abspath(path), "write": writing})
        fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # not audited: os.open
        try:
            os.write(fd, (line + "\n").encode())
        finally:
            os.close(fd)


if _LOG:
    sys.addaudithook(_hook)
