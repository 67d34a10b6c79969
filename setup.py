"""Build hook: compile the extraction rule modules with Cython when the build can.

Why: extraction is pure Python, and the same sources compiled as they are (no Cython types, so
Python semantics) run about 10-15 % faster per core (`python bench/bench_extraction.py`), which
is what keeps the per-core target on this hardware. The Python sources stay the reference:
- each extension is optional: no compiler means a warning and the pure-Python package;
- `CHANCERY_PURE_PYTHON=1` at install time skips compiling altogether;
- `_compiled.json` records the hash of each source compiled, and ingestion/extraction/__init__.py
  imports the sources instead when any of them changed since (an edited rule never runs stale).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "ingestion" / "extraction"


def _extensions() -> list:
    if os.environ.get("CHANCERY_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # a build without Cython (e.g. --no-build-isolation): pure Python
        return []
    # _build.py and __init__.py decide what to import: they stay Python. The .pyx modules are
    # C-typed speed-ups that exist only compiled; their Python callers keep a reference path.
    sources = sorted(p for p in PACKAGE.glob("*.py") if not p.name.startswith("_"))
    sources += sorted(PACKAGE.glob("*.pyx"))
    manifest = {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in sources}
    (PACKAGE / "_compiled.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    exts = cythonize(
        [str(p.relative_to(HERE)) for p in sources],
        build_dir="build/cython",  # generated C stays out of the source tree
        # annotation_typing off: type hints stay hints (Cython would otherwise turn some into C
        # types and change behaviour, e.g. a dict[str, bool] lookup result can no longer be None)
        compiler_directives={"language_level": 3, "annotation_typing": False},
        quiet=True,
    )
    for ext in exts:
        ext.optional = True  # a failed compile leaves that module in pure Python
    return exts


setup(ext_modules=_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
