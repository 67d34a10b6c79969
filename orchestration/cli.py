"""`chancery build` / `chancery summary`: run the Dagster asset graph in-process from a shell.

The build runs the very job the schedules run (`build_warehouse_job`), with the sources as run
config and the warehouse path as the resource, on an ephemeral Dagster instance unless
DAGSTER_HOME is set. Output is a short summary; a failure is one line on stderr and a non-zero
exit (the traceback only with --verbose).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import re
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_FAILED = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure the user can act on, reported as one line."""


def _one_line(text: str) -> str:
    lines = [ln.strip() for ln in str(text).strip().splitlines() if ln.strip()]
    return lines[0] if lines else "unknown error"


def _check_warehouse_path(path: Path) -> None:
    """Fail early, in one line, when the warehouse cannot be written where asked."""
    if path.exists() and not path.is_file():
        raise CliError(f"warehouse {path} exists and is not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create warehouse folder {path.parent}: {exc.strerror or exc}") from exc
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise CliError(f"warehouse folder {path.parent} is not writable")


def _instance():
    """The Dagster instance: $DAGSTER_HOME's when set (runs show up in the UI), else in-memory."""
    from dagster import DagsterInstance

    if os.environ.get("DAGSTER_HOME"):
        return DagsterInstance.get()
    return DagsterInstance.ephemeral()


class _RichReporter:
    """Draws one progress line per build phase on stderr."""

    def __init__(self, progress: Any) -> None:
        self.progress = progress
        self.task: Any = None

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            task = self.progress.tasks[-1]
            self.progress.update(self.task, total=task.completed or 1, completed=task.completed or 1)
        self.task = self.progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)


_DBT_FAILED_NODE = re.compile(r"\d+ of \d+ (?:FAIL \d+|ERROR creating [\w ]+?|ERROR)\s+([\w.]+)")


def _error_line(err: Any) -> str:
    """One line for one serialized error: dbt failures name the failing nodes."""
    message = err.message.split(": ", 1)[1] if ": " in err.message.split("\n", 1)[0] else err.message
    if err.cls_name == "DagsterDbtCliRuntimeError":
        failed = list(dict.fromkeys(_DBT_FAILED_NODE.findall(message)))
        if failed:
            more = f" (+{len(failed) - 1} more)" if len(failed) > 1 else ""
            return f"dbt build failed at {failed[0]}{more}"
        return "dbt build failed"
    return f"{err.cls_name}: {_one_line(message)}"


@contextlib.contextmanager
def _progress_bar() -> Any:
    """A transient rich progress display on stderr, fed by the assets through `progress`."""
    from rich import progress as rp
    from rich.console import Console

    from orchestration import progress

    bar = rp.Progress(rp.TextColumn("{task.description:<18}"), rp.BarColumn(), rp.MofNCompleteColumn(),
                      rp.TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    with bar:
        progress.set_reporter(_RichReporter(bar))
        try:
            yield bar
        finally:
            progress.set_reporter(None)


def _failure_reason(result: Any) -> str:
    """The innermost error of the first failed step (or of the run), as one line."""
    for event in result.all_events:
        data = event.step_failure_data if event.is_step_failure else None
        err = data.error if data else None
        if err is None and event.event_type_value in ("RUN_FAILURE", "RESOURCE_INIT_FAILURE"):
            err = getattr(event.event_specific_data, "error", None)
        if err is None:
            continue
        while err.cause is not None:
            err = err.cause
        step = f" in {event.step_key}" if event.step_key else ""
        return f"build failed{step}: {_error_line(err)}"
    return "build failed (no error reported)"


def _failure_details(result: Any) -> str:
    """Every failure event in full, for the build log."""
    out = []
    for event in result.all_events:
        if event.is_failure or event.event_type_value == "RESOURCE_INIT_FAILURE":
            out.append(f"{event.event_type_value} {event.step_key or ''}: {event.message or ''}")
            err = getattr(event.event_specific_data, "error", None)
            while err is not None:
                out.append(err.to_string())
                err = err.cause
    return "\n".join(out)


def build_log_path(warehouse: Path) -> Path:
    """Where a quiet build writes what it did not print (dbt output, failures in full)."""
    from warehouse.paths import build_dir

    return build_dir(warehouse) / "last-build.log"


def _run_build(sources: Sequence[str], warehouse: Path, verbose: bool) -> dict[str, Any]:
    from orchestration.run import materialization_metadata, run_build

    log_path = build_log_path(warehouse)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if not verbose:
            # dagster-dbt echoes dbt's output on stdout; a quiet build keeps it in the log file
            log = stack.enter_context(open(log_path, "w", encoding="utf-8"))
            stack.enter_context(contextlib.redirect_stdout(log))
            if sys.stderr.isatty():
                stack.enter_context(_progress_bar())
        # quiet mode: nothing from Dagster on the console; the failure reason is printed by us
        result = run_build(sources, warehouse, instance=stack.enter_context(_instance()),
                           log_level="INFO" if verbose else "CRITICAL")
        if not result.success and not verbose:
            print(_failure_details(result))
    if not result.success:
        reason = _failure_reason(result)
        raise CliError(reason if verbose else f"{reason} (log: {log_path})")
    return {**materialization_metadata(result, "raw_articles"),
            **materialization_metadata(result, "extracted_events"),
            **materialization_metadata(result, "published_warehouse")}


def _print_counts(counts: dict[str, Any], warehouse: Path) -> None:
    def n(key: str) -> str:
        v = counts.get(key)
        return "-" if v is None else f"{v:,}"

    print(f"warehouse   {warehouse}")
    print(f"articles    {n('articles')}" + (
        f"  (new {n('new')}, updated {n('updated')}, unchanged {n('unchanged')})" if "new" in counts else ""))
    for label in ("statements", "sanctions", "contacts"):  # + rows extracted by this run, per type
        extracted = f"  ({n('new_' + label)} extracted in this build)" if f"new_{label}" in counts else ""
        print(f"{label:<12}{n(label)}{extracted}")
    this_build = f"  ({n('rejected')} in this build)" if "rejected" in counts else ""
    print(f"rejects     {n('rejects')}{this_build}")


def cmd_build(args: argparse.Namespace) -> int:
    from orchestration.paths import SAMPLE_DIR

    warehouse = Path(args.warehouse).expanduser().absolute()
    sources = args.source or [str(SAMPLE_DIR)]
    if not args.source and not SAMPLE_DIR.exists():
        raise CliError(f"no --source given and the bundled sample {SAMPLE_DIR} is missing")
    _check_warehouse_path(warehouse)
    started = time.monotonic()
    counts = _run_build(sources, warehouse, args.verbose)
    _print_counts(counts, warehouse)
    print(f"took        {time.monotonic() - started:.1f} s")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from warehouse.read import summary

    warehouse = Path(args.warehouse).expanduser().absolute()
    if not warehouse.is_file():
        raise CliError(f"no warehouse at {warehouse}; run `chancery build` first")
    _print_counts(summary(warehouse), warehouse)
    return 0


def _day(value: str | None) -> Any:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"not a date (YYYY-MM-DD): {value!r}") from None


