"""A process-local hook through which assets report progress to whoever runs them in-process.

Assets call `stage()` / `advance()`; by default nothing listens. The CLI installs a reporter that
draws a progress bar. This keeps the assets free of any terminal code, and a run launched by the
Dagster daemon (another process) simply reports to nobody.
"""

from __future__ import annotations

from typing import Protocol


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
    if _reporter is not None:
        _reporter.stage(name, total)


def advance(n: int = 1) -> None:
    """`n` more items of the current phase are done."""
    if _reporter is not None:
        _reporter.advance(n)
