"""A process-local hook through which assets report progress to whoever runs them in-process.

Assets call `stage()` / `advance()`; by default nothing listens. The CLI installs a reporter that
draws a progress bar. This keeps the assets free of any terminal code, and a run launched by the
Dagster daemon (another process) simply reports to nobody.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Protocol

# Fault injection, for the crash tests only (tests/test_crash_*.py, bench/bench_reliability.py):
# CHANCERY_PAUSE_AT="<stage>:<n>" makes the build announce itself on stderr and sleep once stage
# <stage> has reported <n> items done (n=0: as the stage starts), so a test can `kill -9` it at a
# known point. Unset (always, outside those tests) it costs one dict lookup per call.
PAUSE_ENV = "CHANCERY_PAUSE_AT"
PAUSED_LINE = "chancery: paused for fault injection at"
_stage_name: str | None = None
_stage_done = 0


class Reporter(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...


_reporter: Reporter | None = None


def set_reporter(reporter: Reporter | None) -> None:
    """Install (or with None remove) the reporter for this process."""
    global _reporter
    _reporter = reporter


def stage(name: str, total: int | None = None) -> None:
    """A new phase starts; `total` is the number of items it will handle, when known."""
    global _stage_name, _stage_done
    _stage_name, _stage_done = name, 0
    _maybe_pause()
    if _reporter is not None:
        _reporter.stage(name, total)


def advance(n: int = 1) -> None:
    """`n` more items of the current phase are done."""
    global _stage_done
    _stage_done += n
    if _reporter is not None:
        _reporter.advance(n)
    _maybe_pause()


def _maybe_pause() -> None:
    spec = os.environ.get(PAUSE_ENV)
    if not spec:
        return
    name, _, n = spec.rpartition(":")
    if name == _stage_name and n.isdigit() and _stage_done >= int(n):
        print(f"{PAUSED_LINE} {spec}", file=sys.stderr, flush=True)
        time.sleep(3600)