def cmd_reextract(args: argparse.Namespace) -> int:
    """Re-run the extractor over the articles published in [--since, --until] (default: all of
    them), then dbt build and publish: how a change to the extraction rules is rolled out."""
    from orchestration.partitions import run_reextract
    from orchestration.run import materialization_metadata

    warehouse = Path(args.warehouse).expanduser().absolute()
    if not warehouse.is_file():
        raise CliError(f"no warehouse at {warehouse}; run `chancery build` first")
    since, until = _day(args.since), _day(args.until)
    started = time.monotonic()
    log_path = build_log_path(warehouse)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        if not args.verbose:
            log = stack.enter_context(open(log_path, "w", encoding="utf-8"))
            stack.enter_context(contextlib.redirect_stdout(log))
        try:
            results = run_reextract(warehouse, since, until, instance=stack.enter_context(_instance()),
                                    log_level="INFO" if args.verbose else "CRITICAL")
        except ValueError as exc:
            raise CliError(str(exc)) from exc
        result = results[-1]
        if not result.success and not args.verbose:
            print(_failure_details(result))
    if not result.success:
        raise CliError(_failure_reason(result) + ("" if args.verbose else f" (log: {log_path})"))
    meta = materialization_metadata(results[0], "reextracted_days")
    print(f"re-extracted {meta.get('articles_reextracted', 0):,} articles "
          f"({meta.get('first_day')} .. {meta.get('last_day')}"
          f"{', undated included' if meta.get('include_unpartitioned') else ''})")
    _print_counts(materialization_metadata(result, "published_warehouse"), warehouse)
    print(f"took        {time.monotonic() - started:.1f} s")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from orchestration.paths import default_warehouse

    ap = argparse.ArgumentParser(prog="chancery",
                                 description="News-event warehouse (DuckDB + dbt + Dagster).")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="pull sources, extract events, dbt build, publish the warehouse")
    b.add_argument("--source", action="append", metavar="PATH_OR_URL",
                   help="file, folder, glob or http(s) URL; repeatable (default: the bundled sample)")
    b.add_argument("--warehouse", default=str(default_warehouse()), metavar="FILE",
                   help="published DuckDB file (default: data/warehouse.duckdb)")
    b.add_argument("-v", "--verbose", action="store_true", help="Dagster logs and tracebacks")
    b.set_defaults(func=cmd_build)
    r = sub.add_parser("reextract", help="re-extract the articles of a range of published days "
                       "(default: all), dbt build, publish — how a rules change is rolled out")
    r.add_argument("--since", metavar="YYYY-MM-DD", help="first published day (UTC)")
    r.add_argument("--until", metavar="YYYY-MM-DD", help="last published day (UTC), inclusive")
    r.add_argument("--warehouse", default=str(default_warehouse()), metavar="FILE")
    r.add_argument("-v", "--verbose", action="store_true", help="Dagster logs and tracebacks")
    r.set_defaults(func=cmd_reextract)
    s = sub.add_parser("summary", help="row counts of a published warehouse")
    s.add_argument("--warehouse", default=str(default_warehouse()), metavar="FILE")
    s.add_argument("-v", "--verbose", action="store_true")
    s.set_defaults(func=cmd_summary)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not args.verbose:
        warnings.filterwarnings("ignore")
        logging.getLogger("dagster").setLevel(logging.WARNING)
    try:
        return args.func(args)
    except CliError as exc:
        print(f"chancery: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("chancery: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.verbose:
            raise
        print(f"chancery: {type(exc).__name__}: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
