"""Which build of the extraction modules to import: compiled (setup.py, Cython) or source.

Why: a compiled module sits beside its source and Python's import system prefers it, so after
an edit the old rules would silently keep running. The build records the hash of every source
it compiled; when one differs (or CHANCERY_PURE_PYTHON is set) this package imports its modules
from source. Kept out of the compiled set on purpose.
"""

from __future__ import annotations

import hashlib
import importlib.machinery as machinery
import json
import os
import sys
import warnings
from pathlib import Path

MANIFEST = "_compiled.json"


def stale_modules(directory: Path) -> list[str]:
    """Compiled modules in `directory` whose source is not the one they were compiled from."""
    compiled = {p.name.split(".")[0] for s in machinery.EXTENSION_SUFFIXES for p in directory.glob(f"*{s}")}
    if not compiled:
        return []
    try:
        hashes = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        hashes = {}
    stale = []
    for name in sorted(compiled):
        for src in (directory / f"{name}.py", directory / f"{name}.pyx"):
            if src.exists() and hashes.get(name) != hashlib.sha256(src.read_bytes()).hexdigest():
                stale.append(name)
    return stale


def use_sources_if_stale(package_path: list[str]) -> bool:
    """Import this package's modules from source when asked to or when a build is stale.
    Returns True when sources are used in place of a compiled build."""
    directory = Path(package_path[0])
    forced = bool(os.environ.get("CHANCERY_PURE_PYTHON"))
    stale = [] if forced else stale_modules(directory)
    if not (forced or stale):
        return False
    if not forced:
        warnings.warn(
            f"compiled extraction modules are older than their sources ({', '.join(stale)}): "
            "running the Python sources; `make compile` rebuilds them",
            RuntimeWarning,
            stacklevel=3,
        )
    # submodules are found through the path-entry finder cached for the package directory: one
    # that knows only source and bytecode loaders never sees the extension modules
    for entry in package_path:
        sys.path_importer_cache[entry] = machinery.FileFinder(
            entry,
            (machinery.SourceFileLoader, machinery.SOURCE_SUFFIXES),
            (machinery.SourcelessFileLoader, machinery.BYTECODE_SUFFIXES),
        )
    return True
